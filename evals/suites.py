"""The six benchmarks: where their problems come from and how each is asked and scored.

A suite loads from a folder of JSONL files (``<name>.jsonl`` or ``<name>_test.jsonl`` with
``problem`` and ``answer`` fields; GPQA also ``choices`` and ``answer_letter``), as in
``../shared/data/benchmarks``, or from its Hub dataset (``datasets.load_dataset``) at the
revision in :data:`SUITES` or ``eval.hub_revisions``. Either way the source's identity (file
sha256, or Hub id + revision) goes into the run's lineage.

``quickstart`` is the project's own small suite shipped as package data
(``drqa/data/quickstart_eval.jsonl``: grade-school problems written for the offline quickstart,
not a benchmark). Every source row left out is counted by its reason (:data:`SKIP_REASONS`).
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from drqa.builders.ingest.benchmark_sets import HUB_BENCHMARKS
from drqa.builders.ingest.gold_answers import extract_gold
from drqa.errors import DrqaError

LETTERS = "ABCD"
QUICKSTART_FILE = "quickstart_eval.jsonl"  # in drqa/data: the project's own, not a benchmark
SKIP_REASONS = {  # reason -> how the summary says it ("skipped: 3 without an answer")
    "empty_problem": "with an empty problem",
    "missing_answer": "without an answer",
    "bad_choices": "without four options holding the answer",
}


@dataclass(frozen=True)
class SuiteSpec:
    """How one benchmark is asked (prompt), scored (kind) and sampled by default."""

    name: str
    kind: Literal["math", "choice"]
    prompt: str  # a file in evals/templates without the .jinja suffix
    samples: int  # the conventional k for pass@1[avg-of-k]
    answer_field: str
    answer_format: str = "plain"  # as drqa.builders.ingest.gold_answers.extract_gold reads it
    revision: str | None = None  # Hub revision; None = the default branch (set eval.hub_revisions)


SUITES: dict[str, SuiteSpec] = {
    "gsm8k": SuiteSpec("gsm8k", "math", "math-v1", 4, "answer", "gsm8k"),
    "math500": SuiteSpec("math500", "math", "math-v1", 4, "answer"),
    "aime2024": SuiteSpec("aime2024", "math", "math-v1", 64, "answer"),
    "aime2025": SuiteSpec("aime2025", "math", "math-v1", 64, "answer"),
    "amc2023": SuiteSpec("amc2023", "math", "math-v1", 16, "answer"),
    "gpqa_diamond": SuiteSpec("gpqa_diamond", "choice", "gpqa-v1", 8, "Correct Answer"),
    "quickstart": SuiteSpec("quickstart", "math", "math-v1", 1, "answer"),
}
BENCHMARK_SUITES = tuple(name for name in SUITES if name != "quickstart")
SUITE_TITLES = {  # how reports and plots name each suite
    "gsm8k": "GSM8K",
    "math500": "MATH-500",
    "aime2024": "AIME 2024",
    "aime2025": "AIME 2025",
    "amc2023": "AMC 2023",
    "gpqa_diamond": "GPQA-Diamond",
    "quickstart": "quickstart (not a benchmark)",
}


@dataclass(frozen=True)
class EvalProblem:
    """One benchmark problem: its key within the suite, text, gold answer and options."""

    key: str  # the source's id, else the 1-based row number
    problem: str
    answer: str  # the gold answer (for GPQA the text of the correct option)
    choices: tuple[str, ...] = ()
    answer_letter: str | None = None


@dataclass
class LoadedSuite:
    """A suite's problems (after ``limit``) and where they came from."""

    spec: SuiteSpec
    problems: list[EvalProblem]
    source: str  # file path or hub id
    source_hash: str  # sha256 of the file, or hub id@revision
    total: int = 0  # problems in the source before the limit
    skipped: dict[str, int] = field(default_factory=dict)


def suite_spec(name: str) -> SuiteSpec:
    """The spec of a suite, or a one-line error listing the known ones."""
    try:
        return SUITES[name]
    except KeyError:
        raise DrqaError(f"unknown suite {name!r}; known: {', '.join(SUITES)}") from None


def load_suite(
    name: str,
    folder: str | Path | None = None,
    *,
    limit: int | None = None,
    revision: str | None = None,
) -> LoadedSuite:
    """The problems of suite ``name`` from ``folder`` (JSONL) or else the Hub, first ``limit``."""
    spec = suite_spec(name)
    if name == "quickstart":
        from importlib import resources

        with resources.as_file(resources.files("drqa") / "data" / QUICKSTART_FILE) as path:
            loaded = _from_folder(spec, path.parent, path)
    elif folder is not None:
        loaded = _from_folder(spec, Path(folder))
    else:
        loaded = _from_hub(spec, revision or spec.revision)
    loaded.total = len(loaded.problems)
    seen: set[str] = set()
    for problem in loaded.problems:
        if problem.key in seen:
            raise DrqaError(
                f"suite {name}: id {problem.key!r} occurs twice in {loaded.source}; "
                "problem ids must be unique"
            )
        seen.add(problem.key)
    if limit is not None:
        loaded.problems = loaded.problems[:limit]
    if not loaded.problems:
        raise DrqaError(f"suite {name}: no usable problems in {loaded.source}")
    return loaded


def skipped_line(skipped: dict[str, int]) -> str | None:
    """``skipped: 3 without an answer, 1 with an empty problem`` (None when nothing was)."""
    parts = [f"{n} {SKIP_REASONS.get(why, why)}" for why, n in skipped.items() if n]
    return "skipped: " + ", ".join(parts) if parts else None


def _from_folder(spec: SuiteSpec, folder: Path, path: Path | None = None) -> LoadedSuite:
    candidates = [folder / f"{spec.name}.jsonl", folder / f"{spec.name}_test.jsonl"]
    path = path or next((p for p in candidates if p.is_file()), None)
    if path is None:
        available = sorted(p.stem for p in folder.glob("*.jsonl")) if folder.is_dir() else []
        raise DrqaError(
            f"suite {spec.name}: no {candidates[0].name} in {folder} (it has {available}); "
            "pass --benchmarks-dir with the benchmark JSONL files"
        )
    data = path.read_bytes()
    problems, skipped = [], {}
    for row_no, line in enumerate(data.decode("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            raise DrqaError(f"{path}:{row_no}: not valid JSON") from None
        if not isinstance(row, dict):
            raise DrqaError(f"{path}:{row_no}: not a JSON object")
        problem = _problem_from_row(spec, row, row_no)
        if isinstance(problem, str):
            skipped[problem] = skipped.get(problem, 0) + 1
        else:
            problems.append(problem)
    return LoadedSuite(spec, problems, str(path), hashlib.sha256(data).hexdigest(), 0, skipped)


def _problem_from_row(spec: SuiteSpec, row: dict, row_no: int) -> EvalProblem | str:
    """The problem of one file row, or the reason it is skipped (a :data:`SKIP_REASONS` key)."""
    key = str(row.get("id") or row_no)
    text = str(row.get("problem") or "").strip()
    answer = str(row.get("answer") or "").strip()
    if not text:
        return "empty_problem"
    if not answer:
        return "missing_answer"
    if spec.kind != "choice":
        return EvalProblem(key, text, answer)
    choices = tuple(str(c) for c in row.get("choices") or ())
    letter = row.get("answer_letter")
    if len(choices) != 4 or letter not in LETTERS or choices[LETTERS.index(letter)] != answer:
        return "bad_choices"
    return EvalProblem(key, text, answer, choices, letter)


def _from_hub(spec: SuiteSpec, revision: str | None) -> LoadedSuite:
    from datasets import load_dataset

    hub_id, config, split, problem_field = HUB_BENCHMARKS[spec.name]
    try:
        dataset = load_dataset(hub_id, config, split=split, revision=revision)
    except Exception as exc:
        raise DrqaError(
            f"cannot load suite {spec.name} from the Hub ({hub_id}): {type(exc).__name__}; "
            "offline, pass --benchmarks-dir DIR (a folder of <suite>.jsonl files)"
        ) from exc
    problems, skipped = [], {}
    for row_no, row in enumerate(dataset, 1):
        problem = _problem_from_hub_row(spec, row, row_no, problem_field)
        if isinstance(problem, str):
            skipped[problem] = skipped.get(problem, 0) + 1
        else:
            problems.append(problem)
    fingerprint = getattr(dataset, "_fingerprint", "")
    source_hash = f"{hub_id}@{revision or 'default'}:{fingerprint}"
    return LoadedSuite(spec, problems, hub_id, source_hash, 0, skipped)


def _problem_from_hub_row(spec, row: dict, row_no: int, problem_field: str):
    key = str(row.get("id") or row.get("unique_id") or row.get("Record ID") or row_no)
    text = str(row.get(problem_field) or "").strip()
    answer = extract_gold(row.get(spec.answer_field), spec.answer_format)
    if not text:
        return "empty_problem"
    if not answer:
        return "missing_answer"
    if spec.kind != "choice":
        return EvalProblem(key, text, answer)
    wrong = [str(row.get(f"Incorrect Answer {i}") or "").strip() for i in (1, 2, 3)]
    return shuffled_choice(key, text, answer, wrong)


def shuffled_choice(key: str, text: str, correct: str, wrong: list[str]) -> EvalProblem:
    """A four-option problem with its options in a fixed order seeded by the question."""
    correct = correct.strip()
    options = [correct, *wrong]
    seed = int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)
    random.Random(seed).shuffle(options)
    return EvalProblem(key, text, correct, tuple(options), LETTERS[options.index(correct)])
