"""The splitter's former home: everything now lives in :mod:`drqa.labeling.split` (kept so
``drqa.labeling.splitter`` imports keep working)."""

from __future__ import annotations

from drqa.labeling.split import (
    ANSWER_SOURCES,
    SPLITTER_VERSION,
    Chain,
    Parts,
    join_text,
    separate_thinking,
    split_batched_response,
)

__all__ = [
    "ANSWER_SOURCES",
    "SPLITTER_VERSION",
    "Chain",
    "Parts",
    "join_text",
    "separate_thinking",
    "split_batched_response",
]
