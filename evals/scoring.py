"""Score eval samples with the labelling verifier: one verdict row per generated sample.

The final answer is read by the labelling stage's own reading of one response
(:func:`drqa.labeling.splitter.split_batched_response` with one question, over
:mod:`drqa.text`): only from the answer section after the thinking, never from the thinking, and
not at all when the answer section reads cut off (:func:`drqa.text.cut_off_reason`). A sample
stopped by its length limit (``finish_reason == "length"``) whose text never closed its thinking
(no ``</think>`` and no thinking split off by a reasoning parser) was cut off while thinking,
whatever the server: it has no answer, so a box written before the cut never scores. Such
samples are ``truncated``; one that stopped without an answer is ``no_answer``; a failed
generation is ``failed`` and left out of every figure. Answers are judged by
``VerifierPool.verify_many``, nothing else. Every correct sample of a problem votes with one key
(the gold's), whatever form it was written in.
GPQA answers are judged by letter; an answer that names an option by its text counts as that
option's letter, and any other text is judged against the correct option's text.
Output tokens come from the backend's usage (``completion_tokens``, reasoning included), else
from the model's tokenizer (or an approximation), flagged in ``token_method``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone

import polars as pl

from drqa.catalog import fetch_frame, insert_frame, run_sql
from drqa.evals.suites import LETTERS
from drqa.labeling.normalise import choice_letter, normalise_answer
from drqa.labeling.splitter import split_batched_response
from drqa.labeling.tokens import counter_for
from drqa.labeling.verifier import VERIFIER_VERSION, VerifierPool
from drqa.text import CLOSE_TAG, OPEN_TAG
from drqa.workspace import Workspace

SCORER_VERSION = "eval-score@2"
USAGE_METHOD = "usage"
_SHORT_LETTER_ANSWER = 12  # "Option C", "\text{(B)}": longer text must also name the option

_TO_SCORE = """
SELECT g.request_id, r.run_id, r.problem_ids[1] AS problem_key, r.sample_index, g.status,
       g.error, g.content, g.reasoning, g.raw_response, g.finish_reason, g.completion_tokens,
       g.model,
       p.answer AS gold, p.choices, p.answer_letter
FROM generations g
JOIN requests r USING (request_id)
JOIN eval_problems p ON p.run_id = r.run_id AND p.problem_key = r.problem_ids[1]
LEFT JOIN eval_samples s USING (request_id)
WHERE r.run_id = ? AND (s.request_id IS NULL OR (s.status = 'failed' AND g.status = 'ok')
       OR s.scorer_version <> ?)
ORDER BY g.request_id
"""

SAMPLE_COLUMNS = (
    "request_id, run_id, problem_key, sample_index, status, correct, answer, answer_key, "
    "truncated, output_tokens, token_method, detail, verifier_version, scorer_version, scored_at"
)


def option_letter(answer: str, choices: Sequence[str]) -> str | None:
    """The option an answer names: by an option's exact text, else by a letter ("C", "(C)",
    "Option C", "C) <that option's text>"); None when it names none."""
    normal = normalise_answer(answer)
    for letter, text in zip(LETTERS, choices, strict=False):
        if normal and normalise_answer(text) == normal:
            return letter
    letter = choice_letter(answer)
    if letter is None or letter not in LETTERS[: len(choices)]:
        return None
    texts = {ltr: normalise_answer(text) for ltr, text in zip(LETTERS, choices, strict=False)}
    if texts[letter] and texts[letter] in normal:
        return letter  # "C) <option C's text>"
    if any(text and text in normal for ltr, text in texts.items() if ltr != letter):
        return None  # the letter and the text name different options
    return letter if len(answer.strip()) <= _SHORT_LETTER_ANSWER else None


def final_answer(
    content: str | None,
    reasoning: str | None,
    raw: str | None,
    finish_reason: str | None,
    *,
    starts_in_thinking: bool = False,
) -> tuple[str | None, str]:
    """(the final answer as written or None, why there is none: ``""``, or a
    :data:`drqa.text.TRUNCATION_REASONS` entry) for one stored generation.

    A reasoning parser's split is used when the raw text holds no thinking tags; otherwise the
    raw text is cut again by :func:`drqa.text.split_sections`. Stopped by the length limit with
    the thinking never closed, the whole text is thinking (no answer); so is any text without
    ``</think>`` when the model's chat template opens the thinking (``starts_in_thinking``).
    """
    truncated = finish_reason == "length"
    raw = raw if raw is not None else content
    tagged = raw is not None and (OPEN_TAG in raw or CLOSE_TAG in raw)
    if reasoning and not tagged:  # the server (or the backend) split the thinking off
        text, separate = content, reasoning
    else:
        text, separate = raw, None
    in_thinking = (truncated or starts_in_thinking) and separate is None
    (chain,) = split_batched_response(
        text, 1, separate, truncated=truncated, finished=finish_reason == "stop",
        starts_in_thinking=in_thinking,
    )  # fmt: skip
    if chain.status == "ok" and chain.answer_source != "thinking":
        return chain.answer, ""
    return None, chain.truncation or ("length" if truncated else "")


def gold_vote_key(gold: str, answer_letter: str | None) -> str:
    """The one majority vote key of every correct sample of a problem."""
    return answer_letter or normalise_answer(gold) or gold


def score_rows(
    rows: pl.DataFrame, pool: VerifierPool, *, starts_in_thinking: bool = False
) -> pl.DataFrame:
    """Verdict rows (``eval_samples`` columns) for generation rows joined with their gold."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    out, pairs, pending = [], [], []
    counters: dict[str | None, object] = {}
    for row in rows.iter_rows(named=True):
        truncated = row["finish_reason"] == "length"
        tokens, method = row["completion_tokens"], USAGE_METHOD
        if tokens is None and row["status"] == "ok":
            counter = counters.get(row["model"]) or counters.setdefault(
                row["model"], counter_for(row["model"])
            )
            text = row["raw_response"] or (row["reasoning"] or "") + (row["content"] or "")
            tokens, method = counter.count([text])[0], counter.method
        record = {
            "request_id": row["request_id"],
            "run_id": row["run_id"],
            "problem_key": row["problem_key"],
            "sample_index": row["sample_index"],
            "status": "failed",
            "correct": False,
            "answer": None,
            "answer_key": None,
            "truncated": truncated,
            "output_tokens": tokens,
            "token_method": method,
            "detail": row["error"],
            "verifier_version": VERIFIER_VERSION,
            "scorer_version": SCORER_VERSION,
            "scored_at": now,
        }
        out.append(record)
        if row["status"] != "ok":
            continue
        answer, cut = final_answer(
            row["content"], row["reasoning"], row["raw_response"], row["finish_reason"],
            starts_in_thinking=starts_in_thinking,
        )  # fmt: skip
        record["answer"] = answer
        if answer is None:
            record["status"] = "truncated" if truncated else "no_answer"
            record["detail"] = cut or None  # why: in_thinking, unclosed_box, mid_sentence ...
            continue
        if row["choices"]:
            letter = option_letter(answer, row["choices"])
            pair = (row["answer_letter"], letter) if letter else (row["gold"], answer)
            record["answer_key"] = letter
        else:
            pair = (row["gold"], answer)
        pairs.append(pair)
        pending.append((record, gold_vote_key(row["gold"], row["answer_letter"])))
    for (record, gold_key), verdict in zip(pending, pool.verify_many(pairs), strict=True):
        record["status"] = verdict.status
        record["correct"] = verdict.status == "correct"
        record["detail"] = verdict.detail or None
        if record["correct"]:  # every correct sample votes with the gold, whatever its form
            record["answer_key"] = gold_key
        else:
            record["answer_key"] = record["answer_key"] or verdict.answer or None
    return pl.DataFrame(out, schema=_SCHEMA)


_SCHEMA = {
    "request_id": pl.String,
    "run_id": pl.String,
    "problem_key": pl.String,
    "sample_index": pl.Int64,
    "status": pl.String,
    "correct": pl.Boolean,
    "answer": pl.String,
    "answer_key": pl.String,
    "truncated": pl.Boolean,
    "output_tokens": pl.Int64,
    "token_method": pl.String,
    "detail": pl.String,
    "verifier_version": pl.String,
    "scorer_version": pl.String,
    "scored_at": pl.Datetime("us"),
}


def score_run(
    store: Workspace,
    run_id: str,
    pool: VerifierPool,
    asked: tuple[int, int] | None = None,
    *,
    starts_in_thinking: bool = False,
) -> tuple[int, dict]:
    """Score the run's generations that have no verdict yet (or only a ``failed`` one, or one
    from an older scorer: a new reading rule applies to old samples on the next call), then
    recompute and store the run's figures over the ``asked`` (problems, samples) set; return
    (samples scored, figures)."""
    from drqa.evals.results import store_results

    with store.read() as con:
        rows = fetch_frame(con, _TO_SCORE, [run_id, SCORER_VERSION])
    verdicts = (
        score_rows(rows, pool, starts_in_thinking=starts_in_thinking) if rows.height else None
    )
    with store.write("drqa eval (scores)", wait_s=30.0) as con:
        if verdicts is not None:
            con.register("new_samples", verdicts.to_arrow())
            try:
                run_sql(
                    con,
                    "DELETE FROM eval_samples WHERE request_id IN "
                    "(SELECT request_id FROM new_samples)",
                )
            finally:
                con.unregister("new_samples")
            insert_frame(con, "eval_samples", verdicts, SAMPLE_COLUMNS, skip_existing=False)
        figures = store_results(store, run_id, con, asked)
    return (verdicts.height if verdicts is not None else 0), figures
