"""The evaluation benchmarks a training corpus must not overlap, and where their problems come from.

Real use loads them from the Hub (``datasets.load_dataset``); tests and offline machines point
``benchmark_dir`` at a folder of ``<name>.jsonl`` files with a ``problem`` field.
"""

from __future__ import annotations

import json
from pathlib import Path

from drqa.errors import DrqaError

# name -> (hub id, config, split, problem field)
HUB_BENCHMARKS: dict[str, tuple[str, str | None, str, str]] = {
    "gsm8k": ("openai/gsm8k", "main", "test", "question"),
    "math500": ("HuggingFaceH4/MATH-500", None, "test", "problem"),
    "aime2024": ("HuggingFaceH4/aime_2024", None, "train", "problem"),
    "aime2025": ("yentinglin/aime_2025", None, "train", "problem"),
    "amc2023": ("math-ai/amc23", None, "test", "question"),
    "gpqa_diamond": ("Idavidrein/gpqa", "gpqa_diamond", "train", "Question"),
}


def default_benchmark_dir() -> Path | None:
    """``../shared/data/benchmarks`` next to the working folder's project, when it exists."""
    for base in (Path.cwd(), *Path.cwd().parents):
        candidate = base.parent / "shared" / "data" / "benchmarks"
        if candidate.is_dir():
            return candidate
        if (base / "pyproject.toml").exists():
            break
    return None


def load_benchmark_problems(
    names: tuple[str, ...], folder: str | Path | None
) -> dict[str, list[str]]:
    """Problem texts of each named benchmark, from ``folder`` or else from the Hub."""
    result: dict[str, list[str]] = {}
    for name in names:
        if folder is not None:
            result[name] = _from_folder(Path(folder), name)
        else:
            result[name] = _from_hub(name)
    return result


def _from_folder(folder: Path, name: str) -> list[str]:
    candidates = [folder / f"{name}.jsonl", folder / f"{name}_test.jsonl"]
    path = next((p for p in candidates if p.is_file()), None)
    if path is None:
        available = sorted(p.stem for p in folder.glob("*.jsonl"))
        raise DrqaError(f"benchmark {name!r}: no {candidates[0]}; that folder has {available}")
    problems = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                problems.append(str(json.loads(line).get("problem") or ""))
    return problems


def _from_hub(name: str) -> list[str]:
    if name not in HUB_BENCHMARKS:
        raise DrqaError(f"unknown benchmark {name!r}; known: {sorted(HUB_BENCHMARKS)}")
    from datasets import load_dataset

    hub_id, config, split, field = HUB_BENCHMARKS[name]
    try:
        dataset = load_dataset(hub_id, config, split=split)
    except Exception as exc:
        raise DrqaError(
            f"cannot load benchmark {name} from the Hub ({hub_id}): {type(exc).__name__}; "
            "offline, pass --benchmark-dir DIR (a folder of <name>.jsonl files) "
            "or --no-decontaminate"
        ) from exc
    return [str(row[field]) for row in dataset]
