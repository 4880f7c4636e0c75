"""Start, wait for and stop the embedded Argilla server of a workspace.

The server's state lives in ``<workspace>/argilla`` (mode 0700): its SQLite database, its TMPDIR
(each start copies the 14 MB UI there), ``credentials.json`` (owner user, password, API key),
``server.json`` (url and pid while it runs, read by push/pull/status) and ``server.log``; every
file there is 0600. The embedded server's owner key is made here and never taken from
``ARGILLA_API_KEY`` (that variable is for an external server: ``--api-url``/``ARGILLA_API_URL``).
"""

from __future__ import annotations

import ipaddress
import json
import os
import secrets
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import httpx

from drqa.curation_ui.server_env import ensure_server_env, package_file
from drqa.errors import DrqaError
from drqa.workspace import Workspace

DEFAULT_PORT = 6900
OWNER_USERNAME = "owner"
ARGILLA_WORKSPACE = "drqa"


PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
# variables of an external Argilla, or other secrets, that the embedded server must not see
_NOT_FOR_THE_SERVER = ("ARGILLA_API_KEY", "ARGILLA_API_URL", "HF_TOKEN", "OPENAI_API_KEY")


def state_dir(ws: Workspace) -> Path:
    """The server's private folder (created 0700; an older, looser one is tightened)."""
    path = ws.root / "argilla"
    path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
    make_private(path)
    return path


def make_private(path: Path) -> None:
    """Tighten ``path`` to 0700 (folder) or 0600 (file), and the files directly in a folder."""
    if path.is_dir():
        os.chmod(path, PRIVATE_DIR_MODE)
        for child in path.iterdir():
            if child.is_file() and not child.is_symlink():
                os.chmod(child, PRIVATE_FILE_MODE)
    elif path.is_file():
        os.chmod(path, PRIVATE_FILE_MODE)


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to a file that is 0600 from the moment it exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    with os.fdopen(fd, "w") as handle:
        os.fchmod(handle.fileno(), PRIVATE_FILE_MODE)
        handle.write(text)


def load_credentials(ws: Workspace) -> dict:
    """The owner's username, password and API key; made and stored (0600) on first use.

    The embedded server always uses its own key: ``ARGILLA_API_KEY`` is never adopted.
    """
    path = state_dir(ws) / "credentials.json"
    if path.exists():
        return json.loads(path.read_text())
    creds = {
        "username": OWNER_USERNAME,
        "password": secrets.token_urlsafe(12),
        "api_key": "drqa." + secrets.token_urlsafe(24),
    }
    write_private(path, json.dumps(creds, indent=2))
    return creds


def running_server(ws: Workspace) -> dict | None:
    """``{"url", "pid"}`` of this workspace's server when one is running, else None."""
    path = state_dir(ws) / "server.json"
    try:
        info = json.loads(path.read_text())
        os.kill(int(info["pid"]), 0)
    except (OSError, ValueError, KeyError):
        return None
    return info


@dataclass
class ServerHandle:
    """A running embedded Argilla server; ``stop()`` (or leaving a ``with``) shuts it down."""

    url: str
    api_key: str
    username: str
    password: str
    log_path: Path
    process: subprocess.Popen
    helpers: list[subprocess.Popen] = field(default_factory=list)
    state_file: Path | None = None

    def stop(self, timeout_s: float = 20.0) -> None:
        """Ask the server (and its worker) to shut down; kill what does not stop in time."""
        for proc in [*self.helpers, self.process]:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
        deadline = time.monotonic() + timeout_s
        for proc in [*self.helpers, self.process]:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if self.state_file is not None:
            self.state_file.unlink(missing_ok=True)

    def __enter__(self) -> ServerHandle:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def network_exposure_warning(host: str) -> str | None:
    """One line when ``--host`` binds beyond loopback, None for loopback addresses and names.

    Bound to ``0.0.0.0``, a LAN address or a hostname that resolves beyond loopback, the server
    hands this workspace's chains and the annotators' responses to whoever can reach it.
    """
    if _is_loopback(host):
        return None
    return (
        f"warning: --host {host} serves this workspace's chains and the annotators' responses to "
        "the network (anyone who reaches it can try to sign in); the default 127.0.0.1 keeps "
        "them on this machine"
    )


def _is_loopback(host: str) -> bool:
    name = host.strip().strip("[]")
    try:
        return ipaddress.ip_address(name.split("%")[0]).is_loopback
    except ValueError:
        pass
    try:  # a name: loopback only when every address it resolves to is
        found = {info[4][0] for info in socket.getaddrinfo(name, None)}
    except (OSError, UnicodeError):
        return False
    try:
        return bool(found) and all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in found)
    except ValueError:
        return False


def start_server(
    ws: Workspace, port: int = DEFAULT_PORT, *, host: str = "127.0.0.1", wait_s: float = 120.0
) -> ServerHandle:
    """Start argilla-server 2.8.0 for ``ws`` on SQLite with our SQL search engine; wait until ready.

    ``port=0`` picks a free port. Uses Redis at ``ARGILLA_REDIS_URL``/``REDIS_URL`` when one
    answers there (and starts an rq worker next to the server), else fakeredis with jobs run
    in-process.
    """
    if running_server(ws):
        raise DrqaError(
            f"an Argilla server already runs for workspace {ws.root} at "
            f"{running_server(ws)['url']}; stop it first (Ctrl-C in its terminal)"
        )
    python = ensure_server_env()
    port = port or _free_port(host)
    if not _port_free(host, port):
        raise DrqaError(f"port {port} on {host} is in use; pass another --port")
    creds = load_credentials(ws)
    home = state_dir(ws)
    tmp = home / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    make_private(home)
    env = {
        **{k: v for k, v in os.environ.items() if k not in _NOT_FOR_THE_SERVER},
        "TMPDIR": str(tmp),
        "DRQA_CLEAN_TMPDIR": "1",
        "ARGILLA_HOME_PATH": str(home),
        "ARGILLA_DATABASE_URL": f"sqlite+aiosqlite:///{home / 'argilla.db'}",
        "ARGILLA_DATABASE_SQLITE_TIMEOUT": "60",
        "ARGILLA_SEARCH_ENGINE": "drqa-sql",
        "ARGILLA_ENABLE_TELEMETRY": "0",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "DRQA_OWNER_USERNAME": creds["username"],
        "DRQA_OWNER_PASSWORD": creds["password"],
        "DRQA_OWNER_API_KEY": creds["api_key"],
        "DRQA_ARGILLA_WORKSPACE": ARGILLA_WORKSPACE,
    }
    redis_url = os.environ.get("ARGILLA_REDIS_URL") or os.environ.get("REDIS_URL")
    if redis_url and _redis_answers(redis_url):
        env["ARGILLA_REDIS_URL"] = redis_url
    else:
        env["DRQA_FAKEREDIS"] = "1"
    launcher = str(package_file("launcher.py"))
    log_path = home / "server.log"
    log = os.fdopen(os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), "ab")
    process = subprocess.Popen(
        [str(python), launcher, "serve", "--host", host, "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    helpers = []
    if "DRQA_FAKEREDIS" not in env:
        helpers.append(
            subprocess.Popen(
                [str(python), launcher, "worker"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )  # fmt: skip
        )
    log.close()
    url = f"http://{host}:{port}"
    handle = ServerHandle(url, creds["api_key"], creds["username"], creds["password"], log_path,
                          process, helpers)  # fmt: skip
    try:
        _wait_ready(handle, wait_s)
    except BaseException:
        handle.stop()
        raise
    handle.state_file = home / "server.json"
    write_private(handle.state_file, json.dumps({"url": url, "pid": process.pid}))
    make_private(home)  # the database the server just created
    return handle


def _wait_ready(handle: ServerHandle, wait_s: float) -> None:
    deadline = time.monotonic() + wait_s
    headers = {"X-Argilla-Api-Key": handle.api_key}
    while time.monotonic() < deadline:
        if handle.process.poll() is not None:
            tail = handle.log_path.read_text(errors="replace").strip().splitlines()[-1:]
            raise DrqaError(
                f"argilla-server exited during start-up (exit code {handle.process.returncode}): "
                f"{tail[0] if tail else 'no output'}; full log in {handle.log_path}"
            )
        try:
            if httpx.get(f"{handle.url}/api/v1/me", headers=headers, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise DrqaError(
        f"argilla-server did not answer at {handle.url} within {wait_s:.0f}s; see {handle.log_path}"
    )


def _free_port(host: str) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _port_free(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


def _redis_answers(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "localhost", parsed.port or 6379), 1):
            return True
    except OSError:
        return False
