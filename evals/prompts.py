"""Versioned prompt files per suite (``evals/templates/<name>.jinja``): a boxed answer for math,
a letter for GPQA's four options. A prompt's content hash goes into the run's lineage."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import jinja2

from drqa.errors import DrqaError
from drqa.evals.suites import LETTERS, EvalProblem
from drqa.ids import content_hash

_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)


@dataclass(frozen=True)
class EvalPrompt:
    """A named prompt file and its text; ``hash`` identifies the exact wording."""

    name: str
    text: str

    @property
    def hash(self) -> str:
        return content_hash(self.text)

    def messages(self, problem: EvalProblem) -> list[dict[str, str]]:
        """The chat messages for one problem (a single user turn; the model's chat template
        is applied by the backend or server)."""
        content = _compiled(self.text).render(
            problem=problem.problem, choices=list(zip(LETTERS, problem.choices, strict=False))
        )
        return [{"role": "user", "content": content.strip()}]


@functools.lru_cache(maxsize=32)
def _compiled(text: str) -> jinja2.Template:
    return _ENV.from_string(text)


def load_prompt(name: str) -> EvalPrompt:
    """A shipped prompt file by name (e.g. ``math-v1``)."""
    entry = resources.files("drqa.evals") / "templates" / f"{name}.jinja"
    if not entry.is_file():
        raise DrqaError(f"no eval prompt {name!r} in drqa/evals/templates")
    return EvalPrompt(name, entry.read_text(encoding="utf-8"))
