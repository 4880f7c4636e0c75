"""``train.eval``: measure the transfer while training, with ``drqa eval``'s prompt and scorer.

At step 0, every ``train.eval.every_steps`` optimizer steps and at the end, the policy being
trained answers the first ``limit`` problems of each suite as single questions (the suite's
``drqa eval`` prompt file, the model's chat template, greedy unless ``temperature`` > 0). The
answers are split into thinking and answer section the way the generation backends split them
and scored by :func:`drqa.evals.scoring.score_rows`, the function ``drqa eval`` scores with, so a
figure here and in ``drqa eval`` mean the same. Per suite, accuracy, mean output tokens and the
truncated share are logged as ``transfer/<suite>/<metric>`` (TRL's log history, the console and
every ``report_to`` tracker), and collected into ``drqa_training.json`` and ``transfer.png``.

:func:`judge_validation` grades the validation split with the trained judge at the end:
per-label accuracy and the A/B/C confusion matrix (rows: gold label, columns: the letter picked,
``none`` when no letter was given).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl

from drqa.optional import require
from drqa.schema import LABELS
from drqa.trainer.answers import generate_answers, score_answers
from drqa.trainer.config import TransferEvalSection
from drqa.trainer.trl_args import is_main_process

PREFIX = "transfer/"
METRICS = ("accuracy", "mean_output_tokens", "truncated", "samples")
NO_LETTER = "none"


def load_suites(section: TransferEvalSection) -> list[Any]:
    """The suites ``train.eval`` names, loaded as ``drqa eval`` loads them (fails before
    training when one cannot be found)."""
    from drqa.evals.suites import load_suite

    return [
        load_suite(name, section.benchmarks_dir, limit=section.limit) for name in section.suites
    ]


def suite_figures(verdicts: pl.DataFrame) -> dict[str, float]:
    """Accuracy, mean output tokens and truncated share of one suite's scored samples."""
    scored = verdicts.filter(pl.col("status") != "failed")
    n = scored.height
    return {
        "accuracy": float(scored["correct"].mean() or 0.0) if n else 0.0,
        "mean_output_tokens": float(scored["output_tokens"].mean() or 0.0) if n else 0.0,
        "truncated": float(scored["truncated"].mean() or 0.0) if n else 0.0,
        "samples": n,
    }


def measure(model, tokenizer, suites: Sequence[Any], section: TransferEvalSection, pool, *,
            opened_in_prompt: bool, seed: int = 0) -> dict[str, dict[str, float]]:  # fmt: skip
    """Every suite's figures for the model as it is now."""
    from drqa.evals.prompts import load_prompt

    figures = {}
    for suite in suites:
        prompt = load_prompt(suite.spec.prompt)
        problems = [p for p in suite.problems for _ in range(section.samples)]
        answers = generate_answers(
            model, tokenizer, [prompt.messages(p) for p in problems],
            max_tokens=section.max_tokens, temperature=section.temperature, top_p=section.top_p,
            batch_size=section.batch_size, seed=seed,
        )  # fmt: skip
        verdicts = score_answers(problems, answers, pool, opened_in_prompt=opened_in_prompt)
        figures[suite.spec.name] = suite_figures(verdicts)
    return figures


def _callback_base():
    return require("transformers", "train.eval").TrainerCallback


def make_transfer_callback(section: TransferEvalSection, suites: Sequence[Any], tokenizer, *,
                           opened_in_prompt: bool, seed: int = 0):  # fmt: skip
    """A ``TrainerCallback`` measuring ``suites`` at step 0, every ``every_steps`` and at the
    end; call ``callback.attach(trainer)`` so its figures reach every logger."""
    from drqa.labeling.verifier import VerifierPool

    class TransferCallback(_callback_base()):
        def __init__(self) -> None:
            self.trainer = None
            self.done: set[int] = set()
            self.pool = VerifierPool(workers=1)

        def attach(self, trainer) -> None:
            self.trainer = trainer

        def _point(self, args, state, control, model) -> None:
            if state.global_step in self.done or model is None or not is_main_process():
                return
            self.done.add(state.global_step)
            figures = measure(model, tokenizer, suites, section, self.pool,
                              opened_in_prompt=opened_in_prompt, seed=seed)  # fmt: skip
            logs = {
                f"{PREFIX}{suite}/{key}": value
                for suite, values in figures.items()
                for key, value in values.items()
            }
            state.log_history.append({**logs, "step": state.global_step})
            if self.trainer is not None:
                self.trainer.callback_handler.on_log(args, state, control, logs)

        def on_train_begin(self, args, state, control, model=None, **kwargs):
            if state.global_step == 0:
                self._point(args, state, control, model)

        def on_step_end(self, args, state, control, model=None, **kwargs):
            every = section.every_steps
            if every and state.global_step % every == 0:
                self._point(args, state, control, model)

        def on_train_end(self, args, state, control, model=None, **kwargs):
            self._point(args, state, control, model)
            self.pool.close()

    return TransferCallback()


def transfer_table(history: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Per suite, the measured points in step order, from TRL's log history."""
    table: dict[str, dict[int, dict[str, Any]]] = {}
    for entry in history:
        for key, value in entry.items():
            if not key.startswith(PREFIX) or "step" not in entry:
                continue
            suite, metric = key[len(PREFIX) :].rsplit("/", 1)
            point = table.setdefault(suite, {}).setdefault(entry["step"], {"step": entry["step"]})
            point[metric] = value
    return {suite: [points[s] for s in sorted(points)] for suite, points in table.items()}


def judge_validation(model, tokenizer, validation: pl.DataFrame, *, limit: int | None,
                     max_tokens: int, batch_size: int = 8) -> dict[str, Any] | None:  # fmt: skip
    """The trained judge on the validation split (greedy): per-label accuracy and the confusion
    matrix ``{gold: {picked: count}}``; None when there is nothing to grade."""
    from drqa.trainer.rewards import picked_letter

    rows = validation if limit is None else validation.head(limit)
    if rows.height == 0 or "prompt_text" not in rows.columns:
        return None
    answers = generate_answers(
        model, tokenizer, [[{"role": "user", "content": t}] for t in rows["prompt_text"]],
        max_tokens=max_tokens, batch_size=batch_size,
    )  # fmt: skip
    starts = rows["starts_in_thinking"].to_list()
    picked = [picked_letter(a.text, s) or NO_LETTER for a, s in zip(answers, starts, strict=True)]
    columns = (*LABELS, NO_LETTER)
    matrix = {gold: dict.fromkeys(columns, 0) for gold in LABELS}
    for gold, letter in zip(rows["label"].to_list(), picked, strict=True):
        matrix[gold][letter] += 1
    per_label = {
        gold: (counts[gold] / total if (total := sum(counts.values())) else None)
        for gold, counts in matrix.items()
    }
    right = sum(matrix[g][g] for g in LABELS)
    return {
        "rows": rows.height,
        "of_validation_rows": validation.height,
        "accuracy": right / rows.height,
        "per_label_accuracy": per_label,
        "confusion": matrix,
        "max_tokens": max_tokens,
    }
