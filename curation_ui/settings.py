"""The review dataset's Argilla settings, and how an existing dataset differs from them."""

from __future__ import annotations

from typing import Any

from drqa.curation_ui.server_env import package_file
from drqa.optional import require

LABELS = {  # what the derived label means (the screen never asks for it: pull derives it)
    "A": "A - single question, correct",
    "B": "B - batched, correct",
    "C": "C - incorrect",
}
# What only a person can judge; the A/B/C label follows from these and the batch size
# (drqa.curation_ui.verdicts.derive_label), so a batched chain is never offered "A".
CORRECTNESS = {
    "correct": "Correct",
    "incorrect": "Incorrect (or no final answer)",
    "cant_tell": "Can't tell",
}
SEGMENTATION = {
    "own_complete": "About its own question only, and complete",
    "contains_other": "Contains another question's work",
    "incomplete": "Incomplete: part of its work is in another chain",
    "not_batched": "Not a batched chain (asked alone)",
}
VERDICT_QUESTIONS = ("correctness", "segmentation")
FIELDS = ("question", "siblings", "why", "model_answer", "gold_answer", "reasoning")
INTEGER_METADATA = ("batch_size", "position", "total_tokens")
FLOAT_METADATA = ("split_confidence", "certainty")
TERMS_METADATA = (
    "verify_status", "label_reason", "model", "label_rule", "split_status", "reason",
)  # fmt: skip
DEFAULT_MIN_SUBMITTED = 1  # 2+ turns on overlap between annotators and agreement


def guidelines() -> str:
    return package_file("guidelines.md").read_text(encoding="utf-8")


def review_settings(min_submitted: int = DEFAULT_MIN_SUBMITTED) -> Any:
    """``rg.Settings`` for one review round: the question (and the other questions of its
    prompt), why the label was proposed, both answers and the chain; two judgements only a person
    can make (is the answer right, is the chain about its own question only and complete), a
    comment, metadata. The A/B/C label is derived from them on pull."""
    rg = require("argilla", "drqa review")
    return rg.Settings(
        guidelines=guidelines(),
        fields=[
            rg.TextField(name="question", title="Question", use_markdown=True),
            rg.TextField(name="siblings", title="Asked together with", use_markdown=True),
            rg.TextField(name="why", title="Why this label was proposed", use_markdown=True),
            rg.TextField(name="model_answer", title="Model's final answer", use_markdown=True),
            rg.TextField(name="gold_answer", title="Gold answer", use_markdown=True),
            rg.TextField(name="reasoning", title="Model's reasoning", use_markdown=True),
        ],
        questions=[
            rg.LabelQuestion(
                name="correctness",
                title="Is the model's final answer right?",
                labels=CORRECTNESS,
                description="Compare it with the gold answer; equivalent forms are correct.",
            ),
            rg.LabelQuestion(
                name="segmentation",
                title="Is this chain about its own question only, and complete?",
                labels=SEGMENTATION,
                description="For a batched prompt: does the reasoning shown belong to this "
                "question alone and hold all of its work? Asked alone: 'Not a batched chain'.",
            ),
            rg.TextQuestion(
                name="comment",
                title="Comment (optional)",
                required=False,
                use_markdown=False,
            ),
        ],
        metadata=[
            *(rg.IntegerMetadataProperty(name=n) for n in INTEGER_METADATA),
            *(rg.FloatMetadataProperty(name=n) for n in FLOAT_METADATA),
            *(rg.TermsMetadataProperty(name=n) for n in TERMS_METADATA),
        ],
        distribution=rg.TaskDistribution(min_submitted=min_submitted),
    )


def describe(settings: Any) -> dict[str, Any]:
    """The parts of a dataset's settings that push relies on, as plain comparable values."""
    questions = {}
    for question in settings.questions:
        labels = getattr(question, "labels", None)
        questions[question.name] = (type(question).__name__, tuple(labels) if labels else None)
    return {
        "fields": sorted(field.name for field in settings.fields),
        "questions": questions,
        "metadata": sorted((m.name, type(m).__name__) for m in settings.metadata),
        "min_submitted": settings.distribution.min_submitted,
    }


def first_difference(expected: dict[str, Any], found: dict[str, Any]) -> str | None:
    """One phrase naming the first way ``found`` differs from ``expected``, or None."""
    for key in ("fields", "metadata", "min_submitted"):
        if expected[key] != found[key]:
            return f"{key} are {found[key]}, drqa expects {expected[key]}"
    for name, spec in expected["questions"].items():
        if name not in found["questions"]:
            return f"question {name!r} is missing"
        if found["questions"][name] != spec:
            return f"question {name!r} is {found['questions'][name]}, drqa expects {spec}"
    extra = sorted(set(found["questions"]) - set(expected["questions"]))
    if extra:
        return f"it has extra questions {extra}"
    return None
