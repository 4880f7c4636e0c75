"""Contamination guard: a model from ``drqa train`` must not be scored on problems it trained on.

The training release is the one ``drqa_training.json`` names *by digest*: its recorded source
(a local folder, or a Hub dataset repo at the recorded version) and its recorded folder are
tried, and a candidate counts only when its manifest digest is the recorded one and every file
checks against the manifest (``drqa.load_release(..., digest=...)``). A release that merely has
the same version (another workspace's ``releases/1.1.0``) is never used. Its problems are
checked against each suite's evaluated problems with the ingest stage's n-gram decontaminator;
a suite with any overlap is refused unless ``allow_contaminated`` is set.

When the release cannot be verified (not on this machine, no digest recorded, a digest that
differs, damaged files) the suites are "unchecked", and that is never silent: evaluation is
refused (exit 2, one line) unless ``allow_unchecked`` gives a reason, which is stored with the
run and shown by ``drqa eval report``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from drqa.builders.ingest.decontaminate import Decontaminator
from drqa.errors import DrqaError
from drqa.workspace import Workspace

_SOURCE_KEYS = ("source", "folder", "release_folder", "release_dir", "release_path")


class Unverified(Exception):
    """Why the model's training release could not be verified (a short reason)."""


def _release_facts(training: Mapping) -> tuple[dict, str | None, str | None]:
    """(the release block, its version, its digest ``sha256:<hex>``) from ``drqa_training.json``."""
    release = training.get("release")
    release = dict(release) if isinstance(release, Mapping) else {}
    version = release.get("version") or training.get("release_version")
    digest = release.get("digest")
    if not digest and release.get("manifest_sha256"):
        digest = f"sha256:{release['manifest_sha256']}"
    return release, (str(version) if version else None), (str(digest) if digest else None)


def find_release(training: Mapping) -> tuple[Path, str | None, str]:
    """The verified local folder of the model's training release, its version and digest.

    Raises :class:`Unverified` with the reason when no recorded source holds a release whose
    manifest digest is the recorded one.
    """
    from drqa.builders.release.loader import resolve_release_folder
    from drqa.builders.release.manifest import MANIFEST, file_sha256

    release, version, digest = _release_facts(training)
    if not release:
        raise Unverified("drqa_training.json names no training release")
    if not digest:
        raise Unverified(f"drqa_training.json records no digest for release {version or '?'}")
    want = digest.lower().removeprefix("sha256:")
    sources = list(dict.fromkeys(str(release[k]) for k in _SOURCE_KEYS if release.get(k)))
    tried = []
    for source in sources:
        try:
            folder = resolve_release_folder(source, version)
        except DrqaError as exc:
            tried.append(f"{source}: {str(exc)[:120]}")
            continue
        if not (folder / MANIFEST).is_file():
            tried.append(f"{source}: no release there")
            continue
        if file_sha256(folder / MANIFEST) != want:
            tried.append(f"{folder}: a release whose digest differs from the recorded one")
            continue
        return folder, version, digest
    where = "; ".join(tried) or "no source recorded"
    raise Unverified(f"training release {version or '?'} ({digest[:19]}...) not found: {where}")


def release_problems(folder: Path, version: str | None, digest: str | None = None) -> list[str]:
    """The problem texts of a release (every file checked against the pinned manifest first)."""
    from drqa.builders.release.loader import load_release

    dataset = load_release(folder, version, config="problems", digest=digest)
    return [str(text) for text in dataset["problem"]]


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
    ws: Workspace | None = None,
    *,
    allow_contaminated: bool = False,
    allow_unchecked: str | None = None,
) -> dict[str, dict]:
    """Per suite: ``{"status": clean|contaminated|unchecked, "overlap": n, ...}`` (``{}`` for a
    model that is not a ``drqa train`` output). ``ws`` is not searched: a release is found by
    the digest its model recorded, never by its version number.

    Raises a one-line DrqaError (exit 2) naming the contaminated suites unless
    ``allow_contaminated``, and for an unverifiable release unless ``allow_unchecked`` (a
    reason, recorded with each suite's status).
    """
    del ws  # kept in the signature for callers; the recorded digest decides
    if not training:
        return {}
    try:
        folder, version, digest = find_release(training)
        problems = release_problems(folder, version, digest)
    except (Unverified, DrqaError) as exc:
        why = str(exc)
        if not allow_unchecked:
            raise DrqaError(
                f"cannot check the model for contamination: {why}; make the training release "
                "available, or pass --allow-unchecked REASON (the report marks it)"
            ) from None
        return {
            name: {"status": "unchecked", "reason": why, "allowed": allow_unchecked}
            for name in suites
        }
    counts = overlap_by_suite(problems, suites)
    result = {
        name: {
            "status": "contaminated" if n else "clean",
            "overlap": n,
            "training_problems": len(problems),
            "release": version,
            "digest": digest,
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
