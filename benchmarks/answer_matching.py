"""Verdicts against human judges on free-form answers (GPQA answered free-form, two annotators).

Reads ``../shared/data/answer_matching/gpqa_human_judged.jsonl`` and judges every pair whose
``human_match`` is not null with the labelling verifier (``VerifierPool``, as ``drqa label``
does). When the blind set ``tests/labeling/data/answer_matching_unseen.jsonl`` exists (written by
someone who never read the matcher; fields id, question, gold, answer, human_match, why), it is
scored as a row of its own; so are ``answer_matching_unseen2.jsonl`` and
``answer_matching_unseen3.jsonl`` (GPQA-style, written blind in session 4) and
``answer_matching_unseen4.jsonl`` (written blind in session 5), ``answer_matching_unseen5.jsonl``
(session 6), ``answer_matching_unseen6.jsonl`` (session 7), ``answer_matching_unseen7.jsonl``
(session 8) and ``answer_matching_unseen8.jsonl`` (session 9); a row is skipped while its file
is absent. Each blind set is held out until its "after" figure is reported; the held-out one
(``HIDDEN``: unseen8) is never printed, the others are studied (``--show-set NAME``).

Prints the three figures of issue 9: the share of pairs decided (correct or incorrect;
``uncertain``, ``error`` and ``timeout`` abstain), accuracy on the decided pairs, and false
positives (called correct, humans say mismatch) as a share of the human mismatches; then every
pair decided against the humans.

Then the audit of issue 17: every verdict carries a reason code (the rule that decided it,
:func:`drqa.labeling.verdict_reasons.reason_code`); per rule, the pairs it decides and its
accuracy on the visible pairs, on each half of them split by question (a 2-fold check: a rule that
decides pairs in one half only, or from one or two questions, was fitted to what was seen) and on
the studied blind sets (``STUDIED``; never the held-out one). ``--show-unseen``
prints the first blind set's disagreements (it is studied since issue 17 and no longer blind).
Run: ``python benchmarks/answer_matching.py [--data PATH] [--unseen PATH] [--show 40]
[--show-unseen] [--show-set NAME] [--json]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter, defaultdict
from pathlib import Path

from drqa.labeling.verifier import VerifierPool

DEFAULT = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared/data/answer_matching/gpqa_human_judged.jsonl"
)
_DATA = Path(__file__).resolve().parents[1] / "tests/labeling/data"
SET_NAMES = ("unseen", *(f"unseen{k}" for k in range(2, 9)))  # unseen, unseen2 .. unseen8
BLIND = {name: _DATA / f"answer_matching_{name}.jsonl" for name in SET_NAMES}
UNSEEN = BLIND["unseen"]
# unseen6 was blind in session 6 (before 62.0% / 0.949 / 1 FP; after 62.7% / 0.960 / 1 FP),
# unseen7 in session 7 (before 67.7% / 0.968 / 0; after 68.3% / 0.969 / 0): studied since.
# STUDIED: sets whose "after" figure is recorded.
STUDIED = ("unseen", "unseen2", "unseen3", "unseen4", "unseen5", "unseen6", "unseen7")
HIDDEN = ("unseen8",)  # blind sets whose pairs are never printed (scored, never studied)
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


def _fold(question: str) -> int:
    """0 or 1: the half a question falls in (a stable hash, not the file order)."""
    return hashlib.sha256(question.encode()).digest()[0] % 2


def audit(
    rows: list[dict],
    verdicts: list,
    *studied_sets: tuple[list[dict], list] | None,
) -> dict:
    """Per reason code: pairs decided and right, overall, per question fold, and on each studied
    blind set (``studied_sets`` in the order of ``STUDIED``; the held-out one never enters)."""
    table: dict[str, dict] = defaultdict(lambda: defaultdict(int))

    def count(prefix: str, row: dict, verdict) -> None:
        if verdict.status not in DECIDED:
            return
        entry = table[verdict.reason]
        entry[f"{prefix}n"] += 1
        entry[f"{prefix}right"] += row["human_match"] == (verdict.status == "correct")

    for row, verdict in zip(rows, verdicts, strict=True):
        question = str(row.get("question_id") or row.get("question") or row["id"])
        count("", row, verdict)
        count(f"fold{_fold(question)}_", row, verdict)
        if verdict.status in DECIDED:
            table[verdict.reason].setdefault("questions", set()).add(question)
    for name, studied in zip(STUDIED, studied_sets, strict=False):
        for row, verdict in zip(*(studied or ([], [])), strict=True):
            count(f"{name}_", row, verdict)
    result = {}
    for code, entry in sorted(table.items(), key=lambda item: -item[1].get("n", 0)):
        result[code] = {key: value for key, value in entry.items() if key != "questions"}
        result[code]["questions"] = len(entry.get("questions", ()))
    return result


def _share(entry: dict, prefix: str) -> str:
    n = entry.get(f"{prefix}n", 0)
    return f"{n:>4} {entry.get(f'{prefix}right', 0) / n:>5.2f}" if n else f"{0:>4}     -"


def print_audit(table: dict) -> None:
    """The per-rule table: decided pairs and accuracy, visible, per fold, studied blind sets."""
    columns = "".join(f"{name:>11}" for name in STUDIED)
    print(f"\n{'rule':<18}{'visible':>11}{'questions':>10}{'fold 0':>11}{'fold 1':>11}"
          f"{columns}  note")  # fmt: skip
    for code, entry in table.items():
        folds = [entry.get(f"fold{k}_n", 0) for k in (0, 1)]
        note = ""
        if entry.get("n", 0) and (min(folds) == 0 or entry["questions"] <= 2):
            note = "narrow: one fold or <= 2 questions"
        print(
            f"{code:<18}{_share(entry, '')}{entry['questions']:>10}{_share(entry, 'fold0_')}"
            f"{_share(entry, 'fold1_')}{''.join(_share(entry, f'{n}_') for n in STUDIED)}"
            f"  {note}"
        )


def _disagreements(rows: list[dict], verdicts: list) -> list[tuple[dict, object]]:
    return [
        (row, verdict)
        for row, verdict in zip(rows, verdicts, strict=True)
        if verdict.status in DECIDED and row["human_match"] != (verdict.status == "correct")
    ]


def _judged(path: Path) -> list[dict]:
    """Rows of a JSON-lines file of human-judged pairs, those with a human verdict."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return [row for row in rows if row.get("human_match") is not None]


def _blind_paths(args) -> list[tuple[str, Path]]:
    return [(name, getattr(args, name)) for name in BLIND]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    for name, path in BLIND.items():
        kind = "held-out blind set" if name in HIDDEN else "studied blind set"
        parser.add_argument(
            f"--{name}", type=Path, default=path, help=f"{kind} (skipped if absent)"
        )
    parser.add_argument("--show", type=int, default=40)
    parser.add_argument(
        "--show-unseen",
        action="store_true",
        help="also print the first blind set's disagreements (as --show-set unseen)",
    )
    parser.add_argument(
        "--show-set",
        action="append",
        default=[],
        metavar="NAME",
        help=f"also print a studied set's disagreements ({', '.join(STUDIED)}; never {HIDDEN[0]})",
    )
    parser.add_argument("--json", action="store_true", help="print only the figures as JSON")
    args = parser.parse_args()
    shown_sets = set(args.show_set) | ({"unseen"} if args.show_unseen else set())
    held_out = {BLIND[name].resolve(): name for name in HIDDEN}
    hidden = sorted(name for name in shown_sets if name in HIDDEN) + [
        held_out[getattr(args, name).resolve()]
        for name in sorted(shown_sets & set(BLIND))
        if getattr(args, name).resolve() in held_out
    ]
    if hidden:
        raise SystemExit(f"never printed: the blind set {hidden[0]}")
    if not args.data.is_file():
        raise SystemExit(f"no human-judged pairs at {args.data}")
    rows = _judged(args.data)
    blind = {name: _judged(path) for name, path in _blind_paths(args) if path.is_file()}
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
    studied = {
        name: (blind[name], blind_verdicts[name])
        for name in STUDIED
        if name in blind and name not in HIDDEN
    }
    table = audit(rows, verdicts, *(studied.get(name) for name in STUDIED))
    if args.json:
        print(json.dumps({**result, "rules": table}, indent=2))
        return
    print(f"{'set':<10}{'pairs':>7}{'decided':>9}{'accuracy':>10}{'false pos.':>12}")
    for name, row in result.items():
        print(
            f"{name:<10}{row['pairs']:>7}{row['decided']:>9.1%}{row['accuracy_on_decided']:>10.3f}"
            f"{row['false_positives']:>6} ({row['false_positives_per_mismatch']:.1%})"
        )
    for name, path in _blind_paths(args):
        if name not in blind:
            print(f"(no blind set at {path}: its row is skipped)")
    print("visible verdicts:", dict(Counter(statuses)))
    print_audit(table)
    folds = Counter(_fold(str(row.get("question_id") or row.get("question"))) for row in rows)
    for k in (0, 1):
        decided = sum(entry.get(f"fold{k}_n", 0) for entry in table.values())
        right = sum(entry.get(f"fold{k}_right", 0) for entry in table.values())
        print(f"fold {k}: {folds[k]} pairs, decided {decided / max(1, folds[k]):.1%}, "
              f"accuracy {right / max(1, decided):.3f}")  # fmt: skip
    wrong = _disagreements(rows, verdicts)
    shown = min(args.show, len(wrong))
    print(f"\n{len(wrong)} visible pairs decided against the humans; the first {shown}:")
    for row, verdict in wrong[: args.show]:
        print(
            f"{verdict.status:<9} ({verdict.detail}) | gold {row['gold'][:70]!r} | "
            f"answer {row['answer'][:90]!r}"
        )
    for name in sorted(shown_sets & set(blind)):
        wrong = _disagreements(blind[name], blind_verdicts[name])
        print(f"\n{len(wrong)} pairs of the blind set {name} decided against the humans:")
        for row, verdict in wrong:
            print(
                f"{verdict.status:<9} [{verdict.reason}] ({verdict.detail}) | gold "
                f"{row['gold'][:60]!r} | answer {row['answer'][:80]!r} | why {row.get('why', '')!r}"
            )


if __name__ == "__main__":
    main()
