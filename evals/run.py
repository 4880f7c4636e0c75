"""``drqa eval``: ask a model every suite's problems k times, score the answers, store figures.

Generation goes through ``drqa.builders.generation.generate.run_generation`` on the eval store
(``WORKSPACE/evals``), so it is resumable exactly like ``drqa generate``: kill it and rerun, and
only the missing samples are generated; failures are kept with their reason and retried on the
next run. Scoring and figures follow each suite's generation. Each suite's run is done under a
per-run lease (:mod:`drqa.lease`, kind ``eval``): a second ``drqa eval`` of the same run exits
with one line naming the holder (or, with ``wait``, queues behind it and then generates only
what is still missing), so two calls at once never send the same requests twice.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from drqa.builders.generation.backends.base import Backend
from drqa.builders.generation.generate import GenerateSummary, run_generation
from drqa.console import console
from drqa.evals.config import EvalConfig
from drqa.evals.guard import check_model
from drqa.evals.prompts import load_prompt
from drqa.evals.requests import (
    ModelFacts,
    eval_run_id,
    eval_store,
    model_facts,
    prepare_run,
    template_opens_thinking,
)
from drqa.evals.scoring import score_run
from drqa.evals.suites import LoadedSuite, load_suite, skipped_line
from drqa.lease import lease
from drqa.workspace import Workspace


@dataclass
class SuiteOutcome:
    """What one suite's evaluation did and found."""

    suite: str
    run_id: str
    samples: int
    new_requests: int
    generate: GenerateSummary
    scored: int
    figures: dict
    contamination: dict | None = None
    skipped: dict[str, int] = field(default_factory=dict)  # source rows left out, by reason


@dataclass
class EvalSummary:
    """The closing numbers of one ``drqa eval`` call."""

    model: ModelFacts
    store: Path
    suites: list[SuiteOutcome] = field(default_factory=list)
    seconds: float = 0.0
    tracked: list[str] = field(default_factory=list)  # trackers the figures were logged to

    @property
    def failed(self) -> int:
        """Samples whose generation failed in this call (kept with their reason)."""
        return sum(outcome.generate.failed for outcome in self.suites)


def evaluate(
    ws: Workspace,
    config: EvalConfig,
    *,
    backend: Backend | None = None,
    progress: bool = True,
    wait: bool = False,
) -> EvalSummary:
    """Evaluate ``config.generate.model`` on ``config.suites``; return the summary.

    Raises :class:`drqa.lease.LeaseHeld` (one line, exit 2) when another process is evaluating
    the same run, unless ``wait`` (then it waits for it and does what is left)."""
    from drqa.evals.tracking import log_summary, resolve_trackers

    started = time.perf_counter()
    trackers = resolve_trackers(config.report_to)  # a missing tracker fails before any work
    facts = model_facts(config.generate, config.name)
    folder = config.benchmarks_dir
    loaded: dict[str, LoadedSuite] = {
        name: load_suite(name, folder, limit=config.limit, revision=config.hub_revisions.get(name))
        for name in config.suites
    }
    contamination = check_model(
        facts.training,
        {name: [p.problem for p in suite.problems] for name, suite in loaded.items()},
        ws,
        allow_contaminated=config.allow_contaminated,
        allow_unchecked=config.allow_unchecked,
    )
    store = eval_store(ws)
    summary = EvalSummary(facts, store.root)
    opens = config.starts_in_thinking
    if opens is None:
        opens = template_opens_thinking(config.generate)
    if backend is None:
        from drqa.builders.generation.backends.registry import make_backend

        backend = make_backend(config.generate)
    from drqa.labeling.verifier import VerifierPool

    with VerifierPool(workers=config.verify_workers, timeout_s=config.verify_timeout_s) as pool:
        for name, suite in loaded.items():
            samples = config.samples or suite.spec.samples
            prompt = load_prompt(suite.spec.prompt)
            run_id = eval_run_id(config.generate, suite, prompt)
            purpose = f"drqa eval {facts.label} {name}"
            with lease(store.root, "eval", run_id, purpose=purpose, wait=wait):
                summary.suites.append(
                    _evaluate_suite(
                        store,
                        config,
                        suite,
                        prompt,
                        facts,
                        samples,
                        contamination.get(name),
                        backend,
                        pool,
                        progress,
                        opens,
                    )  # fmt: skip
                )
    summary.seconds = time.perf_counter() - started
    if trackers:
        settings = {"model": facts.model, "backend": config.generate.backend,
                    **config.generate.sampling.model_dump(), "samples": config.samples,
                    "limit": config.limit}  # fmt: skip
        summary.tracked = log_summary(
            summary, trackers, project=config.tracking_project, settings=settings,
            folder=ws.reports_dir / "evals",
        )  # fmt: skip
    return summary


def _evaluate_suite(
    store, config, suite, prompt, facts, samples, contamination, backend, pool, progress, opens
) -> SuiteOutcome:
    """Record, generate and score one suite's run (the caller holds its lease)."""
    name = suite.spec.name
    run_id, new = prepare_run(store, config.generate, suite, prompt, facts, samples, contamination)
    if progress:
        skipped = skipped_line(suite.skipped)
        console.print(
            f"[bold]{name}[/bold]: {len(suite.problems)} problems x {samples} samples "
            f"(run {run_id}, {new} new requests)" + (f"; {skipped}" if skipped else "")
        )
    generated = run_generation(store, run_id, config.generate, backend=backend, progress=progress)
    asked = (len(suite.problems), samples)
    scored, figures = score_run(store, run_id, pool, asked, starts_in_thinking=opens)
    return SuiteOutcome(
        name, run_id, samples, new, generated, scored, figures, contamination, dict(suite.skipped)
    )
