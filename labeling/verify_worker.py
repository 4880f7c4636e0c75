"""A verifier worker process: JSON lines in (chunks of pairs, or of responses to split), JSON
lines out (one verdict, or one response's chains, each).

:class:`WorkerProcess` is the parent's side of the pipe. Started by
:class:`drqa.labeling.verifier.VerifierPool` as ``python -m drqa.labeling.verify_worker
TIMEOUT_S``, or, where the parent has one thread and can fork (POSIX), as a fork of the parent
running the same :func:`main` (:class:`ForkedProcess`): it inherits the modules the parent has
imported (math-verify and sympy are most of a fresh worker's half-second start-up). Either way
it judges in its main thread, so the per-pair alarm works.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import deque

from drqa.labeling.judge import judge_with_alarm, quiet_math_verify, warm_up

START_S = 180.0  # a worker that has not imported and warmed up by then is replaced
FORK = hasattr(os, "fork")  # start workers as forks of this process where it is safe
_PARENT_FDS: set[int] = set()  # this process's ends of its workers' pipes (a fork closes them)


class WorkerProcess:
    """The parent's handle on one worker process (started or forked: see the module) and the pairs
    (or responses to split) it holds (see :class:`drqa.labeling.verifier.VerifierPool`)."""

    def __init__(self, timeout_s: float) -> None:
        if FORK and threading.active_count() == 1:  # forking a threaded process is unsafe
            self.process: subprocess.Popen | ForkedProcess = ForkedProcess(timeout_s)
        else:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "drqa.labeling.verify_worker", str(timeout_s)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        self.fds = {self.process.stdin.fileno(), self.process.stdout.fileno()}
        _PARENT_FDS.update(self.fds)
        self.pipe_bytes = _widen_pipes(self.process)  # what a write can hold without a reader
        self.fd = self.process.stdout.fileno()
        self.buffer = b""
        self.ready = False  # imports done and warmed up: only then does a pair's clock start
        self.in_flight: deque = deque()  # the items sent and not yet answered, in order
        self.deadline = time.monotonic() + START_S

    def send(self, chunk: list, hard_limit_s: float, line: str | None = None) -> None:
        """Send ``chunk`` (``line``: its JSON, when the caller has encoded it already)."""
        self.in_flight.extend(chunk)
        self.process.stdin.write(((json.dumps(chunk) if line is None else line) + "\n").encode())
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
        _PARENT_FDS.difference_update(self.fds)
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


class ForkedProcess:
    """A worker forked from this process (the part of :class:`subprocess.Popen` that
    :class:`WorkerProcess` uses): the child runs :func:`main` on the pipes and never returns."""

    def __init__(self, timeout_s: float) -> None:
        to_child, self_in = os.pipe()
        self_out, from_child = os.pipe()
        for stream in (sys.stdout, sys.stderr):  # nothing buffered here is written twice
            with contextlib.suppress(Exception):
                stream.flush()
        self.pid = os.fork()
        if self.pid == 0:
            _child(timeout_s, to_child, from_child, {self_in, self_out})  # never returns
        os.close(to_child)
        os.close(from_child)
        self.stdin, self.stdout = os.fdopen(self_in, "wb"), os.fdopen(self_out, "rb")
        self.returncode: int | None = None

    def kill(self) -> None:
        if self.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)

    def wait(self, timeout: float | None = None) -> int:
        """The exit status once the child has exited (reaped: its CPU time counts as a child's
        of this process); :class:`subprocess.TimeoutExpired` after ``timeout`` seconds."""
        deadline = None if timeout is None else time.monotonic() + timeout
        pause = 0.0005
        while self.returncode is None:
            pid, status = os.waitpid(self.pid, 0 if deadline is None else os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
            elif time.monotonic() >= deadline:
                raise subprocess.TimeoutExpired(f"worker {self.pid}", timeout)
            else:
                time.sleep(pause)
                pause = min(2 * pause, 0.02)
        return self.returncode


def _child(timeout_s: float, stdin_fd: int, stdout_fd: int, parent_ends: set[int]) -> None:
    """In a forked worker: the pipes as stdin and stdout (stderr to /dev/null, as a started
    worker's), the parent's ends of every worker's pipes closed (each worker sees its stdin
    close), then :func:`main`; the child exits without running the parent's clean-up."""
    status = 1
    try:
        gc.freeze()  # the parent's objects are never collected here (nor their files closed)
        signal.set_wakeup_fd(-1)  # signals as in a new interpreter: none of the parent's
        signal.signal(signal.SIGINT, signal.default_int_handler)  # handlers (an event loop's
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # wake-up fd, a clean-up on SIGTERM)
        os.dup2(stdin_fd, 0)
        os.dup2(stdout_fd, 1)
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        for fd in ({stdin_fd, stdout_fd, null} | parent_ends | _PARENT_FDS) - {0, 1, 2}:
            with contextlib.suppress(OSError):
                os.close(fd)
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        main([str(timeout_s)])
        status = 0
    finally:
        os._exit(status)


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
