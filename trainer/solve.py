"""``train.task: solve``: GRPO on the policy's own solutions to the release's problems.

Beyond the paper: instead of learning to judge chains, the policy answers each of the release's
problems as a single question (the ``drqa eval`` prompt, ``math-v1``) and is rewarded by
``budget@1`` (:mod:`drqa.trainer.rewards`): correct within the problem's token budget scores 1,
correct but longer scores less as the excess grows, wrong / no answer / cut off by the length
limit scores 0. The budget of a problem is the median length (``total_tokens``) of its concise
chains in the release (label B); a problem without B chains falls back to its A chains (correct
but long), then to all its chains, and every row says which (``budget_source``). Gold answers
come from the release's ``problems`` config. Correctness is decided by ``drqa eval``'s scorer
(:func:`drqa.trainer.answers.score_answers`), so a reward of 1 means what an eval's correct
sample means.
"""

from __future__ import annotations

import atexit
from collections.abc import Sequence

import polars as pl

from drqa.trainer.config import TaskConfig
from drqa.trainer.task import Task, opens_thinking, prompt_lengths, validation_problems

SOLVE_PROMPT = "math-v1"
BUDGET_SOURCES = ("B", "A", "all")
SOLVE_COLUMNS = ("problem_id", "gold_answer", "budget_tokens", "budget_source",
                 "max_completion_tokens", "stop_token_ids", "starts_in_thinking")  # fmt: skip


def problem_budgets(labels: pl.DataFrame) -> pl.DataFrame:
    """Per problem: ``budget_tokens`` (median ``total_tokens`` of its B chains, else of its A
    chains, else of all its chains) and ``budget_source`` (``B``, ``A`` or ``all``)."""
    counted = labels.filter(pl.col("total_tokens").is_not_null() & (pl.col("total_tokens") > 0))
    parts = []
    for source in BUDGET_SOURCES:
        rows = counted if source == "all" else counted.filter(pl.col("label") == source)
        parts.append(
            rows.group_by("problem_id")
            .agg(pl.col("total_tokens").median().alias("budget_tokens"))
            .with_columns(pl.lit(source).alias("budget_source"), pl.lit(len(parts)).alias("rank"))
        )
    if counted.height == 0:
        return pl.DataFrame(
            schema={
                "problem_id": pl.String,
                "budget_tokens": pl.Float64,
                "budget_source": pl.String,
            }  # fmt: skip
        )
    return (
        pl.concat(parts)
        .sort("problem_id", "rank")
        .group_by("problem_id", maintain_order=True)
        .first()
        .drop("rank")
    )


def _prompt_text(problem: str) -> str:
    from drqa.evals.prompts import load_prompt
    from drqa.evals.suites import EvalProblem

    (message,) = load_prompt(SOLVE_PROMPT).messages(EvalProblem("", problem, ""))
    return message["content"]


def stop_token_ids(tokenizer, model_eos: int | list[int] | None = None) -> list[int]:
    """The tokens that end a completion (the tokenizer's EOS and the model's)."""
    ids = [] if model_eos is None else ([model_eos] if isinstance(model_eos, int) else model_eos)
    ids = list(ids)
    if tokenizer.eos_token_id is not None and tokenizer.eos_token_id not in ids:
        ids.append(tokenizer.eos_token_id)
    return ids


def build_solve_task(problems: pl.DataFrame, labels: pl.DataFrame, tokenizer, task: TaskConfig,
                     *, max_completion_tokens: int, stop_ids: Sequence[int],
                     seed: int = 0) -> Task:  # fmt: skip
    """One row per release problem with a gold answer and a budget; split by problem."""
    dropped: dict[str, int] = {}
    budgets = problem_budgets(labels)
    rows = problems.select("problem_id", "problem", pl.col("answer").alias("gold_answer"))
    no_gold = pl.col("gold_answer").is_null() | (pl.col("gold_answer").str.strip_chars() == "")
    dropped["no gold answer"] = int(rows.filter(no_gold).height)
    rows = rows.filter(~no_gold)
    joined = rows.join(budgets, on="problem_id", how="left")
    no_budget = pl.col("budget_tokens").is_null()
    dropped["no chain with a token count"] = int(joined.filter(no_budget).height)
    rows = joined.filter(~no_budget)
    prompts = [_prompt_text(p) for p in rows["problem"].to_list()]
    chats = tokenizer.apply_chat_template(
        [[{"role": "user", "content": p}] for p in prompts], add_generation_prompt=True,
        tokenize=False,
    ) if prompts else []  # fmt: skip
    lengths = prompt_lengths(tokenizer, chats, task.max_prompt_tokens)
    rows = rows.drop("problem").with_columns(
        pl.Series("prompt_text", prompts, dtype=pl.String),
        pl.Series("prompt_tokens", lengths, dtype=pl.Int64),
        pl.lit(max_completion_tokens).alias("max_completion_tokens"),
        pl.lit(list(stop_ids), dtype=pl.List(pl.Int64)).alias("stop_token_ids"),
        pl.lit(opens_thinking(tokenizer)).alias("starts_in_thinking"),
    )
    too_long = pl.col("prompt_tokens") > task.max_prompt_tokens
    dropped[f"prompt over {task.max_prompt_tokens} tokens"] = int(rows.filter(too_long).height)
    rows = rows.filter(~too_long)
    held = validation_problems(rows["problem_id"].to_list(), task.validation_fraction, seed)
    is_val = pl.col("problem_id").is_in(list(held))
    train = rows.filter(~is_val).sample(fraction=1.0, shuffle=True, seed=seed)
    validation = rows.filter(is_val)
    if task.max_rows is not None and train.height > task.max_rows:
        train = train.sample(n=task.max_rows, shuffle=True, seed=seed)
    sources = train["budget_source"].value_counts().sort("budget_source") if train.height else None
    report = {
        "kind": "solve",
        "prompt": SOLVE_PROMPT,
        "rows_in": problems.height,
        "dropped": dropped,
        "budget": "median total_tokens of the problem's B chains (else A chains, else all)",
        "budget_sources_train": dict(sources.iter_rows()) if sources is not None else {},
        "train_rows": train.height,
        "validation_rows": validation.height,
        "train_problems": train.height,
        "validation_problems": validation.height,
    }
    return Task(train, validation, report)


_POOL = None


def _pool():
    global _POOL
    if _POOL is None:
        from drqa.labeling.verifier import VerifierPool

        _POOL = VerifierPool(workers=1)
        atexit.register(_POOL.close)
    return _POOL


def correct_flags(texts: Sequence[str], golds: Sequence[str], truncated: Sequence[bool],
                  tokens: Sequence[int], starts: Sequence[bool]) -> list[bool]:  # fmt: skip
    """Whether each completion answers its gold correctly, by ``drqa eval``'s scorer."""
    from drqa.evals.suites import EvalProblem
    from drqa.trainer.answers import Answer, score_answers

    flags: list[bool] = [False] * len(texts)
    for opened in (False, True):  # score_answers splits every answer of one call alike
        idx = [i for i, s in enumerate(starts) if bool(s) == opened]
        if not idx:
            continue
        problems = [EvalProblem(str(i), "", str(golds[i])) for i in idx]
        answers = [
            Answer(texts[i], "length" if truncated[i] else "stop", int(tokens[i])) for i in idx
        ]
        verdicts = score_answers(problems, answers, _pool(), opened_in_prompt=opened)
        for i, correct in zip(idx, verdicts["correct"].to_list(), strict=True):
            flags[i] = bool(correct)
    return flags
