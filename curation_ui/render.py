"""One chain as an Argilla record: readable markdown fields, metadata and the label suggestion.

What an annotator sees: the question (and, collapsed, the other questions of the same prompt),
why the automatic label was proposed, the model's and the gold answer in neutral type, and the
reasoning. LaTeX written as ``\\[..\\]`` / ``\\(..\\)`` becomes ``$$..$$`` / ``$..$``, the
delimiters Argilla's markdown renderer (KaTeX) reads.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from drqa.curation_ui.certainty import label_certainty
from drqa.curation_ui.settings import FLOAT_METADATA, INTEGER_METADATA, LABELS, TERMS_METADATA
from drqa.curation_ui.verdicts import suggested_correctness, suggested_segmentation

_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_THINK_TAGS = re.compile(r"</?think>")
_NOT_AGENT = re.compile(r"[^a-zA-Z0-9\-_:./\s]")  # what Argilla accepts in a suggestion's agent
_DISPLAY = re.compile(r"\\\[(.+?)\\\]", re.DOTALL)
_INLINE = re.compile(r"\\\((.+?)\\\)", re.DOTALL)
_LATEX_HINT = re.compile(r"\\[a-zA-Z]+|[\^_{}]")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")

REASONS = {
    "single_correct": "asked alone, and the final answer matches the gold answer",
    "batched_correct": "asked in a batch, and the final answer matches the gold answer",
    "batched_correct_shorter": "asked in a batch, correct, and shorter than the single chains",
    "batched_correct_not_shorter": "asked in a batch and correct, but not shorter than the "
    "single-question chains of the same problem",
    "incorrect": "the final answer does not match the gold answer",
    "truncated_no_answer": "the model was cut off (token limit) before it gave an answer",
    "no_answer": "no final answer was found for this question",
    "unsplittable": "the response could not be split into one chain per question",
    "gold_unparseable": "the gold answer could not be parsed, so nothing was verified",
    "timeout": "verification timed out",
    "not_verified": "the answer was not verified",
    "no_single_reference": "no single-question chain of this problem to compare lengths with",
}


LABEL_FOLLOWS = (
    "_You judge two things: is the answer right, and is this chain about its own question only "
    "and complete. The label follows: **A** asked alone and correct; **B** batched, correct, and "
    "about its own question only and complete; **C** incorrect, or a batched chain holding another "
    "question's work or missing part of its own._"
)


def suggestion_agent(label_rule: str | None) -> str:
    """The label rule (``name@version``) as an Argilla agent (``name:version``)."""
    return _NOT_AGENT.sub(":", label_rule or "drqa-label-rules") or "drqa-label-rules"


def latex_for_argilla(text: str) -> str:
    """``\\[x\\]`` -> ``$$x$$`` and ``\\(x\\)`` -> ``$x$`` (Argilla renders ``$``-delimited TeX)."""
    text = _DISPLAY.sub(lambda m: f"$${m.group(1).strip()}$$", text)
    return _INLINE.sub(lambda m: f"${m.group(1).strip()}$", text)


def render_question(question: str | None) -> str:
    return latex_for_argilla(question or "")


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
    return f"{where}\n\n---\n\n{latex_for_argilla(text)}"


def render_answer(answer: str | None) -> str:
    """An answer in neutral type: TeX through KaTeX, anything else as escaped plain text."""
    answer = (answer or "").strip()
    if not answer:
        return "_(no final answer)_"
    if "$" not in answer and _LATEX_HINT.search(answer):
        return f"${answer}$"
    return _MARKDOWN_SPECIAL.sub(r"\\\1", answer)


def render_why(row: dict[str, Any], certainty: float | None) -> str:
    """Why the automatic label was proposed: the rule's reason in words, verdict and split."""
    label = row.get("label")
    reason = row.get("label_reason")
    told = REASONS.get(reason or "", reason or "no reason recorded")
    head = f"**Proposed: {label}**" if label in LABELS else "**No automatic label**"
    lines = [f"{head} — {told} (rule reason: _{reason or '-'}_).", ""]
    lines.append(f"- Answer check: **{row.get('verify_status') or 'not verified'}**")
    split = row.get("split_status") or "-"
    confidence = row.get("split_confidence")
    lines.append(
        f"- Split: **{split}**"
        + (f" (attribution confidence {confidence:.2f})" if confidence is not None else "")
    )
    if certainty is not None:
        lines.append(f"- Certainty of the proposed label: **{certainty:.2f}**")
    if row.get("needs_review"):
        lines.append("- Routed to review: the automatic label needs a human decision.")
    lines += ["", LABEL_FOLLOWS]
    return "\n".join(lines)


def render_siblings(siblings: list[dict[str, Any]] | None, position: int) -> str:
    """The other questions of the same prompt, collapsed; a line when asked alone."""
    others = [s for s in siblings or [] if s.get("position") != position]
    if not others:
        return "_Asked alone: no other questions were in this prompt._"
    items = "\n".join(
        f"{s['position'] + 1}. {html.escape(render_question(s.get('problem')), quote=False)}"
        for s in sorted(others, key=lambda s: s["position"])
    )
    return (
        f"<details><summary>{len(others)} other question{'s' if len(others) > 1 else ''} "
        f"asked in the same prompt (this is question {position + 1})</summary>\n\n"
        f"{items}\n\n</details>"
    )


def record_payload(row: dict[str, Any], question_ids: Mapping[str, str]) -> dict[str, Any]:
    """The REST payload of one record (bulk upsert), external id = chain id.

    ``question_ids`` maps the dataset's question names to their ids; the rules' suggestions for
    ``correctness`` (the verifier) and ``segmentation`` (the splitter) are attached with scores.
    """
    certainty = label_certainty(row) if row.get("label") in LABELS else None
    metadata = {name: row.get(name) for name in (*INTEGER_METADATA, *TERMS_METADATA)}
    metadata.update({name: row.get(name) for name in FLOAT_METADATA})
    metadata["certainty"] = certainty
    payload: dict[str, Any] = {
        "external_id": row["chain_id"],
        "fields": {
            "question": render_question(row["question"]),
            "siblings": render_siblings(row.get("siblings"), row["position"]),
            "why": render_why(row, certainty),
            "model_answer": render_answer(row["answer"]),
            "gold_answer": render_answer(row["gold_answer"]),
            "reasoning": render_reasoning(row["reasoning"], row["batch_size"], row["position"]),
        },
        "metadata": {k: v for k, v in metadata.items() if v is not None},
        "suggestions": [],
    }
    rule = row.get("label_rule")
    suggested = (  # who suggests: the verifier for the answer, the splitter for the split
        ("correctness", suggested_correctness(row), row.get("verifier_version") or rule),
        ("segmentation", suggested_segmentation(row), row.get("splitter_version") or rule),
    )
    for name, suggestion, agent in suggested:
        if suggestion is not None and name in question_ids:
            payload["suggestions"].append(
                {
                    "question_id": question_ids[name],
                    "value": suggestion[0],
                    "agent": suggestion_agent(agent),
                    "type": "model",
                    "score": suggestion[1],
                }
            )
    return payload
