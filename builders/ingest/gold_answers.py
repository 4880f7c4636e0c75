"""Gold answers as sources write them: plain, GSM8K's ``#### 18`` and ``\\boxed{...}``."""

from __future__ import annotations

import re

_GSM8K = re.compile(r"####\s*(.+?)\s*$", re.S)


def last_boxed(text: str) -> str | None:
    """Content of the last ``\\boxed{...}`` (or ``\\fbox{...}``), braces balanced; None if none."""
    start = max(text.rfind("\\boxed"), text.rfind("\\fbox"))
    if start < 0:
        return None
    brace = text.find("{", start)
    if brace < 0:
        return None
    depth = 0
    for index in range(brace, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return text[brace + 1 : index].strip()
    return None


def extract_gold(value: object, answer_format: str) -> str | None:
    """The gold answer string of a source value, or None when there is none."""
    if value is None:
        return None
    text = str(value).strip()
    if answer_format == "gsm8k":
        match = _GSM8K.search(text)
        if not match:
            return None
        text = match.group(1).replace(",", "").strip()
    elif answer_format == "boxed":
        text = last_boxed(text) or ""
    return text or None
