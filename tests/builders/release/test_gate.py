"""The release gate: passes on a healthy corpus, fails naming the right expectation otherwise."""

from __future__ import annotations

import pytest

from drqa.builders.release.config import GateConfig, ShareBounds
from drqa.builders.release.gate import run_gate
from drqa.curation_ui.agreement import cohen_kappa
from drqa.errors import DrqaError
from drqa.testing.synthetic_release import write_synthetic_corpus
from drqa.workspace import Workspace
from tests.builders.conftest import release_sql

ONE_A = "(SELECT min(chain_id) FROM chains WHERE label = 'A')"


def test_healthy_corpus_passes_every_expectation(release_ws, tmp_path):
    result = run_gate(release_ws, docs_dir=tmp_path / "docs")
    assert result.passed, result.failure_line()
    statuses = {c.name: c.status for c in result.checks}
    assert statuses["Cohen's kappa, review vs automatic labels"] == "skipped"
    assert all(s == "pass" for n, s in statuses.items() if not n.startswith("Cohen"))
    assert result.metrics["b_over_a_tokens"] < 0.7
    assert (tmp_path / "docs" / "index.html").is_file()
    assert list((tmp_path / "docs" / "validations").rglob("*.html"))


CORRUPTIONS = {
    "duplicate id": (
        [
            "CREATE TABLE chains_nokey AS SELECT * FROM chains",
            "DROP TABLE chains",
            "ALTER TABLE chains_nokey RENAME TO chains",
            f"INSERT INTO chains SELECT * FROM chains WHERE chain_id = {ONE_A}",
        ],
        "unique chain_id",
    ),
    "contaminated problem": (
        [
            "UPDATE problems SET contaminated_by = ['gsm8k'] WHERE problem_id = "
            "(SELECT min(problem_id) FROM chains WHERE label IS NOT NULL)"
        ],
        "no problem overlaps an evaluation benchmark",
    ),
    "B from batch size 1": (
        [f"UPDATE chains SET label = 'B' WHERE chain_id = {ONE_A}"],
        "every B from batch size >= 2",
    ),
    "A from a batch": (
        [
            "UPDATE chains SET label = 'A' WHERE chain_id = "
            "(SELECT min(chain_id) FROM chains WHERE label = 'B')"
        ],
        "every A from batch size 1",
    ),
    "label outside A/B/C": (
        [f"UPDATE chains SET label = 'D' WHERE chain_id = {ONE_A}"],
        "labels in {A, B, C}",
    ),
    "B longer than A": (
        ["UPDATE chains SET total_tokens = total_tokens * 3 WHERE label = 'B'"],
        "mean B total_tokens / mean A total_tokens on shared problems",
    ),
    "chain without its problem": (
        [
            "DELETE FROM problems WHERE problem_id = "
            "(SELECT min(problem_id) FROM chains WHERE label IS NOT NULL)"
        ],
        "not null: problem",
    ),
    "too many timeouts": (
        [
            "UPDATE chains SET verify_status = 'timeout' WHERE chain_id IN "
            "(SELECT chain_id FROM chains ORDER BY chain_id LIMIT 20)"
        ],
        "timed-out share",
    ),
}


@pytest.mark.parametrize("kind", sorted(CORRUPTIONS))
def test_each_corruption_fails_the_named_expectation(release_ws, kind):
    statements, expected = CORRUPTIONS[kind]
    release_sql(release_ws, *statements)
    result = run_gate(release_ws)
    failed = {c.name for c in result.failed}
    assert not result.passed
    if kind == "chain without its problem":  # the missing join shows in gold_answer too,
        # and a problem that is not there was never checked for contamination
        assert failed == {
            "not null: problem", "not null: gold_answer", "contamination checked for every problem"
        }  # fmt: skip
    else:
        assert failed == {expected}, result.failure_line()
    assert expected in result.failure_line()


def test_a_failing_row_check_names_how_many_rows_and_examples(release_ws):
    release_sql(release_ws, f"UPDATE chains SET label = 'D' WHERE chain_id = {ONE_A}")
    result = run_gate(release_ws)
    (check,) = [c for c in result.failed if c.name == "labels in {A, B, C}"]
    assert check.observed == f"1 of {result.n_candidates}, e.g. D"


def test_label_share_bounds_come_from_config(release_ws):
    config = GateConfig(label_shares={"C": ShareBounds(min=0.5, max=1.0)})
    result = run_gate(release_ws, config)
    assert {c.name for c in result.failed} == {"share of C labels"}


def test_gate_config_rejects_unknown_fields_and_bad_bounds():
    with pytest.raises(ValueError, match="extra"):
        GateConfig(max_unsplitable_share=0.1)
    with pytest.raises(ValueError, match="swap"):
        ShareBounds(min=0.9, max=0.1)


def test_missing_column_is_one_line(release_ws):
    release_sql(release_ws, "ALTER TABLE chains DROP COLUMN total_tokens")
    with pytest.raises(DrqaError, match=r"chains\.total_tokens") as info:
        run_gate(release_ws)
    assert "\n" not in str(info.value)


def test_empty_and_missing_workspaces_are_one_line(tmp_path):
    with pytest.raises(DrqaError, match="no drqa workspace"):
        run_gate(tmp_path / "nowhere")
    empty = Workspace.resolve(tmp_path / "empty")
    with empty.write("create"):
        pass
    with pytest.raises(DrqaError, match="nothing to check"):
        run_gate(empty)


@pytest.mark.parametrize("n_problems,sizes", [(1, (1,)), (2, (1, 2)), (3, (2,))])
def test_tiny_corpus_runs_and_names_failures(tmp_path, n_problems, sizes):
    ws = Workspace.resolve(tmp_path / "tiny")
    write_synthetic_corpus(ws, n_problems, batch_sizes=sizes, correct_rate=1.0,
                           unsplittable_rate=0.0)  # fmt: skip
    result = run_gate(ws)
    assert len(result.checks) >= 30
    if sizes == (1,):  # no B at all: shares and the token comparison cannot hold
        failed = {c.name for c in result.failed}
        assert "share of B labels" in failed
        assert "problems with both A and B" in failed
        token_check = next(c for c in result.checks if c.name.startswith("mean B"))
        assert token_check.status == "fail" and token_check.observed == "not computable"


def _has_reviews(ws: Workspace) -> bool:
    with ws.read() as con:
        rows = con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        names = {r[0] for r in rows}
    return {"reviews", "review_consensus"} <= names


def _add_reviews(ws: Workspace, n: int, agree: bool) -> None:
    flip = "label" if agree else "CASE label WHEN 'C' THEN 'A' ELSE 'C' END"
    release_sql(
        ws,
        f"""INSERT INTO reviews (dataset, chain_id, record_id, reviewer, reviewer_id, label,
                                 submitted_at, pulled_at)
            SELECT 'round-1', chain_id, chain_id, 'ann', 'ann-id', {flip}, now(), now()
            FROM chains WHERE label IS NOT NULL ORDER BY chain_id LIMIT {n}""",
    )


@pytest.mark.parametrize("agree", [True, False])
def test_kappa_runs_when_reviews_exist(release_ws, agree):
    if not _has_reviews(release_ws):
        pytest.skip("the review migration (0004) is not in this build")
    _add_reviews(release_ws, 40, agree)
    result = run_gate(release_ws)
    kappa = next(c for c in result.checks if c.name.startswith("Cohen"))
    assert kappa.status == ("pass" if agree else "fail")
    assert result.metrics["n_reviewed"] == 40


def test_cohen_kappa_matches_the_textbook_value():
    # 50 items: rater1 yes 25 / rater2 yes 30, 35 agreements -> kappa 0.4 (Wikipedia's example)
    first = ["y"] * 20 + ["y"] * 5 + ["n"] * 10 + ["n"] * 15
    second = ["y"] * 20 + ["n"] * 5 + ["y"] * 10 + ["n"] * 15
    assert cohen_kappa(first, second) == pytest.approx(0.4)
    assert cohen_kappa([], []) is None  # the gate's metrics frame turns this into NaN


def test_data_docs_compile_each_template_once_per_process(release_ws, tmp_path, monkeypatch):
    import jinja2

    run_gate(release_ws, docs_dir=tmp_path / "first")
    compiled, compile_ = [], jinja2.Environment.compile

    def counted(self, *args, **kwargs):
        compiled.append(args)
        return compile_(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    run_gate(release_ws, docs_dir=tmp_path / "second")
    assert compiled == []  # every page's templates came from the shared bytecode cache
    assert (tmp_path / "second" / "index.html").is_file()
    assert list((tmp_path / "second" / "validations").rglob("*.html"))


def test_candidates_are_put_in_chain_id_order_as_an_ordered_query_gives():
    import duckdb

    from drqa.builders.release.gate_data import _in_key_order

    con = duckdb.connect()
    rows = """SELECT 'c-' || ((i * 7919) % 301) AS chain_id, i AS n, [i] AS pair,
                     CASE WHEN i % 3 = 0 THEN NULL ELSE 'é' || i END AS text
              FROM range(301) t(i)"""  # fmt: skip
    got = _in_key_order(con.sql(rows))
    assert got.equals(con.sql(f"{rows} ORDER BY chain_id").to_arrow_table())
