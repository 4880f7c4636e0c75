"""Judge one normalised (gold, answer) pair: the fast paths, then math-verify on sympy.

``judge`` runs in a worker process's main thread: math-verify's own signal timeouts are turned
off and one ``setitimer`` alarm bounds the whole pair instead (the parent process kills a worker
that ignores it, e.g. stuck in C code). Parsed golds and answers are cached per worker.
"""

from __future__ import annotations

import functools
import logging
import re
import signal
from collections.abc import Callable

from drqa.labeling.normalise import choice_letter

_INTEGER = re.compile(r"[-+]?\d+")
_WORDS = re.compile(r"[A-Za-z][A-Za-z '\-]{1,}")
_CHOICE_ONLY = re.compile(r"\(?[A-E]\)?")


class ItemTimeout(BaseException):
    """Raised by the alarm: a BaseException, so math-verify's ``except Exception`` cannot eat it."""


def fast_judge(gold: str, answer: str) -> tuple[str, str] | None:
    """A verdict without sympy where the forms make it certain; ``None`` to ask math-verify."""
    if not gold:
        return "gold_unparseable", "empty gold"
    if not answer:
        return "no_answer", ""
    if _INTEGER.fullmatch(gold) and _INTEGER.fullmatch(answer):
        return ("correct" if int(gold) == int(answer) else "incorrect"), "integer"
    if _CHOICE_ONLY.fullmatch(gold):
        letter = choice_letter(answer)
        return ("correct" if letter == gold.strip("()") else "incorrect"), "choice"
    one_word = _WORDS.fullmatch(gold) and " " not in gold.strip() and len(gold) > 2
    if one_word and gold.lower() == answer.lower():
        return "correct", "text"
    return None


@functools.lru_cache(maxsize=65536)
def parse_expression(text: str) -> tuple:
    """math-verify's parse of one normalised answer (boxed first, then plain), no own timeout."""
    from math_verify import ExprExtractionConfig, LatexExtractionConfig, parse

    configs = [LatexExtractionConfig(boxed_match_priority=0), ExprExtractionConfig()]
    parsed = parse("\\boxed{" + text + "}", extraction_config=configs, parsing_timeout=None)
    if not parsed:
        parsed = parse(text, parsing_timeout=None)
    return tuple(parsed)


def judge(gold: str, answer: str) -> tuple[str, str]:
    """The verdict for a normalised pair, without any time limit (callers add one)."""
    from math_verify import verify

    fast = fast_judge(gold, answer)
    if fast is not None:
        return fast
    parsed_gold = parse_expression(gold)
    text_only = all(isinstance(item, str) for item in parsed_gold)
    if not parsed_gold or (text_only and not _WORDS.fullmatch(gold)):
        return "gold_unparseable", "math-verify found no expression in the gold answer"
    parsed_answer = parse_expression(answer)
    if not parsed_answer:
        return "incorrect", "answer does not parse"
    same = verify(list(parsed_gold), list(parsed_answer), timeout_seconds=None)
    return ("correct" if same else "incorrect"), "math-verify"


def judge_with_alarm(gold: str, answer: str, timeout_s: float) -> tuple[str, str]:
    """``judge`` bounded by a real-time alarm; must run in a process's main thread."""

    def on_alarm(signum, frame):  # noqa: ARG001
        raise ItemTimeout()

    previous: Callable | int | None = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout_s)
    try:
        return judge(gold, answer)
    except ItemTimeout:
        return "timeout", f"no verdict within {timeout_s:g}s"
    except Exception as exc:  # a sympy bug on one pair must not end the run
        return "incorrect", f"verifier error: {type(exc).__name__}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous or signal.SIG_DFL)


def quiet_math_verify() -> None:
    """math-verify warns once per process that its own timeout is off: we bound time ourselves."""
    for name in ("math_verify", "math_verify.parser", "math_verify.grader"):
        logging.getLogger(name).setLevel(logging.ERROR)
