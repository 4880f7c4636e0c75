"""The gate alone reads no chain texts (issue 20): text checks run in DuckDB, with the same
outcome as on the texts themselves."""

from __future__ import annotations

import pytest

from drqa.builders.release.config import GateConfig
from drqa.builders.release.gate import read_workspace_gate_input, run_gate, run_gate_on_input
from drqa.builders.release.gate_data import GateInput
from drqa.builders.release.gate_metrics import gate_metrics
from tests.builders.conftest import release_sql

DUPLICATES = (
    "UPDATE chains SET reasoning = 'one text for many chains' WHERE chain_id IN "
    "(SELECT chain_id FROM chains WHERE label IS NOT NULL ORDER BY chain_id LIMIT 20)"
)


def _statuses(result) -> dict[str, str]:
    return {check.name: check.status for check in result.checks}


def test_gate_reads_stand_ins_for_texts_not_the_texts(release_ws):
    slim = read_workspace_gate_input(release_ws, GateConfig(), texts=False)
    full = read_workspace_gate_input(release_ws, GateConfig())
    assert not slim.texts and full.texts
    assert slim.candidates.columns == full.candidates.columns
    assert slim.candidates["chain"].str.len_bytes().max() == 0  # '' stands in for a text
    assert full.candidates["chain"].str.len_bytes().min() > 0
    assert slim.candidates.drop("problem", "gold_answer", "chain", "thinking",
                                "answer_section").equals(
        full.candidates.drop("problem", "gold_answer", "chain", "thinking", "answer_section")
    )  # fmt: skip


@pytest.mark.parametrize("corrupt", [False, True])
def test_duplicate_chain_share_in_duckdb_equals_the_share_on_texts(release_ws, corrupt):
    if corrupt:
        release_sql(release_ws, DUPLICATES)
    config = GateConfig()
    full = read_workspace_gate_input(release_ws, config)
    counts = {k: v for k, v in full.status_counts.items() if "chain_texts" not in k}
    on_texts = gate_metrics(GateInput(full.candidates, counts, full.has_reviews), config)
    result = run_gate(release_ws, config)
    assert result.metrics["duplicate_chain_share"] == on_texts["duplicate_chain_share"][0]
    assert (result.metrics["duplicate_chain_share"] > 0) == corrupt
    failed = {check.name for check in result.failed}
    assert ("duplicate chain text share" in failed) == corrupt
    # the release's read (texts and all) gives every check the same outcome
    assert _statuses(run_gate_on_input(full, config)) == _statuses(result)


def test_a_missing_text_fails_not_null_without_reading_texts(release_ws):
    release_sql(release_ws, "UPDATE chains SET reasoning = NULL WHERE chain_id = "
                "(SELECT min(chain_id) FROM chains WHERE label = 'A')")  # fmt: skip
    result = run_gate(release_ws)
    assert {check.name for check in result.failed} == {"not null: chain"}
