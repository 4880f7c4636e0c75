"""Verify final answers against gold answers in worker processes, with hard time limits.

math-verify's timeouts use ``signal.alarm`` and work only in a process's main thread, so pairs
are judged in worker processes (JSON lines over pipes; see :mod:`drqa.labeling.verify_worker`:
a fork of the parent while it runs no other Python thread, else ``python -m
drqa.labeling.verify_worker``; never a re-import of the caller's ``__main__``). Each worker
bounds a pair with its own alarm; a worker that does not answer within the hard limit (stuck in
C code) is killed and replaced, and its pair is a ``timeout``. Verdicts are cached by
(normalised gold, normalised answer), and pairs the fast paths decide never leave the parent
process.
"""

from __future__ import annotations

import atexit
import json
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import wait

from drqa.labeling.answer_kinds import text_verdict
from drqa.labeling.constants import spelled_alike
from drqa.labeling.equation_sides import named_sides
from drqa.labeling.judge import approximate_key, judge, quick_verdict
from drqa.labeling.normalise import normalise_answer
from drqa.labeling.units import drop_shared_unit
from drqa.labeling.verdict_reasons import reason_code
from drqa.labeling.verify_worker import START_S, WorkerProcess
from drqa.schema import VerifyStatus


def _version() -> str:
    """``verify@9+math-verify-X+sympy-Y``: an upgrade of either library re-verifies."""
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for package in ("math-verify", "sympy"):
        try:
            parts.append(f"{package}-{version(package)}")
        except PackageNotFoundError:
            parts.append(f"{package}-missing")
    return "+".join(["verify@9", *parts])


VERIFIER_VERSION = _version()
_CHUNK = 4
_MAX_START_FAILURES = 3  # workers that die before "ready" in a row: the verifier cannot run
_PAIRS_PER_WORKER = 32  # a cold worker costs about as much as this many sympy pairs


@dataclass(frozen=True)
class Verdict:
    """The judgement of one (gold, answer) pair."""

    status: VerifyStatus
    detail: str = ""
    gold: str = ""  # normalised gold
    answer: str = ""  # normalised answer

    @property
    def reason(self) -> str:
        """The rule that decided it (:func:`drqa.labeling.verdict_reasons.reason_code`)."""
        return reason_code(self.status, self.detail)


class VerifierPool:
    """Judge many (gold, answer) pairs on ``workers`` processes; use as a context manager."""

    def __init__(
        self,
        workers: int = 2,
        timeout_s: float = 5.0,
        hard_margin_s: float = 2.0,
        prestart: bool = False,
    ):
        """``prestart`` starts one worker now, so its imports overlap the caller's work; more
        start when enough pairs wait for sympy to pay for them (up to ``workers``)."""
        self.workers_n = max(1, workers)
        self.timeout_s = timeout_s
        self.hard_limit_s = timeout_s + hard_margin_s
        self.cache: dict[tuple[str, str], Verdict] = {}
        self.killed = 0
        self._workers: list[WorkerProcess] = []
        self._queue: deque[tuple[int, str, str]] = deque()  # pairs for sympy, not yet sent
        self._ids: dict[int, tuple[str, str]] = {}  # every pair queued or in flight, by id
        self._waiting: set[tuple[str, str]] = set()
        self._on_settle: Callable[[tuple[str, str]], None] | None = None
        self._start_failures = 0
        if prestart:
            self._workers = [WorkerProcess(timeout_s)]

    def __enter__(self) -> VerifierPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stop the worker processes (the cache stays)."""
        for worker in self._workers:
            worker.stop()
        self._workers = []

    def submit(self, pairs: Iterable[tuple[str | None, str | None]]) -> None:
        """Start judging ``pairs`` without waiting: the fast paths now, the rest on the workers
        while the caller goes on (e.g. splitting the next responses); collect with
        :meth:`verify_many`."""
        self._normalise_and_queue(pairs)
        self._pump(block=False)

    def verify_many(
        self,
        pairs: Iterable[tuple[str | None, str | None]],
        progress: Callable[[int], None] | None = None,
    ) -> list[Verdict]:
        """Verdicts for (gold, answer) pairs, in order; ``progress(k)`` after k more are done."""
        normalised = self._normalise_and_queue(pairs)
        needed = {key for key in normalised if key not in self.cache}
        done_now = len(normalised) - sum(1 for key in normalised if key in needed)
        if progress and done_now:
            progress(done_now)
        if needed:
            counts: dict[tuple[str, str], int] = {}
            for key in normalised:
                if key in needed:
                    counts[key] = counts.get(key, 0) + 1

            def on_settle(key: tuple[str, str]) -> None:
                if progress and key in counts:
                    progress(counts[key])

            self._on_settle = on_settle
            try:
                while any(key not in self.cache for key in needed):
                    self._pump(block=True)
            finally:
                self._on_settle = None
        return [self.cache[key] for key in normalised]

    def _normalise_and_queue(self, pairs: Iterable) -> list[tuple[str, str]]:
        """Normalised keys of ``pairs``; fast verdicts cached, the rest queued for a worker."""
        pairs = list(pairs)
        keys = {}
        for pair in set(pairs):
            by_text = text_verdict(*pair)
            if by_text is None:
                keys[pair] = normalised_pair(*pair)
                continue
            keys[pair] = key = ("\x00text", f"{pair[0]}\x00{pair[1]}")  # never a normalised key
            self.cache[key] = Verdict(by_text[0], by_text[1], pair[0] or "", pair[1] or "")
        for key in keys.values():
            if key in self.cache or key in self._waiting:
                continue
            fast = quick_verdict(*key)
            if fast is not None:
                self.cache[key] = Verdict(fast[0], fast[1], *key)
            else:
                item_id = len(self._ids)
                self._ids[item_id] = key
                self._waiting.add(key)
                self._queue.append((item_id, *key))
        return [keys[pair] for pair in pairs]

    # -- the worker loop --------------------------------------------------------------------
    def _settle(self, item_id: int, status: str, detail: str) -> None:
        key = self._ids[item_id]
        self.cache[key] = Verdict(status, detail, *key)
        self._waiting.discard(key)
        if self._on_settle:
            self._on_settle(key)

    def _pump(self, block: bool) -> None:
        """Send chunks to idle ready workers, read what is ready (with ``block``, wait for at
        least one line or a deadline), replace stalled, failed or never-ready workers."""
        wanted = min(self.workers_n, 1 + (len(self._waiting) - 1) // _PAIRS_PER_WORKER)
        while len(self._workers) < wanted:
            self._workers.append(WorkerProcess(self.timeout_s))
        for worker in self._workers:
            if worker.ready and not worker.in_flight and self._queue:
                chunk = [self._queue.popleft() for _ in range(min(_CHUNK, len(self._queue)))]
                worker.send(chunk, self.hard_limit_s)
        watched = {w.fd: w for w in self._workers if w.in_flight or not w.ready}
        if not watched or (not block and not any(w.in_flight for w in self._workers)):
            return
        soonest = min(w.deadline for w in watched.values())
        ready = wait(list(watched), timeout=max(0.0, soonest - time.monotonic()) if block else 0)
        for fd in ready:
            self._read(watched[fd])
        now = time.monotonic()
        for worker in list(watched.values()):
            if worker not in self._workers or worker.deadline > now:
                continue
            if worker.in_flight:
                why = f"worker killed after {self.hard_limit_s:g}s without a verdict"
                self._replace(worker, why)
            elif not worker.ready:
                self._replace(worker, f"worker not ready after {START_S:g}s")

    def _read(self, worker: WorkerProcess) -> None:
        """Take the lines a worker wrote: "ready", or one verdict per line."""
        lines = worker.read_lines()
        if lines is None:
            self._replace(worker, "worker process exited")
            return
        failed = False
        for line in lines:
            if line == "ready":
                worker.ready, self._start_failures = True, 0
                worker.deadline = float("inf")
                continue
            item_id, status, detail = json.loads(line)
            worker.in_flight.popleft()
            self._settle(item_id, status, detail)
            failed = failed or status == "error"
        if worker.in_flight:
            worker.deadline = time.monotonic() + self.hard_limit_s
        elif worker.ready:
            worker.deadline = float("inf")
        if failed:  # an exception may have left the worker's state broken: start afresh
            self._replace(worker, "")

    def _replace(self, worker: WorkerProcess, why: str) -> None:
        """Kill ``worker``: its current pair (if it was judging) is a timeout, or an error for a
        worker that died; the rest of its chunk is requeued; a fresh worker takes its place."""
        if worker.in_flight and why:
            item_id, _, _ = worker.in_flight.popleft()
            self._settle(item_id, "timeout" if "killed after" in why else "error", why)
        self._queue.extendleft(reversed(worker.in_flight))
        worker.in_flight.clear()
        if not worker.ready:
            self._start_failures += 1
        worker.stop(kill=True)
        self.killed += bool(why)
        index = self._workers.index(worker)
        if self._start_failures >= _MAX_START_FAILURES:
            self._workers.pop(index)
            self._fail_queue(f"verifier workers do not start ({why})")
        else:
            self._workers[index] = WorkerProcess(self.timeout_s)

    def _fail_queue(self, why: str) -> None:
        """Settle every queued pair as an error (routed to review, re-verified on the next run)."""
        while self._queue:
            item_id, _, _ = self._queue.popleft()
            self._settle(item_id, "error", why)


_SHARED: dict[float, VerifierPool] = {}


def _shared_pool(timeout_s: float) -> VerifierPool:
    if timeout_s not in _SHARED:
        if not _SHARED:
            atexit.register(lambda: [pool.close() for pool in _SHARED.values()])
        _SHARED[timeout_s] = VerifierPool(workers=1, timeout_s=timeout_s)
    return _SHARED[timeout_s]


def verify_answer(gold: str | None, answer: str | None, timeout_s: float = 5.0) -> Verdict:
    """Judge one final ``answer`` against ``gold``: correct, incorrect, no_answer,
    gold_unparseable, timeout, uncertain (rules cannot decide: prose, names, close numbers) or
    error (within ``timeout_s`` plus a small margin, never a stall; the clock starts after the
    worker's imports).

    Uses a shared one-worker pool; for many pairs use :class:`VerifierPool`.verify_many.
    """
    return _shared_pool(timeout_s).verify_many([(gold, answer)])[0]


def verdict_here(gold: str, answer: str) -> tuple[str, str]:
    """``(status, detail)`` the pool reaches for one pair, decided in this process with no time
    limit (text rules, then the judge on the normalised pair): for tests and notebooks; labelling
    goes through :class:`VerifierPool`, whose workers bound every pair."""
    by_text = text_verdict(gold, answer)
    if by_text is not None:
        return by_text
    return judge(*normalised_pair(gold, answer))


def normalised_pair(gold: str | None, answer: str | None) -> tuple[str, str]:
    """The judge's keys of a pair the text rules left open: a unit both end on dropped
    (:func:`drqa.labeling.units.drop_shared_unit`), then each side normalised."""
    if gold and answer:
        gold, answer = spelled_alike(*named_sides(gold, answer))  # E_n = x is x; \hbar h/2\pi
        gold_value, answer = drop_shared_unit(gold, answer)
    else:
        gold_value = gold
    return approximate_key(gold, normalise_answer(gold_value)), normalise_answer(answer)


def verify_pairs(
    pairs: Sequence[tuple[str | None, str | None]], *, workers: int = 2, timeout_s: float = 5.0
) -> list[Verdict]:
    """Verdicts for many pairs on a fresh pool of ``workers`` processes."""
    with VerifierPool(workers=workers, timeout_s=timeout_s) as pool:
        return pool.verify_many(pairs)
