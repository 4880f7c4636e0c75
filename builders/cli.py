"""Builder commands: ``ingest``, ``rejects``, ``compose``, ``generate``, ``merge``, ``runs``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from drqa.cli_options import JsonOption, RecipeOption, WorkspaceOption
from drqa.console import console, print_table
from drqa.errors import DrqaError

SetOption = Annotated[
    list[str] | None,
    typer.Option("--set", help="Override any recipe field: section.field=value (repeatable)."),
]
EXIT_REJECTS = 3


def _recipe(recipe: Path | None, flags: dict, sets: list[str] | None):
    from drqa.recipe import load_recipe, parse_override

    overrides = {k: v for k, v in flags.items() if v is not None}
    for text in sets or []:
        path, value = parse_override(text)
        overrides[".".join(path)] = value
    return load_recipe(recipe, overrides)


def ingest(
    source: Annotated[
        str | None,
        typer.Argument(help="File path or Hub dataset id; default: the recipe's sources."),
    ] = None,
    hub: Annotated[bool, typer.Option("--hub", help="Treat SOURCE as a Hub dataset id.")] = False,
    hf_config: Annotated[str | None, typer.Option(help="Hub dataset config name.")] = None,
    split: Annotated[str, typer.Option(help="Hub dataset split.")] = "train",
    revision: Annotated[str | None, typer.Option(help="Hub dataset revision.")] = None,
    problem_field: Annotated[
        str, typer.Option(help="Column holding the problem text.")
    ] = "problem",
    answer_field: Annotated[str, typer.Option(help="Column holding the gold answer.")] = "answer",
    answer_format: Annotated[
        str, typer.Option(help="plain | gsm8k ('#### 18') | boxed.")
    ] = "plain",
    id_field: Annotated[str | None, typer.Option(help="Column with the source's own id.")] = None,
    difficulty_field: Annotated[
        str | None, typer.Option(help="Column with a numeric difficulty.")
    ] = None,
    subject_field: Annotated[
        str | None, typer.Option(help="Column with a subject or type.")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Read at most this many rows.")] = None,
    decontaminate: Annotated[
        bool, typer.Option(help="Flag problems overlapping evaluation benchmarks.")
    ] = True,
    benchmark_dir: Annotated[
        Path | None,
        typer.Option(help="Folder of <benchmark>.jsonl files (offline decontamination)."),
    ] = None,
    force: Annotated[
        bool, typer.Option(help="Read a source again even if it was ingested.")
    ] = False,
    recipe: RecipeOption = None,
    sets: SetOption = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Ingest problems from a file (JSONL/JSON/Parquet/CSV) or a Hub dataset into the catalog.

    Exit status 0 when every row went in, 3 when some rows were rejected (see `drqa rejects`).
    """
    from drqa.builders.ingest.config import SourceConfig
    from drqa.builders.ingest.pipeline import ingest_source
    from drqa.workspace import Workspace

    flags = {
        "ingest.decontamination.enabled": None if decontaminate else False,
        "ingest.decontamination.benchmark_dir": str(benchmark_dir) if benchmark_dir else None,
    }
    plan = _recipe(recipe, flags, sets)
    sources = list(plan.ingest.sources)
    if source is not None:
        location = (
            {"hub": source}
            if hub or (not Path(source).exists() and _looks_like_hub(source))
            else {"path": source}
        )
        sources = [
            SourceConfig(
                **location,
                hf_config=hf_config,
                split=split,
                revision=revision,
                problem_field=problem_field,
                answer_field=answer_field,
                answer_format=answer_format,
                id_field=id_field,
                difficulty_field=difficulty_field,
                subject_field=subject_field,
                limit=limit,
            )
        ]
    if not sources:
        raise DrqaError(
            "nothing to ingest: give a SOURCE (file or Hub id) or a --recipe with ingest.sources"
        )
    ws = Workspace.resolve(workspace)
    rejected = 0
    for item in sources:
        summary = ingest_source(ws, item, plan.ingest, force=force)
        rejected += summary.n_rejected
        note = " (already ingested; --force reads it again)" if summary.already_ingested else ""
        rows = [("rows read", summary.rows), ("accepted (clean)", summary.accepted)]
        rows += [(f"rejected: {reason}", n) for reason, n in sorted(summary.rejected.items())]
        rows += [(f"contaminated: {name}", n) for name, n in sorted(summary.contaminated.items())]
        print_table(f"ingest {summary.uri}{note}", ["", "count"], rows)
        if summary.seconds:
            console.print(f"{summary.rows / summary.seconds:,.0f} rows/s, {summary.seconds:.1f}s")
    console.print(f"workspace {ws.root}")
    if rejected:
        console.print(
            f"{rejected} rows rejected, each kept with its reason and row: `drqa rejects`"
        )
        raise typer.Exit(EXIT_REJECTS)


def _looks_like_hub(text: str) -> bool:
    return text.count("/") == 1 and not text.startswith((".", "/", "~"))


def rejects(
    reason: Annotated[str | None, typer.Option(help="Only this reason.")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 20,
    as_json: JsonOption = False,
    workspace: WorkspaceOption = None,
) -> None:
    """List rejected source rows with their reason and row number."""
    from drqa.catalog import fetch_frame
    from drqa.workspace import Workspace

    ws = Workspace.resolve(workspace, create=False)
    with ws.read() as con:
        counts = con.execute(
            "SELECT reason, count(*) FROM rejects GROUP BY 1 ORDER BY 2 DESC"
        ).fetchall()
        frame = fetch_frame(
            con,
            "SELECT s.uri, r.source_row, r.reason, r.detail"
            " FROM rejects r JOIN sources s USING (source_id)"
            " WHERE ? IS NULL OR r.reason = ? ORDER BY s.uri, r.source_row LIMIT ?",
            [reason, reason, limit],
        )
    if as_json:
        typer.echo(json.dumps({"counts": dict(counts), "rows": frame.to_dicts()}, indent=2))
        return
    print_table("rejects by reason", ["reason", "rows"], counts)
    print_table("rejected rows", ["source", "row", "reason", "detail"], frame.iter_rows())


def compose(
    recipe: RecipeOption = None,
    model: Annotated[str | None, typer.Option(help="Model folder, Hub id or served name.")] = None,
    backend: Annotated[str | None, typer.Option(help="transformers | openai | vllm.")] = None,
    batch_sizes: Annotated[str | None, typer.Option(help="Comma-separated, e.g. 1,2,3,5.")] = None,
    policy: Annotated[str | None, typer.Option(help="random | difficulty-mixed.")] = None,
    seed: Annotated[int | None, typer.Option(help="Composition seed.")] = None,
    max_problems: Annotated[
        int | None, typer.Option(help="Use at most this many problems.")
    ] = None,
    samples: Annotated[int | None, typer.Option(help="Samples per prompt.")] = None,
    sets: SetOption = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Compose single-question and batched requests for a run (idempotent)."""
    from drqa.builders.compose.requests import compose_requests
    from drqa.workspace import Workspace

    plan = _recipe(
        recipe,
        _compose_flags(model, backend, batch_sizes, policy, seed, max_problems, samples),
        sets,
    )
    ws = Workspace.resolve(workspace, create=False)
    summary = compose_requests(ws, plan.compose, plan.generate)
    _print_compose(summary)


def _compose_flags(model, backend, batch_sizes, policy, seed, max_problems, samples) -> dict:
    sizes = [int(s) for s in batch_sizes.split(",")] if batch_sizes else None
    return {
        "generate.model": model,
        "generate.backend": backend,
        "compose.batch_sizes": sizes,
        "compose.policy": policy,
        "compose.seed": seed,
        "compose.max_problems": max_problems,
        "compose.samples_per_prompt": samples,
    }


def _print_compose(summary) -> None:
    sizes = sorted(set(summary.new) | set(summary.existing))
    print_table(
        f"compose {summary.run_id}: {summary.problems} problems"
        + (
            f", {summary.excluded_contaminated} contaminated left out"
            if summary.excluded_contaminated
            else ""
        ),
        ["batch size", "new requests", "existing"],
        [(k, summary.new.get(k, 0), summary.existing.get(k, 0)) for k in sizes],
    )


def generate(
    recipe: RecipeOption = None,
    model: Annotated[str | None, typer.Option(help="Model folder, Hub id or served name.")] = None,
    backend: Annotated[str | None, typer.Option(help="transformers | openai | vllm.")] = None,
    base_url: Annotated[
        list[str] | None, typer.Option(help="OpenAI-compatible base URL (repeatable).")
    ] = None,
    concurrency: Annotated[int | None, typer.Option(help="Requests in flight (openai).")] = None,
    temperature: Annotated[float | None, typer.Option()] = None,
    top_p: Annotated[float | None, typer.Option()] = None,
    max_tokens: Annotated[int | None, typer.Option()] = None,
    seed: Annotated[
        int | None, typer.Option(help="Sampling seed (offset by sample index).")
    ] = None,
    batch_sizes: Annotated[
        str | None, typer.Option(help="Compose these sizes, e.g. 1,2,3,5.")
    ] = None,
    max_problems: Annotated[
        int | None, typer.Option(help="Use at most this many problems.")
    ] = None,
    samples: Annotated[int | None, typer.Option(help="Samples per prompt.")] = None,
    shard: Annotated[
        str, typer.Option(help="i/n: do only this shard of the run (array jobs).")
    ] = "0/1",
    merge: Annotated[
        bool,
        typer.Option(
            help="Merge results into the catalog (off: raw chunks only; `drqa merge` later)."
        ),
    ] = True,
    progress: Annotated[bool, typer.Option(help="Show a progress bar.")] = True,
    sets: SetOption = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Compose (if needed) and generate every missing request of a run; rerun to resume."""
    from drqa.builders.compose.requests import compose_requests, run_id_for
    from drqa.builders.generation.generate import run_generation
    from drqa.workspace import Workspace

    flags = _compose_flags(model, backend, batch_sizes, None, None, max_problems, samples)
    flags.update(
        {
            "generate.openai.base_urls": base_url,
            "generate.openai.concurrency": concurrency,
            "generate.sampling.temperature": temperature,
            "generate.sampling.top_p": top_p,
            "generate.sampling.max_tokens": max_tokens,
            "generate.sampling.seed": seed,
        }
    )
    plan = _recipe(recipe, flags, sets)
    ws = Workspace.resolve(workspace, create=False)
    index, count = _parse_shard(shard)
    if merge:
        _print_compose(compose_requests(ws, plan.compose, plan.generate))
    run_id = run_id_for(plan.generate, plan.compose)
    summary = run_generation(
        ws, run_id, plan.generate, shard=(index, count), merge=merge, progress=progress
    )
    print_generate_summary(summary)
    if summary.failed:
        console.print(
            f"{summary.failed} requests failed after retries (kept with their reason); "
            "rerun the same command to retry them"
        )


def print_generate_summary(summary) -> None:
    """The closing table of a generate call."""
    rows = [
        ("run", summary.run_id),
        ("shard", f"{summary.shard[0]}/{summary.shard[1]}"),
        ("already done (skipped)", summary.skipped),
        ("generated", summary.done),
        ("failed", summary.failed),
        ("prompt tokens", summary.prompt_tokens),
        ("completion tokens", summary.completion_tokens),
        ("wall time (s)", round(summary.seconds, 2)),
        ("requests/s", round(summary.requests_per_s, 2)),
    ]
    rows += [(f"failed: {reason}", n) for reason, n in summary.failures.items()]
    if summary.cost is not None:
        rows.append(("cost", f"{summary.cost:.4f}"))
    print_table("generate summary", ["", "value"], rows)


def _parse_shard(text: str) -> tuple[int, int]:
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        raise DrqaError(f"--shard {text!r}: expected i/n, e.g. 0/8") from None
    if not (count >= 1 and 0 <= index < count):
        raise DrqaError(f"--shard {text!r}: need 0 <= i < n")
    return index, count


def merge(
    run: Annotated[
        str | None, typer.Option(help="Run id (default: every run with raw chunks).")
    ] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Merge raw generation chunks (e.g. from sharded array jobs) into the catalog."""
    from drqa.builders.generation.raw_store import merge_raw
    from drqa.workspace import Workspace

    ws = Workspace.resolve(workspace, create=False)
    runs = [run] if run else sorted(p.name for p in ws.raw_dir.glob("run-*") if p.is_dir())
    for run_id in runs:
        console.print(f"{run_id}: {merge_raw(ws, run_id)} new results merged")


def runs(as_json: JsonOption = False, workspace: WorkspaceOption = None) -> None:
    """List runs with their requests, done and failed generations."""
    from drqa.catalog import fetch_frame
    from drqa.workspace import Workspace

    ws = Workspace.resolve(workspace, create=False)
    with ws.read() as con:
        frame = fetch_frame(
            con,
            """
            SELECT r.run_id, r.name, r.config->>'backend' AS backend,
                   count(q.request_id) AS requests,
                   count(*) FILTER (g.status = 'ok') AS done,
                   count(*) FILTER (g.status = 'failed') AS failed
            FROM runs r LEFT JOIN requests q USING (run_id)
                 LEFT JOIN generations g USING (request_id)
            GROUP BY ALL ORDER BY r.run_id
            """,
        )
    if as_json:
        typer.echo(json.dumps(frame.to_dicts(), indent=2))
        return
    print_table("runs", frame.columns, frame.iter_rows())


def register(app: typer.Typer) -> None:
    app.command()(ingest)
    app.command()(rejects)
    app.command()(compose)
    app.command()(generate)
    app.command()(merge)
    app.command()(runs)
