"""``drqa review serve|push|pull|status``: annotator review in Argilla."""

from __future__ import annotations

import json
import signal
import threading
from typing import Annotated, Optional

import typer

from drqa.cli_options import FlagTable, JsonOption, RecipeOption, SetOption, WorkspaceOption
from drqa.console import print_table
from drqa.guidance import print_closing

review_app = typer.Typer(
    help="Annotator review of A/B/C labels in Argilla (embedded server or your own).",
    no_args_is_help=True,
)

OptInt = Optional[int]  # noqa: UP045 - typer needs Optional on Python 3.10
OptFloat = Optional[float]  # noqa: UP045
ApiUrlOption = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Option(
        "--api-url",
        envvar="ARGILLA_API_URL",
        help="An external Argilla to use instead of the workspace's embedded server.",
    ),
]
ApiKeyOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--api-key", envvar="ARGILLA_API_KEY", help="API key for --api-url."),
]
RoundOption = Annotated[
    str,
    typer.Option("--round", help="Review round: one Argilla dataset (drqa-<ws>-<run>-round-<N>)."),
]


@review_app.command("serve")
def serve_command(
    workspace: WorkspaceOption = None,
    port: Annotated[int, typer.Option("--port", "-p", help="Port on 127.0.0.1 (0: any).")] = 6900,
    host: Annotated[
        str, typer.Option("--host", help="Interface to bind (beyond loopback: a warning).")
    ] = "127.0.0.1",
) -> None:
    """Run a real Argilla server (SQLite in the workspace, no Elasticsearch) until Ctrl-C."""
    from drqa.cli_context import open_workspace
    from drqa.curation_ui.server import network_exposure_warning, start_server

    ws = open_workspace(workspace)
    warning = network_exposure_warning(host)
    if warning:
        typer.secho(warning, fg="yellow", err=True)
    handle = start_server(ws, port, host=host)
    typer.echo(f"Argilla is running at {handle.url}")
    typer.echo(f"  sign in as {handle.username!r} with password {handle.password!r}")
    typer.echo(f"  API key: {handle.api_key}   (log: {handle.log_path})")
    typer.echo("Press Ctrl-C to stop.")
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    try:
        while not stop.wait(1.0):
            if handle.process.poll() is not None:
                typer.secho(f"argilla-server exited; see {handle.log_path}", fg="red", err=True)
                raise typer.Exit(1)
    finally:
        handle.stop()
        typer.echo("Argilla stopped.")


PUSH_FLAGS = FlagTable(
    {
        "min_submitted": "review.min_submitted",
        "per_stratum": "review.per_stratum",
        "audit_share": "review.audit_share",
        "seed": "review.seed",
    }
)


@review_app.command("push")
@PUSH_FLAGS
def push_command(
    workspace: WorkspaceOption = None,
    recipe: RecipeOption = None,
    sets: SetOption = None,
    round_name: RoundOption = "1",
    min_submitted: Annotated[OptInt, typer.Option("--min-submitted", min=1)] = None,
    per_stratum: Annotated[OptInt, typer.Option("--per-stratum", min=0)] = None,
    audit_share: Annotated[OptFloat, typer.Option("--audit-share", min=0, max=1)] = None,
    seed: Annotated[OptInt, typer.Option("--seed")] = None,
    api_url: ApiUrlOption = None,
    api_key: ApiKeyOption = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar while uploading.")] = True,
    as_json: JsonOption = False,
) -> None:
    """Push chains for review (stratified sample, routed chains, audit share) to Argilla.

    Sampling settings come from the recipe's ``review:`` section; flags override single fields.
    """
    from tqdm.auto import tqdm

    from drqa.cli_context import load_plan, open_workspace
    from drqa.curation_ui.push import push

    config = load_plan(recipe, sets, PUSH_FLAGS.values(locals())).review
    ws = open_workspace(workspace)
    with tqdm(unit="record", desc="push", disable=as_json or not progress) as bar:
        summary = push(
            ws,
            round_name=round_name,
            api_url=api_url,
            api_key=api_key,
            min_submitted=config.min_submitted,
            per_stratum=config.per_stratum,
            audit_share=config.audit_share,
            seed=config.seed,
            progress=bar.update,
            on_total=lambda n: setattr(bar, "total", n),
        )
    if as_json:
        typer.echo(json.dumps(summary.as_dict(), indent=2))
        return
    _table(
        f"pushed to {summary.dataset} at {summary.url}",
        [(reason, n) for reason, n in summary.by_reason.items()]
        + [("records", summary.n_records), ("created", summary.created),
           ("updated", summary.updated), ("records/s", summary.records_per_s)],
    )  # fmt: skip
    typer.echo(f"annotators sign in at {summary.url} and open dataset {summary.dataset}")
    print_closing("review push", ws.root)


@review_app.command("pull")
def pull_command(
    workspace: WorkspaceOption = None,
    round_name: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--round", help="Only this round (default: every pushed round)."),
    ] = None,
    api_url: ApiUrlOption = None,
    api_key: ApiKeyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Pull submitted responses into the catalog's reviews table (idempotent)."""
    from drqa.cli_context import open_workspace
    from drqa.curation_ui.pull import pull

    ws = open_workspace(workspace)
    summary = pull(ws, round_name=round_name, api_url=api_url, api_key=api_key)
    if as_json:
        typer.echo(json.dumps(summary.as_dict(), indent=2))
        return
    rows = [(k, v) for k, v in summary.as_dict().items() if k not in ("datasets", "seconds")]
    _table(f"pulled {', '.join(summary.datasets)}", rows)
    if summary.unmatched:
        typer.secho(
            f"{summary.unmatched} responses are on records the catalog does not know: "
            "kept aside in reviews_unmatched",
            fg="yellow",
        )
    print_closing("review pull", ws.root)


@review_app.command("status")
def status_command(workspace: WorkspaceOption = None, as_json: JsonOption = False) -> None:
    """Progress per annotator, inter-annotator kappa, humans vs automatic labels."""
    from drqa.cli_context import open_workspace
    from drqa.curation_ui.status import review_status

    report = review_status(open_workspace(workspace))
    if as_json:
        typer.echo(json.dumps(report, indent=2, default=str))
        return
    _table(
        "progress per round (records with min_submitted reviewers)",
        [(r["dataset"], f"{r['completed']} of {r['n_records']} (needs {r['min_submitted']})")
         for r in report["rounds"]] or [("(nothing pushed yet)", "")],
    )  # fmt: skip
    _table(
        "progress per annotator",
        [(f"{p['dataset']} / {p['reviewer']}", f"{p['submitted']} of {p['of_records']}")
         for p in report["progress"]] or [("(no reviews pulled yet)", "")],
    )  # fmt: skip
    ia, hv = report["inter_annotator"], report["human_vs_auto"]
    _table(
        "agreement",
        [
            (f"between annotators ({ia['method']} kappa)", ia["kappa"]),
            ("items rated by 2+", ia["items_rated_by_2_or_more"]),
            ("humans = automatic label", hv["agreement"]),
            ("humans vs automatic (kappa)", hv["kappa"]),
            ("chains with consensus / ties", "{chains_with_consensus} / {ties}".format(
                **report["consensus"])),
            ("unmatched responses", report["unmatched_responses"]),
        ],
    )  # fmt: skip
    matrix = hv["confusion_auto_x_human"]
    _table(
        "confusion (rows: automatic, columns: human)",
        [(auto, "  ".join(f"{h}:{n}" for h, n in row.items())) for auto, row in matrix.items()],
    )


def _table(title: str, rows: list[tuple]) -> None:
    print_table(title, ["", "value"], rows, show_header=False)


def register(app: typer.Typer) -> None:
    """Add the ``review`` command group to the drqa app."""
    from drqa.curation_ui.users_cli import users_app

    review_app.add_typer(users_app, name="users")
    app.add_typer(review_app, name="review")
