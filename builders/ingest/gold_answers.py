"""Gold answers as sources write them: plain, GSM8K's ``#### 18`` and ``\\boxed{...}``."""

from __future__ import annotations

import re

from drqa.text import last_boxed

__all__ = ["extract_gold", "last_boxed"]

_GSM8K = re.compile(r"####\s*(.+?)\s*$", re.S)


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
