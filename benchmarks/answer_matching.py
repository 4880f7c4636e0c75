"""Verdicts against human judges on free-form answers (GPQA answered free-form, two annotators).

Reads ``../shared/data/answer_matching/gpqa_human_judged.jsonl`` and judges every pair whose
``human_match`` is not null with the labelling verifier (``VerifierPool``, as ``drqa label``
does). When the blind set ``tests/labeling/data/answer_matching_unseen.jsonl`` exists (written by
someone who never read the matcher; fields id, question, gold, answer, human_match, why), it is
scored as a row of its own and its pairs are never printed: nobody tunes on it; so is a second
blind set, ``answer_matching_unseen2.jsonl`` (GPQA-style, written in a later session).

Prints the three figures of issue 9: the share of pairs decided (correct or incorrect;
``uncertain``, ``error`` and ``timeout`` abstain), accuracy on the decided pairs, and false
positives (called correct, humans say mismatch) as a share of the human mismatches; then every
pair decided against the humans.
Run: ``python benchmarks/answer_matching.py [--data PATH] [--unseen PATH] [--show 40] [--json]``.
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
UNSEEN = Path(__file__).resolve().parents[1] / "tests/labeling/data/answer_matching_unseen.jsonl"
UNSEEN2 = Path(__file__).resolve().parents[1] / "tests/labeling/data/answer_matching_unseen2.jsonl"
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


def _judged(path: Path) -> list[dict]:
    """Rows of a JSON-lines file of human-judged pairs, those with a human verdict."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return [row for row in rows if row.get("human_match") is not None]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--unseen", type=Path, default=UNSEEN, help="blind set (skipped if absent)")
    parser.add_argument(
        "--unseen2", type=Path, default=UNSEEN2, help="second blind set (skipped if absent)"
    )
    parser.add_argument("--show", type=int, default=40)
    parser.add_argument("--json", action="store_true", help="print only the figures as JSON")
    args = parser.parse_args()
    if not args.data.is_file():
        raise SystemExit(f"no human-judged pairs at {args.data}")
    rows = _judged(args.data)
    blind = {
        name: _judged(path)
        for name, path in (("unseen", args.unseen), ("unseen2", args.unseen2))
        if path.is_file()
    }
    with VerifierPool(workers=2) as pool:
        verdicts = pool.verify_many([(row["gold"], row["answer"]) for row in rows])
        blind_verdicts = {
            name: pool.verify_many([(row["gold"], row["answer"]) for row in pairs])
            for name, pairs in blind.items()
        }
    statuses = [verdict.status for verdict in verdicts]
    result = {"visible": figures([row["human_match"] for row in rows], statuses)}
    for name, pairs in blind.items():
        blind_statuses = [verdict.status for verdict in blind_verdicts[name]]
        result[name] = figures([row["human_match"] for row in pairs], blind_statuses)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{'set':<10}{'pairs':>7}{'decided':>9}{'accuracy':>10}{'false pos.':>12}")
    for name, row in result.items():
        print(
            f"{name:<10}{row['pairs']:>7}{row['decided']:>9.1%}{row['accuracy_on_decided']:>10.3f}"
            f"{row['false_positives']:>6} ({row['false_positives_per_mismatch']:.1%})"
        )
    for name, path in (("unseen", args.unseen), ("unseen2", args.unseen2)):
        if name not in blind:
            print(f"(no blind set at {path}: its row is skipped)")
    print("visible verdicts:", dict(Counter(statuses)))
    wrong = [
        (row, verdict)
        for row, verdict in zip(rows, verdicts, strict=True)
        if verdict.status in DECIDED and row["human_match"] != (verdict.status == "correct")
    ]
    shown = min(args.show, len(wrong))
    print(f"\n{len(wrong)} visible pairs decided against the humans; the first {shown}:")
    for row, verdict in wrong[: args.show]:
        print(
            f"{verdict.status:<9} ({verdict.detail}) | gold {row['gold'][:70]!r} | "
            f"answer {row['answer'][:90]!r}"
        )


if __name__ == "__main__":
    main()
