"""``drqa publish``: a release to the Hugging Face Hub (one commit, tagged with the version) or to
a folder in the same Hub layout (loadable with ``datasets.load_dataset(folder, "labels")``).

Before anything leaves the workspace the release is checked against its manifest and the digest
recorded in the catalog when it was made (``verified_release``), so a release edited or replaced
on disk is refused, and a folder with no catalog row (an interrupted or copied release) too.
"""

from __future__ import annotations

import os
import shutil
import uuid
from datetime import datetime, timezone
from pathlib import Path

from drqa.builders.release.manifest import VerifiedRelease, format_digest, verify_release
from drqa.builders.release.reconcile import reconcile_releases
from drqa.builders.release.snapshot import validate_version
from drqa.errors import DrqaError
from drqa.workspace import Workspace, open_workspace

TOKEN_ENV = "HF_TOKEN"
# Files of an earlier version this upload replaces (README.md, manifest.json: overwritten).
STALE_ON_HUB = ["data/**", "report/**", "*.png", "*.json", "manifest.sig"]


def release_folder(workspace: Workspace, version: str) -> Path:
    """The folder of an existing release, or one line naming the releases there are."""
    validate_version(version)
    folder = workspace.releases_dir / version
    if not folder.is_dir():
        known = sorted(
            p.name for p in workspace.releases_dir.glob("*") if p.is_dir() and p.name[0] != "."
        ) if workspace.releases_dir.exists() else []  # fmt: skip
        raise DrqaError(
            f"no release {version} in {workspace.releases_dir}; known releases: "
            f"{', '.join(known) or 'none (run `drqa release VERSION` first)'}"
        )
    return folder


def verified_release(workspace: Workspace, version: str) -> VerifiedRelease:
    """Release ``version`` checked against its manifest and the catalog's recorded digest."""
    reconcile_releases(workspace)
    folder = release_folder(workspace, version)
    with workspace.read() as con:
        rows = con.execute(
            "SELECT manifest_sha256 FROM releases WHERE version = ?", [version]
        ).fetchall()
    if not rows:
        raise DrqaError(
            f"release folder {folder} has no record in the catalog of {workspace.root}; only "
            f"releases made by `drqa release` here can be published: run `drqa release {version}`"
        )
    return verify_release(folder, digest=format_digest(rows[0][0]))


def release_digest(ws: Workspace | str | Path | None, version: str) -> str:
    """The verified digest (``sha256:<hex>``) of release ``version`` in a workspace."""
    return verified_release(open_workspace(ws), version).digest


def publish_to_folder(ws: Workspace | str | Path | None, version: str, to: str | Path) -> Path:
    """Copy release ``version`` to ``to`` (which must not exist or be empty), atomically."""
    workspace = open_workspace(ws)
    verified = verified_release(workspace, version)
    source = verified.folder
    target = Path(to).expanduser().resolve()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise DrqaError(f"{target} exists and is not empty; pass a new folder to --to")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f".{target.name}.staging-{uuid.uuid4().hex[:8]}"
    try:
        shutil.copytree(source, staging)
        verify_release(staging, digest=verified.digest)
        if target.exists():
            target.rmdir()
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _record(workspace, version, "folder", str(target), None)
    return target


def publish_to_hub(
    ws: Workspace | str | Path | None, version: str, repo: str, *, private: bool | None = None
) -> str:
    """Upload release ``version`` to the Hub dataset ``repo`` as one commit tagged ``version``.

    The token comes from ``$HF_TOKEN`` (else huggingface_hub's saved login). Returns the commit.
    """
    from huggingface_hub import HfApi

    workspace = open_workspace(ws)
    if repo.count("/") != 1 or not all(repo.split("/")):
        raise DrqaError(f"--repo {repo!r} is not a Hub repo id; use ORG/NAME")
    source = verified_release(workspace, version).folder
    api = HfApi(token=os.environ.get(TOKEN_ENV) or None)
    try:
        api.create_repo(repo, repo_type="dataset", exist_ok=True, private=private)
        commit = api.upload_folder(
            repo_id=repo,
            repo_type="dataset",
            folder_path=source,
            commit_message=f"drqa release {version}",
            delete_patterns=STALE_ON_HUB,
        )
        api.create_tag(
            repo, tag=version, repo_type="dataset", revision=commit.oid,
            tag_message=f"drqa release {version}",
        )  # fmt: skip
    except Exception as exc:  # HTTP, network, token: one line, never a traceback
        first = str(exc).splitlines()[0] if str(exc) else ""
        token = "" if _has_token() else f" (none is set: export {TOKEN_ENV}=hf_...)"
        raise DrqaError(
            f"publishing {version} to Hub dataset {repo} failed: {type(exc).__name__}: {first}; "
            f"check the network, ${TOKEN_ENV} (a write token){token} and the repo name"
        ) from exc
    _record(workspace, version, "hub", repo, commit.oid)
    return commit.oid


def _has_token() -> bool:
    if os.environ.get(TOKEN_ENV):
        return True
    try:
        from huggingface_hub import get_token

        return bool(get_token())
    except Exception:  # an unreadable token file is "no token" here
        return False


def _record(workspace: Workspace, version: str, target: str, location: str, revision) -> None:
    with workspace.write(f"record publication of {version}", wait_s=30.0) as con:
        con.execute(
            "INSERT INTO publications VALUES (?, ?, ?, ?, ?)",
            [version, target, location, revision, datetime.now(timezone.utc).replace(tzinfo=None)],
        )
