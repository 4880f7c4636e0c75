"""Sections of the release card about what the data holds and how its text is built: column
tables in the Hub's feature words, the rows left out by reason, the text format of ``chat`` and
of ``drqa train``. Each takes the card's ``CardFacts`` (:mod:`drqa.builders.release.card`)."""

from __future__ import annotations

from typing import Any

import polars as pl

from drqa.builders.release.shards import WrittenConfig

EXCLUDED_MEANING = {
    "duplicate_chain_text": "repeats an earlier chain of the same response (an uncut shared "
    "thinking with no answer of its own)",
    "uncertain": "the rules could not decide the verdict (prose, several values, a refusal)",
    "error": "the verifier failed on the pair",
    "timeout": "the verifier ran out of time",
    "gold_unparseable": "the gold answer could not be parsed",
    "unsplittable": "the batched response could not be split per question",
    "not_verified": "no verdict yet",
    "no_single_reference": "no single-question chain to compare with (strict-shorter rule)",
    "failed generation": "the request failed after its retries: no chains",
    "not labelled yet": "answered, but `drqa label` has not split it yet",
}


def markdown_table(frame: pl.DataFrame) -> str:
    """A frame as a Markdown table (floats to 4 significant digits, pipes escaped)."""
    head = "| " + " | ".join(frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = ["| " + " | ".join(_cell(v) for v in row) + " |" for row in frame.iter_rows()]
    return "\n".join([head, rule, *rows])


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value).replace("|", "\\|")


def feature_type(feature: Any) -> str:
    """A ``datasets`` feature in the Hub's words: ``string``, ``int64``, ``ClassLabel (A, B,
    C)``, ``list of {role: string, content: string}``."""
    from datasets import ClassLabel, LargeList, List, Value

    if isinstance(feature, ClassLabel):
        return f"ClassLabel ({', '.join(feature.names)})"
    if isinstance(feature, Value):
        return feature.dtype
    if isinstance(feature, List | LargeList):
        return f"list of {feature_type(feature.feature)}"
    if isinstance(feature, dict):
        return "{" + ", ".join(f"{k}: {feature_type(v)}" for k, v in feature.items()) + "}"
    return type(feature).__name__


def columns_table(config: WrittenConfig, docs: dict[str, str]) -> str:
    """A config's columns with their features (read from the written files) and meanings."""
    lines = ["| column | feature | meaning |", "|---|---|---|"]
    lines += [
        f"| `{name}` | {feature_type(feature)} | {docs.get(name, '')} |"
        for name, feature in config.features.items()
    ]
    return "\n".join(lines)


def excluded_section(facts: Any) -> str:
    """Chains of the workspace that are not in the release, by reason."""
    if not any(facts.excluded.values()):
        return "Every labelled chain of the workspace is in this release."
    frame = pl.DataFrame(
        [{"reason": f"`{reason}`", "chains": n,
          "awaiting review": facts.awaiting_review.get(reason, 0),
          "meaning": EXCLUDED_MEANING.get(reason, "")}
         for reason, n in sorted(facts.excluded.items(), key=lambda kv: -kv[1]) if n],
        schema=["reason", "chains", "awaiting review", "meaning"],
    )  # fmt: skip
    return (
        "Chains (and generations) of the building workspace that are not in this release, by "
        "reason; those awaiting review can enter a later release.\n\n" + markdown_table(frame)
    )


def text_section(facts: Any) -> str:
    """How the `chat` config and `drqa train` rebuild the model's text; what differs."""
    notes = "\n".join(f"  - {kind}: {n} rows" for kind, n in facts.chat_notes.items() if n)
    return f"""The `labels` config keeps each chain's `thinking` and `answer_section` apart, as
the splitter cut them (`chain` is the two joined by a blank line). The `chat` config rebuilds the
model's own format from them, nothing synthesised: the assistant turn is `<think>` + newline +
thinking + newline + `</think>` + blank line + the answer section as written (only whitespace at
the edges of each section is trimmed). A chain cut off inside its thinking ends there: no
`</think>`, no answer. Each row's `chat_edits` lists exactly what differs from the model's words
(`text_format` names the versions):
{notes or "  - none"}

Batch scaffolding (question headings, "Answer to Question k" labels, sentences about the other
questions) is removed from chains of batched prompts, so that a marker does not give the label
away; the removed text is quoted in `chat_edits`. `drqa train` uses the same text: the judge
task shows the thinking, a blank line and the answer section with the scaffolding removed; the
SFT baseline learns `thinking</think>` + blank line + `answer<eos>`. `drqa train` defaults to the
paper's objective, KL-regularised GRPO (`loss_type: grpo`, `beta: 0.04`, a reference model)."""
