"""``drqa.load_release(folder_or_repo, version, config, digest=..., trusted_keys=...)``: a
``datasets.Dataset`` from a release folder that passed every check of
:func:`drqa.builders.release.manifest.verify_release` first.

A folder is checked in place; a Hub dataset repo is downloaded at the tag ``version`` with
``snapshot_download`` and then checked the same way. Pin ``digest`` (``sha256:...``, printed by
``drqa release`` and ``drqa publish``) the way one pins a container image.

``labels`` rows keep each chain's ``thinking`` and ``answer_section`` apart (releases made
before migration 0008 have only ``chain``: :func:`release_has_sections` tells them apart); the
``chat`` config holds the same chains in the model's own format with ``chat_edits``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from drqa.builders.release.manifest import MANIFEST, verify_release
from drqa.errors import DrqaError

if TYPE_CHECKING:  # pragma: no cover
    from datasets import Dataset


def resolve_release_folder(folder_or_repo: str | Path, version: str | None) -> Path:
    """The local folder holding the release: a folder as given (or its ``<version>`` subfolder,
    for a workspace's releases folder), else a Hub snapshot at revision ``version``."""
    path = Path(folder_or_repo).expanduser()
    if path.exists():
        if version and not (path / MANIFEST).exists() and (path / version).is_dir():
            path = path / version
        if not path.is_dir():
            raise DrqaError(f"{path} is not a folder; pass a release folder or ORG/NAME")
        return path
    if str(folder_or_repo).count("/") != 1 or str(folder_or_repo).startswith((".", "/")):
        raise DrqaError(
            f"no release folder at {path.resolve()} and {folder_or_repo!r} is not a Hub repo id "
            "(ORG/NAME); check the path"
        )
    return _download(str(folder_or_repo), version)


def _download(repo_id: str, version: str | None) -> Path:
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import (
        HfHubHTTPError,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    try:
        local = snapshot_download(repo_id, repo_type="dataset", revision=version)
    except RevisionNotFoundError as exc:
        raise DrqaError(
            f"release {version} not found in Hub dataset {repo_id}; list its tags on the Hub"
        ) from exc
    except RepositoryNotFoundError as exc:
        raise DrqaError(
            f"Hub dataset {repo_id} not found (or private: set HF_TOKEN); check ORG/NAME"
        ) from exc
    except (HfHubHTTPError, OSError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DrqaError(f"could not download Hub dataset {repo_id}@{version}: {first}") from exc
    return Path(local)


def load_release(
    folder_or_repo: str | Path,
    version: str | None = None,
    *,
    config: str = "labels",
    digest: str | None = None,
    trusted_keys: Any = None,
) -> Dataset:
    """Verify the release, then load one config (``labels``, ``generations``, ``problems``...)
    as a ``datasets.Dataset``.

    Checks every file's sha256 against ``manifest.json``, refuses files it does not list and
    paths outside the folder, and a header that disagrees with the data; with ``digest``
    (``sha256:<hex>``) the manifest must be exactly the pinned one; with ``trusted_keys`` (ed25519
    public keys: PEM files, PEM text or key objects) it must carry a signature by one of them.
    Any failure raises one ``DrqaError`` naming it; nothing is loaded.
    """
    folder = resolve_release_folder(folder_or_repo, version)
    manifest = verify_release(folder, digest=digest, trusted_keys=trusted_keys).manifest
    release_version = manifest.get("drqa_release")
    if version and release_version and release_version != version:
        raise DrqaError(
            f"{folder} holds release {release_version}, not {version}; pass the right version"
        )
    prefix = f"data/{config}/"
    files = sorted(name for name in manifest["files"] if name.startswith(prefix))
    if not files:
        known = sorted({n.split("/")[1] for n in manifest["files"] if n.startswith("data/")})
        raise DrqaError(
            f"release {folder} has no config {config!r}; choose one of {', '.join(known)}"
        )
    from datasets import load_dataset

    return load_dataset(str(folder), config, split="train")


def release_has_sections(dataset: Dataset) -> bool:
    """True when a loaded ``labels`` config keeps ``thinking`` and ``answer_section`` apart."""
    return {"thinking", "answer_section"} <= set(dataset.column_names)
