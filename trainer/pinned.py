"""The release a run trains on: loaded through ``drqa.load_release`` (every file hash-checked,
the manifest digest pinned when given), and refused when its gate did not pass, unless the run
says why (``train.allow_ungated``; the reason is recorded).
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from drqa.builders.release.loader import load_release, resolve_release_folder
from drqa.builders.release.manifest import MANIFEST, file_sha256, read_manifest
from drqa.errors import DrqaError
from drqa.schema import LABELS
from drqa.trainer.config import TrainConfig

LABEL_NAMES = LABELS
# gate checks that say the problems were checked against the evaluation benchmarks
_CONTAMINATION_WORDS = ("contamina", "evaluation benchmark")


@dataclass(frozen=True)
class PinnedRelease:
    """A verified release: where it came from, which manifest it is, and its labels rows."""

    source: str
    folder: Path
    version: str | None
    manifest_sha256: str
    gate_passed: bool
    gate_problems: tuple[str, ...]  # why it counts as ungated (empty when gated)
    override: str | None
    allow_ungated: str | None
    code_version: str | None
    labels: pl.DataFrame
    problems: pl.DataFrame | None = None  # the problems config (train.task: solve only)
    signed: bool = False  # a signature by one of train.trusted_keys was checked

    @property
    def digest(self) -> str:
        return f"sha256:{self.manifest_sha256}"

    def pin_line(self, requested: str | None) -> str:
        """One line saying which release the run trains on (and that the folder chose the
        version when none was asked for)."""
        how = (
            f"as pinned by --version {requested}"
            if requested
            else "no --version given: the version this folder holds"
        )
        signed = ", signature checked" if self.signed else ""
        return f"release {self.version} ({self.digest}{signed}) from {self.folder}: {how}"

    def lineage(self) -> dict[str, Any]:
        """The facts a model card and ``drqa_training.json`` record about the data."""
        return {
            "source": self.source,
            "folder": str(self.folder),  # where it was read (a Hub download: the local cache)
            "version": self.version,
            "manifest_sha256": self.manifest_sha256,
            "digest": self.digest,
            "gate_passed": self.gate_passed,
            "ungated_because": list(self.gate_problems),
            "override_reason": self.override,
            "allow_ungated": self.allow_ungated,
            "release_code_version": self.code_version,
            "rows": self.labels.height,
            "signature_checked": self.signed,
        }


def gate_problems(manifest: dict[str, Any]) -> list[str]:
    """Why a release does not count as gated: a failed/overridden gate, or no contamination
    check that passed. Empty when it is gated."""
    gate = manifest.get("gate")
    if not isinstance(gate, dict):
        return ["its manifest records no quality-gate result"]
    problems = []
    override = manifest.get("override") or {}
    if not gate.get("passed"):
        failed = ", ".join(gate.get("failed") or []) or "unknown checks"
        problems.append(f"its gate failed ({failed})")
    if override.get("used"):
        problems.append(f"it was released past the gate with --override {override.get('reason')!r}")
    checks = gate.get("checks") or []
    contamination = [
        c for c in checks if any(w in str(c.get("name", "")).lower() for w in _CONTAMINATION_WORDS)
    ]
    # every contamination check must pass ("checked for every problem" and "no overlap")
    if not contamination or not all(c.get("status") == "pass" for c in contamination):
        problems.append("its contamination check did not run or did not pass")
    return problems


def _load(folder: Path, config: TrainConfig, name: str = "labels"):
    kwargs: dict[str, Any] = {"config": name}
    parameters = inspect.signature(load_release).parameters
    if config.digest is not None and "digest" in parameters:
        kwargs["digest"] = config.digest
    if config.trusted_keys:  # the manifest must carry a signature by one of them
        kwargs["trusted_keys"] = list(config.trusted_keys)
    return load_release(folder, config.version, **kwargs)


def _labels_frame(dataset) -> pl.DataFrame:
    frame = pl.from_arrow(dataset.data.table)
    feature = dataset.features.get("label")
    names = getattr(feature, "names", None)
    if names is not None:  # a ClassLabel column: integers -> names
        frame = frame.with_columns(
            pl.col("label").replace_strict(list(range(len(names))), list(names), default=None)
        )
    missing = [c for c in ("chain_id", "problem_id", "problem", "chain", "label") if c not in frame]
    if missing:
        raise DrqaError(
            f"the release's labels config lacks {', '.join(missing)}; it was not written by "
            "`drqa release`"
        )
    return frame


def open_release(config: TrainConfig) -> PinnedRelease:
    """Resolve, verify and load the release ``config`` pins; refuse an ungated one."""
    if not config.release:
        raise DrqaError(
            "no release to train on: pass --release FOLDER or ORG/NAME (and --version V)"
        )
    folder = resolve_release_folder(config.release, config.version)
    expected = _normalise_digest(config.digest)
    actual = file_sha256(folder / MANIFEST) if (folder / MANIFEST).is_file() else None
    if expected is not None and actual is not None and actual != expected:
        raise DrqaError(
            f"release {folder}: manifest digest sha256:{actual} is not the pinned "
            f"sha256:{expected}; this is not the release you pinned"
        )
    if config.version and actual is not None:  # before loading: one line, exit 2
        held = read_manifest(folder).get("drqa_release")
        if held and held != config.version:
            raise DrqaError(
                f"--version {config.version} does not match release {folder}, which holds "
                f"{held}; pass --version {held} or the folder of {config.version}"
            )
    dataset = _load(folder, config)  # verifies every file's sha256 (and the signature)
    solve_problems = None
    if config.task.kind == "solve":  # the gold answers of the solving task
        solve_problems = pl.from_arrow(_load(folder, config, "problems").data.table)
    manifest = read_manifest(folder)
    problems = gate_problems(manifest)
    if problems and config.allow_ungated is None:
        raise DrqaError(
            f"release {folder} is not gated: {'; '.join(problems)}; train on a gated release or "
            "pass --allow-ungated REASON (recorded with the model)"
        )
    override = (manifest.get("override") or {}).get("reason")
    return PinnedRelease(
        source=str(config.release),
        folder=folder,
        version=manifest.get("drqa_release") or config.version,
        manifest_sha256=file_sha256(folder / MANIFEST),
        gate_passed=bool((manifest.get("gate") or {}).get("passed")),
        gate_problems=tuple(problems),
        override=override,
        allow_ungated=config.allow_ungated if problems else None,
        code_version=manifest.get("code_version"),
        labels=_labels_frame(dataset),
        problems=solve_problems,
        signed=bool(config.trusted_keys),
    )


def _normalise_digest(digest: str | None) -> str | None:
    if digest is None:
        return None
    text = digest.strip().lower().removeprefix("sha256:")
    if len(text) != 64 or any(ch not in "0123456789abcdef" for ch in text):
        raise DrqaError(f"digest {digest!r} is not sha256:<64 hex digits>; copy it from the card")
    return text
