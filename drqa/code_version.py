"""The code version recorded in every lineage: drqa's version and, in a checkout, its commit."""

from __future__ import annotations

import subprocess
from pathlib import Path


def code_version() -> str:
    """drqa's version, plus the git commit of its source tree when it is a checkout."""
    import drqa

    version = f"drqa {drqa.__version__}"
    try:
        commit = subprocess.run(
            ["git", "-C", str(Path(drqa.__file__).parent), "rev-parse", "--short", "HEAD"],
            capture_output=True, text=True, timeout=5, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return version
    return f"{version} (git {commit})" if commit else version
