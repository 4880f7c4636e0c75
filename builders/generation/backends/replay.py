"""An instant backend that answers from memory: for benchmarks of the run machinery and tests.

Answers come from a mapping ``request_id -> text`` or a callable ``request -> text``; without
either every request gets one canned R1-style answer. ``fail_every=k`` fails every k-th request
(counting from 1) to exercise failure handling. Token counts are whitespace-separated words, a
cheap stand-in for a tokenizer. Answers in memory finish with ``stop``; a recorded line says its
own ``finish_reason`` and, without one, the reason is unknown (``None``: the text alone decides
whether it was cut), never a ``stop`` the recording did not state.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from drqa.builders.generation.backends.base import Backend, GenerationRequest
from drqa.builders.generation.backends.thinking import answered
from drqa.errors import DrqaError
from drqa.schema import Generation

CANNED_ANSWER = "<think>\nReplayed thinking.\n</think>\n\nThe answer is \\boxed{0}."

Answers = Mapping[str, str] | Callable[[GenerationRequest], str]


class ReplayBackend(Backend):
    """Answer each request from ``answers`` (a mapping or a callable), instantly."""

    name = "replay"

    def __init__(
        self,
        answers: Answers | None = None,
        *,
        fail_every: int = 0,
        source: str = "memory",
        finish_reasons: Mapping[str, str | None] | None = None,
    ) -> None:
        self.answers = answers
        self.fail_every = fail_every
        self.source = source
        self.finish_reasons = finish_reasons  # request_id -> as recorded (None: not recorded)

    @classmethod
    def from_file(cls, path: str | Path, **kwargs: Any) -> ReplayBackend:
        """Load answers from JSONL lines ``{"request_id": ..., "response": ...}`` (optional
        ``finish_reason``: ``stop``, ``length``...)."""
        path = Path(path)
        answers: dict[str, str] = {}
        finish_reasons: dict[str, str | None] = {}
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise DrqaError(f"cannot read replay answers {path}: {exc}") from exc
        for line_no, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                answers[row["request_id"]] = row["response"]
                finish_reasons[row["request_id"]] = row.get("finish_reason") or None
            except (ValueError, KeyError, TypeError) as exc:
                raise DrqaError(
                    f"{path}:{line_no}: a replay line needs JSON with request_id and response"
                ) from exc
        return cls(answers, source=str(path), finish_reasons=finish_reasons, **kwargs)

    def generate(self, requests: Iterable[GenerationRequest]) -> Iterator[Generation]:
        """Yield one Generation per request, in request order."""
        answers, fail_every, finishes = self.answers, self.fail_every, self.finish_reasons
        lookup = answers.get if isinstance(answers, Mapping) else None
        for count, request in enumerate(requests, 1):
            if fail_every and count % fail_every == 0:
                yield Generation(request.request_id, "failed", error="injected failure (replay)")
                continue
            if lookup is not None:
                text = lookup(request.request_id)
                if text is None:
                    yield Generation(
                        request.request_id, "failed", error="no replay answer for this request"
                    )
                    continue
            else:
                text = answers(request) if answers is not None else CANNED_ANSWER
            yield answered(
                request.request_id,
                text,
                finish_reason="stop" if finishes is None else finishes.get(request.request_id),
                prompt_tokens=0,
                completion_tokens=text.count(" ") + 1,
                latency_s=0.0,
                endpoint="replay",
            )

    def check(self) -> None:
        """Nothing to check: the answers are in memory."""
