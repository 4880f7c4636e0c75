"""Contamination guard: a model from ``drqa train`` must not be scored on problems it trained on.

The training release is found from the model's ``drqa_training.json`` (its release folder, else
``WORKSPACE/releases/<version>``); its problems are checked against each suite's evaluated
problems with the ingest stage's n-gram decontaminator. A suite with any overlap is refused
unless ``allow_contaminated`` is set; a release that cannot be found is reported as unchecked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from drqa.builders.ingest.decontaminate import Decontaminator
from drqa.errors import DrqaError
from drqa.workspace import Workspace

# drqa train writes {"release": {"folder", "source", "version", "manifest_sha256", ...}}
_FOLDER_KEYS = ("folder", "source", "release_folder", "release_dir", "release_path")
_VERSION_KEYS = ("release_version", "version")


def _release_fields(training: Mapping) -> tuple[str | None, list[str]]:
    """The release version and candidate folders named in ``drqa_training.json``."""
    scopes = [training]
    if isinstance(training.get("release"), Mapping):
        scopes.append(training["release"])
    version, folders = None, []
    for scope in scopes:
        version = version or next((str(scope[k]) for k in _VERSION_KEYS if scope.get(k)), None)
        folders += [str(scope[k]) for k in _FOLDER_KEYS if isinstance(scope.get(k), str)]
    if isinstance(training.get("release"), str):
        folders.append(training["release"])
    return version, folders


def find_release(training: Mapping, ws: Workspace | None) -> tuple[Path | None, str | None]:
    """The local folder of the model's training release (None when it is not on this machine)."""
    version, folders = _release_fields(training)
    if ws is not None and version:
        folders.append(str(ws.releases_dir / version))
    for folder in folders:
        path = Path(folder).expanduser()
        if (path / "manifest.json").is_file():
            return path, version
        if version and (path / version / "manifest.json").is_file():
            return path / version, version
    return None, version


def release_problems(folder: Path, version: str | None) -> list[str]:
    """The problem texts of a release (its files checked against the manifest first)."""
    from drqa.builders.release.loader import load_release

    return [str(text) for text in load_release(folder, version, config="problems")["problem"]]


def overlap_by_suite(
    training_problems: Sequence[str], suites: Mapping[str, Sequence[str]]
) -> dict[str, int]:
    """How many training problems share n-grams with each suite's problems."""
    index = Decontaminator.build({name: list(texts) for name, texts in suites.items()})
    counts = dict.fromkeys(suites, 0)
    for flagged in index.flag(list(training_problems)):
        for name in flagged:
            counts[name] += 1
    return counts


def check_model(
    training: Mapping | None,
    suites: Mapping[str, Sequence[str]],
    ws: Workspace | None,
    *,
    allow_contaminated: bool = False,
) -> dict[str, dict]:
    """Per suite: ``{"status": clean|contaminated|unchecked, "overlap": n, ...}``.

    Raises a one-line DrqaError naming the contaminated suites unless ``allow_contaminated``.
    """
    if not training:
        return {}
    folder, version = find_release(training, ws)
    if folder is None:
        why = f"training release {version or '?'} not found on this machine"
        return {name: {"status": "unchecked", "reason": why} for name in suites}
    problems = release_problems(folder, version)
    counts = overlap_by_suite(problems, suites)
    result = {
        name: {
            "status": "contaminated" if n else "clean",
            "overlap": n,
            "training_problems": len(problems),
            "release": version,
        }
        for name, n in counts.items()
    }
    dirty = [f"{name} ({n})" for name, n in counts.items() if n]
    if dirty and not allow_contaminated:
        raise DrqaError(
            f"training release {version} overlaps {', '.join(dirty)} (training problems sharing "
            "n-grams with the suite); drop those suites or pass --allow-contaminated"
        )
    return result
