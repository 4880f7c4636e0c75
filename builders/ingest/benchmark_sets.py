"""The evaluation benchmarks a training corpus must not overlap, and where their problems come from.

Real use loads them from the Hub (``datasets.load_dataset``); tests and offline machines point
``benchmark_dir`` (``--benchmarks-dir``) at a folder of ``<name>.jsonl`` files with a ``problem``
field, and only the suites found there are checked.
"""

from __future__ import annotations

import json
from pathlib import Path

from drqa.errors import DrqaError
from drqa.hub import hub_unreachable_reason

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
    """``../shared/data/benchmarks`` beside the project the working folder is in (its nearest
    folder holding a ``pyproject.toml``), or beside the working folder itself when it is in no
    project; None when that folder does not exist. Never a ``shared`` folder further up."""
    cwd = Path.cwd()
    root = next((base for base in (cwd, *cwd.parents) if (base / "pyproject.toml").exists()), cwd)
    candidate = root.parent / "shared" / "data" / "benchmarks"
    return candidate if candidate.is_dir() else None


def load_benchmark_problems(
    names: tuple[str, ...], folder: str | Path | None
) -> dict[str, list[str]]:
    """Problem texts of the named benchmarks, from ``folder`` or else from the Hub.

    A folder gives the suites it holds (at least one; the caller sees which from the keys); the
    Hub gives every named suite or one clear error, at once when the Hub is evidently out of
    reach (``HF_HUB_OFFLINE``, or a first connection that fails fast), never a retry loop.
    """
    if folder is not None:
        return _from_folder(Path(folder), names)
    unreachable = hub_unreachable_reason()
    result: dict[str, list[str]] = {}
    for name in names:
        result[name] = _from_hub(name, unreachable)
    return result


def _from_folder(folder: Path, names: tuple[str, ...]) -> dict[str, list[str]]:
    if not folder.is_dir():
        raise DrqaError(f"--benchmarks-dir {folder}: no such folder")
    result: dict[str, list[str]] = {}
    for name in names:
        candidates = [folder / f"{name}.jsonl", folder / f"{name}_test.jsonl"]
        path = next((p for p in candidates if p.is_file()), None)
        if path is not None:
            result[name] = _read_problems(path)
    if not result:
        available = sorted(p.stem for p in folder.glob("*.jsonl"))
        raise DrqaError(
            f"--benchmarks-dir {folder}: none of {', '.join(names)} is there "
            f"(<name>.jsonl); that folder has {available or 'no .jsonl files'}"
        )
    return result


def _read_problems(path: Path) -> list[str]:
    problems = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                problems.append(str(json.loads(line).get("problem") or ""))
            except (ValueError, AttributeError):
                raise DrqaError(f"{path}:{number}: not a JSON object with a problem") from None
    return problems


OFFLINE_HINT = "pass --benchmarks-dir DIR (a folder of <name>.jsonl files) or --no-decontaminate"


def _from_hub(name: str, unreachable: str | None = None) -> list[str]:
    if name not in HUB_BENCHMARKS:
        raise DrqaError(f"unknown benchmark {name!r}; known: {sorted(HUB_BENCHMARKS)}")
    hub_id, config, split, field = HUB_BENCHMARKS[name]
    if unreachable and not unreachable.endswith(" is set"):
        raise DrqaError(f"cannot load benchmark {name} from the Hub: {unreachable}; {OFFLINE_HINT}")
    from datasets import load_dataset

    try:  # with HF_HUB_OFFLINE set, a cached copy still loads (without any network)
        dataset = load_dataset(hub_id, config, split=split)
    except Exception as exc:
        why = unreachable or type(exc).__name__
        raise DrqaError(
            f"cannot load benchmark {name} from the Hub ({hub_id}): {why}; {OFFLINE_HINT}"
        ) from exc
    return [str(row[field]) for row in dataset]
