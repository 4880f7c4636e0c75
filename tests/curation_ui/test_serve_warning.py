"""Issue 19, point 11: ``drqa review serve --host`` beyond loopback warns in one line."""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from drqa.cli import app
from drqa.curation_ui.server import network_exposure_warning, state_dir
from drqa.errors import DrqaError
from drqa.testing.synthetic_chains import insert_synthetic_chains, synthetic_chains
from drqa.workspace import Workspace


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_hosts_bind_quietly(host):
    assert network_exposure_warning(host) is None


@pytest.mark.parametrize(
    "host", ["0.0.0.0", "::", "192.168.1.20", "10.0.0.5", "no-such-host.invalid"]
)
def test_hosts_beyond_loopback_warn_in_one_line(host):
    warning = network_exposure_warning(host)
    assert warning is not None and "\n" not in warning
    assert host in warning and "annotators' responses to the network" in warning


def test_serve_prints_the_warning_before_starting(tmp_path):
    """The warning comes before any server work: here the start is refused (one already runs
    for the workspace, as server.json says), so nothing is started."""
    ws = Workspace.resolve(tmp_path / "ws")
    insert_synthetic_chains(ws, synthetic_chains(4, seed=1))
    (state_dir(ws) / "server.json").write_text(
        json.dumps({"url": "http://127.0.0.1:1", "pid": os.getpid()})
    )
    result = CliRunner().invoke(app, ["review", "serve", "-w", str(ws.root), "--host", "0.0.0.0"])
    assert isinstance(result.exception, DrqaError) and "already runs" in str(result.exception)
    assert "--host 0.0.0.0 serves this workspace's chains" in result.output
    quiet = CliRunner().invoke(app, ["review", "serve", "-w", str(ws.root)])
    assert isinstance(quiet.exception, DrqaError) and "to the network" not in quiet.output
