"""Split responses in the verifier's worker processes while the parent keeps the rest.

``drqa label`` and the throughput benchmark hand raw responses to a :class:`LabelPool`: the
same ``python -m drqa.labeling.verify_worker`` processes that judge pairs with sympy split
them (one import of math-verify serves both: the splitter reads values with its extraction)
and send the chains back; the parent keeps what it decides cheaply (the verdict fast paths
and cache of :class:`~drqa.labeling.verifier.VerifierPool`, a few ms for thousands of pairs)
and the split judge, which calls an HTTP endpoint. The chains are the ones
:func:`~drqa.labeling.split_jobs.split_job` gives in-process, field for field.

Bounded like the pairs: a worker that sends nothing for ``split_limit_s`` while holding a
response is killed and replaced; that response is kept ``unsplittable`` with the reason (so is
one whose split raised), the rest of its chunk goes to the next worker. When no worker starts,
the parent splits what is left itself.
"""

from __future__ import annotations

import json
import time
from collections import deque
from collections.abc import Iterable, Sequence
from multiprocessing.connection import wait

from drqa.labeling import verify_worker
from drqa.labeling.split_jobs import (
    SplitJob,
    SplitResult,
    decode_chains,
    is_split_payload,
    job_payload,
    split_here,
    unsplit_chains,
)
from drqa.labeling.verifier import _CHUNK, _MAX_START_FAILURES, VerifierPool
from drqa.labeling.verify_worker import WorkerProcess

SPLIT_LIMIT_S = 60.0  # one response's split: a megabyte takes seconds, a real one milliseconds
_SPLIT_CHUNK = 32  # responses per message: tens of ms of splitting, so a worker never idles
_MARGIN_BYTES = 8192  # a chunk's JSON stays this far under the worker's pipe size
_JOBS_PER_WORKER = 16  # a worker costs about as much to start as splitting this many
_PUMP_EVERY_S = 0.002  # a chunk takes tens of ms: its worker is sent the next one in time
_TAIL_SHARE = 4  # a chunk holds at most a quarter of the queue: the last ones are short, so
# the parent (or another worker) waits little for the last responses at the end


class LabelPool(VerifierPool):
    """A :class:`VerifierPool` whose workers also split responses.

    ``submit_split(jobs)`` returns one ticket per job and starts the work without waiting;
    ``collect(tickets)`` waits for their ``(chains, reason)``; pairs are verified as before
    (``submit``, ``verify_many``)."""

    def __init__(
        self, *args, parent_splits: bool = True, split_limit_s: float = SPLIT_LIMIT_S, **kwargs
    ) -> None:
        """The :class:`VerifierPool` arguments; ``parent_splits``: the parent splits queued
        responses while it waits in :meth:`collect` (then one worker fewer splits);
        ``split_limit_s``: a worker silent that long on one response is killed."""
        if parent_splits and verify_worker.FORK:  # imported here before the workers fork:
            import math_verify  # noqa: F401  (the parent's splits need it, each fork inherits it)
        super().__init__(*args, **kwargs)
        self.parent_splits = parent_splits
        self.split_limit_s = split_limit_s
        self._jobs: dict[int, SplitJob] = {}
        self._split_queue: deque[int] = deque()
        self._split_done: dict[int, SplitResult] = {}
        self._next_ticket = 0
        self._keys: dict[tuple, tuple[str, str]] = {}  # raw pair -> its verdict cache key
        self.split_in_parent = 0  # responses this process split itself (the workers the rest)
        self._next_pump = 0.0  # when collect() next reads the workers between its own splits

    def _normalise_and_queue(self, pairs: Iterable) -> list[tuple[str, str]]:
        """The pairs' cache keys, each raw pair read once per pool (the text verdicts and
        normalisation cost more than a dict look-up: pairs repeat across batches)."""
        pairs = list(pairs)
        new = list({pair for pair in pairs if pair not in self._keys})
        self._keys.update(zip(new, super()._normalise_and_queue(new), strict=True))
        return [self._keys[pair] for pair in pairs]

    def discard(self) -> None:
        """Stop the workers at once, not waiting for their start-up (for a pool started ahead
        of work that did not come: nothing was sent to them)."""
        for worker in self._workers:
            worker.stop(kill=True)
        self._workers = []

    def submit_split(self, jobs: Iterable[SplitJob]) -> list[int]:
        """Queue ``jobs`` for the workers and start them; their tickets."""
        tickets = []
        for job in jobs:
            tickets.append(self._next_ticket)
            self._jobs[self._next_ticket] = job
            self._split_queue.append(self._next_ticket)
            self._next_ticket += 1
        self._pump(block=False)
        return tickets

    def collect(self, tickets: Sequence[int]) -> list[SplitResult]:
        """``(chains, reason)`` per ticket, in order (``reason`` is "" unless the split
        failed: the chains are then the whole response, ``unsplittable``); each result is
        handed out once."""
        unknown = [ticket for ticket in tickets if ticket not in self._jobs]
        if unknown:
            raise KeyError(f"split tickets never submitted or already collected: {unknown[:5]}")
        first_waiting = 0
        while first_waiting < len(tickets):
            if tickets[first_waiting] in self._split_done:
                first_waiting += 1
            elif self._split_queue and self.parent_splits:  # the next queued: results (and
                self._split_here(self._split_queue.popleft())  # their pairs) come in order
                if time.monotonic() >= self._next_pump:  # a few ms apart: a short split's
                    self._pump(block=False)  # time is not spent polling the workers
                    self._next_pump = time.monotonic() + _PUMP_EVERY_S
            else:
                self._pump(block=True)
        results = [self._split_done.pop(ticket) for ticket in tickets]
        for ticket in tickets:
            del self._jobs[ticket]
        return results

    def split(self, jobs: Sequence[SplitJob]) -> list[SplitResult]:
        """Submit and collect ``jobs``."""
        return self.collect(self.submit_split(jobs))

    # -- the worker loop: split chunks to the idle workers queued pairs leave, then the pairs' loop
    def _pump(self, block: bool) -> None:
        while self._split_queue and self._start_failures >= _MAX_START_FAILURES:
            self._split_here(self._split_queue.popleft())  # no worker starts: split here
        if self._split_queue:  # the parent splits while it waits: one worker fewer
            busy = len(self._split_queue) + sum(len(w.in_flight) for w in self._workers)
            most = max(1, self.workers_n - self.parent_splits)
            wanted = min(most, 1 + (busy - 1) // _JOBS_PER_WORKER)
            while len(self._workers) < wanted:
                self._workers.append(WorkerProcess(self.timeout_s))
            starting = {w.fd: w for w in self._workers if not w.ready}
            for fd in wait(list(starting), timeout=0) if starting else ():
                self._read(starting[fd])  # "ready": take work as soon as it can
            idle = [w for w in self._workers if w.ready and not w.in_flight]
            for worker in idle[-(-len(self._queue) // _CHUNK) :]:  # queued pairs go first
                if self._split_queue:
                    self._send(worker, self._next_chunk(worker.pipe_bytes // 2))
            for worker in self._workers if not self._queue else ():
                if self._split_queue and _has_read_its_chunk(worker):
                    most = worker.pipe_bytes - _MARGIN_BYTES
                    payloads = self._next_chunk(most, at_least_one=False)
                    line = json.dumps(payloads)  # encoded once, sent as measured
                    if len(line) < most:  # exactly: this write never blocks
                        self._send(worker, payloads, line)
                    else:
                        self._split_queue.extendleft(reversed([p[0] for p in payloads]))
        super()._pump(block)

    def _send(self, worker: WorkerProcess, payloads: list[list], line: str | None = None) -> None:
        """Send a chunk (``line``: its JSON, when already encoded); the worker's ``split_sent``
        tells :func:`_has_read_its_chunk`."""
        if not payloads:
            return
        worker.send(payloads, self.split_limit_s, line)
        worker.split_sent = (len(worker.in_flight), len(payloads))

    def _next_chunk(self, most_bytes: int, at_least_one: bool = True) -> list:
        """Up to :data:`_SPLIT_CHUNK` queued responses (at most a :data:`_TAIL_SHARE` of the
        queue), fewer when long (``at_least_one``: the first whatever its size): a message that
        fits the pipe's buffer is written at once, not while the worker drains it."""
        payloads, size = [], 0
        most = min(_SPLIT_CHUNK, max(1, len(self._split_queue) // _TAIL_SHARE))
        while self._split_queue and len(payloads) < most:
            job = self._jobs[self._split_queue[0]]
            size += sum(map(_wire_bytes, (job.text, job.reasoning, *(job.problems or ())))) + 200
            if size > most_bytes and (payloads or not at_least_one):
                break
            payloads.append(job_payload(self._split_queue.popleft(), job))
        return payloads

    def _read(self, worker: WorkerProcess) -> None:
        """Split lines (four items) are taken here, the rest by the pairs' loop."""
        if not worker.in_flight or not is_split_payload(worker.in_flight[0]):
            super()._read(worker)
            return
        lines = worker.read_lines()
        if lines is None:
            self._replace(worker, "worker process exited")
            return
        for line in lines:
            ticket, rows, reason, _ = json.loads(line)
            worker.in_flight.popleft()
            job = self._jobs[ticket]
            chains = unsplit_chains(job) if rows is None else decode_chains(rows, job)
            self._split_done[ticket] = (chains, reason)
        if worker.in_flight:
            worker.deadline = time.monotonic() + self.split_limit_s
        else:
            worker.deadline = float("inf")

    def _replace(self, worker: WorkerProcess, why: str) -> None:
        """A worker killed while splitting: the response it held is kept unsplittable with
        ``why``, the rest of its chunk is requeued; then the pairs' loop replaces it."""
        if worker.in_flight and is_split_payload(worker.in_flight[0]):
            ticket = worker.in_flight.popleft()[0]
            reason = f"split: {why}"
            if "killed after" in why:  # the pairs' loop names its own limit
                reason = f"split: worker killed after {self.split_limit_s:g}s on this response"
            self._split_done[ticket] = (unsplit_chains(self._jobs[ticket]), reason)
            self._split_queue.extendleft(reversed([item[0] for item in worker.in_flight]))
            worker.in_flight.clear()
        super()._replace(worker, why)

    def _split_here(self, ticket: int) -> None:
        """Split one response in this process."""
        self._split_done[ticket] = split_here(self._jobs[ticket])
        self.split_in_parent += 1


def _wire_bytes(text) -> int:
    """At most the bytes ``text`` takes in JSON (escapes double ASCII, ``\\uXXXX`` the rest)."""
    text = text if isinstance(text, str) else str(text or "")
    return 2 * len(text) if text.isascii() else 6 * len(text)


def _has_read_its_chunk(worker: WorkerProcess) -> bool:
    """Whether ``worker`` splits one chunk only and has answered part of it: it has read the
    whole line, its stdin pipe is empty, and a second chunk keeps it busy without waiting for
    this process (a message under 64 KiB into an empty pipe never blocks)."""
    sent = getattr(worker, "split_sent", None)
    in_flight = len(worker.in_flight)
    if not sent or not in_flight or not is_split_payload(worker.in_flight[0]):
        return False  # idle, or judging pairs (a chunk is splits or pairs, never both)
    return worker.ready and in_flight < sent[1] and in_flight <= sent[0]
