"""Release rows -> the DRQA judging task: prompts from a versioned template, a validation split
by problem, a prompt-length filter measured with the model's tokenizer, balanced labels.

Every dropped row is counted with its reason in :attr:`Task.report`. The SFT baseline's rows
(question -> concise chain) are built here too, with the same split and length filter.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from drqa.chat_format import completion_text, opens_thinking
from drqa.errors import DrqaError
from drqa.labeling.scaffold import SCAFFOLD_VERSION, clean_chain
from drqa.templates import TextTemplate, packaged_names, packaged_text
from drqa.trainer.config import SftSection, TaskConfig

__all__ = ["opens_thinking"]  # re-exported: the one detector lives in drqa.chat_format
KEPT_COLUMNS = ("chain_id", "problem_id", "batch_size", "label")
SECTION_COLUMNS = ("thinking", "answer_section", "position", "truncation", "shared_thinking")
JUDGE_TEXT = (
    f"the chain's thinking, a blank line, its answer section; batch scaffolding removed "
    f"({SCAFFOLD_VERSION})"
)
SFT_TEXT = (
    f"the model's format: thinking</think>\n\nanswer section<eos> (with <think>\n first when "
    f"the chat template does not open it); batch scaffolding removed ({SCAFFOLD_VERSION})"
)
NO_SECTIONS = "no thinking/answer boundary in the release (made before drqa kept it)"
CHARS_PER_TOKEN_CAP = 8  # longer prompts are first measured on a prefix of limit x 8 characters
TEMPLATE_DIR = "templates"


def load_template(name: str) -> TextTemplate:
    """The template ``<name>.jinja`` shipped in ``drqa/trainer/templates``."""
    text = packaged_text("drqa.trainer", name, TEMPLATE_DIR)
    if text is None:
        known = ", ".join(packaged_names("drqa.trainer", TEMPLATE_DIR))
        raise DrqaError(f"unknown prompt template {name!r}; known: {known}")
    return TextTemplate(name, text.rstrip("\n"))


@dataclass
class Task:
    """Training and validation rows (Polars) and what happened to every input row."""

    train: pl.DataFrame
    validation: pl.DataFrame
    report: dict[str, Any] = field(default_factory=dict)


def validation_problems(problem_ids: list[str], fraction: float, seed: int) -> set[str]:
    """The problems held out: a stable hash of (seed, problem id) below ``fraction``."""
    if fraction <= 0:
        return set()
    limit = int(fraction * 2**64)
    held = set()
    for pid in problem_ids:
        digest = hashlib.blake2b(f"{seed}:{pid}".encode(), digest_size=8).digest()
        if int.from_bytes(digest, "big") < limit:
            held.add(pid)
    return held


def token_counts(tokenizer, texts: list[str]) -> list[int]:
    """Token counts of already rendered texts (the fast tokenizer works on the whole batch)."""
    if not texts:
        return []
    ids = tokenizer(texts, add_special_tokens=False, return_attention_mask=False)["input_ids"]
    return [len(row) for row in ids]


def prompt_lengths(tokenizer, texts: list[str], limit: int) -> list[int]:
    """Token counts, exact for every text within ``limit``; a text over it may be counted on a
    prefix (which already holds more than ``limit`` tokens), so a 30k-token chain costs no more
    to reject than a ``limit``-token one."""
    cap = limit * CHARS_PER_TOKEN_CAP
    heads = [text if len(text) <= cap else _head(text, cap) for text in texts]
    counts = token_counts(tokenizer, heads)
    redo = [i for i, text in enumerate(texts) if len(text) > cap and counts[i] <= limit]
    for i, n in zip(redo, token_counts(tokenizer, [texts[i] for i in redo]), strict=True):
        counts[i] = n
    return counts


def _head(text: str, cap: int) -> str:
    """The text cut before the last space within ``cap`` characters (a word boundary, so the
    head's tokens are a prefix of the whole text's tokens)."""
    head = text[:cap]
    space = head.rfind(" ")
    return head[:space] if space > 0 else head


def _chat_texts(tokenizer, prompts: list[str]) -> list[str]:
    if not prompts:
        return []
    return tokenizer.apply_chat_template(
        [[{"role": "user", "content": p}] for p in prompts],
        add_generation_prompt=True,
        tokenize=False,
    )


def chain_sections(rows: pl.DataFrame) -> list:
    """Each row's :class:`~drqa.labeling.scaffold.CleanChain` (None when the release has no
    thinking/answer boundary for it: releases made before migration 0008)."""
    missing = [c for c in SECTION_COLUMNS if c not in rows.columns]
    frame = rows.with_columns(pl.lit(None).alias(c) for c in missing)
    out = []
    for row in frame.select("batch_size", *SECTION_COLUMNS).iter_rows(named=True):
        if row["thinking"] is None and row["answer_section"] is None:
            out.append(None)
            continue
        out.append(clean_chain(row["thinking"], row["answer_section"],
                               batch_size=row["batch_size"] or 1, position=row["position"] or 0,
                               truncation=row["truncation"],
                               shared_thinking=row["shared_thinking"]))  # fmt: skip
    return out


def judge_chain_texts(rows: pl.DataFrame) -> tuple[list[str], list[list[str]]]:
    """The chain text the judge task shows (:data:`JUDGE_TEXT`) and each row's edits; rows
    without sections show their ``chain`` with the scaffolding removed the same way."""
    texts, edits = [], []
    for row, chain in zip(rows.iter_rows(named=True), chain_sections(rows), strict=True):
        if chain is None:
            chain = clean_chain(row["chain"], "", batch_size=row["batch_size"] or 1,
                                position=row.get("position") or 0)  # fmt: skip
            edits.append([NO_SECTIONS, *chain.edits])
        else:
            edits.append(list(chain.edits))
        parts = (chain.thinking.strip(), chain.answer_section.strip())
        texts.append("\n\n".join(p for p in parts if p))
    return texts, edits


def _clean(rows: pl.DataFrame, labels: tuple[str, ...], dropped: dict[str, int]) -> pl.DataFrame:
    empty = pl.col("chain").is_null() | (pl.col("chain").str.strip_chars() == "")
    dropped["empty chain"] = int(rows.filter(empty).height)
    rows = rows.filter(~empty)
    wrong = ~pl.col("label").is_in(list(labels)) | pl.col("label").is_null()
    dropped["label not in the task's labels"] = int(rows.filter(wrong).height)
    return rows.filter(~wrong)


def _split(rows: pl.DataFrame, fraction: float, seed: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    problems = rows.get_column("problem_id").unique().sort().to_list()
    held = validation_problems(problems, fraction, seed)
    is_val = pl.col("problem_id").is_in(list(held))
    return rows.filter(~is_val), rows.filter(is_val)


def balance(rows: pl.DataFrame, how: str, seed: int) -> pl.DataFrame:
    """Equal rows per label: ``downsample`` to the rarest label, ``upsample`` (with replacement)
    to the commonest, ``none`` as is. Seeded; the order is shuffled."""
    if how == "none" or rows.height == 0:
        return rows.sample(fraction=1.0, shuffle=True, seed=seed)
    groups = rows.partition_by("label", maintain_order=True)
    sizes = [g.height for g in groups]
    target = min(sizes) if how == "downsample" else max(sizes)
    parts = [
        g.sample(n=target, with_replacement=g.height < target, shuffle=True, seed=seed + i)
        for i, g in enumerate(groups)
    ]
    return pl.concat(parts).sample(fraction=1.0, shuffle=True, seed=seed)


def _counts(rows: pl.DataFrame) -> dict[str, int]:
    if rows.height == 0:
        return {}
    counts = rows.get_column("label").value_counts().sort("label")
    return dict(zip(counts["label"].to_list(), counts["count"].to_list(), strict=True))


def build_task(labels: pl.DataFrame, tokenizer, config: TaskConfig, seed: int = 0) -> Task:
    """The GRPO task: one prompt per (question, chain) with its gold label and lineage columns."""
    template = load_template(config.template)
    dropped: dict[str, int] = {}
    rows = _clean(labels, config.labels, dropped)
    class_counts_in = _counts(rows)
    chains, edits = judge_chain_texts(rows)
    prompts = [
        template.fill(question=q, chain=c)
        for q, c in zip(rows["problem"].to_list(), chains, strict=True)
    ]
    rendered = _chat_texts(tokenizer, prompts)
    lengths = prompt_lengths(tokenizer, rendered, config.max_prompt_tokens)
    rows = rows.select(*KEPT_COLUMNS).with_columns(
        pl.Series("prompt", rendered, dtype=pl.String),
        pl.Series("prompt_text", prompts, dtype=pl.String),
        pl.Series("chain_edits", edits, dtype=pl.List(pl.String)),
        pl.Series("prompt_tokens", lengths, dtype=pl.Int64),
        pl.lit(opens_thinking(tokenizer)).alias("starts_in_thinking"),
    )
    too_long = pl.col("prompt_tokens") > config.max_prompt_tokens
    dropped[f"prompt over {config.max_prompt_tokens} tokens"] = int(rows.filter(too_long).height)
    rows = rows.filter(~too_long)
    train, validation = _split(rows, config.validation_fraction, seed)
    usable = _counts(train)
    train = balance(train, config.balance, seed)
    if config.max_rows is not None and train.height > config.max_rows:
        train = train.sample(n=config.max_rows, shuffle=True, seed=seed)
    report = {
        "template": template.name,
        "template_sha256": template.sha256,
        "chain_text": JUDGE_TEXT,
        "rows_with_scaffolding_removed": sum(
            any(e.startswith(("thinking:", "answer section:")) for e in row) for row in edits
        ),
        "rows_in": labels.height,
        "dropped": dropped,
        "class_counts_in": class_counts_in,
        "class_counts_usable": usable,
        "class_counts_train": _counts(train),
        "class_counts_validation": _counts(validation),
        "balance": config.balance,
        "train_rows": train.height,
        "validation_rows": validation.height,
        "train_problems": train.get_column("problem_id").n_unique(),
        "validation_problems": validation.get_column("problem_id").n_unique(),
        "max_prompt_tokens_seen": int(rows["prompt_tokens"].max() or 0),
    }
    return Task(train, validation, report)


def build_sft_task(labels: pl.DataFrame, tokenizer, config: SftSection, task: TaskConfig,
                   seed: int = 0) -> Task:  # fmt: skip
    """The SFT baseline: the question as the prompt (rendered with the chat template), the chain
    in the model's own format as the completion (:data:`SFT_TEXT`); chains cut off inside their
    thinking, and rows of releases without a thinking/answer boundary, are dropped and counted."""
    dropped: dict[str, int] = {}
    rows = _clean(labels, config.labels, dropped)
    class_counts_in = _counts(rows)
    sections = chain_sections(rows)
    unusable = {NO_SECTIONS: [c is None for c in sections],
                "thinking cut off (no </think> to learn)": [c is not None and not c.closed
                                                            for c in sections]}  # fmt: skip
    for reason, flags in unusable.items():
        dropped[reason] = sum(flags)
    keep = [c is not None and c.closed for c in sections]
    rows = rows.filter(pl.Series(keep, dtype=pl.Boolean))
    sections = [c for c, k in zip(sections, keep, strict=True) if k]
    prompts = _chat_texts(tokenizer, rows["problem"].to_list())
    starts = opens_thinking(tokenizer)
    completions = [completion_text(c.thinking, c.answer_section, starts_in_thinking=starts,
                                   eos=tokenizer.eos_token) for c in sections]  # fmt: skip
    chains = prompt_lengths(tokenizer, completions, config.max_length)
    lengths = [a + b for a, b in zip(token_counts(tokenizer, prompts), chains, strict=True)]
    rows = rows.select(*KEPT_COLUMNS).with_columns(
        pl.Series("prompt", prompts, dtype=pl.String),
        pl.Series("completion", completions, dtype=pl.String),
        pl.Series("chain_edits", [list(c.edits) for c in sections], dtype=pl.List(pl.String)),
        pl.Series("total_tokens", lengths, dtype=pl.Int64),
    )
    too_long = pl.col("total_tokens") > config.max_length
    dropped[f"prompt + chain over {config.max_length} tokens"] = int(rows.filter(too_long).height)
    rows = rows.filter(~too_long)
    train, validation = _split(rows, task.validation_fraction, seed)
    train = train.sample(fraction=1.0, shuffle=True, seed=seed)
    if task.max_rows is not None and train.height > task.max_rows:
        train = train.sample(n=task.max_rows, shuffle=True, seed=seed)
    report = {
        "rows_in": labels.height,
        "completion_text": SFT_TEXT,
        "starts_in_thinking": starts,
        "dropped": dropped,
        "class_counts_in": class_counts_in,
        "class_counts_train": _counts(train),
        "train_rows": train.height,
        "validation_rows": validation.height,
        "train_problems": train.get_column("problem_id").n_unique(),
        "validation_problems": validation.get_column("problem_id").n_unique(),
    }
    return Task(train, validation, report)
