"""Where a release's data came from, stated for a public card: source datasets and their
licences, the licence that follows from them, model names (never local folders) and run configs
with local paths reduced to names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import duckdb

from drqa.model_names import display_model

UNKNOWN = "unknown"
OTHER = "other"

_SOURCES_SQL = """
SELECT s.kind, s.uri, s.hf_config, s.split,
       json_extract_string(s.mapping, '$.license') AS license, count(*) AS problems
FROM problems p JOIN sources s USING (source_id)
WHERE p.problem_id IN (SELECT problem_id FROM released_labels)
GROUP BY ALL ORDER BY problems DESC, s.uri
"""


@dataclass(frozen=True)
class SourceFacts:
    """One source dataset as the card names it (a Hub id, or a file's name; never a path)."""

    name: str
    kind: str
    license: str
    problems: int


def public_name(value: str) -> str:
    """A Hub id or plain name as is; a local path reduced to its last part (as reports name
    models: :func:`drqa.model_names.display_model`)."""
    return display_model(value) if value else value


def scrub_paths(value: Any) -> Any:
    """``value`` (a run config) with every local path replaced by its last part."""
    if isinstance(value, dict):
        return {k: scrub_paths(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub_paths(v) for v in value]
    if isinstance(value, str):
        return public_name(value)
    return value


def normalise_models(models: list[str]) -> list[str]:
    """Distinct models, counted case-insensitively (``qwen/QwQ-32B`` = ``Qwen/QwQ-32B``), local
    folders as their names; each shown in its most frequent spelling."""
    from drqa.labeling.plots import canonical_models

    return sorted(set(canonical_models(public_name(m) for m in models).values()))


def release_sources(con: duckdb.DuckDBPyConnection) -> list[SourceFacts]:
    """The sources of the released problems (needs the ``released_labels`` view)."""
    rows = con.execute(_SOURCES_SQL).fetchall()
    facts = []
    for kind, uri, hf_config, split, license, problems in rows:
        name = uri if kind == "hub" else public_name(uri)
        if kind == "hub" and hf_config:
            name = f"{name} ({hf_config}, {split})"
        facts.append(SourceFacts(name, kind, (license or "").strip() or UNKNOWN, int(problems)))
    return facts


def derive_license(sources: list[SourceFacts]) -> tuple[str, str | None]:
    """The card's licence id and, when it cannot be one known id, a plain note saying why.

    One licence shared by every source -> that licence; none, several or an unknown one ->
    ``other`` with the note.
    """
    licences = sorted({s.license for s in sources})
    if len(licences) == 1 and licences[0] != UNKNOWN:
        return licences[0], None
    if not sources:
        return OTHER, "The sources of this release are not recorded; its licence is unknown."
    listed = "; ".join(f"{s.name}: {s.license}" for s in sources)
    return OTHER, (
        f"The licence follows from the sources ({listed}); they do not share one known licence, "
        "so check each before redistributing. Set a source's `license:` in the recipe to record it."
    )


def run_configs(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Run lineage for the card: configs with local paths reduced to names."""
    return [{**run, "config": scrub_paths(run["config"])} for run in runs]


def dumps(value: Any) -> str:
    """Compact, key-sorted JSON for one card line."""
    return json.dumps(value, sort_keys=True)
