"""Per-row sampling for batched ``generate``: each request keeps its own seed and settings.

``transformers`` samples a whole batch from one random stream, so a request's answer would depend
on its batch neighbours. This logits processor samples every row with its own
``torch.Generator`` (seeded by the request's seed), temperature and top_p, and leaves only the
chosen token finite; ``generate`` then runs greedily and keeps exactly that token.
"""

from __future__ import annotations

from collections.abc import Sequence

from drqa.builders.generation.backends.base import GenerationRequest
from drqa.optional import require


def make_row_sampler(batch: Sequence[GenerationRequest]):
    """Return a logits processor that samples row i with ``batch[i]``'s sampling settings."""
    torch = require("torch", "the transformers backend")
    transformers = require("transformers", "the transformers backend")

    class RowSampler(transformers.LogitsProcessor):
        def __init__(self) -> None:
            self.settings = [(r.sampling.temperature, r.sampling.top_p, r.seed) for r in batch]
            self.generators: list | None = None

        def _make_generators(self, device) -> list:
            generators = []
            for _, _, seed in self.settings:
                generator = torch.Generator(device=device)
                if seed is None:
                    generator.seed()
                else:
                    generator.manual_seed(seed)
                generators.append(generator)
            return generators

        def __call__(self, input_ids, scores):
            if self.generators is None:
                self.generators = self._make_generators(scores.device)
            chosen = torch.full_like(scores, float("-inf"))
            for row, (temperature, top_p, _) in enumerate(self.settings):
                logits = scores[row].float()
                if temperature <= 0:
                    token = int(logits.argmax())
                else:
                    probs = torch.softmax(logits / temperature, dim=-1)
                    if top_p < 1.0:
                        probs = _nucleus(torch, probs, top_p)
                    token = int(torch.multinomial(probs, 1, generator=self.generators[row]))
                chosen[row, token] = 0.0
            return chosen

    return RowSampler()


def _nucleus(torch, probs, top_p: float):
    """Keep the smallest set of most likely tokens whose mass reaches ``top_p`` (at least one)."""
    sorted_probs, order = torch.sort(probs, descending=True)
    before = torch.cumsum(sorted_probs, dim=-1) - sorted_probs
    sorted_probs[before >= top_p] = 0.0
    kept = torch.zeros_like(probs).scatter(0, order, sorted_probs)
    return kept / kept.sum()
