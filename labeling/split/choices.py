"""Multiple-choice problems: the options a problem lists and the option an answer piece picks
(a letter its statement names, "C. 29", "Option B (64)", else the option whose text is the
value)."""

from __future__ import annotations

import re

from drqa.labeling.lexicon import CHOICE_LETTERS
from drqa.labeling.split.values import answer_value

_OPTION = re.compile(rf"\(([{CHOICE_LETTERS}])\)\s*([^()\n]*?)\s*(?=\([{CHOICE_LETTERS}]\)|$)")
_FRACTION = re.compile(r"\\d?frac\{([^{}]*)\}\{([^{}]*)\}")
_PICK = re.compile(
    rf"\(([{CHOICE_LETTERS}])\)|(?:option|choice|answer|选项|選項)\s*:?\s*[*_]*\(?([{CHOICE_LETTERS}])\b"
    rf"|^[\s*_$:：]*([{CHOICE_LETTERS}])(?:[.):]|\*\*|\s|$)"
    rf"|(?<![\w*_])[*_]{{1,2}}\(?([{CHOICE_LETTERS}])\)?[*_]{{1,2}}(?![\w*_])",  # "so **B**."
    re.IGNORECASE,
)


def options(problem: str | None) -> dict[str, str]:
    """The options of a multiple-choice problem ("(A) 21 (B) 27 ...": letter -> text)."""
    found = dict(_OPTION.findall(problem or ""))
    return found if len(found) >= 2 else {}


def choice_letter(value: str | None, statement: str, choices: dict[str, str]) -> str | None:
    """The option a piece picks: a letter its statement names ("C. 29", "Option C", "(C)", an
    emphasised letter alone: "so **B**"),
    else the option whose text is the value; None when it picks none."""
    for match in _PICK.finditer(statement):
        letter = next(g for g in match.groups() if g is not None)
        if letter.upper() in choices and (match.group(1) or letter.isupper()):
            return letter.upper()
    texts = {_spelled(text): letter for letter, text in choices.items()}
    return texts.get(_spelled(value)) if value is not None else None


def _spelled(text: str | None) -> str | None:
    """One spelling of an option's value ("\\frac{2}{3}" and "2/3" alike)."""
    value = answer_value(text)
    return _FRACTION.sub(r"\1/\2", value).replace(" ", "") if value else value
