"""Split what a model returned into its thinking and its answer.

Servers differ: some separate the thinking (``reasoning_content``, as DeepSeek's API and
``vllm serve --reasoning-parser`` do), some return ``<think>...</think>`` in the text, and an
R1-style chat template opens the thinking in the prompt, so the response starts inside it and
holds only ``</think>``. The raw text is stored untouched elsewhere; this only derives the two
parsed fields from it.
"""

from __future__ import annotations

from typing import Any

from drqa.schema import Generation
from drqa.text import CLOSE_TAG, OPEN_TAG, split_sections

__all__ = ["CLOSE_TAG", "OPEN_TAG", "answered", "split_thinking"]


def split_thinking(
    text: str | None,
    reasoning_content: str | None = None,
    *,
    opened_in_prompt: bool = False,
) -> tuple[str | None, str]:
    """Return ``(reasoning, content)`` for one response; ``reasoning`` is None without thinking.

    The cut is :func:`drqa.text.split_sections` (the convention every stage shares: a
    server-separated ``reasoning_content`` wins, else the last ``</think>`` ends the thinking;
    ``opened_in_prompt``: a text with no tag at all was cut off while thinking). Parsed from text,
    reasoning is stripped of surrounding whitespace and content of leading whitespace; a
    server-separated pair is returned as received.
    """
    sections = split_sections(text, reasoning_content, starts_in_thinking=opened_in_prompt)
    if reasoning_content:
        separated = CLOSE_TAG in (text or "")
        return sections.thinking, sections.answer.lstrip() if separated else text or ""
    if sections.thinking is None:
        return None, sections.answer.strip()
    return sections.thinking.strip(), sections.answer.lstrip()


def answered(
    request_id: str,
    text: str,
    *,
    reasoning_content: str | None = None,
    opened_in_prompt: bool = False,
    **fields: Any,
) -> Generation:
    """An ``ok`` Generation for a response: the raw text kept as received, split into
    reasoning and content the same way for every backend."""
    reasoning, content = split_thinking(text, reasoning_content, opened_in_prompt=opened_in_prompt)
    return Generation(
        request_id=request_id, status="ok", content=content, reasoning=reasoning,
        raw_response=text, **fields,
    )  # fmt: skip
