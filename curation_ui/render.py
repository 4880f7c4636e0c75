"""One chain as an Argilla record: readable markdown fields, metadata and the label suggestion."""

from __future__ import annotations

import re
from typing import Any

from drqa.curation_ui.settings import FLOAT_METADATA, INTEGER_METADATA, LABELS, TERMS_METADATA

_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_THINK_TAGS = re.compile(r"</?think>")
_NOT_AGENT = re.compile(r"[^a-zA-Z0-9\-_:./\s]")  # what Argilla accepts in a suggestion's agent


def suggestion_agent(label_rule: str | None) -> str:
    """The label rule (``name@version``) as an Argilla agent (``name:version``)."""
    return _NOT_AGENT.sub(":", label_rule or "drqa-label-rules") or "drqa-label-rules"


def render_reasoning(reasoning: str | None, batch_size: int, position: int) -> str:
    """The chain as markdown: a header saying where it came from, paragraphs kept, lines broken."""
    where = (
        "Asked **alone**."
        if batch_size == 1
        else f"Question **{position + 1} of {batch_size}** asked together in one prompt."
    )
    text = _THINK_TAGS.sub("", reasoning or "").strip()
    if not text:
        return f"{where}\n\n_(no reasoning was attributed to this question)_"
    text = _MANY_BLANK_LINES.sub("\n\n", text.replace("\r\n", "\n"))
    text = "\n".join(line + "  " if line.strip() else line for line in text.split("\n"))
    return f"{where}\n\n---\n\n{text}"


def render_answer(answer: str | None) -> str:
    return f"`{answer}`" if answer and "`" not in answer else (answer or "_(no final answer)_")


def record_payload(row: dict[str, Any], label_question_id: str) -> dict[str, Any]:
    """The REST payload of one record (bulk upsert), external id = chain id."""
    metadata = {name: row.get(name) for name in (*INTEGER_METADATA, *TERMS_METADATA)}
    metadata.update({name: row.get(name) for name in FLOAT_METADATA})
    payload: dict[str, Any] = {
        "external_id": row["chain_id"],
        "fields": {
            "question": row["question"] or "",
            "reasoning": render_reasoning(row["reasoning"], row["batch_size"], row["position"]),
            "model_answer": render_answer(row["answer"]),
            "gold_answer": render_answer(row["gold_answer"]),
        },
        "metadata": {k: v for k, v in metadata.items() if v is not None},
        "suggestions": [],
    }
    if row.get("label") in LABELS:
        suggestion = {
            "question_id": label_question_id,
            "value": row["label"],
            "agent": suggestion_agent(row.get("label_rule")),
            "type": "model",
        }
        confidence = row.get("split_confidence")
        if confidence is not None and 0.0 <= confidence <= 1.0:
            suggestion["score"] = float(confidence)
        payload["suggestions"].append(suggestion)
    return payload
