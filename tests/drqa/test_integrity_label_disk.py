"""Issue 19.7: `drqa label` commits per batch; when the disk fills mid-run the one line says
how many chains are stored (not "committed nothing"), exit 74, and a rerun continues.

The disk fills the way tests/builders/ingest/test_exit_codes.py fills it: the catalog's WAL
becomes a link to /dev/full (every write: ENOSPC), here after the first batch is committed."""

from __future__ import annotations

from pathlib import Path

import pytest

from drqa.builders.compose.config import ComposeConfig
from drqa.builders.compose.requests import compose_requests
from drqa.builders.generation.backends.replay import ReplayBackend
from drqa.builders.generation.config import GenerateConfig
from drqa.builders.generation.generate import run_generation
from drqa.errors import DrqaError
from drqa.exit_codes import DISK_FULL
from drqa.labeling import label_stage
from drqa.workspace import Workspace
from tests.builders.generation.test_generate import _make_pool

pytestmark = pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")


@pytest.fixture
def generated(tmp_path):
    ws = Workspace.resolve(tmp_path / "ws")
    _make_pool(ws, 12)
    composed = compose_requests(ws, ComposeConfig(batch_sizes=(1,)), GenerateConfig(model="m"))
    config = GenerateConfig(backend="replay", model="m")
    assert run_generation(ws, composed.run_id, config, backend=ReplayBackend(),
                          progress=False).done == 12  # fmt: skip
    return ws


def _chains(ws: Workspace) -> tuple[int, int]:
    with ws.read() as con:
        return con.execute("SELECT count(*), count(label) FROM chains").fetchall()[0]


def test_disk_full_mid_label_says_what_was_stored_and_a_rerun_continues(generated, monkeypatch):
    ws = generated
    wal = Path(str(ws.catalog_path) + ".wal")
    real_write = label_stage.write_batch

    def write_then_fill(*args, **kwargs):
        real_write(*args, **kwargs)
        if not wal.exists():
            wal.symlink_to("/dev/full")  # the next write finds the disk full

    monkeypatch.setattr(label_stage, "CHUNK_REQUESTS", 4)
    monkeypatch.setattr(label_stage, "write_batch", write_then_fill)
    with pytest.raises(DrqaError) as caught:
        label_stage.label_workspace(ws, workers=1, show_progress=False)
    message = str(caught.value)
    assert caught.value.exit_code == DISK_FULL and "\n" not in message
    assert "labelled 4 of 12 chains" in message and "rerun `drqa label`" in message
    assert "committed nothing" not in message

    wal.unlink()  # space freed
    assert _chains(ws) == (4, 0)  # the first batch whole, waiting for the rule
    monkeypatch.setattr(label_stage, "write_batch", real_write)
    summary = label_stage.label_workspace(ws, workers=1, show_progress=False)
    assert summary.chains_written == 8 and _chains(ws)[0] == 12
    with ws.read() as con:
        assert con.execute("SELECT count(*) FROM split_layouts").fetchall() == [(12,)]
        pending = con.execute("SELECT count(*) FROM chains WHERE label_reason = 'pending'")
        assert pending.fetchall() == [(0,)]
