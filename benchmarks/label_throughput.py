"""Label throughput: our split + verify (responses split in the verifier's worker processes and
in the parent while it waits, fast paths and verdict cache in the parent, sympy pairs on the
workers: ``LabelPool``, as ``drqa label``) against the naive loop (split, then parse gold, parse
answer, verify with math-verify; one process, no cache).

Labels all 2,158 shared traces plus batched responses built from them (finished traces of one
model grouped by 2 and 3, thinking and answers stitched under ``Question k`` markers), both ways
in the same run. Both sides start from the raw responses and run the same splitter inside their
timed region (the naive loop needs the answers too); everything ours does (worker start-up,
imports, shutdown) is timed. Prints chains/s for both, the ratio, and verdict agreement where
neither timed out, with every differing (gold, answer), and where ours' seconds go (responses
the parent split itself, a worker's start-up). Run:
``python benchmarks/label_throughput.py [--traces PATH] [--repeat N] [--no-old-splitter]``
(the last line times the split alone in CPU seconds, the new design beside the splitter before
issue 17).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import time
from pathlib import Path

from drqa.labeling.label_pool import LabelPool
from drqa.labeling.normalise import normalise_answer
from drqa.labeling.split import separate_thinking, split_batched_response
from drqa.labeling.split_jobs import SplitJob

_SUBMIT_EVERY = 64  # responses collected between two hand-overs of pairs to the verifier
DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared/data/traces/reasoning_traces.jsonl"


def build_items(rows: list[dict]) -> list[tuple[str, list[str], bool]]:
    """(response, golds, starts_in_thinking) for every trace and every built batch."""
    items = [(r["response"], [r["gold"]], True) for r in rows]
    finished: dict[str, list[dict]] = {}
    for row in rows:
        if "</think>" in row["response"]:
            finished.setdefault(row["model"], []).append(row)
    for k in (2, 3):
        for group_rows in finished.values():
            for start in range(0, len(group_rows) - k + 1, k):
                group = group_rows[start : start + k]
                parts = [separate_thinking(r["response"]) for r in group]
                thinking = "\n\n".join(
                    f"Question {i}: {p.thinking}" for i, p in enumerate(parts, 1)
                )
                answers = "\n\n".join(
                    f"**Question {i}:** {p.answer_part}" for i, p in enumerate(parts, 1)
                )
                items.append((thinking + "</think>" + answers, [r["gold"] for r in group], False))
    return items


def split_all(items) -> list[tuple[str, str | None]]:
    pairs = []
    for response, golds, in_thinking in items:
        chains = split_batched_response(response, len(golds), starts_in_thinking=in_thinking)
        pairs += [(g, c.answer) for g, c in zip(golds, chains, strict=True)]
    return pairs


def label_ours(items, workers: int) -> tuple[list[tuple[str, str | None]], list[str], int]:
    """drqa's path (``drqa label``): every response goes to the pool's workers to split (the
    parent splits too while it waits), each batch of pairs to the verifier as it comes back;
    the pairs, their verdicts, and how many responses the parent split itself."""
    jobs = [SplitJob(response, len(golds), starts_in_thinking=t) for response, golds, t in items]
    with LabelPool(workers=workers, timeout_s=5.0, prestart=True) as pool:
        tickets = pool.submit_split(jobs)
        pairs: list[tuple[str, str | None]] = []
        for start in range(0, len(items), _SUBMIT_EVERY):
            results = pool.collect(tickets[start : start + _SUBMIT_EVERY])
            new = [(gold, chain.answer)
                   for (chains, _), (_, golds, _) in zip(results, items[start:], strict=False)
                   for gold, chain in zip(golds, chains, strict=True)]  # fmt: skip
            pool.submit(new)
            pairs += new
        return pairs, [v.status for v in pool.verify_many(pairs)], pool.split_in_parent


def label_naive(items) -> list[str]:
    """The plain loop: split, then per chain parse gold, parse answer, verify."""
    return [naive_verdict(g, a) for g, a in split_all(items)]


def naive_verdict(gold: str | None, answer: str | None) -> str:
    """parse gold, parse answer, verify: math-verify's own 5 s timeouts, no fast path, no cache."""
    from math_verify import ExprExtractionConfig, LatexExtractionConfig, parse, verify

    gold, answer = normalise_answer(gold), normalise_answer(answer)
    if not gold:
        return "gold_unparseable"
    if not answer:
        return "no_answer"
    configs = [LatexExtractionConfig(boxed_match_priority=0), ExprExtractionConfig()]

    def parsed(text):
        return parse("\\boxed{" + text + "}", extraction_config=configs) or parse(text)

    parsed_gold = parsed(gold)
    text_only = all(isinstance(item, str) for item in parsed_gold)
    if not parsed_gold or (text_only and not gold.replace(" ", "").isalpha()):
        return "gold_unparseable"
    parsed_answer = parsed(answer)
    if not parsed_answer:
        return "incorrect"
    return "correct" if verify(parsed_gold, parsed_answer) else "incorrect"


def worker_start_up() -> tuple[float, float]:
    """Wall and CPU seconds one pool worker takes to start before it takes work (a fork of this
    process and its math-verify warm-up; a new interpreter and its imports where it cannot
    fork): what ours pays once per run on top of the split."""
    from drqa.labeling.verify_worker import WorkerProcess

    start, children = time.perf_counter(), cpu_seconds()[1]
    worker = WorkerProcess(5.0)
    worker.process.stdout.readline()  # "ready"
    wall = time.perf_counter() - start
    worker.stop()
    return wall, cpu_seconds()[1] - children


def cpu_seconds() -> tuple[float, float]:
    """CPU seconds of this process and of its finished children (the pool's workers)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def split_times(items, repeat: int) -> str:
    """The split alone, the new design against the regex splitter before issue 17 (rebuilt from
    git history by ``batched_split_eval``), interleaved in the same run."""
    from batched_split_eval import _old_splitter

    old = _old_splitter()
    best = {"new": float("inf"), "old": float("inf")}
    for _ in range(repeat):
        for name, split in (("new", split_batched_response), ("old", old)):
            start = time.process_time()  # cpu: a shared machine's load does not count
            for response, golds, in_thinking in items:
                split(response, len(golds), starts_in_thinking=in_thinking)
            best[name] = min(best[name], time.process_time() - start)
    return (f"split alone (best of {repeat}, cpu): new design {best['new']:.2f} s, "
            f"regex splitter before issue 17 {best['old']:.2f} s")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--traces", type=Path, default=DEFAULT)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1, help="runs of both sides")
    parser.add_argument(
        "--no-old-splitter", action="store_true", help="skip timing the pre-issue-17 splitter"
    )
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.traces.open(encoding="utf-8")]
    items = build_items(rows)
    timings, cpu, loads, in_parent = [], [], [], []
    for _ in range(args.repeat):
        loads.append(os.getloadavg()[0])
        start, (own, children) = time.perf_counter(), cpu_seconds()
        pairs, ours, parent_split = label_ours(items, args.workers)
        in_parent.append(parent_split)
        ours_s, ours_cpu = time.perf_counter() - start, cpu_seconds()
        ours_cpu = (ours_cpu[0] - own, ours_cpu[1] - children)  # this process, its workers
        start, own = time.perf_counter(), sum(cpu_seconds())
        naive = label_naive(items)
        naive_s, naive_cpu = time.perf_counter() - start, sum(cpu_seconds()) - own
        timings.append((ours_s, naive_s))
        cpu.append((ours_cpu, naive_cpu))

    n = len(pairs)
    print(f"traces {len(rows)}, responses {len(items)} (batched {len(items) - len(rows)}), "
          f"chains {n}; cpu: seconds of this process + its workers (on a shared machine the "
          "wall clock follows the load, given before each run: with sessions sharing the CPUs, "
          "only idle cores let ours split on two at once)")  # fmt: skip
    print(f"{'run':<6}{'load':>6}{'ours s':>9}{'ours ch/s':>11}{'ours cpu':>12}{'naive s':>9}"
          f"{'naive ch/s':>12}{'naive cpu':>11}{'ratio':>8}")  # fmt: skip
    rows_out = zip(timings, cpu, loads, strict=True)
    for i, ((ours_s, naive_s), (oc, nc), load) in enumerate(rows_out, 1):
        ours_cpu = f"{oc[0]:.2f}+{oc[1]:.2f}"
        print(f"{i:<6}{load:>6.1f}{ours_s:>9.2f}{n / ours_s:>11.0f}{ours_cpu:>12}{naive_s:>9.2f}"
              f"{n / naive_s:>12.0f}{nc:>11.2f}{naive_s / ours_s:>7.1f}x")  # fmt: skip
    ratios = sorted(naive_s / ours_s for ours_s, naive_s in timings)
    print(
        f"speed-up (ours {args.workers} workers vs naive 1 process): median "
        f"{statistics.median(ratios):.1f}x, min {ratios[0]:.1f}x, max {ratios[-1]:.1f}x"
    )
    start_wall, start_cpu = worker_start_up()
    print(f"where ours' seconds go: splitting (the parent split {statistics.median(in_parent):.0f} "
          f"of {len(items)} responses, its workers the rest), a worker's start-up "
          f"{start_wall:.2f} s ({start_cpu:.2f} s cpu) per run, verifying")  # fmt: skip
    both = [(i, a, b) for i, (a, b) in enumerate(zip(ours, naive, strict=True))
            if "timeout" not in (a, b)]  # fmt: skip
    same = sum(a == b for _, a, b in both)
    print(
        f"verdicts agree on {same}/{len(both)} chains where neither timed out "
        f"({ours.count('timeout')} ours, {naive.count('timeout')} naive timed out)"
    )
    if not args.no_old_splitter:
        print(split_times(items, args.repeat))
    differing = {(pairs[i][0], pairs[i][1], a, b) for i, a, b in both if a != b}
    for gold, answer, a, b in sorted(differing, key=str):
        count = sum(
            1 for i, x, y in both if (pairs[i][0], pairs[i][1], x, y) == (gold, answer, a, b)
        )
        print(f"  differs x{count}: gold={gold!r} answer={answer!r} ours={a} naive={b}")


if __name__ == "__main__":
    main()
