"""Training text in the model's own format, with real TRL on the tiny model: SFT completions close
their thinking and carry no batch scaffolding, the BOS token is written once, the judge sees
chains without markers, GRPO defaults to the paper's KL-regularised objective, and
``train.<method>.extra`` reaches TRL (an unknown field names the closest one)."""

from __future__ import annotations

import json

import polars as pl
import pytest

from drqa.chat_format import ends_inside_thinking, opens_thinking
from drqa.errors import DrqaError
from drqa.trainer.config import SftSection, TaskConfig, TrainConfig
from drqa.trainer.pinned import open_release
from drqa.trainer.task import build_sft_task, build_task
from tests.trainer.conftest import fast_train

pytest.importorskip("trl")


@pytest.fixture(scope="module")
def tokenizer(tiny_model_dir):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(tiny_model_dir)


@pytest.fixture(scope="module")
def labels(gated_release) -> pl.DataFrame:
    return open_release(TrainConfig(release=str(gated_release))).labels


def _bos_tokenizer(tiny_model_dir):
    """The tiny tokenizer made to behave like R1-Distill's: a BOS token that both the chat
    template writes and plain tokenization adds."""
    from tokenizers.processors import TemplateProcessing
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_model_dir)
    tok.bos_token = "<|endoftext|>"
    bos_id = tok.convert_tokens_to_ids(tok.bos_token)
    tok.backend_tokenizer.post_processor = TemplateProcessing(
        single="<|endoftext|> $A", pair="<|endoftext|> $A $B",
        special_tokens=[("<|endoftext|>", bos_id)],
    )  # fmt: skip
    tok.chat_template = "{{ bos_token }}" + tok.chat_template
    return tok, bos_id


def test_the_tiny_template_opens_the_thinking(tokenizer):
    assert opens_thinking(tokenizer)
    assert ends_inside_thinking("<think>\n") and not ends_inside_thinking("<think>\n\n</think>\n")


def test_sft_completions_close_the_thinking_without_scaffolding(labels, tokenizer, tmp_path):
    from drqa.trainer.sft import make_sft_trainer

    task = build_sft_task(labels, tokenizer, SftSection(max_length=1024), TaskConfig())
    assert task.train.height > 0 and task.report["starts_in_thinking"] is True
    for completion in task.train["completion"]:
        thinking, _, answer = completion.partition("\n</think>\n\n")
        assert answer and "<think>" not in thinking and answer.endswith(tokenizer.eos_token)
        assert "Answer to Question" not in completion  # batch scaffolding removed
    config = TrainConfig.model_validate(
        fast_train("unused", tmp_path, "unused", method="sft", sft={"max_length": 1024})
    )
    trainer = make_sft_trainer(config, tokenizer.name_or_path, tokenizer, task.train,
                               task.validation, tmp_path, progress=False)  # fmt: skip
    close = tokenizer.convert_tokens_to_ids("</think>")
    for row in trainer.train_dataset:
        labelled = [t for t, mask in zip(row["input_ids"], row["labels"], strict=True)
                    if mask != -100]  # fmt: skip
        assert close in labelled and labelled[-1] == tokenizer.eos_token_id


def test_prompt_and_completion_hold_one_bos_token(labels, tiny_model_dir):
    from drqa.trainer.sft import sft_features

    tok, bos_id = _bos_tokenizer(tiny_model_dir)
    task = build_sft_task(labels, tok, SftSection(max_length=1024), TaskConfig())
    features = sft_features(task.train, tok)
    assert all(ids.count(bos_id) == 1 and ids[0] == bos_id for ids in features["input_ids"])
    # what tokenizing the rendered text again would do (TRL's text path): two BOS tokens
    naive = tok(task.train["prompt"][0] + task.train["completion"][0])["input_ids"]
    assert naive.count(bos_id) == 2


def test_the_judge_sees_chains_without_batch_markers(labels, tokenizer):
    task = build_task(labels, tokenizer, TaskConfig(validation_fraction=0.0, balance="none",
                                                     max_prompt_tokens=1024))  # fmt: skip
    batched = task.train.filter(pl.col("batch_size") > 1)
    assert batched.height and not batched["prompt_text"].str.contains("Answer to Question").any()
    assert task.report["rows_with_scaffolding_removed"] == batched.height
    assert "scaffolding removed" in task.report["chain_text"]
    assert task.train["prompt"][0].endswith("<think>\n")


def test_grpo_defaults_to_the_papers_objective_with_a_reference_model(
    gated_release, tiny_model_dir, tmp_path
):
    from drqa.trainer import train

    config = TrainConfig.model_validate(
        fast_train(gated_release, tmp_path / "run", tiny_model_dir, max_steps=1,
                   grpo={"extra": {"lr_scheduler_type": "constant"}})
    )  # fmt: skip
    assert (config.grpo.loss_type, config.grpo.beta) == ("grpo", 0.04)
    result = train(config, progress=False, quiet=True)
    history = json.loads((result.output / "trainer_state.json").read_text())["log_history"]
    assert any("kl" in entry for entry in history)  # logged only with a reference model
    assert (result.output / "task" / "train.parquet").is_file()
    saved = json.loads((result.output / "drqa_train_config.json").read_text())
    assert saved["grpo"]["extra"] == {"lr_scheduler_type": "constant"}


def test_extra_fields_reach_trl_and_unknown_ones_name_the_closest(tmp_path):
    from drqa.trainer.grpo import grpo_args

    config = TrainConfig.model_validate(
        fast_train("r", tmp_path, "m", torch_dtype="float32", attn_implementation="eager",
                   grpo={"extra": {"lr_scheduler_type": "cosine", "warmup_steps": 3}})
    )  # fmt: skip
    args = grpo_args(config, tmp_path, evaluate=False, progress=False)
    scheduler = getattr(args.lr_scheduler_type, "value", args.lr_scheduler_type)
    assert scheduler == "cosine" and args.warmup_steps == 3
    assert args.model_init_kwargs == {"dtype": "float32", "attn_implementation": "eager"}
    with pytest.raises(ValueError, match="train.grpo.extra.lr_sheduler_type: not a field of TRL "
                       ".*did you mean 'lr_scheduler_type'"):  # fmt: skip
        TrainConfig.model_validate(
            fast_train("r", tmp_path, "m", grpo={"extra": {"lr_sheduler_type": "cosine"}})
        )
    with pytest.raises(ValueError, match="train.sft.extra.max_lenght.*'max_length'"):
        TrainConfig.model_validate(fast_train("r", tmp_path, "m", sft={"extra": {"max_lenght": 1}}))
    taken = TrainConfig.model_validate(fast_train("r", tmp_path, "m",
                                                  grpo={"extra": {"beta": 0.1}}))  # fmt: skip
    with pytest.raises(DrqaError, match="train.grpo.extra sets beta"):
        grpo_args(taken, tmp_path, evaluate=False, progress=False)
