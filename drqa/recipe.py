"""Recipes: one YAML file describes an experiment; command-line flags override single fields.

A recipe has a section per stage (``ingest``, ``compose``, ``generate``, ``label``, ``gate``,
``review``, ``train``, ``eval``); each section is a frozen model defined in its own stage's
``config.py`` and composed here, in the top layer, so ``drqa/`` core never imports a stage.
``--set section.field=value`` overrides any field. A bad key is one error line that says where it
came from (the file, a ``--set`` or a flag) and suggests the closest field.
"""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from drqa.bounded_yaml import load_bounded, shorten
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


@dataclass(frozen=True)
class Override:
    """One value laid over the recipe: its dotted field path, the value, and where it came from."""

    path: tuple[str, ...]
    value: Any
    origin: str  # e.g. "--set label.rule=paper" or "--rule"


def parse_override(text: str) -> tuple[list[str], Any]:
    """``a.b.c=value`` -> (["a", "b", "c"], value parsed as YAML)."""
    if "=" not in text:
        raise DrqaError(f"--set {shorten(text)}: expected section.field=value")
    key, raw = text.split("=", 1)
    where = f"--set {key.strip()[:80]}=..."
    value = load_bounded(raw, where, max_aliases=0) if raw.strip() else None
    return key.strip().split("."), value


def as_overrides(overrides: dict[str, Any] | list[str] | list[Override] | None) -> list[Override]:
    """Normalise a dict of dotted paths, ``--set`` strings or :class:`Override` s."""
    if not overrides:
        return []
    if isinstance(overrides, dict):
        return [Override(tuple(k.split(".")), v, f"override {k}") for k, v in overrides.items()]
    found = []
    for item in overrides:
        if isinstance(item, Override):
            found.append(item)
        else:
            path, value = parse_override(item)
            shown = item if len(item) <= 80 else item[:77] + "..."
            found.append(Override(tuple(path), value, f"--set {shown}"))
    return found


def apply_overrides(data: dict, overrides: dict[str, Any] | list[str] | list[Override]) -> dict:
    """Return ``data`` with dotted-path overrides applied (later ones win)."""
    for item in as_overrides(overrides):
        node: Any = data
        for part, following in zip(item.path, item.path[1:], strict=False):
            if isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            elif isinstance(node, dict):
                node = node.setdefault(part, [] if following.isdigit() else {})
            else:
                raise DrqaError(f"{item.origin}: {part[:80]} is not a section")
        last = item.path[-1]
        if isinstance(node, list) and last.isdigit() and int(last) <= len(node):
            node[int(last) : int(last) + 1] = [item.value]
        elif isinstance(node, dict):
            node[last] = item.value
        else:
            raise DrqaError(f"{item.origin}: {'.'.join(item.path[:-1])[:80]} is not a section")
    return data


def load_recipe(
    path: str | Path | None = None,
    overrides: dict[str, Any] | list[str] | list[Override] | None = None,
) -> Recipe:
    """Read a recipe (or the defaults when ``path`` is None) and apply overrides."""
    data: dict = {}
    where = "the default recipe"
    if path is not None:
        path = Path(path)
        where = f"recipe {path}"
        if not path.is_file():
            raise DrqaError(f"recipe {path} does not exist")
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError) as exc:
            raise DrqaError(f"cannot read recipe {path}: {shorten(str(exc))}") from None
        data = load_bounded(text, f"recipe {path}") or {}
        if not isinstance(data, dict):
            raise DrqaError(f"recipe {path} must be a mapping of sections")
    items = as_overrides(overrides)
    data = apply_overrides(data, items)
    try:
        return Recipe.model_validate(data)
    except ValidationError as exc:
        raise DrqaError(_explain(exc, where, items)) from None


def _explain(exc: ValidationError, where: str, items: list[Override]) -> str:
    """One line: where the first bad value came from, the field, what is wrong, what to use."""
    first = exc.errors()[0]
    loc = tuple(str(p) for p in first["loc"])
    origin = where
    for item in reversed(items):  # the last override touching this field is the one that counts
        n = min(len(item.path), len(loc))
        if item.path[:n] == loc[:n]:
            origin = item.origin
            break
    field = ".".join(loc)[:120]
    message = first["msg"][:300]
    if first["type"] == "extra_forbidden":
        known = field_names(loc[:-1])
        close = difflib.get_close_matches(loc[-1], known, n=1, cutoff=0.5)
        message = "unknown field" + (
            f"; did you mean {close[0]!r}?" if close else f"; fields: {', '.join(known)}"
        )
    elif first["type"] == "literal_error":
        message = f"unknown value {shorten(first['input'])}; {message[0].lower()}{message[1:]}"
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{origin}: {field}: {message}{more}"


def field_names(loc: tuple[str, ...]) -> list[str]:
    """The field names of the recipe section at ``loc`` (list indexes are skipped)."""
    model = _model_at(loc)
    return list(model.model_fields) if model else []


def field_info(path: str):
    """The pydantic ``FieldInfo`` of a dotted recipe path, e.g. ``label.rule``."""
    parts = tuple(path.split("."))
    model = _model_at(parts[:-1])
    if model is None or parts[-1] not in model.model_fields:
        raise KeyError(f"{path} is not a recipe field")
    return model.model_fields[parts[-1]]


def _model_at(loc: tuple[str, ...]) -> type[BaseModel] | None:
    model: type[BaseModel] | None = Recipe
    for part in loc:
        if model is None:
            return None
        if part.isdigit():  # an item of a list of sections (e.g. ingest.sources.0)
            continue
        field = model.model_fields.get(part)
        model = _section_type(field.annotation) if field else None
    return model


def _section_type(annotation: Any) -> type[BaseModel] | None:
    """The model inside ``Model``, ``Model | None``, ``tuple[Model, ...]``, ``list[Model]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType, tuple, list):
        for arg in typing.get_args(annotation):
            found = _section_type(arg)
            if found is not None:
                return found
    return None
