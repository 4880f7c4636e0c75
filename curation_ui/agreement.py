"""Agreement statistics: Cohen's kappa (two raters), Fleiss' kappa (any number), confusion."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from drqa.schema import LABELS

LABEL_ORDER = LABELS


def cohen_kappa(first: Sequence[str], second: Sequence[str]) -> float | None:
    """Cohen's kappa of two raters over the same items; None when undefined (no items, or
    chance agreement is certain while the raters disagree).

    drqa's one kappa (review status and the release gate use it). None, not NaN: "no value" stays
    distinct from a number and is valid JSON in ``drqa review status --json`` and gate reports;
    the gate's float metrics frame turns it into NaN, which fails its expectation.
    """
    if len(first) != len(second):
        raise ValueError("cohen_kappa needs two rating lists of the same length")
    n = len(first)
    if n == 0:
        return None
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    counts_a, counts_b = Counter(first), Counter(second)
    expected = sum(counts_a[k] * counts_b[k] for k in counts_a) / (n * n)
    if expected == 1.0:
        return 1.0 if observed == 1.0 else None
    return (observed - expected) / (1.0 - expected)


def fleiss_kappa(items: Sequence[Sequence[str]]) -> float | None:
    """Fleiss' kappa over items each rated by two or more raters (counts may differ per item)."""
    items = [ratings for ratings in items if len(ratings) >= 2]
    if not items:
        return None
    totals: Counter = Counter()
    agreement = 0.0
    n_ratings = 0
    for ratings in items:
        counts = Counter(ratings)
        m = len(ratings)
        agreement += (sum(c * c for c in counts.values()) - m) / (m * (m - 1))
        totals.update(counts)
        n_ratings += m
    observed = agreement / len(items)
    expected = sum((c / n_ratings) ** 2 for c in totals.values())
    if expected == 1.0:
        return 1.0 if observed == 1.0 else None
    return (observed - expected) / (1.0 - expected)


def confusion_matrix(
    truth: Sequence[str], predicted: Sequence[str], labels: Sequence[str] = LABEL_ORDER
) -> dict[str, dict[str, int]]:
    """``matrix[truth][predicted]`` counts over the given labels (others are ignored)."""
    matrix = {row: dict.fromkeys(labels, 0) for row in labels}
    for t, p in zip(truth, predicted, strict=True):
        if t in matrix and p in matrix[t]:
            matrix[t][p] += 1
    return matrix
