"""Batch composition: seeded, reproducible groups of k problems for each batch size.

Every problem gets one group per batch size. When the pool does not divide by k, the last group
is filled with problems drawn from the rest (they then appear in two groups of that size).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from drqa.errors import DrqaError


def compose_batches(
    problem_ids: Sequence[str],
    k: int,
    *,
    policy: str = "random",
    seed: int = 0,
    difficulties: Sequence[float | None] | None = None,
) -> list[tuple[str, ...]]:
    """Ordered groups of ``k`` problem ids covering every id once (plus fillers).

    ``random`` shuffles and cuts; ``difficulty-mixed`` sorts by difficulty into k strata and
    takes one problem from each stratum per group, in shuffled positions.
    """
    if k < 1:
        raise DrqaError(f"batch size must be at least 1, got {k}")
    order = np.argsort(np.asarray(problem_ids, dtype=object), kind="stable")
    ids = [problem_ids[i] for i in order]
    if not ids:
        return []
    if k == 1:
        return [(pid,) for pid in ids]
    if k > len(ids):
        raise DrqaError(f"batch size {k} needs at least {k} problems; the pool has {len(ids)}")
    rng = np.random.default_rng([seed, k])
    if policy == "random":
        shuffled = [ids[i] for i in rng.permutation(len(ids))]
        groups = [shuffled[i : i + k] for i in range(0, len(shuffled), k)]
    elif policy == "difficulty-mixed":
        groups = _difficulty_mixed(ids, [difficulties[i] for i in order], k, rng)
    else:
        raise DrqaError(f"unknown composition policy {policy!r}; use random or difficulty-mixed")
    if len(groups[-1]) < k:
        last = groups[-1]
        others = [pid for pid in ids if pid not in set(last)]
        fillers = rng.choice(len(others), size=k - len(last), replace=False)
        groups[-1] = last + [others[i] for i in fillers]
    return [tuple(group) for group in groups]


def _difficulty_mixed(ids, difficulties, k, rng) -> list[list[str]]:
    if difficulties is None or any(d is None for d in difficulties):
        missing = len(ids) if difficulties is None else sum(d is None for d in difficulties)
        raise DrqaError(
            f"policy difficulty-mixed needs a difficulty for every problem; {missing} have none "
            "(map one with --difficulty-field at ingest, or use policy random)"
        )
    by_difficulty = sorted(range(len(ids)), key=lambda i: (difficulties[i], ids[i]))
    strata = [list(part) for part in np.array_split(np.asarray(by_difficulty), k)]
    for stratum in strata:
        rng.shuffle(stratum)
    groups = []
    for row in range(max(len(s) for s in strata)):
        group = [ids[s[row]] for s in strata if row < len(s)]
        rng.shuffle(group)
        groups.append(group)
    # short groups (uneven strata) are merged into the last, which the caller fills to k
    full = [g for g in groups if len(g) == k]
    rest = [pid for g in groups if len(g) < k for pid in g]
    return full + [rest[i : i + k] for i in range(0, len(rest), k)] if rest else full
