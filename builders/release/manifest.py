"""A release's manifest: the sha256 and size of every file, written last and checked on load."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from drqa.errors import DrqaError

MANIFEST = "manifest.json"
_CHUNK = 1 << 20


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def release_files(folder: Path) -> list[Path]:
    """Every file of a release folder except the manifest itself, sorted by relative path."""
    return sorted(
        p for p in folder.rglob("*") if p.is_file() and p.relative_to(folder).as_posix() != MANIFEST
    )


def write_manifest(folder: Path, header: dict[str, Any]) -> str:
    """Hash every file, write ``manifest.json`` and return the manifest's own sha256."""
    files = {
        p.relative_to(folder).as_posix(): {"sha256": file_sha256(p), "bytes": p.stat().st_size}
        for p in release_files(folder)
    }
    path = folder / MANIFEST
    path.write_text(json.dumps({**header, "files": files}, indent=2, sort_keys=True) + "\n")
    return file_sha256(path)


def read_manifest(folder: Path) -> dict[str, Any]:
    """The parsed manifest, or one line saying what is wrong with it."""
    path = folder / MANIFEST
    if not path.is_file():
        raise DrqaError(
            f"{folder} is not a drqa release: {MANIFEST} is missing; "
            "pass the folder `drqa release` or `drqa publish --to` wrote"
        )
    try:
        manifest = json.loads(path.read_text())
        files = manifest["files"]
    except (ValueError, KeyError, TypeError) as exc:
        raise DrqaError(
            f"{path} is not a valid drqa manifest ({exc}); the release is damaged"
        ) from None
    if not isinstance(files, dict) or not files:
        raise DrqaError(f"{path} lists no files; the release is damaged")
    return manifest


def verify_manifest(folder: Path) -> dict[str, Any]:
    """Check every file's sha256 against the manifest; one error naming the first bad file."""
    manifest = read_manifest(folder)
    for relative, expected in sorted(manifest["files"].items()):
        path = folder / relative
        if not path.is_file():
            raise DrqaError(
                f"release {folder}: {relative} is listed in {MANIFEST} but missing; "
                "fetch the release again"
            )
        actual = file_sha256(path)
        if actual != expected["sha256"]:
            raise DrqaError(
                f"release {folder}: {relative} was changed after release (sha256 {actual[:12]}... "
                f"!= {expected['sha256'][:12]}... in {MANIFEST}); fetch the release again"
            )
    return manifest
