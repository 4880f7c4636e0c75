"""``make_release(ws, version)``: gate, then an immutable snapshot in Hub layout.

Everything is written into a hidden staging folder next to the releases; the release appears at
``releases/<version>`` by one rename, in the same catalog transaction that registers it, so a
half-written release is never visible and a version is never written twice.
"""

from __future__ import annotations

import json
import re
import shutil
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as futures_wait
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from drqa.builders.release.card import GATE_JSON
from drqa.builders.release.card_inputs import CardInputs, read_card_extra, write_card
from drqa.builders.release.config import GateConfig
from drqa.builders.release.export import ExportStopped, write_labels_and_chat, write_ranges
from drqa.builders.release.gate import read_workspace_gate_input, run_gate_on_input
from drqa.builders.release.gate_data import (
    EXPORT_DUCKDB_MEMORY,
    bounded_duckdb,
    release_labels,
)
from drqa.builders.release.gate_page import write_gate_page
from drqa.builders.release.manifest import write_manifest
from drqa.builders.release.plots import write_plots
from drqa.builders.release.provenance import release_sources
from drqa.builders.release.reconcile import commit_release, reconcile_releases, staging_folder
from drqa.builders.release.shards import SHARD_GLOB, WrittenConfig
from drqa.errors import DrqaError
from drqa.workspace import Workspace, open_workspace

SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)
CONFIGS = ("labels", "chat", "generations", "problems")
# the columns of the ``released_labels`` view: the released chains' keys, what its queries read
RELEASED_KEYS = ("chain_id", "request_id", "problem_id", "run_id")

_GENERATIONS_SQL = """
SELECT q.request_id, q.run_id, q.batch_id, q.batch_size, q.sample_index, q.problem_ids,
       from_json(q.messages, '[{"role": "VARCHAR", "content": "VARCHAR"}]') AS messages,
       q.template_name, q.template_hash,
       g.status, g.error, g.content, g.reasoning, g.raw_response, g.finish_reason,
       g.prompt_tokens, g.completion_tokens, g.latency_s, g.attempts, g.backend, g.model,
       g.created_at
FROM requests q JOIN generations g ON g.request_id = q.request_id
WHERE q.request_id IN (SELECT request_id FROM released_labels)
ORDER BY q.request_id
"""
_PROBLEMS_SQL = """
SELECT problem_id, source_id, source_row, source_key, problem, answer, difficulty, subject,
       contaminated_by
FROM problems WHERE problem_id IN (SELECT problem_id FROM released_labels)
ORDER BY problem_id
"""


_EXCLUDED_SQL = """
SELECT coalesce(label_reason, 'not_verified') AS reason, count(*) AS n,
       count(*) FILTER (WHERE needs_review) AS review
FROM chains WHERE chain_id NOT IN (SELECT chain_id FROM released_labels)
GROUP BY 1 ORDER BY 2 DESC, 1
"""
_UNCHAINED_SQL = """
SELECT count(*) FILTER (WHERE status <> 'ok'),
       count(*) FILTER (WHERE status = 'ok' AND request_id NOT IN (SELECT request_id FROM chains))
FROM generations
"""


def excluded_counts(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, int], dict[str, int]]:
    """Chains of the workspace left out of the release, by reason (``label_reason``:
    ``duplicate_chain_text``, ``uncertain``, ``error``, ...; plus failed and not yet labelled
    generations), and how many of each await review (needs the ``released_labels`` view)."""
    excluded, awaiting = {}, {}
    for reason, n, review in con.execute(_EXCLUDED_SQL).fetchall():
        excluded[reason] = int(n)
        awaiting[reason] = int(review)
    failed, pending = con.execute(_UNCHAINED_SQL).fetchall()[0]
    for reason, n in (("failed generation", failed), ("not labelled yet", pending)):
        if n:
            excluded[reason], awaiting[reason] = int(n), 0
    return excluded, awaiting


def validate_version(version: str) -> str:
    """The version if it is a semantic version (``1.0.0``, ``0.2.0-rc.1``), else one error line."""
    if not SEMVER.match(version or ""):
        raise DrqaError(
            f"release version {version!r} is not a semantic version; use MAJOR.MINOR.PATCH, "
            "e.g. 1.0.0 or 0.2.0-rc.1"
        )
    return version


def data_path(config: str) -> str:
    """A config's Parquet shards inside the release (a glob DuckDB and the Hub both read)."""
    return f"data/{config}/{SHARD_GLOB}"


def make_release(
    ws: Workspace | str | Path | None,
    version: str,
    override: str | None = None,
    config: GateConfig | None = None,
    *,
    license: str | None = None,
    repo: str | None = None,
    card_extra: str | Path | None = None,
    sign_key: str | Path | None = None,
) -> Path:
    """Gate the workspace's labelled chains and write release ``version``; return its folder.

    The folder appears together with its catalog row (:mod:`drqa.builders.release.reconcile`
    repairs an interrupted release first); ``sign_key`` (an ed25519 PEM file) signs the manifest.

    Refuses (one-line ``DrqaError``) a version that is not semver or already exists, an empty
    workspace, and a failing gate unless ``override`` gives the reason (recorded in the card and
    the manifest).

    ``license`` overrides the licence derived from the sources; ``repo`` (ORG/NAME) puts the Hub
    id into the card's usage snippet; ``card_extra`` is a Markdown file added to the card (the
    card is hashed, so it cannot be edited after release).
    """
    config = config or GateConfig()
    validate_version(version)
    if override is not None and not override.strip():
        raise DrqaError(
            "--override needs a reason, e.g. --override 'tiny model: gate expected to fail'"
        )
    extra = read_card_extra(card_extra)
    workspace = open_workspace(ws)
    target = workspace.releases_dir / version
    reconcile_releases(workspace)
    _refuse_existing(workspace, version, target)
    data = read_workspace_gate_input(workspace, config, texts=False)  # texts stream at export
    workspace.releases_dir.mkdir(parents=True, exist_ok=True)
    staging = staging_folder(workspace, version)
    staging.mkdir()
    try:
        docs_dir = workspace.reports_dir / "releases" / version / "data_docs"
        released = release_labels(data.candidates)  # ids, labels, tokens; texts are stand-ins
        refused = threading.Event()  # set by a failing gate: the export stops at its next range
        # the gate's suites, then the card's plots, run in one thread beside the export (both
        # need no texts; both mostly Python: two threads of them only contended for the GIL)
        with ThreadPoolExecutor(1, thread_name_prefix="drqa-release") as beside:
            gate_job = beside.submit(_gate, data, config, docs_dir, override, refused)
            plots_job = beside.submit(_plots, released, staging, config.token_column)
            try:
                with workspace.read() as con, ThreadPoolExecutor(1) as small_queries:
                    con.register("released_labels", released.select(RELEASED_KEYS).to_arrow())
                    facts = small_queries.submit(_release_facts, con, released)  # beside it
                    written, chat_notes = _write_configs(
                        con, data.candidates, released, staging, refused
                    )
                    counts = {name: w.num_rows for name, w in written.items()}
                    excluded, awaiting, lineage, sources = facts.result()
            except ExportStopped:
                pass  # the gate failed: refused below
            gate, plots = gate_job.result(), plots_job.result()
        write_gate_page(gate, docs_dir, f"Release {version}: quality gate")
        if not gate.passed and override is None:
            raise DrqaError(
                f"release {version} refused: the gate failed: {gate.failure_line()}; fix the data "
                "or pass --override REASON",
                exit_code=1,
            )
        (staging / GATE_JSON).write_text(json.dumps(gate.summary(), indent=2) + "\n")
        card = CardInputs(written, lineage, excluded, sources, license, repo, extra, awaiting,
                          chat_notes, plots)  # fmt: skip
        header = write_card(staging, version, gate, override, config, released, card)
        hashed = {f: (sha, size) for w in written.values() for f, sha, size in w.hashes}
        manifest_sha = write_manifest(staging, header, hashed)  # shards hashed as written
        if sign_key is not None:
            from drqa.builders.release.signing import sign_release

            sign_release(staging, sign_key)
        _register(workspace, version, staging, target, released, counts, gate, override,
                  manifest_sha, header)  # fmt: skip
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _refuse_existing(workspace: Workspace, version: str, target: Path) -> None:
    if target.exists():
        raise DrqaError(
            f"release {version} already exists at {target}; releases are immutable: "
            "pick a new version"
        )


def _gate(data, config: GateConfig, docs_dir: Path, override, refused: threading.Event):
    """The gate; sets ``refused`` when it fails (and no override) or raises."""
    try:
        gate = run_gate_on_input(data, config, docs_dir=docs_dir)
    except BaseException:
        refused.set()
        raise
    if not gate.passed and override is None:
        refused.set()
    return gate


def _plots(released: pl.DataFrame, staging: Path, token_column: str) -> list[str]:
    return write_plots(released, staging, token_column) if released.height else []


def _write_configs(
    con: duckdb.DuckDBPyConnection, candidates: pl.DataFrame, released: pl.DataFrame,
    staging: Path, stop: threading.Event | None = None,
) -> tuple[dict[str, WrittenConfig], dict[str, int]]:  # fmt: skip
    """Every config, streamed in key ranges with DuckDB's memory bounded (labels and chat
    from the gate's frame plus their texts; generations and problems by the keys of
    ``released``, its :func:`release_labels`), and the rows per kind of chat edit. A config's
    last row groups are written in its writer's thread while the next config is read."""
    closing: dict[str, Future] = {}
    try:
        with bounded_duckdb(con, staging, EXPORT_DUCKDB_MEMORY):
            closing["labels"], closing["chat"], chat_notes = write_labels_and_chat(
                con, staging, candidates, stop, later=True
            )
            for name, sql, key, column in (
                ("generations", _GENERATIONS_SQL, "q.request_id", "request_id"),
                ("problems", _PROBLEMS_SQL, "problem_id", "problem_id"),
            ):
                closing[name] = write_ranges(
                    con, sql, key, released[column], staging, name, stop, later=True
                )
        return {name: closing[name].result() for name in CONFIGS}, chat_notes
    finally:
        futures_wait(list(closing.values()))  # no writer left behind (after an error too)


def _release_facts(con: duckdb.DuckDBPyConnection, released: pl.DataFrame) -> tuple:
    """Chains left out (and awaiting review), lineage and sources: small queries, run on a
    cursor of ``con`` (its own ``released_labels`` view) while the export uses ``con``."""
    cursor = con.cursor()
    try:
        cursor.register("released_labels", released.select(RELEASED_KEYS).to_arrow())
        excluded, awaiting = excluded_counts(cursor)
        return excluded, awaiting, _lineage(cursor, released), release_sources(cursor)
    finally:
        cursor.close()


def _lineage(con: duckdb.DuckDBPyConnection, released: pl.DataFrame) -> dict[str, Any]:
    def distinct(column: str) -> list[Any]:
        return sorted(released[column].drop_nulls().unique().to_list())

    runs = con.execute(
        "SELECT run_id, name, CAST(config AS VARCHAR) FROM runs "
        "WHERE run_id IN (SELECT DISTINCT run_id FROM released_labels) ORDER BY run_id"
    ).fetchall()
    templates = released.select(
        pl.concat_str("template_name", pl.lit("@"), "template_hash").unique().drop_nulls()
    )
    return {
        "models": distinct("model"),
        "batch_sizes": distinct("batch_size"),
        "templates": sorted(templates.to_series().to_list()),
        "verifier_versions": distinct("verifier_version"),
        "label_rules": distinct("label_rule"),
        "splitter_versions": distinct("splitter_version"),
        "token_methods": distinct("token_method"),
        "runs": [{"run_id": r, "name": n, "config": json.loads(c)} for r, n, c in runs],
    }


def _register(workspace, version, staging, target, released, counts, gate, override,
              manifest_sha, header) -> None:  # fmt: skip
    label_counts, code = header["label_counts"], header["code_version"]
    chain_rows = released.select(
        pl.lit(version).alias("version"), "chain_id", "request_id", "problem_id", "label",
        "auto_label", "label_source", "label_rule", "verifier_version",
    )  # fmt: skip
    with workspace.write(f"release {version}") as con:
        known = con.execute("SELECT 1 FROM releases WHERE version = ?", [version]).fetchone()
        if known or target.exists():
            raise DrqaError(
                f"release {version} already exists in {workspace.root}; releases are immutable: "
                "pick a new version"
            )

        def insert_rows(con) -> None:
            con.execute(
                "INSERT INTO releases (version, created_at, folder, n_labels, n_generations, "
                "n_problems, label_counts, manifest_sha256, gate_passed, override_reason, "
                "gate_summary, code_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    version, datetime.now(timezone.utc).replace(tzinfo=None),
                    str(target.relative_to(workspace.root)), counts["labels"],
                    counts["generations"], counts["problems"], json.dumps(label_counts),
                    manifest_sha, gate.passed, override if not gate.passed else None,
                    json.dumps(gate.summary()), code,
                ],
            )  # fmt: skip
            con.register("incoming_release_chains", chain_rows.to_arrow())
            con.execute("INSERT INTO release_chains SELECT * FROM incoming_release_chains")

        commit_release(con, workspace, version, staging, target, manifest_sha, insert_rows)
