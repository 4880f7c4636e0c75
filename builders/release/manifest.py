"""A release's manifest and the checks a consumer runs before trusting a release folder.

Trust model (README, "Trust model"): ``manifest.json`` lists the sha256 and size of every file
of the release, and carries the release's header (version, row and label counts, gate result,
override). The sha256 of ``manifest.json`` itself is the release's **digest**
(``sha256:<hex>``): printed by ``drqa release``/``drqa publish``, stored in the catalog, and
pinned by consumers (``load_release(..., digest=...)``), so a forged manifest fails even when its
file hashes were recomputed. :func:`verify_release` refuses missing, changed, extra and
out-of-folder files, a header that disagrees with the data, and (with ``trusted_keys``) a missing
or foreign ed25519 signature (:mod:`drqa.builders.release.signing`).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from drqa.builders.release.integrity import (
    DIGEST_PREFIX,
    MANIFEST,
    NOT_COVERED,
    NOT_COVERED_DIRS,
    ReleaseIntegrityError,
)
from drqa.builders.release.manifest_header import check_header
from drqa.builders.release.signing import verify_signature
from drqa.errors import DrqaError

_CHUNK = 1 << 20


@dataclass(frozen=True)
class VerifiedRelease:
    """A release that passed every check: its manifest, digest and (if signed) signer."""

    folder: Path
    manifest: dict[str, Any]
    digest: str
    signed_by: str | None = None


def file_sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def format_digest(sha256_hex: str) -> str:
    """``sha256:<hex>``, the form a release digest is printed and pinned in."""
    return DIGEST_PREFIX + sha256_hex


def normalise_digest(digest: str) -> str:
    """The hex part of a digest given as ``sha256:<hex>`` or ``<hex>`` (one line if malformed)."""
    text = digest.strip().lower()
    text = text[len(DIGEST_PREFIX) :] if text.startswith(DIGEST_PREFIX) else text
    if len(text) != 64 or any(c not in "0123456789abcdef" for c in text):
        raise DrqaError(f"digest {digest!r} is not sha256:<64 hex digits>; copy it from the card")
    return text


def release_files(folder: Path) -> list[Path]:
    """Every file a manifest must cover (all but the manifest, its signature and download
    metadata), sorted by relative path; symlinks count as files."""
    found = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        if here == folder:
            dirs[:] = [d for d in dirs if d not in NOT_COVERED_DIRS]
        for name in files + [d for d in dirs if (here / d).is_symlink()]:
            path = here / name
            if path.relative_to(folder).as_posix() not in NOT_COVERED:
                found.append(path)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def write_manifest(
    folder: Path, header: dict[str, Any], known: dict[str, tuple[str, int]] | None = None
) -> str:
    """Hash every file, write ``manifest.json`` and return its own sha256 (the release digest).

    ``known`` maps relative paths to (sha256, bytes) hashed while they were written (the
    shards): those are not read again while their size on disk is the size hashed."""
    known = known or {}
    files = {}
    for p in release_files(folder):
        name, size = p.relative_to(folder).as_posix(), p.stat().st_size
        digest, hashed = known.get(name, (None, -1))
        files[name] = {"sha256": digest if hashed == size else file_sha256(p), "bytes": size}
    path = folder / MANIFEST
    path.write_text(json.dumps({**header, "files": files}, indent=2, sort_keys=True) + "\n")
    return file_sha256(path)


def manifest_digest(folder: Path) -> str:
    """``sha256:<hex>`` of a release folder's ``manifest.json``."""
    return format_digest(file_sha256(_manifest_path(folder)))


def _manifest_path(folder: Path) -> Path:
    path = folder / MANIFEST
    if not path.is_file():
        raise DrqaError(
            f"{folder} is not a drqa release: {MANIFEST} is missing; "
            "pass the folder `drqa release` or `drqa publish --to` wrote"
        )
    return path


def parse_manifest(data: bytes, where: Path) -> dict[str, Any]:
    """The parsed manifest bytes, or one line saying what is wrong with them."""
    try:
        manifest = json.loads(data)
        files = manifest["files"]
    except (ValueError, KeyError, TypeError) as exc:
        raise ReleaseIntegrityError(
            f"{where} is not a valid drqa manifest ({exc}); the release is damaged"
        ) from None
    if not isinstance(files, dict) or not files:
        raise ReleaseIntegrityError(f"{where} lists no files; the release is damaged")
    return manifest


def read_manifest(folder: Path) -> dict[str, Any]:
    """The parsed manifest (no checks: use :func:`verify_release` before trusting it)."""
    path = _manifest_path(folder)
    return parse_manifest(path.read_bytes(), path)


def verify_manifest(folder: Path) -> dict[str, Any]:
    """:func:`verify_release` without a pinned digest or keys; returns the manifest."""
    return verify_release(folder).manifest


def verify_release(
    folder: Path, *, digest: str | None = None, trusted_keys: Any = None
) -> VerifiedRelease:
    """Check a release folder against its manifest (and a pinned digest / trusted keys).

    Refuses, with one line naming the problem: a digest other than ``digest``; a signature
    missing or by no key in ``trusted_keys`` (when given); a listed path outside the folder; a
    missing or changed file; a file the manifest does not list; a header whose row or label
    counts or gate result disagree with the files.
    """
    folder = Path(folder)
    path = _manifest_path(folder)
    data = path.read_bytes()  # digest, signature and parse all use these same bytes
    actual = hashlib.sha256(data).hexdigest()
    if digest is not None and actual != normalise_digest(digest):
        raise ReleaseIntegrityError(
            f"release {folder}: digest {format_digest(actual)} is not the pinned "
            f"{format_digest(normalise_digest(digest))}; this is not the release you pinned"
        )
    signed_by = None
    if trusted_keys is not None:
        signed_by = verify_signature(folder, data, trusted_keys)
    manifest = parse_manifest(data, path)
    listed = _check_files(folder, manifest["files"])
    _check_unlisted(folder, listed)
    check_header(folder, manifest)
    return VerifiedRelease(folder, manifest, format_digest(actual), signed_by)


def safe_relative(folder: Path, relative: str) -> Path:
    """``folder / relative`` for a plain relative POSIX path that stays inside ``folder``."""
    pure = PurePosixPath(relative)
    bad = (
        not relative
        or "\\" in relative
        or pure.is_absolute()
        or any(part in ("", ".", "..") for part in relative.split("/"))
    )
    path = folder / relative
    if not bad:
        resolved = path.resolve()
        bad = not any(resolved == r or r in resolved.parents for r in _allowed_roots(folder))
    if bad:
        raise ReleaseIntegrityError(
            f"release {folder}: {MANIFEST} lists {relative!r}, a path outside the release "
            "folder; refusing to read it (the manifest is forged or damaged)"
        )
    return path


def _allowed_roots(folder: Path) -> list[Path]:
    """Where a release's files may really live: the folder, and for a Hugging Face cache
    snapshot (``.../snapshots/<revision>``, files are symlinks) the repo's ``blobs`` folder."""
    root = folder.resolve()
    roots = [root]
    if root.parent.name == "snapshots":
        roots.append(root.parent.parent / "blobs")
    return roots


def _check_files(folder: Path, files: dict[str, Any]) -> set[str]:
    for relative, expected in sorted(files.items()):
        path = safe_relative(folder, relative)
        if not isinstance(expected, dict) or not isinstance(expected.get("sha256"), str):
            raise ReleaseIntegrityError(
                f"release {folder}: {MANIFEST} entry {relative!r} has no sha256; damaged"
            )
        if not path.is_file():
            raise ReleaseIntegrityError(
                f"release {folder}: {relative} is listed in {MANIFEST} but missing; "
                "fetch the release again"
            )
        actual = file_sha256(path)
        if actual != expected["sha256"]:
            raise ReleaseIntegrityError(
                f"release {folder}: {relative} was changed after release (sha256 {actual[:12]}... "
                f"!= {expected['sha256'][:12]}... in {MANIFEST}); fetch the release again"
            )
    return set(files)


def _check_unlisted(folder: Path, listed: set[str]) -> None:
    extra = [p.relative_to(folder).as_posix() for p in release_files(folder)]
    extra = [name for name in extra if name not in listed]
    if extra:
        more = f" and {len(extra) - 1} more" if len(extra) > 1 else ""
        raise ReleaseIntegrityError(
            f"release {folder}: {extra[0]}{more} is not in {MANIFEST}; a release holds only the "
            "files its manifest lists: remove it or fetch the release again"
        )
