"""Label throughput: our split + verify (2 worker processes, fast paths, verdict cache) against
the naive loop (split, then parse gold, parse answer, verify; one process, no cache).

Labels all 2,158 shared traces plus batched responses built from them (finished traces of one
model grouped by 2 and 3, thinking and answers stitched under ``Question k`` markers), both ways
in the same run. Prints chains/s for both, the ratio, and verdict agreement where neither timed
out. Run: ``python benchmarks/label_throughput.py [--traces PATH]``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from drqa.labeling.normalise import normalise_answer
from drqa.labeling.splitter import separate_thinking, split_batched_response
from drqa.labeling.verifier import VerifierPool

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--traces", type=Path, default=DEFAULT)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.traces.open(encoding="utf-8")]
    items = build_items(rows)

    start = time.perf_counter()
    with VerifierPool(workers=args.workers, timeout_s=5.0, prestart=True) as pool:
        pairs = split_all(items)  # the workers import math-verify meanwhile
        ours = [v.status for v in pool.verify_many(pairs)]
    ours_s = time.perf_counter() - start

    start = time.perf_counter()
    naive_pairs = split_all(items)
    naive = [naive_verdict(g, a) for g, a in naive_pairs]
    naive_s = time.perf_counter() - start

    n = len(pairs)
    both = [(a, b) for a, b in zip(ours, naive, strict=True) if "timeout" not in (a, b)]
    same = sum(a == b for a, b in both)
    print(f"traces {len(rows)}, responses {len(items)} (batched {len(items) - len(rows)}), "
          f"chains {n}")  # fmt: skip
    print(f"{'':<28}{'seconds':>10}{'chains/s':>12}")
    print(f"{'ours (2 workers, cache)':<28}{ours_s:>10.2f}{n / ours_s:>12.1f}")
    print(f"{'naive loop (1 process)':<28}{naive_s:>10.2f}{n / naive_s:>12.1f}")
    print(f"speed-up {naive_s / ours_s:.1f}x; verdicts agree on {same}/{len(both)} chains "
          f"where neither timed out ({ours.count('timeout')} ours, "
          f"{naive.count('timeout')} naive timed out)")  # fmt: skip
    for a, b in sorted({(a, b) for a, b in both if a != b}):
        print(f"  differs: ours={a} naive={b}: {sum(1 for x in both if x == (a, b))}")


if __name__ == "__main__":
    main()
