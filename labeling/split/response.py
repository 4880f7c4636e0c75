"""The splitter's entry point: :func:`split_batched_response`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from drqa.labeling.answers import extract_answer
from drqa.labeling.split.batch import BatchSplit
from drqa.labeling.split.chain import Chain, Parts, join_text, separate_thinking
from drqa.labeling.split.markup import Rewrite, as_markdown
from drqa.labeling.split.values import piece_value
from drqa.text import cut_off_reason, ends_on_a_step


def split_batched_response(
    text: str | None,
    n: int,
    reasoning: str | None = None,
    *,
    truncated: bool = False,
    finished: bool = False,
    starts_in_thinking: bool = False,
    problems: Sequence[str] | None = None,
) -> list[Chain]:
    """Exactly ``n`` chains for a response to ``n`` questions (``n == 1``: the whole response).

    ``truncated`` says the generation stopped on its length limit (``finish_reason ==
    "length"``); ``finished`` that it stopped on its own (``finish_reason == "stop"``), so an
    answer section whose last line ends in a word ("Total: 42 apples") is a finished sentence,
    not one cut mid-way (without either, the text alone decides); ``problems`` (the batch's
    problem texts, in order) are one more feature of the attribution. Never raises on arbitrary
    text; linear in its length.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    parts = separate_thinking(
        text, reasoning, starts_in_thinking=starts_in_thinking, truncated=truncated
    )
    if n == 1:
        return [single(parts, truncated, finished)]
    markdown = as_markdown(parts.answer_part)  # HTML, LaTeX tables: read as markdown
    if not markdown.starts:
        return BatchSplit(parts, n, truncated, problems, finished=finished).chains()
    read = Parts(parts.thinking, markdown.text, parts.thinking_closed)
    chains = BatchSplit(read, n, truncated, problems, finished=finished).chains()
    return [as_written(chain, markdown) for chain in chains]


def as_written(chain: Chain, markdown: Rewrite) -> Chain:
    """``chain`` with its answer section as the model wrote it (it was read as markdown)."""
    section = markdown.as_written(chain.answer_section)
    if section == chain.answer_section:
        return chain
    reasoning = join_text(chain.thinking, section)
    return replace(chain, answer_section=section, reasoning=reasoning)


def split_with_grammar(*args, **kwargs) -> list[Chain]:
    """The same as :func:`split_batched_response` (its earlier name while the grammar was
    measured beside the regex splitter)."""
    return split_batched_response(*args, **kwargs)


def single(parts: Parts, truncated: bool, finished: bool = False) -> Chain:
    """The one chain of a single-question response (its answer section read as markdown:
    :mod:`.markup`; the chain keeps it as written)."""
    reasoning = join_text(parts.thinking, parts.answer_part)
    if not parts.thinking_closed:
        return Chain(0, reasoning, None, "truncated", 1.0, parts.thinking, "", "", "in_thinking")
    read = as_markdown(parts.answer_part).text
    cut = cut_off_reason(read)
    if cut == "mid_sentence" and finished and not truncated:
        cut = None  # the model stopped on its own: its last sentence is as it meant it
    if cut is not None:
        return Chain(0, reasoning, None, "truncated", 1.0, parts.thinking, parts.answer_part,
                     "", cut)  # fmt: skip
    answer, source, confidence = extract_answer(read), "answer-section", 1.0
    if answer is None and ends_on_a_step(read):  # stopped before concluding
        return Chain(0, reasoning, None, "truncated", 1.0, parts.thinking, parts.answer_part,
                     "", "no_conclusion")  # fmt: skip
    if answer is None and not truncated:  # a prose answer section: the batched pieces' reader
        value, how = piece_value(read)
        if value is not None:
            answer, confidence = value, 0.8
    # an answer stated only in the thinking never counts (DESIGN: reading model text)
    if answer is not None:
        return Chain(0, reasoning, answer, "ok", confidence, parts.thinking, parts.answer_part,
                     source)  # fmt: skip
    status, why = ("truncated", "length") if truncated else ("missing", "")
    return Chain(0, reasoning, None, status, 1.0, parts.thinking, parts.answer_part, "", why)
