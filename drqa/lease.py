"""Per-key leases: one process at a time works on a given run (``drqa generate``, ``drqa eval``).

A lease is an advisory, non-blocking ``flock`` on ``<workspace>/leases/<kind>-<key>.lock``;
the holder writes its PID, purpose and start time into the file so that a second process can
say who holds it. The kernel drops the lock when the holder exits, even on ``kill -9``, so a
stale file never blocks anyone. Public core helper: any stage may use it (``drqa eval`` can take
``lease(ws.root, "eval", run_key, ...)`` the same way ``drqa generate`` takes ``"generate"``).

    with lease(ws.root, "generate", run_id, purpose=f"drqa generate {run_id}"):
        ...  # a second process gets LeaseHeld (exit 2) naming the run and the holder's PID

``wait=True`` (``--wait``) blocks until the holder is done instead of failing.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

from drqa.errors import DrqaError

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


class LeaseHeld(DrqaError):
    """Another process holds the lease (exit 2, one line naming the holder)."""


def lease_path(root: Path, kind: str, key: str) -> Path:
    """The lock file of ``kind``/``key`` under a workspace root (keys of any spelling are safe)."""
    safe = _UNSAFE.sub("_", key)[:80]
    if safe != key:  # two keys that sanitise alike must not share a lock
        safe += "-" + hashlib.blake2b(key.encode(), digest_size=4).hexdigest()
    return Path(root) / "leases" / f"{_UNSAFE.sub('_', kind)}-{safe}.lock"


def lease_holder(path: Path) -> dict | None:
    """What the holder of ``path`` wrote (pid, purpose, since), or None when unreadable."""
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "null")
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None


@contextlib.contextmanager
def lease(
    root: Path,
    kind: str,
    key: str,
    *,
    purpose: str,
    wait: bool = False,
    poll_s: float = 0.2,
) -> Iterator[Path]:
    """Hold the lease ``kind``/``key`` for the ``with`` block; raise :class:`LeaseHeld` when
    another process holds it (or wait for it with ``wait=True``)."""
    path = lease_path(root, kind, key)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not wait:
                    info = lease_holder(path) or {}
                    pid = info.get("pid", "unknown")
                    since = f", since {info['since']}" if info.get("since") else ""
                    raise LeaseHeld(
                        f"{kind} {key!r} is already being run by another process (pid {pid}"
                        f"{since}: {info.get('purpose', 'unknown')}); wait for it to finish, "
                        "or pass --wait to queue behind it"
                    ) from None
                time.sleep(poll_s)
        holder = {"pid": os.getpid(), "purpose": purpose, "since": time.strftime("%H:%M:%S")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(holder).encode(), 0)
        yield path
    finally:
        os.close(fd)  # closing releases the flock
