"""Prompt templates: versioned Jinja files whose content hash goes into every request's lineage.

Built-in templates live in ``builders/compose/templates``: ``single-v1`` (one question, R1's
recommended "reason step by step ... \\boxed{}" instruction) and ``batched-v1`` (numbered
questions and a per-question answer layout, each ending in ``\\boxed{}``). A user template is a
path to a ``.jinja`` file; it sees ``problems`` (list), ``problem`` (the first) and ``n``.
"""

from __future__ import annotations

from pathlib import Path

from drqa.errors import DrqaError
from drqa.templates import TextTemplate, packaged_names, packaged_text

PACKAGE = "drqa.builders.compose"


class PromptTemplate(TextTemplate):
    """A compose template: renders one prompt's chat messages from its problems."""

    def render(self, problems: list[str], system_prompt: str | None = None) -> list[dict]:
        """Chat messages for these problems (no system message unless one is configured)."""
        content = self.fill(problems=problems, problem=problems[0], n=len(problems))
        messages = [{"role": "system", "content": system_prompt}] if system_prompt else []
        messages.append({"role": "user", "content": content.strip()})
        return messages


def builtin_templates() -> list[str]:
    """Names of the templates shipped with drqa."""
    return packaged_names(PACKAGE)


def load_template(name_or_path: str) -> PromptTemplate:
    """A built-in template by name, or a user's ``.jinja`` file by path."""
    path = Path(name_or_path).expanduser()
    if path.suffix == ".jinja" or path.exists():
        if not path.is_file():
            raise DrqaError(f"prompt template file {path} does not exist")
        return PromptTemplate(f"file:{path.name}", path.read_text(encoding="utf-8"))
    text = packaged_text(PACKAGE, name_or_path)
    if text is None:
        raise DrqaError(
            f"unknown prompt template {name_or_path!r}; built-in: {', '.join(builtin_templates())}"
            ", or give a path to a .jinja file"
        )
    return PromptTemplate(name_or_path, text)
