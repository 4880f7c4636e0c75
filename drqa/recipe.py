"""Recipes: one YAML file describes an experiment; command-line flags override single fields.

A recipe has a section per stage (``ingest``, ``compose``, ``generate``, ``label``, ``gate``,
``review``, ``train``, ``eval``); each section is a frozen model defined in its own stage's
``config.py`` and composed here, in the top layer, so ``drqa/`` core never imports a stage.
``--set section.field=value`` overrides any field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from drqa.builders.compose.config import ComposeConfig
from drqa.builders.generation.config import GenerateConfig
from drqa.builders.ingest.config import IngestConfig
from drqa.builders.release.config import GateConfig
from drqa.curation_ui.config import ReviewConfig
from drqa.errors import DrqaError
from drqa.evals.config import EvalConfig
from drqa.labeling.config import LabelConfig
from drqa.trainer.config import TrainConfig


class Recipe(BaseModel):
    """A whole experiment in one file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = "unnamed"
    description: str = ""
    ingest: IngestConfig = IngestConfig()
    compose: ComposeConfig = ComposeConfig()
    generate: GenerateConfig = GenerateConfig()
    label: LabelConfig = LabelConfig()
    gate: GateConfig = GateConfig()
    review: ReviewConfig = ReviewConfig()
    train: TrainConfig = TrainConfig()
    eval: EvalConfig = EvalConfig()


def parse_override(text: str) -> tuple[list[str], Any]:
    """``a.b.c=value`` -> (["a", "b", "c"], value parsed as YAML)."""
    if "=" not in text:
        raise DrqaError(f"--set {text!r}: expected section.field=value")
    key, raw = text.split("=", 1)
    return key.strip().split("."), yaml.safe_load(raw) if raw.strip() else None


def apply_overrides(data: dict, overrides: dict[str, Any] | list[str]) -> dict:
    """Return ``data`` with dotted-path overrides applied (dict of paths or ``a.b=v`` strings)."""
    items = (
        [parse_override(o) for o in overrides]
        if isinstance(overrides, list)
        else [(k.split("."), v) for k, v in overrides.items()]
    )
    for path, value in items:
        node = data
        for part in path[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise DrqaError(f"override {'.'.join(path)}: {part} is not a section")
        node[path[-1]] = value
    return data


def load_recipe(
    path: str | Path | None = None, overrides: dict[str, Any] | list[str] | None = None
) -> Recipe:
    """Read a recipe (or the defaults when ``path`` is None) and apply overrides."""
    data: dict = {}
    where = "the default recipe"
    if path is not None:
        path = Path(path)
        where = str(path)
        if not path.is_file():
            raise DrqaError(f"recipe {path} does not exist")
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise DrqaError(f"recipe {path} is not valid YAML: {exc}") from exc
        if not isinstance(data, dict):
            raise DrqaError(f"recipe {path} must be a mapping of sections")
    if overrides:
        data = apply_overrides(data, overrides)
    try:
        return Recipe.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise DrqaError(f"{where}: {field}: {first['msg']}{more}") from None
