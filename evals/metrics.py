"""Evaluation figures as small pure functions over per-sample verdicts (NeMo-Skills' set).

Inputs are plain sequences, one entry per problem holding its samples, so every figure can be
recomputed from the stored ``eval_samples`` rows:

- pass@1 [avg-of-k]: the mean over problems of each problem's fraction of correct samples, with
  its standard error (sample standard deviation of the per-problem fractions, ``ddof=1``, over
  the square root of the number of problems) and a normal 95% interval clipped to [0, 1];
- majority@k: each problem scores the share of correct answers among the answers voted most
  often (a tie between a right and a wrong answer scores 0.5); samples without an answer do not
  vote, and a problem where no sample answered scores 0;
- unbiased pass@k: ``1 - C(n - c, k) / C(n, k)`` per problem (n samples, c correct), averaged;
- output tokens (mean, median) over all samples and over correct samples only;
- truncation and no-answer rates over samples.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

import numpy as np

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Estimate:
    """A mean with its standard error and 95% interval."""

    mean: float
    se: float
    low: float
    high: float


def pass_at_1(correct: Sequence[Sequence[bool]]) -> Estimate:
    """pass@1 averaged over each problem's samples, with its standard error and interval."""
    per_problem = [sum(samples) / len(samples) for samples in correct if len(samples)]
    if not per_problem:
        return Estimate(0.0, 0.0, 0.0, 0.0)
    mean = sum(per_problem) / len(per_problem)
    se = statistics.stdev(per_problem) / math.sqrt(len(per_problem)) if len(per_problem) > 1 else 0
    return Estimate(mean, se, max(0.0, mean - Z95 * se), min(1.0, mean + Z95 * se))


def pass_at_k_unbiased(n: int, c: int, k: int) -> float:
    """The probability that at least one of ``k`` samples drawn from ``n`` (``c`` correct) is
    correct: ``1 - C(n - c, k) / C(n, k)``."""
    if k < 1 or k > n:
        raise ValueError(f"pass@k needs 1 <= k <= n, got k={k}, n={n}")
    if n - c < k:
        return 1.0
    return 1.0 - math.comb(n - c, k) / math.comb(n, k)


def mean_pass_at_k(correct: Sequence[Sequence[bool]], k: int) -> float | None:
    """Unbiased pass@k averaged over problems; None when some problem has fewer than k samples."""
    problems = [samples for samples in correct if len(samples)]
    if not problems or any(len(samples) < k for samples in problems):
        return None
    return sum(pass_at_k_unbiased(len(s), sum(s), k) for s in problems) / len(problems)


def majority_vote(samples: Sequence[tuple[str | None, bool]]) -> float:
    """One problem's majority@k: share of correct answers among the most-voted answers."""
    votes = Counter(key for key, _ in samples if key)
    if not votes:
        return 0.0
    top = max(votes.values())
    winners = [key for key, count in votes.items() if count == top]
    right = {key for key, ok in samples if key and ok}
    return sum(key in right for key in winners) / len(winners)


def majority_at_k(samples: Sequence[Sequence[tuple[str | None, bool]]]) -> float:
    """majority@k averaged over problems (each problem: ``(answer_key, correct)`` per sample)."""
    problems = [s for s in samples if len(s)]
    return sum(majority_vote(s) for s in problems) / len(problems) if problems else 0.0


def token_stats(tokens: Sequence[int | None], correct: Sequence[bool]) -> dict[str, float | None]:
    """Mean and median output tokens over all samples and over correct ones (None if empty)."""
    counted = [(t, ok) for t, ok in zip(tokens, correct, strict=True) if t is not None]
    every = [t for t, _ in counted]
    right = [t for t, ok in counted if ok]

    def mean(values):
        return sum(values) / len(values) if values else None

    def median(values):
        return float(statistics.median(values)) if values else None

    return {
        "mean_tokens": mean(every),
        "median_tokens": median(every),
        "mean_tokens_correct": mean(right),
        "median_tokens_correct": median(right),
    }


def rate(flags: Sequence[bool]) -> float:
    """The share of true flags (0 for none)."""
    return sum(flags) / len(flags) if flags else 0.0


@dataclass(frozen=True)
class PairedComparison:
    """Accuracy change of a model over a baseline on the problems both answered."""

    n_problems: int
    delta: float  # model minus baseline, pass@1 as a fraction
    low: float
    high: float
    p_value: float

    @property
    def significant(self) -> bool:
        """True when the 95% bootstrap interval of the change excludes zero."""
        return self.low > 0 or self.high < 0


def paired_bootstrap(
    model: Mapping[str, float],
    baseline: Mapping[str, float],
    *,
    resamples: int = 2000,
    seed: int = 0,
) -> PairedComparison | None:
    """Resample the shared problems with replacement; per-problem pass@1 of each side.

    The p-value is two-sided: twice the smaller share of resampled changes on either side of 0.
    None when the two share no problem.
    """
    keys = sorted(set(model) & set(baseline))
    if not keys:
        return None
    diff = np.array([model[k] - baseline[k] for k in keys])
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(keys), size=(resamples, len(keys)))
    means = diff[picks].mean(axis=1)
    low, high = np.quantile(means, [0.025, 0.975])
    tails = min((means <= 0).mean(), (means >= 0).mean())
    p_value = 1.0 if not diff.any() else min(1.0, 2 * float(tails))
    return PairedComparison(len(keys), float(diff.mean()), float(low), float(high), p_value)


def suite_figures(
    problems: Mapping[str, Sequence[Mapping]],
) -> dict[str, float | int | None]:
    """Every figure of one model x suite from its samples grouped by problem.

    Each sample is a mapping with ``correct``, ``answer_key``, ``status``, ``truncated`` and
    ``output_tokens``; samples whose generation failed (status ``failed``) are left out.
    """
    scored = {
        key: [s for s in samples if s["status"] != "failed"] for key, samples in problems.items()
    }
    scored = {key: samples for key, samples in scored.items() if samples}
    correct = [[bool(s["correct"]) for s in samples] for samples in scored.values()]
    flat = [s for samples in scored.values() for s in samples]
    k = min((len(s) for s in correct), default=0)
    acc = pass_at_1(correct)
    return {
        "n_problems": len(scored),
        "n_samples": len(flat),
        "k": k,
        "pass@1": acc.mean,
        "pass@1_se": acc.se,
        "pass@1_low": acc.low,
        "pass@1_high": acc.high,
        "majority@k": majority_at_k(
            [[(s["answer_key"], bool(s["correct"])) for s in group] for group in scored.values()]
        ),
        "pass@k": mean_pass_at_k(correct, k) if k else None,
        **token_stats([s["output_tokens"] for s in flat], [bool(s["correct"]) for s in flat]),
        "truncation_rate": rate([bool(s["truncated"]) for s in flat]),
        "no_answer_rate": rate([s["status"] in ("no_answer", "truncated") for s in flat]),
    }


def per_problem_accuracy(problems: Mapping[str, Sequence[Mapping]]) -> dict[str, float]:
    """Each problem's fraction of correct samples (failed generations left out)."""
    result = {}
    for key, samples in problems.items():
        scored = [s for s in samples if s["status"] != "failed"]
        if scored:
            result[key] = sum(bool(s["correct"]) for s in scored) / len(scored)
    return result


def as_dict(estimate: Estimate | PairedComparison) -> dict:
    """A JSON-ready dict of an estimate or comparison."""
    return asdict(estimate)
