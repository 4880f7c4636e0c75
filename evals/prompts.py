"""Versioned prompt files per suite (``evals/templates/<name>.jinja``): a boxed answer for math,
a letter for GPQA's four options. A prompt's content hash goes into the run's lineage."""

from __future__ import annotations

from drqa.errors import DrqaError
from drqa.evals.suites import LETTERS, EvalProblem
from drqa.templates import TextTemplate, packaged_text


class EvalPrompt(TextTemplate):
    """A suite's prompt file: renders one problem's chat messages."""

    def messages(self, problem: EvalProblem) -> list[dict[str, str]]:
        """The chat messages for one problem (a single user turn; the model's chat template
        is applied by the backend or server)."""
        content = self.fill(
            problem=problem.problem, choices=list(zip(LETTERS, problem.choices, strict=False))
        )
        return [{"role": "user", "content": content.strip()}]


def load_prompt(name: str) -> EvalPrompt:
    """A shipped prompt file by name (e.g. ``math-v1``)."""
    text = packaged_text("drqa.evals", name)
    if text is None:
        raise DrqaError(f"no eval prompt {name!r} in drqa/evals/templates")
    return EvalPrompt(name, text)
