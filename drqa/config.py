"""The base of every typed config section: frozen, unknown keys rejected."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class FrozenConfig(BaseModel):
    """A frozen pydantic model that rejects unknown keys (a typo is an error naming the field)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
