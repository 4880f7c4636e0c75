"""``drqa review users add|list|remove``: the people who review, as users of the Argilla server.

drqa's roles map onto Argilla's: an **annotator** labels the records of the ``drqa`` workspace
(Argilla ``annotator``); a **reviewer** also sees every annotator's responses and the dataset
settings (Argilla ``admin``, limited to the workspaces it belongs to). Users are added to the
``drqa`` workspace, so they see every review round pushed there. With two or more annotators,
push a round with ``review.min_submitted: 2`` (or ``--min-submitted 2``) to get overlap and
agreement figures.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import asdict, dataclass
from typing import Literal

from drqa.curation_ui.connection import Target, resolve_target
from drqa.curation_ui.push import ARGILLA_WORKSPACE
from drqa.errors import DrqaError
from drqa.optional import require
from drqa.workspace import Workspace

Role = Literal["annotator", "reviewer"]
ARGILLA_ROLE = {"annotator": "annotator", "reviewer": "admin"}
DRQA_ROLE = {"annotator": "annotator", "admin": "reviewer", "owner": "owner"}
_USERNAME = re.compile(r"^(?![-_])[a-z0-9_-]{1,50}$")
MIN_PASSWORD = 8


@dataclass(frozen=True)
class ReviewUser:
    """One user as drqa shows it; ``password`` is set only right after ``add``."""

    username: str
    role: str
    in_workspace: bool
    password: str | None = None

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}


def _role(user) -> str:
    return str(getattr(user.role, "value", user.role))


def _client_and_workspace(target: Target):
    rg = require("argilla", "drqa review users")
    client = target.client()
    workspace = client.workspaces(ARGILLA_WORKSPACE)
    if workspace is None:
        workspace = rg.Workspace(name=ARGILLA_WORKSPACE, client=client).create()
    return rg, client, workspace


def add_user(
    ws: Workspace,
    username: str,
    role: Role = "annotator",
    *,
    password: str | None = None,
    api_url: str | None = None,
    api_key: str | None = None,
) -> ReviewUser:
    """Create ``username`` with ``role`` in the ``drqa`` workspace; returns it with its password
    (generated when not given). An existing user is refused, never changed."""
    if not _USERNAME.match(username or ""):
        raise DrqaError(
            f"user name {username!r} is not allowed: use lower-case letters, digits, '-' or '_' "
            "(not first), at most 50 characters"
        )
    if role not in ARGILLA_ROLE:
        raise DrqaError(f"role {role!r} is not one of annotator, reviewer")
    if password is not None and len(password) < MIN_PASSWORD:
        raise DrqaError(f"the password needs at least {MIN_PASSWORD} characters")
    target = resolve_target(ws, api_url, api_key)
    rg, client, workspace = _client_and_workspace(target)
    if client.users(username) is not None:
        raise DrqaError(
            f"user {username!r} already exists on {target.url}; remove it first "
            f"(`drqa review users remove {username}`) or pick another name"
        )
    password = password or secrets.token_urlsafe(12)
    user = rg.User(
        username=username, password=password, role=ARGILLA_ROLE[role], client=client
    ).create()
    workspace.add_user(user)
    return ReviewUser(username, role, True, password)


def list_users(
    ws: Workspace, *, api_url: str | None = None, api_key: str | None = None
) -> list[ReviewUser]:
    """Every user of the Argilla server, with its drqa role and whether it is in ``drqa``."""
    target = resolve_target(ws, api_url, api_key)
    _, client, workspace = _client_and_workspace(target)
    members = {user.username for user in workspace.users}
    return sorted(
        (
            ReviewUser(u.username, DRQA_ROLE.get(_role(u), _role(u)), u.username in members)
            for u in client.users
        ),
        key=lambda u: u.username,
    )


def remove_user(
    ws: Workspace, username: str, *, api_url: str | None = None, api_key: str | None = None
) -> None:
    """Delete ``username`` from the Argilla server (its submitted responses stay in drqa's
    catalog once pulled; pull first)."""
    target = resolve_target(ws, api_url, api_key)
    _, client, _ = _client_and_workspace(target)
    user = client.users(username)
    if user is None:
        known = ", ".join(sorted(u.username for u in client.users)) or "none"
        raise DrqaError(f"no user {username!r} on {target.url}; users: {known}")
    if _role(user) == "owner":
        raise DrqaError(f"user {username!r} is the server's owner and cannot be removed")
    user.delete()
