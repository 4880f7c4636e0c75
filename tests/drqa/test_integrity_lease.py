"""drqa.lease: one process per run; a second one gets one line naming the holder, or waits."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from drqa.exit_codes import BAD_INPUT
from drqa.lease import LeaseHeld, lease, lease_path


def test_second_holder_is_refused_with_the_pid(tmp_path):
    with (
        lease(tmp_path, "generate", "run-1", purpose="drqa generate run-1"),
        pytest.raises(LeaseHeld) as caught,
        lease(tmp_path, "generate", "run-1", purpose="drqa generate run-1"),
    ):
        pass
    message = str(caught.value)
    assert "\n" not in message and "'run-1'" in message and f"pid {os.getpid()}" in message
    assert caught.value.exit_code == BAD_INPUT
    with lease(tmp_path, "generate", "run-1", purpose="again"):  # released after the block
        pass


def test_other_keys_and_kinds_do_not_conflict(tmp_path):
    with (
        lease(tmp_path, "generate", "run-1", purpose="a"),
        lease(tmp_path, "generate", "run-2", purpose="b"),
        lease(tmp_path, "eval", "run-1", purpose="c"),
    ):
        pass
    assert lease_path(tmp_path, "generate", "a/b") != lease_path(tmp_path, "generate", "a_b")


def test_wait_queues_behind_the_holder(tmp_path):
    order = []

    def second():
        with lease(tmp_path, "generate", "r", purpose="second", wait=True, poll_s=0.01):
            order.append("second")

    with lease(tmp_path, "generate", "r", purpose="first"):
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.1)
        order.append("first done")
    thread.join(5)
    assert order == ["first done", "second"]


def test_a_killed_holder_leaves_no_stale_lease(tmp_path):
    code = (
        "import sys,time; from pathlib import Path; from drqa.lease import lease\n"
        "with lease(Path(sys.argv[1]), 'generate', 'r', purpose='child'):\n"
        "    print('held', flush=True); time.sleep(60)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "held"
        with (
            pytest.raises(LeaseHeld, match=f"pid {child.pid}"),
            lease(tmp_path, "generate", "r", purpose="me"),
        ):
            pass
    finally:
        child.kill()
        child.wait()
    with lease(tmp_path, "generate", "r", purpose="me"):
        pass
