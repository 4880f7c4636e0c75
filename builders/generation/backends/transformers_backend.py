"""The embedded default backend: a model folder (or Hub id) run in-process with ``transformers``.

Requests are answered in batches with left padding. Sampling happens per row with its own seeded
``torch.Generator`` (see :mod:`drqa.builders.generation.backends.row_sampler`), so a request's
answer depends on its own seed, not on which other requests shared its batch.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from drqa.builders.generation.backends.base import Backend, GenerationRequest
from drqa.builders.generation.backends.thinking import OPEN_TAG, answered
from drqa.errors import DrqaError
from drqa.hub import hub_unreachable_reason
from drqa.model_names import is_hub_id, looks_like_path
from drqa.optional import require
from drqa.schema import Generation

# Below this many parameters, CPU matrix products are too small to gain from intra-op threads,
# and on a shared machine the threads' spinning makes them several times slower.
SINGLE_THREAD_MAX_PARAMS = 20_000_000


class TransformersBackend(Backend):
    """Generate with a local model folder (or a Hub id) on CPU or GPU.

    ``device``: "auto" (CUDA when present, else CPU), "cpu", "cuda", "cuda:1", ...
    ``dtype``: "auto" (as saved) or a torch dtype name such as "bfloat16".
    ``batch_size``: requests per ``generate`` call.
    """

    name = "transformers"

    def __init__(
        self,
        model: str,
        *,
        revision: str | None = None,
        device: str = "auto",
        dtype: str = "auto",
        batch_size: int = 8,
    ) -> None:
        if not model:
            raise DrqaError(
                "the transformers backend needs a model: set generate.model (or --model) to a "
                "model folder or a Hugging Face model id"
            )
        self.model_name = model
        self.revision = revision
        self.device_setting = device
        self.dtype = dtype
        self.batch_size = batch_size
        self._model = None
        self._tokenizer = None
        self._device = None
        self._cpu_threads: int | None = None

    # -- loading -------------------------------------------------------------------------------

    def check(self) -> None:
        """Load the model and tokenizer now, raising one DrqaError line if they cannot load."""
        self._load()

    def _load(self) -> None:
        if self._model is not None:
            return
        torch = require("torch", "the transformers backend")
        transformers = require("transformers", "the transformers backend")
        path = Path(self.model_name).expanduser()
        if path.exists():
            if not (path / "config.json").is_file():
                raise DrqaError(
                    f"model folder {path.resolve()} has no config.json: point generate.model at "
                    "a folder saved with save_pretrained"
                )
            source = str(path)
        elif looks_like_path(self.model_name) or not is_hub_id(self.model_name):
            raise DrqaError(
                f"model folder not found: {path.resolve()} (set generate.model to an existing "
                "folder, or a Hugging Face model id)"
            )
        else:
            source = self.model_name
        # a Hub id on a machine without the Hub: the local cache only, one line (no retry loop)
        offline = source == self.model_name and hub_unreachable_reason()
        cache_only = {"local_files_only": True} if offline else {}
        device = self.device_setting
        if device == "auto":
            device = "cuda" if torch.cuda.is_available() else "cpu"
        dtype = self.dtype if self.dtype == "auto" else getattr(torch, self.dtype)
        try:
            tokenizer = transformers.AutoTokenizer.from_pretrained(
                source, revision=self.revision, **cache_only
            )
            model = transformers.AutoModelForCausalLM.from_pretrained(
                source, revision=self.revision, dtype=dtype, **cache_only
            )
        except (OSError, ValueError) as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            if offline:
                reason = (
                    f"not in the local Hugging Face cache, and the Hub is out of reach ({offline})"
                )
            raise DrqaError(
                f"cannot load model {self.model_name!r} (revision {self.revision or 'default'}): "
                f"{reason}"
            ) from exc
        if not getattr(tokenizer, "chat_template", None):
            raise DrqaError(
                f"model {self.model_name!r} has no chat template: use a chat/instruct model, or "
                "add a chat_template to its tokenizer_config.json"
            )
        tokenizer.padding_side = "left"
        if tokenizer.pad_token is None:
            tokenizer.pad_token = tokenizer.eos_token
        self._tokenizer = tokenizer
        self._model = model.to(device).eval()
        self._device = device
        small = model.num_parameters() < SINGLE_THREAD_MAX_PARAMS
        self._cpu_threads = 1 if device == "cpu" and small else None

    def _stop_ids(self) -> set[int]:
        ids = self._model.generation_config.eos_token_id
        if ids is None:
            ids = self._tokenizer.eos_token_id
        return set(ids if isinstance(ids, list) else [ids])

    # -- generation ----------------------------------------------------------------------------

    def generate(self, requests: Iterable[GenerationRequest]) -> Iterator[Generation]:
        """Yield one Generation per request, ``batch_size`` requests per ``generate`` call."""
        self._load()
        iterator = iter(requests)
        while batch := list(itertools.islice(iterator, self.batch_size)):
            yield from self._generate_batch(batch)

    def _generate_batch(self, batch: list[GenerationRequest]) -> list[Generation]:
        from drqa.builders.generation.backends.row_sampler import make_row_sampler

        torch = require("torch", "the transformers backend")
        transformers = require("transformers", "the transformers backend")
        tokenizer, model = self._tokenizer, self._model
        started = time.perf_counter()
        try:
            prompts = [
                tokenizer.apply_chat_template(
                    list(r.messages), tokenize=False, add_generation_prompt=True
                )
                for r in batch
            ]
            inputs = tokenizer(
                prompts, return_tensors="pt", padding=True, add_special_tokens=False
            ).to(self._device)
            stop_ids = self._stop_ids()
            config = transformers.GenerationConfig(
                do_sample=False,  # the row sampler already picked each token
                temperature=1.0,  # neutral values, so the model's own defaults stay unused
                top_p=1.0,
                top_k=None,
                max_new_tokens=max(r.sampling.max_tokens for r in batch),
                eos_token_id=sorted(stop_ids),
                pad_token_id=tokenizer.pad_token_id,
            )
            sampler = make_row_sampler(batch)
            threads_before = torch.get_num_threads()
            if self._cpu_threads:
                torch.set_num_threads(self._cpu_threads)
            try:
                with torch.inference_mode():
                    output = model.generate(
                        **inputs,
                        generation_config=config,
                        logits_processor=transformers.LogitsProcessorList([sampler]),
                    )
            finally:
                torch.set_num_threads(threads_before)
        except (RuntimeError, ValueError, TypeError, KeyError) as exc:
            reason = f"{type(exc).__name__} in transformers generate: {str(exc).splitlines()[0]}"
            return [Generation(r.request_id, "failed", error=reason) for r in batch]
        latency = time.perf_counter() - started
        prompt_len = inputs["input_ids"].shape[1]
        prompt_counts = inputs["attention_mask"].sum(dim=1).tolist()
        results = []
        for row, request in enumerate(batch):
            new_ids = output[row, prompt_len:].tolist()[: request.sampling.max_tokens]
            stop_at = next((i for i, t in enumerate(new_ids) if t in stop_ids), None)
            if stop_at is None:
                finish, kept, n_completion = "length", new_ids, len(new_ids)
            else:
                finish, kept, n_completion = "stop", new_ids[:stop_at], stop_at + 1
            text = tokenizer.decode(kept, skip_special_tokens=True)
            opened = prompts[row].rstrip().endswith(OPEN_TAG)
            results.append(
                answered(
                    request.request_id,
                    text,
                    opened_in_prompt=opened,
                    finish_reason=finish,
                    prompt_tokens=int(prompt_counts[row]),
                    completion_tokens=n_completion,
                    latency_s=latency,
                    endpoint=str(self._device),
                    extra={"batch_rows": len(batch)},
                )
            )
        return results

    def close(self) -> None:
        """Drop the model (and its GPU memory)."""
        self._model = None
        self._tokenizer = None
