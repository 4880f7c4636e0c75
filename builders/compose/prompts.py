"""Prompt templates: versioned Jinja files whose content hash goes into every request's lineage.

Built-in templates live in ``builders/compose/templates``: ``single-v1`` (one question, R1's
recommended "reason step by step ... \\boxed{}" instruction) and ``batched-v1`` (numbered
questions and a
per-question answer layout, each ending in ``\\boxed{}``). A user template is a path to a
``.jinja`` file; it sees ``problems`` (list), ``problem`` (the first) and ``n``.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2

from drqa.errors import DrqaError
from drqa.ids import content_hash

_ENV = jinja2.Environment(
    undefined=jinja2.StrictUndefined, keep_trailing_newline=False, autoescape=False
)


@dataclass(frozen=True)
class PromptTemplate:
    """A named template and its text; ``hash`` identifies the exact wording."""

    name: str
    text: str

    @property
    def hash(self) -> str:
        return content_hash(self.text)

    def render(self, problems: list[str], system_prompt: str | None = None) -> list[dict]:
        """Chat messages for these problems (no system message unless one is configured)."""
        try:
            content = _ENV.from_string(self.text).render(
                problems=problems, problem=problems[0], n=len(problems)
            )
        except jinja2.TemplateError as exc:
            raise DrqaError(f"prompt template {self.name!r} failed to render: {exc}") from exc
        messages = [{"role": "system", "content": system_prompt}] if system_prompt else []
        messages.append({"role": "user", "content": content.strip()})
        return messages


def builtin_templates() -> list[str]:
    """Names of the templates shipped with drqa."""
    folder = resources.files("drqa.builders.compose") / "templates"
    return sorted(e.name[: -len(".jinja")] for e in folder.iterdir() if e.name.endswith(".jinja"))


def load_template(name_or_path: str) -> PromptTemplate:
    """A built-in template by name, or a user's ``.jinja`` file by path."""
    path = Path(name_or_path).expanduser()
    if path.suffix == ".jinja" or path.exists():
        if not path.is_file():
            raise DrqaError(f"prompt template file {path} does not exist")
        return PromptTemplate(f"file:{path.name}", path.read_text(encoding="utf-8"))
    entry = resources.files("drqa.builders.compose") / "templates" / f"{name_or_path}.jinja"
    if not entry.is_file():
        raise DrqaError(
            f"unknown prompt template {name_or_path!r}; built-in: {', '.join(builtin_templates())}"
            ", or give a path to a .jinja file"
        )
    return PromptTemplate(name_or_path, entry.read_text(encoding="utf-8"))
