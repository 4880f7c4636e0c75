"""The argilla-server virtual environment: created on first use from exact pins, reused after.

argilla-server 2.8.0 pins fastapi 0.115, pydantic 2.9 and typer < 0.10, which clash with drqa's
own environment, so it gets a venv of its own (DESIGN.md, "Argilla without Elasticsearch").
It lives in ``$DRQA_ARGILLA_VENV`` when set, else in the user cache
(``~/.cache/drqa/argilla-server-<pins hash>``), shared by every workspace; a fresh install takes
about 40 s with PyPI reachable.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from drqa.errors import DrqaError

ENV_VENV = "DRQA_ARGILLA_VENV"
ARGILLA_SERVER_VERSION = "2.8.0"
_READY_MARKER = ".drqa-ready"


class ServerEnvUnavailable(DrqaError):
    """The argilla-server venv does not exist and could not be created (no network, ...)."""


def package_file(name: str) -> Path:
    """A file shipped in drqa.curation_ui (the launcher, the engine, the pins)."""
    return Path(str(resources.files("drqa.curation_ui") / name))


def requirements_text() -> str:
    return package_file("server_requirements.txt").read_text(encoding="utf-8")


def pins_hash() -> str:
    return hashlib.sha256(requirements_text().encode()).hexdigest()[:10]


def venv_dir() -> Path:
    """Where the server venv lives (``$DRQA_ARGILLA_VENV`` or the user cache)."""
    chosen = os.environ.get(ENV_VENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "drqa" / f"argilla-server-{ARGILLA_SERVER_VERSION}-{pins_hash()}"


def venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def is_ready(venv: Path | None = None) -> bool:
    venv = venv or venv_dir()
    marker = venv / _READY_MARKER
    return marker.exists() and marker.read_text().strip() == pins_hash()


def ensure_server_env(log: Callable[[str], None] = print) -> Path:
    """The server venv's python, creating the venv first when needed (one process at a time)."""
    venv = venv_dir()
    if is_ready(venv) or (os.environ.get(ENV_VENV) and venv_python(venv).exists()):
        return venv_python(venv)  # a venv named by DRQA_ARGILLA_VENV is the user's to keep
    venv.parent.mkdir(parents=True, exist_ok=True)
    lock_fd = os.open(str(venv) + ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(lock_fd, fcntl.LOCK_EX)  # another process may be installing it right now
        if not is_ready(venv):
            _create(venv, log)
    finally:
        os.close(lock_fd)
    return venv_python(venv)


def _create(venv: Path, log: Callable[[str], None]) -> None:
    log(f"creating the argilla-server {ARGILLA_SERVER_VERSION} environment in {venv} (~40 s)")
    shutil.rmtree(venv, ignore_errors=True)
    requirements = package_file("server_requirements.txt")
    steps = [
        [sys.executable, "-m", "venv", str(venv)],
        [str(venv_python(venv)), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--no-input", "-r", str(requirements)],
    ]  # fmt: skip
    for command in steps:
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=900)
        except (OSError, subprocess.TimeoutExpired) as exc:
            shutil.rmtree(venv, ignore_errors=True)
            raise _failure(venv, str(exc)) from exc
        if done.returncode != 0:
            shutil.rmtree(venv, ignore_errors=True)  # never leave a half-made venv to be reused
            lines = (done.stderr or done.stdout).strip().splitlines()
            raise _failure(venv, lines[-1] if lines else f"exit code {done.returncode}")
    (venv / _READY_MARKER).write_text(pins_hash())


def _failure(venv: Path, detail: str) -> ServerEnvUnavailable:
    return ServerEnvUnavailable(
        f"could not create the argilla-server environment in {venv}: {detail}; it needs PyPI "
        f"once (pip), or point {ENV_VENV} at a venv with curation_ui/server_requirements.txt"
    )
