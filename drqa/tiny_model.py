"""A tiny Qwen2-architecture causal LM with a locally trained tokenizer, made in about a second.

It exercises every code path that a real model does (``from_pretrained``, chat templates,
generation, serving, training) on machines that cannot download weights. Its answers are random
text: it checks the pipeline, never the quality of a corpus.

The tokenizer is a byte-level BPE trained on math sentences this module writes itself, with
Qwen2's own normaliser and pre-tokenizer, so ``AutoTokenizer`` (which rebuilds a
``Qwen2Tokenizer`` from vocab and merges) tokenises exactly like the trained one. The chat
template is R1-style: the assistant turn opens with ``<think>\\n``.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from drqa.optional import require

TINY_MODEL_VERSION = "tiny-qwen2-v1"
VOCAB_SIZE = 4096
SPECIAL_TOKENS = ("<|endoftext|>", "<|im_start|>", "<|im_end|>")
THINK_TOKENS = ("<think>", "</think>")  # added, not special: they survive a skip-special decode
EOS_TOKEN = "<|im_end|>"
PAD_TOKEN = "<|endoftext|>"

# R1 style: no default system prompt; earlier assistant turns lose their thinking; the
# generation prompt opens the thinking so that the model starts inside it.
CHAT_TEMPLATE = (
    "{%- for message in messages -%}"
    "{%- set content = message['content'] -%}"
    "{%- if message['role'] == 'assistant' and '</think>' in content -%}"
    "{%- set content = content.split('</think>')[-1].lstrip() -%}"
    "{%- endif -%}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + content + '<|im_end|>\\n' }}"
    "{%- endfor -%}"
    "{%- if add_generation_prompt -%}{{ '<|im_start|>assistant\\n<think>\\n' }}{%- endif -%}"
)

_WORD_TEXT = (
    "the a of and to is in what find how many if each total number sum product difference "
    "value let be given that has have more less than times twice half apples books students "
    "train hours minutes dollars cents cost price speed distance area perimeter triangle circle "
    "square rectangle radius angle degrees integer integers prime divisible remainder positive "
    "negative real roots equation function polynomial probability expected sequence term series "
    "ratio percent average mean median solve compute evaluate simplify express answer question "
    "therefore so we get thus wait check again step first second third then finally because "
    "since note hence reason put your final within boxed please think carefully"
)
_WORDS = tuple(_WORD_TEXT.split())


def _names(rng: random.Random, n: int) -> list[str]:
    """Invented names (syllable strings), so that the BPE has enough distinct words to merge."""
    onsets, vowels, codas = "bcdfghjklmnprstvwz", "aeiou", ("", "", "n", "r", "s", "l", "th")
    return [
        "".join(
            rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
            for _ in range(rng.randint(1, 3))
        ).capitalize()
        for _ in range(n)
    ]


def _sentence(rng: random.Random, names: list[str]) -> str:
    a, b, c = rng.randint(0, 999), rng.randint(1, 99), rng.randint(0, 9999)
    words = " ".join(
        rng.choice(names if rng.random() < 0.3 else _WORDS) for _ in range(rng.randint(3, 12))
    )
    forms = (
        f"What is {a} + {b}? {words}.",
        f"Solve for $x$: {b}x + {a} = {c}. {words.capitalize()}.",
        f"Let $f(x) = {b}x^2 - {a}x + {c}$. Find $f({b})$.",
        f"So {a} \\times {b} = {a * b}, and the answer is \\boxed{{{a * b}}}.",
        f"The fraction $\\frac{{{a}}}{{{b}}}$ simplifies to {a / b:.3f}. {words}",
        f"Question {b}: {words}? Answer: \\boxed{{{c}}}",
        f"Wait, {words}. Let me check: {a} - {b} = {a - b}.",
        f"$\\sqrt{{{c}}}$ is about {c**0.5:.2f}; {words}.",
        f"{words.capitalize()} {a}% of {c} is {a * c / 100:.1f}.\n\n",
        f"{rng.choice(names)} has {a} {rng.choice(_WORDS)}s and gives {b} to {rng.choice(names)}.",
    )
    return rng.choice(forms)


def _corpus(seed: int, n: int = 12000) -> list[str]:
    rng = random.Random(seed)
    names = _names(rng, 6000)
    return [_sentence(rng, names) for _ in range(n)]


def _train_tokenizer(seed: int):
    """Train a byte-level BPE with Qwen2's normaliser and pre-tokenizer; return a Qwen2Tokenizer."""
    tokenizers = require("tokenizers", "building the tiny model's tokenizer")
    qwen2 = require(
        "transformers.models.qwen2.tokenization_qwen2", "building the tiny model's tokenizer"
    )
    from tokenizers import AddedToken, Regex, decoders, normalizers, pre_tokenizers
    from tokenizers.models import BPE
    from tokenizers.trainers import BpeTrainer

    tok = tokenizers.Tokenizer(BPE(unk_token=None, fuse_unk=False, byte_fallback=False))
    tok.normalizer = normalizers.NFC()
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Split(Regex(qwen2.PRETOKENIZE_REGEX), behavior="isolated"),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
        ]
    )
    tok.decoder = decoders.ByteLevel()
    trainer = BpeTrainer(
        vocab_size=VOCAB_SIZE - len(SPECIAL_TOKENS) - len(THINK_TOKENS),
        special_tokens=[],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(_corpus(seed), trainer=trainer)
    model = json.loads(tok.to_str())["model"]
    merges = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in model["merges"]]
    tokenizer = qwen2.Qwen2Tokenizer(
        vocab=model["vocab"],
        merges=merges,
        unk_token=PAD_TOKEN,
        eos_token=EOS_TOKEN,
        pad_token=PAD_TOKEN,
        additional_special_tokens=list(SPECIAL_TOKENS[1:]),
        padding_side="left",
    )
    tokenizer.add_tokens([AddedToken(t, special=False, normalized=False) for t in THINK_TOKENS])
    tokenizer.chat_template = CHAT_TEMPLATE
    return tokenizer


def _is_built(out_dir: Path) -> bool:
    marker = out_dir / "drqa_tiny_model.json"
    if not marker.is_file():
        return False
    try:
        return json.loads(marker.read_text()).get("version") == TINY_MODEL_VERSION
    except (OSError, ValueError):
        return False


def make_tiny_model(out_dir: str | Path, seed: int = 0) -> Path:
    """Build (or reuse) the tiny Qwen2 model and tokenizer in ``out_dir``; return its path.

    The folder loads with ``AutoModelForCausalLM.from_pretrained`` and
    ``AutoTokenizer.from_pretrained``. A folder already built by this version is reused as is.
    """
    out = Path(out_dir)
    if _is_built(out):
        return out
    torch = require("torch", "building the tiny model")
    transformers = require("transformers", "building the tiny model")

    tokenizer = _train_tokenizer(seed)
    torch.manual_seed(seed)
    config = transformers.Qwen2Config(
        vocab_size=len(tokenizer),
        hidden_size=64,
        intermediate_size=128,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=4096,
        tie_word_embeddings=False,
        bos_token_id=None,
        eos_token_id=tokenizer.convert_tokens_to_ids(EOS_TOKEN),
        pad_token_id=tokenizer.convert_tokens_to_ids(PAD_TOKEN),
    )
    model = transformers.Qwen2ForCausalLM(config)
    model.generation_config.eos_token_id = [
        tokenizer.convert_tokens_to_ids(EOS_TOKEN),
        tokenizer.convert_tokens_to_ids(PAD_TOKEN),
    ]
    model.generation_config.pad_token_id = config.pad_token_id
    model.generation_config.do_sample = True
    model.generation_config.temperature = 0.6
    model.generation_config.top_p = 0.95

    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    marker = {"version": TINY_MODEL_VERSION, "seed": seed, "note": "random weights, for tests"}
    (out / "drqa_tiny_model.json").write_text(json.dumps(marker, indent=2) + "\n")
    return out
