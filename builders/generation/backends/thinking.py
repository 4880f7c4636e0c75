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

OPEN_TAG = "<think>"
CLOSE_TAG = "</think>"


def split_thinking(
    text: str | None,
    reasoning_content: str | None = None,
    *,
    opened_in_prompt: bool = False,
) -> tuple[str | None, str]:
    """Return ``(reasoning, content)`` for one response; ``reasoning`` is None without thinking.

    In order: a server-separated ``reasoning_content`` wins; else the text between ``<think>``
    and ``</think>``; else, when the text holds only ``</think>``, everything before it (the
    response started inside the thinking); else no thinking at all. ``opened_in_prompt`` says
    the prompt itself opened the thinking (the chat template ends with ``<think>``): then a
    response with no ``</think>`` (cut off by max_tokens) is all thinking and no answer.
    Parsed from text, reasoning is stripped of surrounding whitespace and content of leading
    whitespace; a server-separated pair is returned as received.
    """
    text = text or ""
    if reasoning_content:  # the server split it: keep both parts exactly as received
        return reasoning_content, _after(text) if CLOSE_TAG in text else text

    open_at = text.find(OPEN_TAG)
    close_at = text.find(CLOSE_TAG)
    if open_at != -1 and (close_at == -1 or open_at < close_at):
        start = open_at + len(OPEN_TAG)
        if close_at == -1:  # thinking never closed: cut off while thinking
            return text[start:].strip(), ""
        return text[start:close_at].strip(), _after(text)
    if close_at != -1:  # the response started inside the thinking
        return text[:close_at].strip(), _after(text)
    if opened_in_prompt:
        return text.strip(), ""
    return None, text.strip()


def _after(text: str) -> str:
    return text[text.find(CLOSE_TAG) + len(CLOSE_TAG) :].lstrip()


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
