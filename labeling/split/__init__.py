"""Split one (possibly batched) reasoning response into one chain per question: one design.

The prompt's requested layout first (:mod:`.layout`), a grammar of question references x
structural contexts (:mod:`.grammar`) with a monotone alignment (:mod:`.align`) and the
problems' texts (:mod:`.overlap`) for the rest, values read with math_verify's extraction
(:mod:`.values`). :func:`split_batched_response` is the entry point; :class:`Chain` its result.
"""

from __future__ import annotations

from drqa.labeling.split.chain import (
    ANSWER_SOURCES,
    LAYOUTS,
    SPLITTER_VERSION,
    Chain,
    Parts,
    join_text,
    separate_thinking,
)
from drqa.labeling.split.response import split_batched_response, split_with_grammar

__all__ = [
    "ANSWER_SOURCES",
    "LAYOUTS",
    "SPLITTER_VERSION",
    "Chain",
    "Parts",
    "join_text",
    "separate_thinking",
    "split_batched_response",
    "split_with_grammar",
]
