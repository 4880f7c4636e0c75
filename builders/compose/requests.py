"""Runs and their requests: a run is the generation-relevant config; requests are its prompts.

``run_id`` hashes what changes the model's answers (backend, model, revision, sampling, templates
and their hashes, system prompt), so the same recipe finds the same run and request ids, and a
rerun composes and generates only what is missing. The model is named canonically (a local
folder by its resolved absolute path, a Hub id as given), so ``models/m`` run from the repository
and ``/abs/path/models/m`` are one run.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Protocol

import polars as pl

from drqa import __version__
from drqa.builders.compose.batching import compose_batches
from drqa.builders.compose.config import ComposeConfig
from drqa.builders.compose.prompts import load_template
from drqa.catalog import fetch_frame, insert_frame
from drqa.errors import DrqaError
from drqa.ids import batch_id, content_hash, request_id
from drqa.model_names import canonical_model
from drqa.workspace import Workspace


class RunModel(Protocol):
    """What a run's identity reads of the generation config (``GenerateConfig`` has it; typed
    structurally so composing never imports the later generation stage)."""

    backend: str
    model: str | None
    revision: str | None
    run_name: str | None

    @property
    def sampling(self) -> Any: ...  # a pydantic model: ``model_dump()`` gives its fields


@dataclass
class ComposeSummary:
    """New and existing requests of a run, by batch size."""

    run_id: str
    new: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    problems: int = 0
    excluded_contaminated: int = 0


def run_config(generate: RunModel, compose: ComposeConfig) -> dict:
    """The run's lineage record (never secrets: API keys stay in the environment)."""
    single = load_template(compose.single_template)
    batched = load_template(compose.batched_template)
    return {
        "backend": generate.backend,
        "model": canonical_model(generate.model),
        "revision": generate.revision,
        "sampling": generate.sampling.model_dump(),
        "templates": {
            "single": {"name": single.name, "hash": single.hash},
            "batched": {"name": batched.name, "hash": batched.hash},
        },
        "system_prompt": compose.system_prompt,
    }


def run_id_for(generate: RunModel, compose: ComposeConfig) -> str:
    """The content id of a run."""
    return "run-" + content_hash(run_config(generate, compose))


def compose_requests(ws: Workspace, compose: ComposeConfig, generate: RunModel) -> ComposeSummary:
    """Record the run and add every request it is missing; existing requests stay as they are."""
    if not generate.model:
        raise DrqaError("no model configured: set generate.model in the recipe or pass --model")
    config = run_config(generate, compose)
    run = "run-" + content_hash(config)
    summary = ComposeSummary(run_id=run)
    templates = {1: load_template(compose.single_template)}
    batched = load_template(compose.batched_template)

    with ws.read() as con:
        pool = fetch_frame(
            con,
            # NULL = never checked: composed (the release gate refuses it until checked)
            "SELECT problem_id, problem, difficulty, "
            "coalesce(len(contaminated_by) > 0, false) AS contaminated "
            "FROM problems ORDER BY problem_id",
        )
        existing = fetch_frame(
            con,
            "SELECT request_id, batch_size, problem_ids, sample_index FROM requests "
            "WHERE run_id = ?",
            [run],
        )
    if compose.max_problems is not None:
        pool = pool.sort(pl.col("problem_id").hash(seed=compose.seed)).head(compose.max_problems)
    if compose.exclude_contaminated:
        summary.excluded_contaminated = int(pool["contaminated"].sum())
        pool = pool.filter(~pl.col("contaminated"))
    if pool.is_empty():
        raise DrqaError(f"no problems to compose in {ws.root}: run `drqa ingest` first")
    summary.problems = pool.height
    text = dict(zip(pool["problem_id"], pool["problem"], strict=True))
    difficulty = dict(zip(pool["problem_id"], pool["difficulty"], strict=True))
    existing_ids = set(existing["request_id"])
    for size, count in Counter(existing["batch_size"]).items():
        summary.existing[size] = count

    now = datetime.now(timezone.utc).replace(tzinfo=None)
    rows = []
    for k in compose.batch_sizes:
        template = templates.get(k, batched)
        known_groups = {
            tuple(ids)
            for ids, size in zip(existing["problem_ids"], existing["batch_size"], strict=True)
            if size == k
        }
        covered = {pid for group in known_groups for pid in group}
        uncovered = [pid for pid in text if pid not in covered]
        groups = list(known_groups)
        if uncovered and k <= len(text):
            if len(uncovered) < k:  # too few new problems for a group: pad with covered ones
                uncovered += sorted(covered)[: k - len(uncovered)]
            groups += compose_batches(
                uncovered,
                k,
                policy=compose.policy,
                seed=compose.seed,
                difficulties=[difficulty[pid] for pid in uncovered],
            )
        for group in groups:
            if any(pid not in text for pid in group):
                continue  # a problem left the pool (e.g. newly flagged): keep old requests only
            messages = None
            for sample in range(compose.samples_per_prompt):
                rid = request_id(run, group, sample)
                if rid in existing_ids:
                    continue
                if messages is None:
                    messages = json.dumps(
                        template.render([text[pid] for pid in group], compose.system_prompt)
                    )
                rows.append(
                    {
                        "request_id": rid,
                        "run_id": run,
                        "batch_id": batch_id(group),
                        "batch_size": k,
                        "sample_index": sample,
                        "problem_ids": list(group),
                        "messages": messages,
                        "template_name": template.name,
                        "template_hash": template.hash,
                        "created_at": now,
                    }
                )
                existing_ids.add(rid)
                summary.new[k] += 1

    with ws.write("drqa compose") as con:
        con.execute(
            "INSERT INTO runs VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [
                run,
                generate.run_name or f"{generate.model}",
                json.dumps({**config, "code_version": __version__}),
                now,
            ],
        )
        if rows:
            insert_frame(
                con, "requests", pl.DataFrame(rows),
                "request_id, run_id, batch_id, batch_size, sample_index, problem_ids,"
                " messages::JSON, template_name, template_hash, created_at",
            )  # fmt: skip
    return summary
