"""Which Argilla a review command talks to: ``--api-url/--api-key``, else the workspace's own."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import httpx

from drqa.curation_ui.server import load_credentials, running_server
from drqa.errors import DrqaError
from drqa.optional import require
from drqa.workspace import Workspace


@dataclass(frozen=True)
class Target:
    """An Argilla instance answering with a valid API key."""

    url: str
    api_key: str
    username: str

    def http(self, timeout_s: float = 120.0) -> httpx.Client:
        """A plain HTTP client for the REST API (bulk upserts and pages of records)."""
        headers = {"X-Argilla-Api-Key": self.api_key}
        return httpx.Client(base_url=self.url, headers=headers, timeout=timeout_s)

    def client(self) -> Any:
        """The ``argilla`` SDK client for this instance."""
        rg = require("argilla", "drqa review")
        return rg.Argilla(api_url=self.url, api_key=self.api_key)


def resolve_target(ws: Workspace, api_url: str | None, api_key: str | None) -> Target:
    """The external Argilla named by flags/env, else the workspace's running server.

    Raises a one-line error naming the URL tried when it does not answer or refuses the key.
    """
    api_url = api_url or os.environ.get("ARGILLA_API_URL")
    if not api_url:
        info = running_server(ws)
        if info is None:
            raise DrqaError(
                f"no Argilla server runs for workspace {ws.root}: start one with "
                "`drqa review serve` (in another terminal), or pass --api-url/--api-key"
            )
        api_url = info["url"]
        api_key = api_key or load_credentials(ws)["api_key"]
    api_key = api_key or os.environ.get("ARGILLA_API_KEY")
    if not api_key:
        raise DrqaError(
            f"no API key for Argilla at {api_url}: pass --api-key or set ARGILLA_API_KEY"
        )
    return Target(api_url.rstrip("/"), api_key, _check(api_url.rstrip("/"), api_key))


def _check(url: str, api_key: str) -> str:
    try:
        answer = httpx.get(f"{url}/api/v1/me", headers={"X-Argilla-Api-Key": api_key}, timeout=10)
    except httpx.HTTPError as exc:
        raise DrqaError(
            f"cannot reach Argilla at {url} ({type(exc).__name__}): is the server running? "
            "start it with `drqa review serve` or check --api-url"
        ) from None
    if answer.status_code in (401, 403):
        raise DrqaError(f"Argilla at {url} refused the API key: check --api-key/ARGILLA_API_KEY")
    if answer.status_code != 200:
        raise DrqaError(
            f"Argilla at {url} answered {answer.status_code} to /api/v1/me: {answer.text[:200]}"
        )
    return answer.json()["username"]
