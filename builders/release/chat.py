"""The release's ``chat`` config: one conversation per released chain, in the model's own format.

The user turn holds the chain's one question; the assistant turn is what the model wrote for it:
``<think>``, the thinking, ``</think>``, the answer section as written
(:func:`drqa.chat_format.assistant_text`). Nothing is synthesised. What differs from the model's
words is listed per row in ``chat_edits``: the cut from a batched response, batch scaffolding
removed (:mod:`drqa.labeling.scaffold`), a thinking cut off by the length limit (no
``</think>``, no answer). ``text_format`` names the versions that built the text.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pyarrow as pa

from drqa.chat_format import THINK_CLOSE, THINK_OPEN, assistant_text
from drqa.labeling.scaffold import (
    SCAFFOLD_VERSION,
    TRIGGER_PATTERN,
    clean_chain,
    remove_scaffolding,
)

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


EDIT_KINDS = {  # kind of edit (for the card) -> the words that mark it in ``chat_edits``
    "cut from a batched response": "cut from a response to",
    "thinking shared by the whole batch": "thinking shared by all",
    "thinking cut off (no </think>, no answer)": "cut off by the length limit",
    "batch scaffolding removed": ": removed ",
    "no thinking/answer boundary stored": "no thinking/answer boundary",
}


def edit_kinds(edits: list[list[str]]) -> dict[str, int]:
    """Rows per kind of edit (for the card): cut from a batch, scaffolding removed, ..."""
    return {
        kind: sum(any(mark in e for e in row) for row in edits) for kind, mark in EDIT_KINDS.items()
    }


def edit_counts(edits: pl.Series) -> dict[str, int]:
    """:func:`edit_kinds` of a ``chat_edits`` column, counted column-wise."""
    counts = edits.to_frame("e").select(
        pl.col("e").list.eval(pl.element().str.contains(mark, literal=True)).list.any().sum()
        .alias(kind)
        for kind, mark in EDIT_KINDS.items()
    )  # fmt: skip
    return {kind: int(n or 0) for kind, n in counts.row(0, named=True).items()}


def chat_rows_per_row(released: pl.DataFrame) -> pl.DataFrame:
    """The ``chat`` rows built one row at a time in Python: the reference :func:`chat_rows`
    must match byte for byte (tests compare them)."""
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


SCAFFOLD_TRIGGER = TRIGGER_PATTERN  # text it does not match no scaffold rule can edit
PY_WHITESPACE = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())  # str.strip's set
_HEAD_KEYS = ("_batch", "_position", "_closed", "_shared")


def _sections(released: pl.DataFrame) -> pl.DataFrame:
    """Per row: what :func:`chat_rows_per_row` reads, with its Python defaults applied."""
    no_sections = pl.col("thinking").is_null() & pl.col("answer_section").is_null()
    batch = pl.col("batch_size")
    return released.select(
        pl.when(batch.is_null() | (batch == 0)).then(1).otherwise(batch).alias("_batch"),
        pl.col("position").fill_null(0).alias("_position"),
        (pl.col("truncation") != "in_thinking").fill_null(True).alias("_closed"),
        pl.col("shared_thinking").fill_null(False).alias("_shared"),
        pl.when(no_sections).then(pl.lit(NO_SECTIONS)).alias("_note"),
        pl.when(no_sections).then(pl.col("chain")).otherwise(pl.col("thinking")).fill_null("")
        .alias("_thinking"),
        pl.when(no_sections).then(pl.lit("")).otherwise(pl.col("answer_section")).fill_null("")
        .alias("_answer"),
    )  # fmt: skip


def _remove_where_needed(
    parts: pl.DataFrame, column: str, needed: pl.Expr, label: str
) -> tuple[pl.Series, pl.Series]:
    """``column`` with the scaffolding removed, and each row's edits prefixed with ``label``.

    Only rows ``needed`` whose text holds a trigger go through the per-row remover, each
    distinct (text, batch size, position) once; every other text is returned as it is."""
    keys = [column, "_batch", "_position"]
    rows = parts.with_row_index("_row").filter(
        needed & pl.col(column).str.contains(SCAFFOLD_TRIGGER)
    )
    distinct = rows.select(keys).unique(maintain_order=True)
    cleaned = [remove_scaffolding(text, batch, pos) for text, batch, pos in distinct.iter_rows()]
    distinct = distinct.with_columns(
        pl.Series("_clean", [c.text for c in cleaned], dtype=pl.String),
        pl.Series("_edits", [[f"{label}: {e}" for e in c.edits] for c in cleaned],
                  dtype=pl.List(pl.String)),
    )  # fmt: skip
    rows = rows.select("_row", *keys).join(distinct, on=keys, how="left", maintain_order="left")
    texts = parts[column].scatter(rows["_row"], rows["_clean"]) if rows.height else parts[column]
    edits = (
        parts.select(pl.int_range(pl.len(), dtype=pl.UInt32).alias("_row"))
        .join(rows.select("_row", "_edits"), on="_row", how="left", maintain_order="left")
        .select(pl.col("_edits").fill_null(pl.lit([], dtype=pl.List(pl.String))))
        .to_series()
    )
    return texts, edits


def _head_edits(parts: pl.DataFrame) -> pl.Series:
    """Each row's edits before the removals (cut from a batch, shared thinking, cut off), as
    :func:`clean_chain` words them: asked once per distinct (batch, position, closed, shared)."""
    keys = parts.select(_HEAD_KEYS).unique()
    heads = [
        list(clean_chain("", "", batch_size=b, position=p, shared_thinking=s,
                         truncation=None if closed else "in_thinking").edits)
        for b, p, closed, s in keys.iter_rows()
    ]  # fmt: skip
    keys = keys.with_columns(pl.Series("_head", heads, dtype=pl.List(pl.String)))
    return parts.join(keys, on=list(_HEAD_KEYS), how="left", maintain_order="left")["_head"]


def chat_rows(released: pl.DataFrame) -> pl.DataFrame:
    """The ``chat`` config's rows for the released ``labels`` rows (same order).

    Column-wise (Polars): only texts of batched chains that a scaffold rule could touch
    (:data:`SCAFFOLD_TRIGGER`) are cleaned per row in Python; the output is byte for byte
    that of :func:`chat_rows_per_row`."""
    parts = _sections(released)
    batched = pl.col("_batch") > 1
    thinking, thinking_edits = _remove_where_needed(parts, "_thinking", batched, "thinking")
    answer_needed = batched & pl.col("_closed")
    answer, answer_edits = _remove_where_needed(parts, "_answer", answer_needed, "answer section")
    parts = parts.with_columns(
        thinking.alias("_thinking"),
        pl.when(pl.col("_closed")).then(answer).otherwise(pl.lit("")).alias("_answer"),
        _head_edits(parts),
        thinking_edits.alias("_thinking_edits"),
        answer_edits.alias("_answer_edits"),
    )
    body = pl.col("_thinking").str.strip_chars(PY_WHITESPACE)  # chat_format.assistant_text
    close = pl.lit(f"\n{THINK_CLOSE}\n\n") + pl.col("_answer").str.strip_chars(PY_WHITESPACE)
    text = pl.lit(f"{THINK_OPEN}\n") + body + pl.when("_closed").then(close).otherwise(pl.lit(""))
    chats = parts.select(
        text.alias("_assistant"),
        pl.concat_list("_note", "_head", "_thinking_edits", "_answer_edits")
        .list.drop_nulls().alias("chat_edits"),
    )  # fmt: skip
    messages = _messages(released["problem"].fill_null(""), chats["_assistant"])
    return released.select(*CHAT_COLUMNS).with_columns(
        messages, chats["chat_edits"], pl.lit(TEXT_FORMAT).alias("text_format")
    )


def _messages(user: pl.Series, assistant: pl.Series) -> pl.Series:
    """``[{role: user, content}, {role: assistant, content}]`` per row, assembled in Arrow
    (Polars' list of structs is several times slower to build)."""
    n = user.len()
    both = pa.concat_arrays([s.to_arrow().cast(pa.large_string()) for s in (user, assistant)])
    order = np.empty(2 * n, dtype=np.int64)
    order[0::2], order[1::2] = np.arange(n), np.arange(n, 2 * n)
    roles = pa.array(["user", "assistant"], pa.large_string()).take(np.tile([0, 1], n))
    turns = pa.StructArray.from_arrays([roles, both.take(order)], names=["role", "content"])
    offsets = pa.array(np.arange(0, 2 * n + 1, 2, dtype=np.int64))
    return pl.Series("messages", pa.LargeListArray.from_arrays(offsets, turns))
