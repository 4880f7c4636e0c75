"""Run commands: ``compose``, ``generate``, ``merge``, ``runs`` (problems come in through
:mod:`drqa.builders.ingest.cli`)."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer

from drqa.cli_options import (
    FlagTable,
    JsonOption,
    RecipeOption,
    SetOption,
    WorkspaceOption,
    comma_ints,
)
from drqa.console import console, print_table
from drqa.errors import DrqaError
from drqa.guidance import closing, print_closing, print_json, require_stage

OptStr = Optional[str]  # noqa: UP045 - typer needs Optional on Python 3.10
OptInt = Optional[int]  # noqa: UP045
OptFloat = Optional[float]  # noqa: UP045
OptBool = Optional[bool]  # noqa: UP045


# Flags that compose and generate share: both compose the run (generate composes if needed).
_RUN_FLAGS = {
    "model": "generate.model",
    "backend": "generate.backend",
    "batch_sizes": "compose.batch_sizes",
    "max_problems": "compose.max_problems",
    "samples": "compose.samples_per_prompt",
}
COMPOSE_FLAGS = FlagTable(
    {**_RUN_FLAGS, "policy": "compose.policy", "seed": "compose.seed"},
    convert={"batch_sizes": comma_ints},
)
ModelOption = Annotated[OptStr, typer.Option()]
BackendOption = Annotated[OptStr, typer.Option(help="transformers | openai | vllm | replay.")]
BatchSizesOption = Annotated[
    OptStr, typer.Option(help="Questions per prompt to compose, comma-separated, e.g. 1,2,3,5.")
]
MaxProblemsOption = Annotated[OptInt, typer.Option(help="Use at most this many problems.")]
SamplesOption = Annotated[OptInt, typer.Option(help="Samples per prompt.")]


@COMPOSE_FLAGS
def compose(
    recipe: RecipeOption = None,
    model: ModelOption = None,
    backend: BackendOption = None,
    batch_sizes: BatchSizesOption = None,
    policy: Annotated[OptStr, typer.Option(help="random | difficulty-mixed.")] = None,
    seed: Annotated[OptInt, typer.Option(help="Composition seed.")] = None,
    max_problems: MaxProblemsOption = None,
    samples: SamplesOption = None,
    sets: SetOption = None,
    workspace: WorkspaceOption = None,
    as_json: JsonOption = False,
) -> None:
    """Compose single-question and batched requests for a run (idempotent)."""
    from drqa.builders.compose.requests import compose_requests
    from drqa.cli_context import load_plan, open_workspace

    plan = load_plan(recipe, sets, COMPOSE_FLAGS.values(locals()))
    ws = open_workspace(workspace)
    require_stage(ws, "problems")
    summary = compose_requests(ws, plan.compose, plan.generate)
    if as_json:
        print_json({"compose": summary, **closing("compose", ws.root, [ws.catalog_path])})
        return
    _print_compose(summary)
    print_closing("compose", ws.root)


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


GENERATE_FLAGS = FlagTable(
    {
        **_RUN_FLAGS,
        "base_url": "generate.openai.base_urls",
        "concurrency": "generate.openai.concurrency",
        "temperature": "generate.sampling.temperature",
        "top_p": "generate.sampling.top_p",
        "max_tokens": "generate.sampling.max_tokens",
        "seed": "generate.sampling.seed",
    },
    convert={"batch_sizes": comma_ints},
)


@GENERATE_FLAGS
def generate(
    recipe: RecipeOption = None,
    model: ModelOption = None,
    backend: BackendOption = None,
    base_url: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(help="OpenAI-compatible base URL (repeatable)."),
    ] = None,
    concurrency: Annotated[OptInt, typer.Option()] = None,
    temperature: Annotated[OptFloat, typer.Option()] = None,
    top_p: Annotated[OptFloat, typer.Option()] = None,
    max_tokens: Annotated[OptInt, typer.Option()] = None,
    seed: Annotated[OptInt, typer.Option(help="Sampling seed (offset by sample index).")] = None,
    batch_sizes: BatchSizesOption = None,
    max_problems: MaxProblemsOption = None,
    samples: SamplesOption = None,
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
    wait: Annotated[
        bool,
        typer.Option(
            "--wait", help="Another process is generating this run: wait for it, then resume."
        ),
    ] = False,
    sets: SetOption = None,
    workspace: WorkspaceOption = None,
    as_json: JsonOption = False,
) -> None:
    """Compose (if needed) and generate every missing request of a run; rerun to resume."""
    from drqa.builders.compose.requests import compose_requests, run_id_for
    from drqa.builders.generation.generate import run_generation
    from drqa.cli_context import load_plan, open_workspace

    plan = load_plan(recipe, sets, GENERATE_FLAGS.values(locals()))
    ws = open_workspace(workspace)
    require_stage(ws, "problems")
    index, count = _parse_shard(shard)
    composed = compose_requests(ws, plan.compose, plan.generate) if merge else None
    if composed is not None and not as_json:
        _print_compose(composed)
    run_id = run_id_for(plan.generate, plan.compose)
    summary = run_generation(
        ws, run_id, plan.generate, shard=(index, count), merge=merge,
        progress=progress and not as_json, wait=wait,
    )  # fmt: skip
    if as_json:
        wrote = [ws.catalog_path] if merge else []
        print_json({"compose": composed, "generate": summary,
                    **closing("generate", ws.root, wrote)})  # fmt: skip
    else:
        print_generate_summary(summary)
        print_closing("generate", ws.root)
    if summary.failed:
        if not as_json:
            console.print(
                f"{summary.failed} requests failed after retries (kept with their reason); "
                "rerun the same command to retry them"
            )
        raise typer.Exit(summary.exit_code)


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
    if getattr(summary, "masked", 0):
        rows.append(("masked (credentials echoed in responses)", summary.masked))
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
    as_json: JsonOption = False,
) -> None:
    """Merge raw generation chunks (e.g. from sharded array jobs) into the catalog."""
    from drqa.builders.generation.raw_store import merge_raw
    from drqa.cli_context import open_workspace

    ws = open_workspace(workspace)
    runs = [run] if run else sorted(p.name for p in ws.raw_dir.glob("run-*") if p.is_dir())
    merged = {run_id: merge_raw(ws, run_id) for run_id in runs}
    if as_json:
        print_json({"merged": merged, **closing("generate", ws.root, [ws.catalog_path])})
        return
    for run_id, count in merged.items():
        console.print(f"{run_id}: {count} new results merged")
    print_closing("generate", ws.root, [ws.catalog_path])


def runs(as_json: JsonOption = False, workspace: WorkspaceOption = None) -> None:
    """List runs with their requests, done and failed generations."""
    from drqa.catalog import fetch_frame
    from drqa.cli_context import open_workspace

    ws = open_workspace(workspace)
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
    app.command()(compose)
    app.command()(generate)
    app.command()(merge)
    app.command()(runs)
