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


def label_certainty(row: dict[str, Any]) -> float:
    """A 0..1 score for the automatic label of one chain row (catalog column names)."""
    split = row.get("split_confidence")
    split = 1.0 if split is None else min(max(float(split), 0.0), 1.0)
    verdict = row.get("verify_status")
    verified = row.get("verify_confidence")
    if verified is not None:
        sure = min(max(float(verified), 0.0), 1.0)
    elif verdict == "no_answer":
        sure = NO_ANSWER_BY_SPLIT.get(row.get("split_status") or "", VERDICT_CERTAINTY[verdict])
    else:
        sure = VERDICT_CERTAINTY.get(verdict or "", UNKNOWN_VERDICT)
    score = split * sure
    if row.get("needs_review"):
        score = min(score, REVIEW_CAP)
    return round(score, 3)
