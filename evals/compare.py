"""A model's change against the baseline, only where the two evaluations are comparable.

Two cells are compared only when they were asked the same thing: the same benchmark file (or
Hub revision), the same problems (the same first N), the same prompt file, the same max tokens
and the same k (samples per problem). Otherwise the change is not computed and the report says
what differs. An accuracy change is starred only by a paired bootstrap over the shared problems,
and only with at least :data:`MIN_PAIRED_PROBLEMS` of them: on fewer, a resampled interval says
little, so no star whatever it shows.
"""

from __future__ import annotations

from drqa.evals.metrics import as_dict, paired_bootstrap

MIN_PAIRED_PROBLEMS = 30


def differences(cell: dict, base: dict) -> list[str]:
    """What the two cells' settings differ in (empty when they are comparable)."""
    f, b = cell["figures"], base["figures"]
    asked, base_asked = f.get("asked") or {}, b.get("asked") or {}
    pairs = [
        ("benchmark", cell["benchmark_sha256"][:12], base["benchmark_sha256"][:12]),
        ("problems", asked.get("problems", f["n_problems"]), base_asked.get("problems",
                                                                          b["n_problems"])),
        ("prompt", cell["prompt"], base["prompt"]),
        ("max tokens", cell["sampling"].get("max_tokens"), base["sampling"].get("max_tokens")),
        ("k", asked.get("samples", f["k"]), base_asked.get("samples", b["k"])),
    ]  # fmt: skip
    return [f"{name} {mine} vs {theirs}" for name, mine, theirs in pairs if mine != theirs]


def change(cell: dict, base: dict, problems: dict, base_problems: dict, resamples: int) -> dict:
    """The change of ``cell`` against ``base``: ``{"matched": False, "differs": [...]}`` when
    they are not comparable; else the accuracy (pt) and token (%) change and the paired test."""
    differs = differences(cell, base)
    if differs:
        return {"matched": False, "differs": differs}
    tokens = None
    if cell["mean_tokens"] is not None and base["mean_tokens"]:
        tokens = 100 * (cell["mean_tokens"] / base["mean_tokens"] - 1)
    comparison = paired_bootstrap(problems, base_problems, resamples=resamples)
    paired = None
    if comparison is not None:
        enough = comparison.n_problems >= MIN_PAIRED_PROBLEMS
        paired = as_dict(comparison) | {
            "significant": enough and comparison.significant,
            "min_problems": MIN_PAIRED_PROBLEMS,
        }
    return {
        "matched": True,
        "accuracy_pt": cell["accuracy"] - base["accuracy"],
        "tokens_pct": tokens,
        "paired": paired,
    }
