"""The release's ``chat`` config: one conversation per released chain, in the model's own format.

The user turn holds the chain's one question; the assistant turn is what the model wrote for it:
``<think>``, the thinking, ``</think>``, the answer section as written
(:func:`drqa.chat_format.assistant_text`). Nothing is synthesised. What differs from the model's
words is listed per row in ``chat_edits``: the cut from a batched response, batch scaffolding
removed (:mod:`drqa.labeling.scaffold`), a thinking cut off by the length limit (no
``</think>``, no answer). ``text_format`` names the versions that built the text.
"""

from __future__ import annotations

import polars as pl

from drqa.chat_format import assistant_text
from drqa.labeling.scaffold import SCAFFOLD_VERSION, clean_chain

CHAT_FORMAT_VERSION = "model-format@1"
TEXT_FORMAT = f"{CHAT_FORMAT_VERSION}+{SCAFFOLD_VERSION}"
CHAT_COLUMNS = ("chain_id", "problem_id", "label", "batch_size", "position", "model")
CHAT_COLUMN_DOCS = {
    "chain_id": "the chain (as in `labels`)",
    "problem_id": "its problem",
    "label": "the DRQA label",
    "batch_size": "questions in the prompt it came from (1: single)",
    "position": "0-based position of the question in that prompt",
    "model": "the model that wrote it",
    "messages": "user: the question; assistant: `<think>` thinking `</think>` answer section",
    "chat_edits": "what differs from the model's words (cuts, removed scaffolding), quoted",
    "text_format": "versions of the format and of the scaffold remover",
}
NO_SECTIONS = (
    "no thinking/answer boundary stored (labelled before drqa kept it): the chain text is shown "
    "as thinking; run `drqa label` again"
)


def edit_kinds(edits: list[list[str]]) -> dict[str, int]:
    """Rows per kind of edit (for the card): cut from a batch, scaffolding removed, ..."""
    kinds = {
        "cut from a batched response": "cut from a response to",
        "thinking shared by the whole batch": "thinking shared by all",
        "thinking cut off (no </think>, no answer)": "cut off by the length limit",
        "batch scaffolding removed": ": removed ",
        "no thinking/answer boundary stored": "no thinking/answer boundary",
    }
    return {kind: sum(any(mark in e for e in row) for row in edits) for kind, mark in kinds.items()}


def chat_rows(released: pl.DataFrame) -> pl.DataFrame:
    """The ``chat`` config's rows for the released ``labels`` rows (same order)."""
    messages, edits = [], []
    for row in released.iter_rows(named=True):
        thinking, section = row["thinking"], row["answer_section"]
        note: list[str] = []
        if thinking is None and section is None:
            thinking, section, note = row["chain"] or "", "", [NO_SECTIONS]
        chain = clean_chain(thinking, section, batch_size=row["batch_size"] or 1,
                            position=row["position"] or 0, truncation=row["truncation"],
                            shared_thinking=row["shared_thinking"])  # fmt: skip
        text = assistant_text(chain.thinking, chain.answer_section, closed=chain.closed)
        messages.append(
            [{"role": "user", "content": row["problem"] or ""},
             {"role": "assistant", "content": text}]
        )  # fmt: skip
        edits.append([*note, *chain.edits])
    message = pl.Struct({"role": pl.String, "content": pl.String})
    return released.select(*CHAT_COLUMNS).with_columns(
        pl.Series("messages", messages, dtype=pl.List(message)),
        pl.Series("chat_edits", edits, dtype=pl.List(pl.String)),
        pl.lit(TEXT_FORMAT).alias("text_format"),
    )
