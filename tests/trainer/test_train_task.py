"""The judging task: split by problem, prompt-length filter counts measured with the model's
tokenizer, balancing, the versioned template, ClassLabel labels, the SFT rows."""

from __future__ import annotations

import polars as pl
import pytest

from drqa.errors import DrqaError
from drqa.trainer.config import SftSection, TaskConfig
from drqa.trainer.task import (
    balance,
    build_sft_task,
    build_task,
    load_template,
    opens_thinking,
    prompt_lengths,
    token_counts,
    validation_problems,
)


@pytest.fixture(scope="module")
def tokenizer(tiny_model_dir):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(tiny_model_dir)


def _rows(n_problems: int = 30, per_problem: int = 4) -> pl.DataFrame:
    rows = []
    for p in range(n_problems):
        for k in range(per_problem):
            label = "ABC"[(p + k) % 3]
            words = " ".join(["so we add the sum"] * (1 + (p * 7 + k) % 25))
            size = 1 if label == "A" else 2
            section = f"Answer to Question {k % 2 + 1}: $\\boxed{{{p + k}}}$" if size > 1 else "7"
            rows.append(
                {
                    "chain_id": f"c{p}-{k}",
                    "problem_id": f"p{p}",
                    "problem": f"What is {p} + {k}?",
                    "chain": f"{words}\n\n{section}",
                    "thinking": words,
                    "answer_section": section,
                    "truncation": None,
                    "shared_thinking": False,
                    "position": k % 2 if size > 1 else 0,
                    "label": label,
                    "batch_size": size,
                }
            )
    rows.append({**rows[0], "chain_id": "empty", "chain": "  "})
    rows.append({**rows[0], "chain_id": "review", "label": None})
    return pl.DataFrame(rows)


def test_validation_split_is_disjoint_by_problem_and_stable(tokenizer):
    task = build_task(_rows(), tokenizer, TaskConfig(validation_fraction=0.3, balance="none"))
    train_p = set(task.train["problem_id"])
    val_p = set(task.validation["problem_id"])
    assert train_p and val_p and not train_p & val_p
    assert task.report["validation_problems"] == len(val_p)
    again = validation_problems(sorted(train_p | val_p), 0.3, seed=0)
    assert again == val_p  # a pure function of (seed, problem id)
    assert validation_problems(sorted(train_p | val_p), 0.3, seed=1) != val_p
    assert validation_problems(["p1"], 0.0, seed=0) == set()


def test_prompt_length_filter_counts_match_the_tokenizer(tokenizer):
    rows = _rows()
    full = build_task(rows, tokenizer, TaskConfig(validation_fraction=0.0, balance="none"))
    lengths = full.train["prompt_tokens"]
    limit = int(lengths.median())
    config = TaskConfig(validation_fraction=0.0, balance="none", max_prompt_tokens=limit)
    task = build_task(rows, tokenizer, config)
    expected_drop = int((lengths > limit).sum())
    assert 0 < expected_drop < full.train.height
    assert task.report["dropped"][f"prompt over {limit} tokens"] == expected_drop
    assert task.train.height == full.train.height - expected_drop
    assert task.train["prompt_tokens"].max() <= limit
    exact = dict(zip(full.train["chain_id"], full.train["prompt_tokens"], strict=True))
    assert all(exact[c] == n for c, n in zip(task.train["chain_id"], task.train["prompt_tokens"],
                                             strict=True))  # fmt: skip
    assert task.report["dropped"]["empty chain"] == 1
    assert task.report["dropped"]["label not in the task's labels"] == 1
    # the measure is the chat-templated prompt, as TRL will send it
    text = task.train["prompt_text"][0]
    templated = tokenizer.apply_chat_template(
        [{"role": "user", "content": text}], add_generation_prompt=True, tokenize=False
    )
    ids = tokenizer(templated, add_special_tokens=False)["input_ids"]
    assert task.train["prompt_tokens"][0] == len(ids)


@pytest.mark.parametrize("limit", [3, 12, 40])
def test_long_prompts_measured_on_a_prefix_decide_the_same(tokenizer, limit):
    texts = [" ".join(["so we add the sum", "What is 12 + 7?"] * n) for n in range(0, 60, 3)]
    texts += ["x" * 5000, "", "word " * 400]
    full = token_counts(tokenizer, texts)
    measured = prompt_lengths(tokenizer, texts, limit)
    assert any(len(t) > 8 * limit for t in texts)  # the prefix path runs
    for text, exact, seen in zip(texts, full, measured, strict=True):
        if exact <= limit:
            assert seen == exact, text[:40]
        else:
            assert seen > limit, text[:40]


def test_balancing_and_class_counts_reported(tokenizer):
    rows = _rows().filter(~((pl.col("label") == "C") & (pl.col("problem_id") > "p1")))
    down = build_task(rows, tokenizer, TaskConfig(validation_fraction=0.0))
    up = build_task(rows, tokenizer, TaskConfig(validation_fraction=0.0, balance="upsample"))
    usable = down.report["class_counts_usable"]
    assert len(set(usable.values())) > 1  # unbalanced input
    assert set(down.report["class_counts_train"].values()) == {min(usable.values())}
    assert set(up.report["class_counts_train"].values()) == {max(usable.values())}
    assert down.train.height == 3 * min(usable.values())
    same = build_task(rows, tokenizer, TaskConfig(validation_fraction=0.0))
    assert same.train["chain_id"].to_list() == down.train["chain_id"].to_list()  # seeded
    capped = balance(down.train, "none", 0)
    assert sorted(capped["chain_id"]) == sorted(down.train["chain_id"])


def test_prompt_template_and_columns(tokenizer):
    template = load_template("judge-v1")
    assert len(template.sha256) == 64
    task = build_task(_rows(3, 1), tokenizer, TaskConfig(validation_fraction=0.0, balance="none"))
    assert task.report["template"] == "judge-v1"
    assert task.report["template_sha256"] == template.sha256
    first = task.train.row(0, named=True)
    assert "\\boxed{B}" in first["prompt_text"] and first["label"] in "ABC"
    assert {"chain_id", "problem_id", "batch_size", "label", "starts_in_thinking"} <= set(
        task.train.columns
    )
    assert first["starts_in_thinking"] is opens_thinking(tokenizer) is True
    with pytest.raises(DrqaError, match="unknown prompt template 'judge-v9'.*judge-v1"):
        load_template("judge-v9")


def test_sft_rows_are_b_chains_with_length_filter(tokenizer):
    rows = _rows()
    task = build_sft_task(rows, tokenizer, SftSection(max_length=60), TaskConfig())
    assert set(task.train["label"]) == {"B"}
    assert task.train["completion"][0].endswith(tokenizer.eos_token)
    assert task.train["prompt"][0].rstrip().endswith("<think>")
    assert task.report["dropped"]["prompt + chain over 60 tokens"] > 0
    assert task.train["total_tokens"].max() <= 60
