"""Answers of the in-memory policy to single questions, scored as ``drqa eval`` scores them.

:func:`generate_answers` runs ``model.generate`` on chat conversations (left-padded batches,
greedy unless a temperature is given) and records why each answer stopped and its tokens;
:func:`score_answers` splits each answer into thinking and answer section the way the generation
backends split a response and scores it with :func:`drqa.evals.scoring.score_rows`, the function
``drqa eval`` uses, so a verdict here and in ``drqa eval`` mean the same. Used by ``train.eval``
(:mod:`drqa.trainer.transfer`) and the ``budget@1`` reward (:mod:`drqa.trainer.solve`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from drqa.optional import require


@dataclass(frozen=True)
class Answer:
    """One generated answer: its text (special tokens dropped), why it stopped, its tokens."""

    text: str
    finish_reason: str  # stop | length
    completion_tokens: int


def _stop_ids(model, tokenizer) -> list[int]:
    ids = getattr(model.generation_config, "eos_token_id", None)
    ids = [] if ids is None else ([ids] if isinstance(ids, int) else list(ids))
    if tokenizer.eos_token_id is not None and tokenizer.eos_token_id not in ids:
        ids.append(tokenizer.eos_token_id)
    return ids


def generate_answers(model, tokenizer, conversations: Sequence[list[dict[str, str]]], *,
                     max_tokens: int, temperature: float = 0.0, top_p: float = 1.0,
                     batch_size: int = 8, seed: int = 0) -> list[Answer]:  # fmt: skip
    """Answer each conversation with the in-memory ``model`` (left-padded batches)."""
    torch = require("torch", "train.eval")
    stop = _stop_ids(model, tokenizer)
    side, was_training = tokenizer.padding_side, model.training
    tokenizer.padding_side = "left"
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else stop[0]
    out: list[Answer] = []
    model.eval()
    try:
        for start in range(0, len(conversations), batch_size):
            chunk = conversations[start : start + batch_size]
            texts = [
                tokenizer.apply_chat_template(c, add_generation_prompt=True, tokenize=False)
                for c in chunk
            ]
            inputs = tokenizer(texts, return_tensors="pt", padding=True, add_special_tokens=False)
            inputs = inputs.to(model.device)
            sampling = {"do_sample": True, "temperature": temperature, "top_p": top_p}
            torch.manual_seed(seed + start)
            with torch.no_grad():
                ids = model.generate(
                    **inputs,
                    max_new_tokens=max_tokens,
                    eos_token_id=stop,
                    pad_token_id=pad,
                    **(sampling if temperature > 0 else {"do_sample": False}),
                )
            for row in ids[:, inputs["input_ids"].shape[1] :].tolist():
                at = next((i for i, t in enumerate(row) if t in stop), None)
                kept = row if at is None else row[:at]
                text = tokenizer.decode(kept, skip_special_tokens=True)
                finish = "length" if at is None else "stop"
                out.append(Answer(text, finish, len(row[:max_tokens]) if at is None else at + 1))
    finally:
        tokenizer.padding_side = side
        model.train(was_training)
    return out


def score_answers(problems: Sequence[Any], answers: Sequence[Answer], pool, *,
                  opened_in_prompt: bool, model_name: str = "policy") -> pl.DataFrame:  # fmt: skip
    """``drqa eval``'s verdict rows for answers to ``problems`` (one answer per problem, in
    order): split like the generation backends split a response, scored by ``score_rows``."""
    from drqa.builders.generation.backends.thinking import split_thinking
    from drqa.evals.scoring import score_rows

    rows = []
    for i, (problem, answer) in enumerate(zip(problems, answers, strict=True)):
        reasoning, content = split_thinking(answer.text, opened_in_prompt=opened_in_prompt)
        rows.append(
            {
                "request_id": f"train-eval-{i}", "run_id": "train-eval",
                "problem_key": problem.key, "sample_index": i, "status": "ok", "error": None,
                "content": content, "reasoning": reasoning, "raw_response": answer.text,
                "finish_reason": answer.finish_reason,
                "completion_tokens": answer.completion_tokens, "model": model_name,
                "gold": problem.answer, "choices": list(problem.choices) or None,
                "answer_letter": problem.answer_letter,
            }
        )  # fmt: skip
    frame = pl.DataFrame(rows, schema_overrides={"choices": pl.List(pl.String)})
    return score_rows(frame, pool, starts_in_thinking=opened_in_prompt)
