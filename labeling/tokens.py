"""Count tokens per chain: the generation's own usage when it has one, else the text re-counted
with the run's own tokenizer when it is on this machine, else a flagged guess.

``token_method`` says which: ``usage`` (the generation's ``completion_tokens``: exact for a
single-question response), ``usage-share`` (a batched response's usage shared among its chains in
proportion to their re-counted text), ``tokenizer:<name>`` (the text re-tokenised: decoding and
encoding again may differ from what the model generated) or ``approx:regex-pieces`` (digits one
by one, words, and each other symbol as a piece; roughly a BPE count, never exact).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from pathlib import Path

from drqa.optional import is_available

APPROX_METHOD = "approx:regex-pieces"
USAGE_METHOD = "usage"
USAGE_SHARE_METHOD = "usage-share"
_PIECES = re.compile(r"\d|[^\W\d_]+|[^\w\s]|_")


def approx_count(text: str | None) -> int:
    """A tokenizer-free token estimate of ``text`` (0 for None)."""
    return len(_PIECES.findall(text)) if text else 0


class TokenCounter:
    """Counts tokens of many texts at once with one tokenizer (or the approximation)."""

    def __init__(self, tokenizer=None, name: str | None = None) -> None:
        self.tokenizer = tokenizer
        self.method = f"tokenizer:{name}" if tokenizer is not None else APPROX_METHOD

    def count(self, texts: Sequence[str | None]) -> list[int]:
        """Token counts of ``texts``, in order (0 for empty or None)."""
        if self.tokenizer is None:
            return [approx_count(text) for text in texts]
        present = [i for i, text in enumerate(texts) if text]
        counts = [0] * len(texts)
        if present:
            encoded = self.tokenizer(
                [texts[i] for i in present], add_special_tokens=False, return_attention_mask=False
            )["input_ids"]
            for i, ids in zip(present, encoded, strict=True):
                counts[i] = len(ids)
        return counts


def _tokenizer_location(model: str) -> str | None:
    """A local folder holding ``model``'s tokenizer, or the Hub id when it is in the local cache."""
    if Path(model).expanduser().is_dir():
        folder = Path(model).expanduser()
        if any((folder / name).exists() for name in ("tokenizer.json", "tokenizer_config.json")):
            return str(folder)
        return None
    if not is_available("huggingface_hub"):
        return None
    from huggingface_hub import try_to_load_from_cache

    for filename in ("tokenizer.json", "tokenizer_config.json"):
        try:
            found = try_to_load_from_cache(model, filename)
        except Exception:  # an id that is not a valid repo name
            return None
        if isinstance(found, str):
            return model
    return None


@functools.lru_cache(maxsize=16)
def counter_for(model: str | None) -> TokenCounter:
    """The counter for a run's ``model`` (a local folder or a cached Hub id), else the guess."""
    if not model or not is_available("transformers"):
        return TokenCounter()
    location = _tokenizer_location(model)
    if location is None:
        return TokenCounter()
    try:
        from transformers import AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(location, local_files_only=True)
    except Exception:  # a broken or partial tokenizer folder: fall back, flagged
        return TokenCounter()
    return TokenCounter(tokenizer, Path(model).name if Path(model).is_dir() else model)


def count_chain_tokens(rows: list[dict]) -> None:
    """Fill ``thinking_tokens``, ``answer_tokens``, ``total_tokens`` and ``token_method`` of
    each chain row (keys ``request_id``, ``thinking``, ``answer_section``, ``model``/``run_model``
    and the generation's ``completion_tokens``, None when it reported no usage).

    The text is counted first (the split between thinking and answer, and each chain's share of
    a batched response); where the generation has usage, the counts are scaled to it.
    """
    by_model: dict[str | None, list[int]] = {}
    for i, row in enumerate(rows):
        by_model.setdefault(row.get("run_model") or row.get("model"), []).append(i)
    for model, indices in by_model.items():
        counter = counter_for(model)
        thinking = counter.count([rows[i].get("thinking") for i in indices])
        answer = counter.count([rows[i].get("answer_section") for i in indices])
        for i, t, a in zip(indices, thinking, answer, strict=True):
            rows[i].update(
                thinking_tokens=t, answer_tokens=a, total_tokens=t + a, token_method=counter.method
            )
    by_request: dict[str, list[dict]] = {}
    for row in rows:
        by_request.setdefault(row["request_id"], []).append(row)
    for chains in by_request.values():
        usage = chains[0].get("completion_tokens")
        counted = sum(row["total_tokens"] for row in chains)
        if not usage or usage <= 0 or counted <= 0:
            continue  # no usage reported (e.g. imported traces): the text counts stay
        method = USAGE_METHOD if len(chains) == 1 else USAGE_SHARE_METHOD
        for row in chains:
            total = round(usage * row["total_tokens"] / counted)
            thinking = round(total * row["thinking_tokens"] / row["total_tokens"]) if total else 0
            row.update(
                thinking_tokens=thinking, answer_tokens=total - thinking, total_tokens=total,
                token_method=method,
            )  # fmt: skip
