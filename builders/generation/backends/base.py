"""The one interface every generation backend implements.

A backend takes requests and yields one :class:`~drqa.schema.Generation` per request, in
completion order. A failure of one request (after the backend's own retries) is a Generation with
``status="failed"`` and an ``error`` reason, never an exception that stops the run; only a
misconfiguration that makes every request fail (missing model folder, unreachable endpoint at
start-up) raises :class:`~drqa.errors.DrqaError`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from drqa.schema import Generation


@dataclass(frozen=True)
class SamplingParams:
    """Sampling settings shared by all backends; ``seed`` is offset by the sample index."""

    temperature: float = 0.6
    top_p: float = 0.95
    max_tokens: int = 32768
    seed: int | None = 0


@dataclass(frozen=True)
class GenerationRequest:
    """One chat prompt to answer."""

    request_id: str
    messages: tuple[dict[str, str], ...]
    sampling: SamplingParams
    sample_index: int = 0

    @property
    def seed(self) -> int | None:
        """The per-sample seed: the configured seed plus the sample index."""
        return None if self.sampling.seed is None else self.sampling.seed + self.sample_index


class Backend(ABC):
    """Generates answers for chat requests; see the module docstring for the contract."""

    name: ClassVar[str]

    @abstractmethod
    def generate(self, requests: Iterable[GenerationRequest]) -> Iterator[Generation]:
        """Yield one Generation per request, in completion order."""

    @property
    def secrets(self) -> tuple[str, ...]:
        """Literal secrets this backend sends (its API key), masked wherever results are stored."""
        return ()

    def check(self) -> Any:  # noqa: B027 - an optional hook, not an abstract method
        """Fail fast with one DrqaError line on misconfiguration (missing model, dead endpoint)."""

    def close(self) -> None:  # noqa: B027 - an optional hook, not an abstract method
        """Release resources (threads, sessions, GPU memory)."""

    def __enter__(self) -> Backend:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
