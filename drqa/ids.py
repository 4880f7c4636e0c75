"""Identity is content: stable ids derived from hashes of what a row is made of."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

_SPACE = re.compile(r"\s+")


def content_hash(value: Any, length: int = 16) -> str:
    """Hex sha256 of ``value`` (JSON-encoded with sorted keys unless it is already a str)."""
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def normalise_problem(text: str) -> str:
    """The form a problem's identity is computed from: NFKC, collapsed white space, stripped."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def problem_id(text: str) -> str:
    """``p-`` and 16 hex digits of the normalised problem text's hash."""
    return "p-" + content_hash(normalise_problem(text))


def batch_id(problem_ids: Sequence[str]) -> str:
    """The id of an ordered group of problems."""
    return "b-" + content_hash(list(problem_ids))


def request_id(run_id: str, problem_ids: Sequence[str], sample_index: int) -> str:
    """A request is (run config, ordered problem ids, sample index): rerunning finds the same id."""
    return "r-" + content_hash([run_id, list(problem_ids), sample_index], length=20)


def chain_id(request_id_: str, position: int) -> str:
    """The chain for question ``position`` (0-based) of a request."""
    return f"{request_id_}-q{position}"
