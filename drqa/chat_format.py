"""The model's own text format for a reasoning turn, read from its chat template.

R1-style models write ``thinking``, then ``</think>``, then the answer section; many chat
templates (DeepSeek-R1 and its distills, QwQ, the tiny test model) open the thinking in the
generation prompt, so the model's output starts inside it. Training text and evals must agree on
this, so the one detector lives here (core: stages and evals import it):

- :func:`opens_thinking`: does the rendered generation prompt end inside ``<think>``?
- :func:`assistant_text`: ``<think>\\n`` + thinking + ``\\n</think>\\n\\n`` + answer section;
- :func:`completion_text`: what the model itself writes after the generation prompt (no
  ``<think>`` when the template already opened it) followed by the end-of-sequence token.

Nothing is invented: a chain whose thinking was cut off (no ``</think>`` in the response) is
rendered without ``</think>`` and without an answer section.
"""

from __future__ import annotations

from typing import Any

THINK_OPEN = "<think>"
THINK_CLOSE = "</think>"


def ends_inside_thinking(text: str) -> bool:
    """True when ``text`` has an opened ``<think>`` that is not closed after it."""
    opened = text.rfind(THINK_OPEN)
    return opened >= 0 and text.rfind(THINK_CLOSE) < opened


def generation_prompt(tokenizer: Any, content: str = "x") -> str:
    """The chat template's rendering of one user turn plus the generation prompt (text)."""
    return tokenizer.apply_chat_template(
        [{"role": "user", "content": content}], add_generation_prompt=True, tokenize=False
    )


def opens_thinking(tokenizer: Any) -> bool:
    """True when the model's chat template opens the thinking in the generation prompt (its
    output then starts inside ``<think>`` and never writes the opening tag itself)."""
    return ends_inside_thinking(generation_prompt(tokenizer))


def _body(thinking: str, answer_section: str, closed: bool) -> str:
    text = thinking.strip()
    if not closed:
        return text
    answer = answer_section.strip()
    return f"{text}\n{THINK_CLOSE}\n\n{answer}" if answer else f"{text}\n{THINK_CLOSE}\n\n"


def assistant_text(thinking: str, answer_section: str, *, closed: bool = True) -> str:
    """The whole assistant turn as the model wrote it: ``<think>``, the thinking, ``</think>``
    and the answer section (``closed=False``: cut off inside the thinking, nothing after it).
    Only whitespace at the edges of each section is trimmed."""
    return f"{THINK_OPEN}\n{_body(thinking, answer_section, closed)}"


def completion_text(thinking: str, answer_section: str, *, closed: bool = True,
                    starts_in_thinking: bool = True, eos: str | None = None) -> str:  # fmt: skip
    """The tokens the model generates after its generation prompt: ``thinking</think>\\n\\n
    answer<eos>`` when the template opens the thinking, else with ``<think>\\n`` first.

    A chain cut off inside its thinking gets no ``</think>`` and no end-of-sequence token (the
    model never finished it)."""
    body = _body(thinking, answer_section, closed)
    if not starts_in_thinking:
        body = f"{THINK_OPEN}\n{body}"
    return body + (eos or "") if closed else body
