"""Responses split in the verifier's worker processes (LabelPool): the same chains, field for
field, as splitting in-process; a split that fails or hangs keeps the response with a reason; the
split judge runs in the parent on what the workers split; ``drqa label``'s rows are the same."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import threading
import time

import polars as pl
import pytest

import drqa.labeling.verify_worker as verify_worker
from drqa.labeling.label_pool import LabelPool
from drqa.labeling.label_rows import chain_rows, split_jobs, verify_and_count
from drqa.labeling.normalise import normalise_answer
from drqa.labeling.split_jobs import SplitJob, decode_chains, encode_chains, split_here

LAYOUT = "ok</think>Answer to Question 1: \\boxed{3}\nAnswer to Question 2: \\boxed{4}"
THINK = (
    "<think>Question 1: 3 + 4 = 7.\n\nQuestion 2: 2 * 6 = 12, and then the third: 9 - 4 = 5."
    "</think>\n**1.** The sum is 7.\n**2.** \\boxed{12}\n**3.** It is $5$."
)
RESPONSES = [
    SplitJob(LAYOUT, 2),
    SplitJob("ok</think>The answers are 3 and 4.", 2, problems=("What is 1+2?", "What is 2+2?")),
    SplitJob(THINK, 3),
    SplitJob("<think>Let me see. 2+2 is 4", 1, truncated=True),
    SplitJob("Okay, so I need to add. 3+4=7</think>The answer is \\boxed{7}.", 1),
    SplitJob("\\boxed{12}", 1, reasoning="Twelve, since 3 * 4 = 12."),
    SplitJob("fine, 7 a day.</think>\n\nIn all she picks 21 apples", 1, finished=True),
    SplitJob("Final answers:\n1) 7\n2) 12\n3) \\frac{1}{2}", 3, reasoning="first 7, then 12"),
    SplitJob("第一题：答案是 \\boxed{5}\n第二题：答案是 \\boxed{6}", 2, starts_in_thinking=False),
    SplitJob("**Question 1:** \\boxed{1}\n\n**Question 2:** cut off in the mid", 2, truncated=True),
    SplitJob(None, 2),
    SplitJob("", 1),
    SplitJob("I could not solve question 2.</think>1. 8\n2. I am not sure.", 2),
]


@pytest.fixture(scope="module")
def label_pool():
    """Workers only (the parent does not split): every response goes through a worker."""
    with LabelPool(workers=2, timeout_s=5.0, parent_splits=False) as shared:
        yield shared


def test_chains_travel_field_for_field():
    for job in RESPONSES:
        chains, _ = split_here(job)
        assert decode_chains(encode_chains(chains)) == chains
        assert decode_chains(encode_chains(chains, job), job) == chains


def test_chain_texts_travel_as_offsets_into_the_job():
    thinking = "Question 1: " + "3 + 4 = 7. " * 20 + "\n\nQuestion 2: " + "2 * 6 = 12. " * 20
    answers = "</think>\n**1.** \\boxed{7}\n**2.** \\boxed{12}"
    job = SplitJob(thinking + answers, 2, starts_in_thinking=True)
    chains, _ = split_here(job)
    rows = encode_chains(chains, job)
    assert all(isinstance(row[5], list) for row in rows)  # each thinking: [source, start, end]
    assert len(json.dumps(rows)) < len(json.dumps(encode_chains(chains))) // 2
    assert decode_chains(json.loads(json.dumps(rows)), job) == chains


def test_workers_split_as_the_parent_does(label_pool):
    got = label_pool.split(RESPONSES * 3)
    assert got == [split_here(job) for job in RESPONSES * 3]
    assert all(reason == "" for _, reason in got)
    assert [len(chains) for chains, _ in got[: len(RESPONSES)]] == [j.n for j in RESPONSES]


def test_the_parent_splitting_too_gives_the_same_chains():
    jobs = RESPONSES * 4
    with LabelPool(workers=2, timeout_s=5.0) as pool:
        tickets = pool.submit_split(jobs)
        assert pool.collect(tickets[:5]) + pool.collect(tickets[5:]) == [
            split_here(job) for job in jobs
        ]
        with pytest.raises(KeyError):
            pool.collect(tickets[:1])  # handed out once


def test_a_split_that_raises_is_kept_with_its_reason(label_pool):
    (chains, reason), (after, fine) = label_pool.split([SplitJob(12345, 2), RESPONSES[0]])
    assert reason.startswith("split failed: ")
    assert [c.status for c in chains] == ["unsplittable"] * 2
    assert all(c.reasoning == "12345" and c.answer is None for c in chains)
    assert (chains, reason) == split_here(SplitJob(12345, 2))  # the same in-process
    assert fine == "" and [c.answer for c in after] == ["3", "4"]  # the worker goes on


def test_a_stuck_split_is_killed_and_the_response_kept():
    huge = SplitJob(("Question 1: think 3 + 4 = 7. " * 40 + "\n\n") * 2000 + "</think>7", 2)
    with LabelPool(workers=1, split_limit_s=0.02, parent_splits=False) as pool:
        (chains, reason), (small, _) = pool.split([huge, RESPONSES[0]])
        assert pool.killed >= 1
    assert reason == "split: worker killed after 0.02s on this response"
    assert [c.status for c in chains] == ["unsplittable"] * 2
    assert chains[0].answer_section.startswith("Question 1")
    assert len(small) == 2  # the rest of the chunk went on to a fresh worker: never lost


def test_workers_that_never_start_leave_the_split_to_the_parent(monkeypatch):
    monkeypatch.setattr(verify_worker, "FORK", False)  # started, not forked: they fail
    monkeypatch.setattr(sys, "executable", shutil.which("false") or "/bin/false")
    with LabelPool(workers=1, timeout_s=5.0, parent_splits=False) as pool:
        assert pool.split(RESPONSES) == [split_here(job) for job in RESPONSES]


@pytest.mark.parametrize("fork", [True, False])
def test_forked_and_started_workers_split_and_judge_alike(monkeypatch, fork):
    monkeypatch.setattr(verify_worker, "FORK", fork)
    pairs = [("\\frac{1}{2}", "0.5"), ("2", "3")]
    with LabelPool(workers=2, timeout_s=5.0, parent_splits=False) as pool:
        got = pool.split(RESPONSES * 2)
        assert [v.status for v in pool.verify_many(pairs)] == ["correct", "incorrect"]
        kinds = {type(worker.process) for worker in pool._workers}
    forked = fork and threading.active_count() == 1  # (an earlier test may leave a thread)
    assert kinds == {verify_worker.ForkedProcess if forked else verify_worker.subprocess.Popen}
    assert got == [split_here(job) for job in RESPONSES * 2]


def test_a_forked_worker_keeps_none_of_the_parents_signal_handlers(tmp_path):
    handled = tmp_path / "handled"
    previous = signal.signal(signal.SIGTERM, lambda *_: handled.write_text("the parent's"))
    try:
        worker = verify_worker.WorkerProcess(5.0)
        assert worker.process.stdout.readline() == b"ready\n"
        os.kill(worker.process.pid, signal.SIGTERM)
        assert worker.process.wait(timeout=10) == -signal.SIGTERM  # as a new interpreter's
    finally:
        signal.signal(signal.SIGTERM, previous)
    worker.stop()
    assert not handled.exists()


def test_a_process_with_threads_starts_its_workers_never_forks():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        worker = verify_worker.WorkerProcess(5.0)
        assert isinstance(worker.process, verify_worker.subprocess.Popen)
        worker.stop(kill=True)
    finally:
        stop.set()
        thread.join()


def test_forked_workers_each_see_their_input_close():
    """A fork inherits this process's ends of the other workers' pipes: it closes them, or a
    worker would wait for input that never ends and the pool's close would wait for it."""
    workers = [verify_worker.WorkerProcess(5.0) for _ in range(3)]
    for worker in workers:
        assert worker.process.stdout.readline() == b"ready\n"
    start = time.monotonic()
    for worker in workers:
        worker.stop()
    assert time.monotonic() - start < 3  # a worker still waiting is killed after 5 s each
    assert [worker.process.returncode for worker in workers] == [0, 0, 0]


def test_pairs_and_splits_share_the_workers(label_pool):
    tickets = label_pool.submit_split(RESPONSES)
    pairs = [("\\frac{1}{2}", "0.5"), ("2", "3"), ("7", "Billy sold 7 DVDs and 3 CDs")]
    verdicts = label_pool.verify_many(pairs)
    assert [v.status for v in verdicts] == ["correct", "incorrect", "uncertain"]
    assert label_pool.verify_many(pairs[::-1]) == verdicts[::-1]  # each raw pair read once
    assert label_pool.collect(tickets) == [split_here(job) for job in RESPONSES]


def _todo(jobs: list[SplitJob]) -> pl.DataFrame:
    n = len(jobs)
    return pl.DataFrame(
        {
            "request_id": [f"r{i}" for i in range(n)],
            "run_id": ["run"] * n,
            "batch_size": [job.n for job in jobs],
            "sample_index": [0] * n,
            "problem_ids": [[f"p{k}" for k in range(job.n)] for job in jobs],
            "content": [job.text for job in jobs],
            "reasoning": [job.reasoning for job in jobs],
            "raw_response": [job.text for job in jobs],
            "finish_reason": ["length" if job.truncated else "stop" for job in jobs],
            "model": ["m"] * n,
            "run_model": ["m"] * n,
            "completion_tokens": [None] * n,
        }
    )


def test_label_rows_match_with_the_split_judge_in_the_parent(label_pool):
    todo = _todo([job for job in RESPONSES if job.text is not None])
    golds = {"p0": "3", "p1": "4", "p2": "5"}
    texts = {"p0": "What is 1+2?", "p1": "What is 2+2?", "p2": "What is 9-4?"}
    asked: list[int] = []

    def judge(text, n, problems):  # agrees with the grammar on some responses, not others
        asked.append(os.getpid())
        if "Final answers" in text:
            return None  # the model could not answer: the grammar's chains stand
        if "answers are 3 and 4" in text:
            return [normalise_answer("3"), "4"]  # agrees
        return ["9"] + [None] * (n - 1)  # disagrees

    def rows(split):
        layouts: list[dict] = []
        out = chain_rows(todo, golds, "paper", texts, layouts, (judge, 0.99), split=split)
        return [{k: v for k, v in row.items() if k != "labelled_at"} for row in out + layouts]

    tickets = label_pool.submit_split(split_jobs(todo, texts))
    in_workers = rows(label_pool.collect(tickets))
    assert in_workers == rows(None)
    assert asked and set(asked) == {os.getpid()}  # the judge (an HTTP call) stays in the parent
    judged = [row["split_confidence"] for row in in_workers if row.get("layout") == "model"]
    assert 0.0 in judged and 0.99 in judged  # the judge disagreed on some, agreed on others


def test_a_failed_split_is_verified_as_an_error_with_its_reason(label_pool):
    todo = _todo([RESPONSES[0]])
    split = label_pool.split([SplitJob(12345, 2)])  # a split that raises in the worker
    rows = chain_rows(todo, {"p0": "3", "p1": "4"}, "paper", split=split)
    frame = verify_and_count(rows, label_pool, None)
    assert frame["split_status"].to_list() == ["unsplittable"] * 2
    assert frame["verify_status"].to_list() == ["error"] * 2
    assert all(d.startswith("split failed: ") for d in frame["verify_detail"].to_list())


def test_real_traces_split_alike_in_workers_and_here(shared_traces, label_pool):
    rows = [row for row in shared_traces.values() if row["_file"] == "reasoning_traces"][::12]
    jobs = [SplitJob(row["response"], 1, starts_in_thinking=True) for row in rows]
    for k in (2, 3):  # batched responses stitched from the traces, problems given
        for start in range(0, len(rows) - k, 7 * k):
            group = rows[start : start + k]
            thinking = "\n\n".join(f"Question {i}: {r['response']}" for i, r in enumerate(group, 1))
            answers = "\n".join(f"{i}. \\boxed{{{r['gold']}}}" for i, r in enumerate(group, 1))
            problems = tuple(r["problem"] for r in group)
            jobs.append(SplitJob(f"{thinking}</think>{answers}", k, problems=problems))
    assert label_pool.split(jobs) == [split_here(job) for job in jobs]


def test_a_pool_started_ahead_of_work_that_did_not_come_is_discarded():
    pool = LabelPool(workers=1, prestart=True)  # drqa label starts it before reading the catalog
    process = pool._workers[0].process
    pool.discard()  # killed during its start-up, not waited for
    assert process.returncode is not None
    with pool:  # closing it afterwards has nothing left to stop
        assert pool.split([]) == []
