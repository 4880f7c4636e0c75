"""Versioned prompt files: the one way drqa names, hashes, loads and fills a Jinja template.

Compose prompts (``builders/compose/templates``), eval prompts (``evals/templates``) and the
trainer's judge prompt (``trainer/templates``) are all such files. A template's content hash goes
into the lineage of everything made from it, so changing a word changes the hash.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from drqa.errors import DrqaError
from drqa.ids import content_hash

SUFFIX = ".jinja"


@dataclass(frozen=True)
class TextTemplate:
    """A named template and its text; ``hash`` (short) and ``sha256`` identify the wording."""

    name: str
    text: str

    @property
    def hash(self) -> str:
        return content_hash(self.text)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def fill(self, **values: object) -> str:
        """The template rendered with ``values`` (a missing value is an error, never blank)."""
        import jinja2

        try:
            return _compiled(self.text).render(**values)
        except jinja2.TemplateError as exc:
            raise DrqaError(f"prompt template {self.name!r} failed to render: {exc}") from exc


@lru_cache(maxsize=64)
def _compiled(text: str):
    import jinja2

    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
    return env.from_string(text)


def packaged_names(package: str, folder: str = "templates") -> list[str]:
    """Names of the template files shipped in ``package``'s ``folder``."""
    entries = (resources.files(package) / folder).iterdir()
    return sorted(e.name.removesuffix(SUFFIX) for e in entries if e.name.endswith(SUFFIX))


def packaged_text(package: str, name: str, folder: str = "templates") -> str | None:
    """The text of ``<name>.jinja`` shipped in ``package``'s ``folder``; None when absent."""
    entry = resources.files(package) / folder / f"{name}{SUFFIX}"
    return entry.read_text(encoding="utf-8") if entry.is_file() else None
