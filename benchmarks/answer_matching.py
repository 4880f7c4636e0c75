"""Verdicts against human judges on free-form answers (GPQA answered free-form, two annotators).

Reads ``../shared/data/answer_matching/gpqa_human_judged.jsonl`` and judges every pair whose
``human_match`` is not null with the labelling verifier (``VerifierPool``, as ``drqa label``
does). Prints the three figures of issue 9: the share of pairs decided (correct or incorrect;
``uncertain``, ``error`` and ``timeout`` abstain), accuracy on the decided pairs, and false
positives (called correct, humans say mismatch) as a share of the human mismatches; then every
pair decided against the humans.
Run: ``python benchmarks/answer_matching.py [--data PATH] [--show 40]``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from drqa.labeling.verifier import VerifierPool

DEFAULT = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared/data/answer_matching/gpqa_human_judged.jsonl"
)
DECIDED = ("correct", "incorrect")


def figures(humans: list[bool], verdicts: list[str]) -> dict[str, float]:
    """Decided share, accuracy on decided pairs, false positives per human mismatch."""
    decided = [(h, v) for h, v in zip(humans, verdicts, strict=True) if v in DECIDED]
    right = sum(h == (v == "correct") for h, v in decided)
    mismatches = sum(not h for h in humans)
    false_positives = sum((not h) and v == "correct" for h, v in decided)
    return {
        "pairs": len(humans),
        "decided": len(decided) / len(humans) if humans else 0.0,
        "accuracy_on_decided": right / len(decided) if decided else 0.0,
        "false_positives_per_mismatch": false_positives / mismatches if mismatches else 0.0,
        "false_positives": false_positives,
        "human_mismatches": mismatches,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--show", type=int, default=40)
    args = parser.parse_args()
    if not args.data.is_file():
        raise SystemExit(f"no human-judged pairs at {args.data}")
    rows = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    rows = [row for row in rows if row["human_match"] is not None]
    with VerifierPool(workers=2) as pool:
        verdicts = pool.verify_many([(row["gold"], row["answer"]) for row in rows])
    statuses = [verdict.status for verdict in verdicts]
    result = figures([row["human_match"] for row in rows], statuses)
    print(json.dumps(result, indent=2))
    print("verdicts:", dict(Counter(statuses)))
    wrong = [
        (row, verdict)
        for row, verdict in zip(rows, verdicts, strict=True)
        if verdict.status in DECIDED and row["human_match"] != (verdict.status == "correct")
    ]
    print(f"\n{len(wrong)} decided against the humans; the first {min(args.show, len(wrong))}:")
    for row, verdict in wrong[: args.show]:
        print(
            f"{verdict.status:<9} ({verdict.detail}) | gold {row['gold'][:70]!r} | "
            f"answer {row['answer'][:90]!r}"
        )


if __name__ == "__main__":
    main()
