"""A verifier worker process: JSON lines in (chunks of pairs, or of responses to split), JSON
lines out (one verdict, or one response's chains, each).

:class:`WorkerProcess` is the parent's side of the pipe. Started by
:class:`drqa.labeling.verifier.VerifierPool` as ``python -m drqa.labeling.verify_worker
TIMEOUT_S``; it judges in its main thread, so the per-pair alarm works.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from collections import deque

from drqa.labeling.judge import judge_with_alarm, quiet_math_verify, warm_up

START_S = 180.0  # a worker that has not imported and warmed up by then is replaced


class WorkerProcess:
    """The parent's handle on one ``python -m drqa.labeling.verify_worker`` process and the pairs
    (or responses to split) it holds (see :class:`drqa.labeling.verifier.VerifierPool`)."""

    def __init__(self, timeout_s: float) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "drqa.labeling.verify_worker", str(timeout_s)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.pipe_bytes = _widen_pipes(self.process)  # what a write can hold without a reader
        self.fd = self.process.stdout.fileno()
        self.buffer = b""
        self.ready = False  # imports done and warmed up: only then does a pair's clock start
        self.in_flight: deque = deque()  # the items sent and not yet answered, in order
        self.deadline = time.monotonic() + START_S

    def send(self, chunk: list, hard_limit_s: float) -> None:
        self.in_flight.extend(chunk)
        self.process.stdin.write((json.dumps(chunk) + "\n").encode())
        self.process.stdin.flush()
        self.deadline = time.monotonic() + hard_limit_s

    def read_lines(self) -> list[str] | None:
        """The complete lines available now; ``None`` when the worker has exited."""
        data = os.read(self.fd, 1 << 16)
        if not data:
            return None
        self.buffer += data
        *lines, self.buffer = self.buffer.split(b"\n")
        return [line.decode() for line in lines]

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                stream.close()


def _widen_pipes(process: subprocess.Popen, size: int = 1 << 20) -> int:
    """Grow both pipes to ``size`` bytes where the system allows (Linux), so a chunk of long
    responses is written at once; the stdin pipe's size, 64 KiB when it cannot grow."""
    try:
        import fcntl

        for stream in (process.stdin, process.stdout):
            fcntl.fcntl(stream.fileno(), fcntl.F_SETPIPE_SZ, size)
        return fcntl.fcntl(process.stdin.fileno(), fcntl.F_GETPIPE_SZ)
    except (ImportError, AttributeError, OSError):
        return 1 << 16


def main(argv: list[str] | None = None) -> None:
    """Serve chunks ``[[id, gold, answer], ...]`` (or of responses to split:
    :func:`drqa.labeling.split_jobs.job_payload`) from stdin until it closes."""
    from drqa.labeling.split_jobs import answer as split_answer

    args = sys.argv[1:] if argv is None else argv
    timeout_s = float(args[0]) if args else 5.0
    quiet_math_verify()
    # Import math-verify and warm its LaTeX parser and sympy with no clock running: an alarm
    # firing half-way through an import leaves a broken module behind, and every later pair
    # would fail. The parent starts a pair's clock only after "ready".
    warm_up()
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        for item in json.loads(line):
            if len(item) != 3:  # a response to split (drqa.labeling.split_jobs)
                out.write(json.dumps(split_answer(item)) + "\n")
                out.flush()
                continue
            item_id, gold, answer = item
            status, detail = judge_with_alarm(gold, answer, timeout_s)
            out.write(json.dumps([item_id, status, detail]) + "\n")
            out.flush()
    os._exit(0)  # stdin closed: skip tearing down sympy's caches (a second or so)


if __name__ == "__main__":
    main()
