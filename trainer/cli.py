"""``drqa train``: a thin command over :func:`drqa.trainer.train`."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from drqa.cli_options import FlagTable, JsonOption, RecipeOption, SetOption
from drqa.console import console
from drqa.guidance import print_json

TRAIN_FLAGS = FlagTable(
    {
        "release": "train.release",
        "version": "train.version",
        "digest": "train.digest",
        "output": "train.output",
        "model": "train.model",
        "method": "train.method",
        "max_steps": "train.max_steps",
        "allow_ungated": "train.allow_ungated",
        "trusted_key": "train.trusted_keys",
    },
    convert={"output": str},
)


@TRAIN_FLAGS
def train(
    recipe: RecipeOption = None,
    sets: SetOption = None,
    release: Annotated[Optional[str], typer.Option("--release")] = None,  # noqa: UP045
    version: Annotated[Optional[str], typer.Option("--version")] = None,  # noqa: UP045
    digest: Annotated[Optional[str], typer.Option("--digest")] = None,  # noqa: UP045
    output: Annotated[Optional[Path], typer.Option("--output", "-o")] = None,  # noqa: UP045
    model: Annotated[Optional[str], typer.Option("--model")] = None,  # noqa: UP045
    method: Annotated[Optional[str], typer.Option("--method")] = None,  # noqa: UP045
    max_steps: Annotated[Optional[int], typer.Option("--max-steps", min=1)] = None,  # noqa: UP045
    allow_ungated: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--allow-ungated", metavar="REASON"),
    ] = None,
    trusted_key: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--trusted-key",
            metavar="KEY",
            help="ed25519 public key (PEM file or text) the release must be signed by; "
            "repeatable (any one of them).",
        ),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the --output run from its last checkpoint.")
    ] = False,
    progress: Annotated[bool, typer.Option(help="Show TRL's progress bar.")] = True,
    as_json: JsonOption = False,
) -> None:
    """Train a model with GRPO (or the SFT baseline) on a pinned, hash-checked release.

    Settings come from the recipe's ``train:`` section; flags override single fields. The output
    folder gets the model, a model card, drqa_training.json (release version + manifest sha256),
    the exact training rows (drqa_task/), completions and a curves PNG.
    """
    from drqa.cli_context import load_plan
    from drqa.trainer.run import train as run_train

    config = load_plan(recipe, sets, TRAIN_FLAGS.values(locals())).train
    if as_json:  # stdout holds the JSON alone: everything printed while training goes to stderr
        with contextlib.redirect_stdout(sys.stderr):
            result = run_train(config, resume=resume, progress=progress)
        print_json(_summary(config, result))
        return
    result = run_train(config, resume=resume, progress=progress)
    report = result.task
    counts = report.get("class_counts_train") or report.get("budget_sources_train")
    console.print(
        f"trained {result.global_step} steps ({config.method}, task {config.task.kind}) on "
        f"{report['train_rows']} rows ({counts}); dropped {report['dropped']}"
        + (f"; resumed from {result.resumed_from}" if result.resumed_from else "")
    )
    for key in ("reward", "train_loss"):
        if key in result.metrics:
            console.print(f"  final {key}: {result.metrics[key]:.4f}")
    for suite, points in sorted(result.transfer.items()):
        shown = ", ".join(
            f"step {p['step']}: {100 * p.get('accuracy', 0):.1f}% / "
            f"{p.get('mean_output_tokens', 0):.0f} tok"
            for p in points
        )
        console.print(f"  transfer {suite}: {shown}")
    if result.judge_validation:
        judged = result.judge_validation
        console.print(
            f"  judge on {judged['rows']} validation rows: {100 * judged['accuracy']:.1f}% "
            "(confusion matrix in judge_confusion.png)"
        )
    console.print(f"model: {result.output}  (lineage: {result.lineage.name})")


def _summary(config, result) -> dict:
    """What ``drqa train --json`` prints: the same facts as the text summary."""
    report = result.task
    return {
        "steps": result.global_step,
        "method": config.method,
        "task": config.task.kind,
        "train_rows": report["train_rows"],
        "class_counts": report.get("class_counts_train") or report.get("budget_sources_train"),
        "dropped": report["dropped"],
        "resumed_from": result.resumed_from,
        "metrics": dict(result.metrics),
        "transfer": result.transfer,
        "judge_validation": result.judge_validation,
        "output": str(result.output),
        "lineage": str(result.lineage),
        "curves": str(result.curves) if result.curves else None,
        "timings": result.timings,
    }


def register(app: typer.Typer) -> None:
    app.command()(train)
