"""How certain an automatic label is: the Argilla suggestion's score.

Two things must hold for the label to be right: the chain was attributed to the right question
(the splitter's ``split_confidence``) and the verdict on its answer is right. The verdict's
certainty comes from the catalog's ``verify_confidence`` when labelling records one, else from
the verdict and split kind below: a match against the gold answer is the surest; "incorrect" can
be an unusual but equivalent answer format; "no answer" on a cut-off or unsplit chain says little
about the reasoning itself. A chain routed to review is capped at 0.5.
"""

from __future__ import annotations

from typing import Any

VERDICT_CERTAINTY = {
    "correct": 0.95,
    "incorrect": 0.8,
    "no_answer": 0.7,
}
NO_ANSWER_BY_SPLIT = {"truncated": 0.6, "missing": 0.5}
UNKNOWN_VERDICT = 0.3
REVIEW_CAP = 0.5


def verdict_certainty(row: dict[str, Any]) -> float:
    """A 0..1 score for the verdict on the chain's answer alone (the correctness suggestion)."""
    verdict = row.get("verify_status")
    verified = row.get("verify_confidence")
    if verified is not None:
        return min(max(float(verified), 0.0), 1.0)
    if verdict == "no_answer":
        return NO_ANSWER_BY_SPLIT.get(row.get("split_status") or "", VERDICT_CERTAINTY[verdict])
    return VERDICT_CERTAINTY.get(verdict or "", UNKNOWN_VERDICT)


def split_certainty(row: dict[str, Any]) -> float:
    """The splitter's ``split_confidence`` clipped to 0..1 (1.0 when it recorded none)."""
    split = row.get("split_confidence")
    return 1.0 if split is None else min(max(float(split), 0.0), 1.0)


def label_certainty(row: dict[str, Any]) -> float:
    """A 0..1 score for the automatic label of one chain row (catalog column names)."""
    score = split_certainty(row) * verdict_certainty(row)
    if row.get("needs_review"):
        score = min(score, REVIEW_CAP)
    return round(score, 3)
