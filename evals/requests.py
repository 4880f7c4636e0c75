"""Eval runs and their requests: content-addressed, one run per model configuration x suite.

An eval run's id hashes what changes the answers (backend, model, revision, sampling, the
prompt file's hash and the benchmark's hash), so rerunning the same command finds the same run
and request ids and generates only what is missing; more samples or a larger ``limit`` add
requests to the same run. Sample ``i`` of a problem is its own request with seed ``seed + i``
(servers do not all honour ``n``).

Evals keep their own store, ``WORKSPACE/evals`` (a workspace of its own), so eval prompts and
answers never reach the corpus stages (``drqa label``, ``check``, ``release``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from drqa import __version__
from drqa.builders.generation.config import GenerateConfig
from drqa.catalog import fetch_frame, insert_frame
from drqa.errors import DrqaError
from drqa.evals.prompts import EvalPrompt
from drqa.evals.suites import LoadedSuite
from drqa.ids import content_hash, request_id
from drqa.workspace import Workspace, open_workspace

TRAINING_FILE = "drqa_training.json"
EVAL_TEMPLATE_PREFIX = "eval:"


def eval_store(ws: Workspace, *, create: bool = True) -> Workspace:
    """The eval store of a workspace (``WORKSPACE/evals``)."""
    folder = ws.root / "evals"
    if not create and not (folder / "catalog.duckdb").exists():
        raise DrqaError(f"no evaluations in {ws.root}: run `drqa eval --model ...` first")
    if create and not ws.catalog_path.exists():
        with ws.write("drqa eval (create the workspace)", wait_s=30.0):
            pass  # the workspace itself, so `drqa eval report` finds it
    return open_workspace(folder, create=create)


@dataclass(frozen=True)
class ModelFacts:
    """What identifies the model under evaluation, for lineage and the report's row label."""

    model: str
    revision: str | None
    label: str
    training: dict | None  # drqa_training.json of a `drqa train` output


def model_facts(generate: GenerateConfig, name: str | None = None) -> ModelFacts:
    """The model's identity; reads ``drqa_training.json`` when the model is a training output."""
    if not generate.model:
        raise DrqaError("no model to evaluate: pass --model (a folder, Hub id or served name)")
    training = None
    folder = Path(generate.model).expanduser()
    marker = folder / TRAINING_FILE
    if folder.is_dir() and marker.is_file():
        try:
            training = json.loads(marker.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise DrqaError(f"{marker} is not valid JSON: {exc}") from exc
    label = name or (folder.name if folder.is_dir() else generate.model)
    return ModelFacts(generate.model, generate.revision, label, training)


def template_opens_thinking(generate: GenerateConfig) -> bool:
    """Whether the model's chat template opens the thinking (:mod:`drqa.chat_format`), read
    from its tokenizer when the model is a local folder; False when it cannot be read."""
    folder = Path(generate.model).expanduser()
    if not (folder / "tokenizer_config.json").is_file():
        return False
    try:
        from transformers import AutoTokenizer

        from drqa.chat_format import opens_thinking

        return opens_thinking(AutoTokenizer.from_pretrained(str(folder)))
    except Exception:  # no chat template, no transformers: nothing says it opens the thinking
        return False


def run_config(
    generate: GenerateConfig, suite: LoadedSuite, prompt: EvalPrompt
) -> dict[str, object]:
    """The generation-relevant facts an eval run's id is the hash of (never secrets)."""
    return {
        "kind": "eval",
        "suite": suite.spec.name,
        "backend": generate.backend,
        "model": generate.model,
        "revision": generate.revision,
        "sampling": generate.sampling.model_dump(),
        "prompt": {"name": prompt.name, "hash": prompt.hash},
        "benchmark": suite.source_hash,
    }


def eval_run_id(generate: GenerateConfig, suite: LoadedSuite, prompt: EvalPrompt) -> str:
    """The content id of an eval run."""
    return "eval-" + content_hash(run_config(generate, suite, prompt))


def prepare_run(
    store: Workspace,
    generate: GenerateConfig,
    suite: LoadedSuite,
    prompt: EvalPrompt,
    facts: ModelFacts,
    samples: int,
    contamination: dict | None = None,
) -> tuple[str, int]:
    """Record the run, its problems and every missing request; return (run id, new requests)."""
    config = run_config(generate, suite, prompt)
    run = "eval-" + content_hash(config)
    with store.write("drqa eval (requests)", wait_s=30.0) as con:
        known = set(
            fetch_frame(con, "SELECT request_id FROM requests WHERE run_id = ?", [run])[
                "request_id"
            ]
        )
        rows, problems = _request_rows(run, suite, prompt, samples, known)
        _record(con, run, config, generate, suite, prompt, facts, contamination, problems, rows)
    return run, rows.height


def _request_rows(run, suite, prompt, samples, known) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The run's problems, and its requests not in ``known``."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    problems = pl.DataFrame(
        {
            "run_id": [run] * len(suite.problems),
            "problem_key": [p.key for p in suite.problems],
            "position": list(range(len(suite.problems))),
            "problem": [p.problem for p in suite.problems],
            "answer": [p.answer for p in suite.problems],
            "choices": pl.Series([list(p.choices) or None for p in suite.problems],
                                 dtype=pl.List(pl.String)),
            "answer_letter": [p.answer_letter for p in suite.problems],
        }
    )  # fmt: skip
    columns: dict[str, list] = {"request_id": [], "key": [], "sample_index": [], "messages": []}
    for problem in suite.problems:
        messages = None
        for sample in range(samples):
            rid = request_id(run, [problem.key], sample)
            if rid in known:
                continue
            messages = messages or json.dumps(prompt.messages(problem))
            columns["request_id"].append(rid)
            columns["key"].append(problem.key)
            columns["sample_index"].append(sample)
            columns["messages"].append(messages)
    rows = pl.DataFrame(columns, schema_overrides={"sample_index": pl.Int32}).with_columns(
        run_id=pl.lit(run),
        batch_id=pl.col("key"),
        batch_size=pl.lit(1, pl.Int32),
        problem_ids=pl.concat_list("key"),
        template_name=pl.lit(EVAL_TEMPLATE_PREFIX + prompt.name),
        template_hash=pl.lit(prompt.hash),
        created_at=pl.lit(now),
    )
    return rows, problems


def _record(con, run, config, generate, suite, prompt, facts, contamination, problems, rows):
    """Insert the run's lineage, its problems and its new requests on the write connection."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    con.execute(
        "INSERT INTO runs VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [run, facts.label, json.dumps({**config, "code_version": __version__}), now],
    )
    con.execute(
        """
        INSERT INTO eval_runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (run_id) DO UPDATE SET model_label = excluded.model_label,
            training = excluded.training, contamination = excluded.contamination
        """,
        [
            run, facts.label, suite.spec.name, facts.model, facts.revision,
            generate.backend, json.dumps(config["sampling"]), prompt.name, prompt.hash,
            suite.source, suite.source_hash,
            json.dumps(facts.training) if facts.training is not None else None,
            json.dumps(contamination) if contamination is not None else None,
            __version__, now,
        ],
    )  # fmt: skip
    insert_frame(
        con, "eval_problems", problems,
        "run_id, problem_key, position, problem, answer, choices, answer_letter",
    )  # fmt: skip
    if rows.height:
        insert_frame(
            con, "requests", rows,
            "request_id, run_id, batch_id, batch_size, sample_index, problem_ids,"
            " messages::JSON, template_name, template_hash, created_at",
        )  # fmt: skip
