"""``drqa quickstart``: the whole pipeline on one CPU machine, offline, in a few minutes.

It ingests a small problem set drqa ships (written by the project), builds a tiny random
Qwen2-architecture model with a locally trained tokenizer, composes single and batched requests,
generates through the embedded ``transformers`` backend, labels the chains, runs the quality gate
and writes a release. A random tiny model exercises the machinery, not the method: its answers
are noise, so the gate fails and the release records an override saying so.
"""

from __future__ import annotations

import time
from importlib import resources
from pathlib import Path

import typer

from drqa.cli_options import JsonOption, ProgressOption, WorkspaceOption
from drqa.console import console, console_to_stderr

QUICKSTART_VERSION = "0.1.0"
OVERRIDE_REASON = (
    "quickstart with a tiny random model: its answers are noise, so the quality gate is expected "
    "to fail; this release exercises the pipeline and is not training data"
)
REAL_RUN_HINT = (
    "drqa generate --recipe recipes/drqa-deepscaler-r1.yaml "
    "--base-url http://YOUR-SERVER:8000/v1   (then drqa label, drqa check, drqa release)"
)


def shipped_problems() -> Path:
    """The quickstart's problem set (24 short math problems written for drqa)."""
    return Path(str(resources.files("drqa") / "data" / "quickstart_problems.jsonl"))


def shipped_eval_suite() -> Path:
    """The quickstart's own eval problems (package data, written for drqa; not a benchmark)."""
    return Path(str(resources.files("drqa") / "data" / "quickstart_eval.jsonl"))


def shipped_recipe() -> Path:
    """``recipes/quickstart.yaml`` as installed (package data ``drqa.recipes``)."""
    return Path(str(resources.files("drqa.recipes") / "quickstart.yaml"))


def run_quickstart(workspace: str | Path | None = None, *, progress: bool = True) -> dict:
    """Run every stage on the shipped quickstart recipe; return what each stage reported.

    The recipe is the single source of the settings; the quickstart fills in what only it
    knows: the tiny model it builds and where the shipped problem set is installed.
    """
    from drqa.builders.compose.requests import compose_requests
    from drqa.builders.generation.generate import run_generation
    from drqa.builders.ingest.benchmark_sets import default_benchmark_dir
    from drqa.builders.ingest.pipeline import ingest_source
    from drqa.recipe import load_recipe
    from drqa.tiny_model import make_tiny_model
    from drqa.workspace import open_workspace

    started = time.perf_counter()
    ws = open_workspace(workspace, create=True)
    results: dict = {"workspace": str(ws.root)}

    step("1/8", "building a tiny Qwen2 model with a locally trained tokenizer")
    model_dir = make_tiny_model(ws.root / "models" / "tiny-qwen2")
    results["model"] = str(model_dir)

    benchmark_dir = default_benchmark_dir()
    plan = load_recipe(
        shipped_recipe(),
        {
            "generate.model": str(model_dir),
            "ingest.sources.0.path": str(shipped_problems()),
            "ingest.decontamination.benchmark_dir": str(benchmark_dir) if benchmark_dir else None,
        },
    )
    ingest_config, note = plan.ingest, None
    if ingest_config.decontamination.enabled and benchmark_dir is None:
        # no benchmark copies on this machine (and the quickstart never goes to the Hub): check
        # the problems against the suite the eval step uses then, so training never sees it
        own = shipped_eval_suite()
        note = (
            "  no benchmark copies on this machine: decontaminating against the quickstart's own "
            f"eval suite ({own.name}, not a benchmark); `drqa ingest --benchmarks-dir` for real"
        )
        decontamination = ingest_config.decontamination.model_copy(
            update={"benchmark_dir": str(own.parent), "benchmarks": (own.stem,)}
        )
        ingest_config = ingest_config.model_copy(update={"decontamination": decontamination})

    step("2/8", f"ingesting {shipped_problems().name}")
    if note:
        console.print(note)
    ingest = ingest_source(ws, plan.ingest.sources[0], ingest_config)
    results["ingest"] = {
        "rows": ingest.rows,
        "accepted": ingest.accepted,
        "rejected": dict(ingest.rejected),
    }
    console.print(f"  {ingest.accepted} problems accepted, {ingest.n_rejected} rejected")

    sizes = ", ".join(str(k) for k in plan.compose.batch_sizes)
    step("3/8", f"composing single-question and batched requests (batch sizes {sizes})")
    compose, generate = plan.compose, plan.generate
    composed = compose_requests(ws, compose, generate)
    results["requests"] = dict(composed.new)
    console.print(f"  run {composed.run_id}: {sum(composed.new.values())} new requests")

    step("4/8", "generating with the transformers backend on CPU")
    generated = run_generation(ws, composed.run_id, generate, progress=progress)
    results["generate"] = {
        "done": generated.done,
        "failed": generated.failed,
        "skipped": generated.skipped,
    }

    results.update(_label_check_release(ws, progress))

    step("7/8", "training the tiny model a few GRPO steps on the release (drqa train)")
    from drqa.optional import is_available

    if is_available("trl"):
        from drqa.trainer.quickstart_step import quickstart_train

        trained = quickstart_train(ws, model_dir, results["release"], progress=progress)
        results["trained_model"] = trained
    else:
        console.print(
            '  skipped: drqa train needs TRL, which is not installed: pip install "drqa[train]"'
        )

    step("8/8", "evaluating the tiny model on a few problems per suite (drqa eval)")
    from drqa.evals.quickstart_step import quickstart_eval

    results["eval"] = quickstart_eval(
        ws, model_dir, trained_model=results.get("trained_model"), progress=progress
    )  # trained_model: the `drqa train` step's output folder, when that step ran
    results["seconds"] = round(time.perf_counter() - started, 1)
    return results


def _label_check_release(ws, progress: bool) -> dict:
    from drqa.builders.release.gate import run_gate
    from drqa.builders.release.snapshot import make_release
    from drqa.labeling.label_stage import label_workspace

    step("5/8", "splitting, verifying and labelling the chains")
    labelled = label_workspace(ws, show_progress=progress)
    console.print(f"  {labelled.chains_written} chains labelled")

    step("6/8", "running the quality gate and writing a release")
    gate = run_gate(ws)
    failed = [check.name for check in gate.failed]
    version = QUICKSTART_VERSION
    target = ws.releases_dir / version
    if target.exists():
        console.print(f"  release {version} exists already (releases are immutable): kept as is")
    else:
        if failed:
            console.print(f"  gate failed as expected with a random model: {', '.join(failed)}")
        target = make_release(ws, version, override=OVERRIDE_REASON if failed else None)
    return {"chains": labelled.chains_written, "gate_failed": failed, "release": str(target)}


def step(number: str, text: str) -> None:
    console.print(f"[bold]{number}[/bold] {text}")


def quickstart(
    workspace: WorkspaceOption = None,
    progress: ProgressOption = True,
    as_json: JsonOption = False,
) -> None:
    """Run the whole pipeline offline on a tiny model and a shipped problem set."""
    from drqa.cli_context import open_workspace

    if not progress or as_json:
        _quiet_library_bars()
    if as_json:  # the steps' own lines go to stderr; stdout is the JSON summary alone
        with console_to_stderr():
            results = run_quickstart(open_workspace(workspace, create=True), progress=False)
        from drqa.guidance import print_json

        print_json(results)
        return
    results = run_quickstart(open_workspace(workspace, create=True), progress=progress)
    console.print(
        f"\nquickstart finished in {results['seconds']}s; workspace {results['workspace']}\n"
        "This used a tiny RANDOM model: it exercises every stage, but its answers are noise and "
        "its labels mean nothing. Real corpora need a real reasoning model, e.g.:\n"
        f"  {REAL_RUN_HINT}"
    )
    for line in closing_lines(results):
        console.print(line)


def _quiet_library_bars() -> None:
    """--no-progress also for the libraries' own bars (weights, shards, dataset splits)."""
    from drqa.optional import is_available

    if is_available("transformers"):
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
    if is_available("datasets"):
        from datasets.utils.logging import disable_progress_bar

        disable_progress_bar()
    from huggingface_hub.utils import disable_progress_bars

    disable_progress_bars()


def closing_lines(results: dict) -> list[str]:
    """What the quickstart wrote (release folder, card, plots, the override it used) and what
    to run next."""
    from drqa.guidance import next_command, ws_flag

    release = Path(results["release"])
    failed = results.get("gate_failed") or []
    if failed:
        gate = (f"the gate failed ({', '.join(failed)}), so it was released with the override: "
                f"{OVERRIDE_REASON}")  # fmt: skip
    else:
        gate = "the gate passed"
    lines = [
        f"\nrelease {release.name}: {gate}",
        f"  release folder: {release}",
        f"  dataset card:   {release / 'README.md'}",
        *(f"  plot:           {png}" for png in sorted(release.glob("*.png"))),
    ]
    if results.get("trained_model"):
        lines.append(f"  trained model:  {results['trained_model']}")
    workspace = results["workspace"]
    lines += [
        f"next: {next_command('release', workspace, version=release.name)}",
        f"      drqa report{ws_flag(workspace)}   (plots of every chain, in reports/labels)",
    ]
    return lines


def register(app: typer.Typer) -> None:
    app.command()(quickstart)
