"""The tiny model: builds fast, reloads through the Auto classes, tokenises identically."""

from __future__ import annotations

import pytest

pytest.importorskip("transformers")

from drqa.tiny_model import EOS_TOKEN, VOCAB_SIZE, make_tiny_model  # noqa: E402

SAMPLES = [
    "What is 12 + 7? Let me think.\n\nSo \\boxed{19}.",
    "<think>\nWait, 3 \\times 4 = 12.</think> The answer is $\\frac{1}{2}$.",
    "Ünïcode 東京 and émojis 🙂 \r\n  two  spaces\tand a tab",
]


def test_auto_classes_load_it_and_tokenise_like_the_trained_tokenizer(tiny_model_dir):
    import tokenizers
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
    trained = tokenizers.Tokenizer.from_file(str(tiny_model_dir / "tokenizer.json"))
    assert type(tokenizer).__name__ == "Qwen2Tokenizer"
    assert model.config.model_type == "qwen2"
    assert model.config.hidden_size == 64 and model.config.num_hidden_layers == 2
    assert len(tokenizer) == VOCAB_SIZE == model.config.vocab_size
    for text in SAMPLES:
        ids = tokenizer(text, add_special_tokens=False)["input_ids"]
        assert ids == trained.encode(text, add_special_tokens=False).ids
        assert tokenizer.decode(ids) == text
    # BPE merges were learnt: common words are single tokens
    assert len(tokenizer.tokenize(" the answer is")) == 3


def test_chat_template_opens_the_thinking_and_think_tags_survive_decoding(tiny_model_dir):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    prompt = tokenizer.apply_chat_template(
        [{"role": "user", "content": "What is 2 + 2?"}], tokenize=False, add_generation_prompt=True
    )
    assert prompt.endswith("<|im_start|>assistant\n<think>\n")
    assert "system" not in prompt  # no default system prompt (R1 style)
    assert tokenizer.eos_token == EOS_TOKEN and tokenizer.padding_side == "left"
    ids = tokenizer("<think>a</think>b<|im_end|>", add_special_tokens=False)["input_ids"]
    assert tokenizer.convert_tokens_to_ids("<think>") in ids
    assert tokenizer.decode(ids, skip_special_tokens=True) == "<think>a</think>b"
    history = tokenizer.apply_chat_template(
        [
            {"role": "user", "content": "q"},
            {"role": "assistant", "content": "<think>long</think>short"},
            {"role": "user", "content": "again"},
        ],
        tokenize=False,
    )
    assert "long" not in history and "short" in history


def test_generates_and_is_reused_when_already_built(tiny_model_dir):
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    weights = tiny_model_dir / "model.safetensors"
    before = weights.stat().st_mtime_ns
    assert make_tiny_model(tiny_model_dir) == tiny_model_dir
    assert weights.stat().st_mtime_ns == before

    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir)
    inputs = tokenizer(["What is", "Find the sum of 3"], return_tensors="pt", padding=True)
    with torch.inference_mode():
        out = model.generate(**inputs, max_new_tokens=5, do_sample=False)
    assert out.shape == (2, inputs["input_ids"].shape[1] + 5)


def test_same_seed_same_weights(tmp_path, tiny_model_dir):
    from safetensors.torch import load_file

    other = make_tiny_model(tmp_path / "again", seed=0)
    a, b = load_file(tiny_model_dir / "model.safetensors"), load_file(other / "model.safetensors")
    assert a.keys() == b.keys() and all(bool((a[k] == b[k]).all()) for k in a)
    assert (other / "tokenizer.json").read_text() == (tiny_model_dir / "tokenizer.json").read_text()
