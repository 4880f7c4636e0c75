"""The dataset card of a release, from what ``make_release`` gathered: the gate, the configs
written, lineage, sources, plots and the user's extra Markdown; and the manifest's header."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import polars as pl

from drqa.builders.release.card import CardFacts, render_card
from drqa.builders.release.config import GateConfig
from drqa.builders.release.gate import GateResult
from drqa.builders.release.provenance import SourceFacts, derive_license
from drqa.builders.release.shards import WrittenConfig
from drqa.code_version import code_version
from drqa.errors import DrqaError
from drqa.schema import LABELS


def tokens_by_batch_size(released: pl.DataFrame, token_column: str) -> pl.DataFrame:
    """Chains and token statistics per batch size."""
    tokens = pl.col(token_column)
    return (
        released.group_by("batch_size")
        .agg(
            pl.len().alias("chains"),
            tokens.mean().round(1).alias("mean_tokens"),
            tokens.median().alias("median_tokens"),
            tokens.quantile(0.9).alias("p90_tokens"),
            tokens.filter(pl.col("label") != "C").mean().round(1).alias("mean_tokens_correct"),
        )
        .sort("batch_size")
    )


def read_card_extra(card_extra: str | Path | None) -> str | None:
    """The Markdown of ``--card-extra`` (None when not given), or one error line."""
    if card_extra is None:
        return None
    path = Path(card_extra).expanduser()
    if not path.is_file():
        raise DrqaError(f"--card-extra {path}: no such file; pass a Markdown file to add")
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DrqaError(f"--card-extra {path}: cannot read it as UTF-8 text ({exc})") from None


@dataclass(frozen=True)
class CardInputs:
    """What the card needs beyond the gate: configs written, lineage, sources, extras."""

    written: dict[str, WrittenConfig]
    lineage: dict[str, Any]
    excluded: dict[str, int]
    sources: list[SourceFacts]
    license: str | None
    repo: str | None
    extra: str | None
    awaiting_review: dict[str, int]
    chat_notes: dict[str, int]
    plots: list[str]


def write_card(staging, version, gate: GateResult, override, config: GateConfig, released,
               card: CardInputs) -> dict[str, Any]:  # fmt: skip
    """Write the dataset card (``README.md``) into ``staging``; return the manifest's header
    (version, counts, gate, override, ...)."""
    created_at = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    label_counts = {k: int(released.filter(pl.col("label") == k).height) for k in LABELS}
    used_override = override if not gate.passed else None
    derived, note = derive_license(card.sources)
    counts = {name: w.num_rows for name, w in card.written.items()}
    facts = CardFacts(
        version=version,
        created_at=created_at,
        code_version=code_version(),
        license=card.license or derived,
        license_note=None if card.license else note,
        configs=card.written,
        gate=gate,
        override=used_override,
        lineage=card.lineage,
        tokens_by_batch_size=tokens_by_batch_size(released, config.token_column),
        label_counts=label_counts,
        plots=card.plots,
        excluded=card.excluded,
        awaiting_review=card.awaiting_review,
        chat_notes=card.chat_notes,
        sources=card.sources,
        repo=card.repo,
        extra=card.extra,
        download_bytes={
            name: sum((staging / f).stat().st_size for f in w.files)
            for name, w in card.written.items()
        },
    )
    (staging / "README.md").write_text(render_card(facts), encoding="utf-8")
    return {
        "drqa_release": version,
        "created_at": created_at,
        "code_version": facts.code_version,
        "override": {"reason": override, "used": used_override is not None} if override else None,
        "row_counts": counts,
        "label_counts": label_counts,
        "excluded": {"by_reason": card.excluded, "awaiting_review": card.awaiting_review},
        "gate_config": config.model_dump(mode="json"),
        "gate": gate.summary(),
    }
