"""Review fixtures: a workspace with synthetic chains and a real Argilla server on 127.0.0.1.

``review_server`` starts argilla-server 2.8.0 (its own venv, created on first use) once per
session and stops it at the end; it skips (never fails) when that venv cannot be created.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pytest

N_CHAINS = 240
ANNOTATORS = ("alice", "bob")
ANNOTATOR_PASSWORD = "review-pass-1234"


@dataclass
class ReviewServer:
    ws: object  # drqa.workspace.Workspace
    handle: object  # drqa.curation_ui.server.ServerHandle
    annotator_keys: dict[str, str]

    @property
    def url(self) -> str:
        return self.handle.url

    def judge(
        self,
        username: str,
        record_id: str,
        correctness: str,
        segmentation: str,
        comment: str | None = None,
    ):
        """Submit a reviewer's two judgements on a drqa review record, as the web UI does."""
        values = {"correctness": {"value": correctness}, "segmentation": {"value": segmentation}}
        return self.submit_values(username, record_id, values, comment)

    def submit(self, username: str, record_id: str, label: str, comment: str | None = None):
        """Submit a response to a dataset with a ``label`` question (not drqa's review screen)."""
        return self.submit_values(username, record_id, {"label": {"value": label}}, comment)

    def submit_values(self, username: str, record_id: str, values: dict, comment: str | None):
        """Submit a response as an annotator, through the REST API the web UI uses."""
        values = dict(values)
        if comment:
            values["comment"] = {"value": comment}
        answer = httpx.post(
            f"{self.url}/api/v1/records/{record_id}/responses",
            headers={"X-Argilla-Api-Key": self.annotator_keys[username]},
            json={"values": values, "status": "submitted"},
            timeout=30,
        )
        answer.raise_for_status()
        return answer.json()


@pytest.fixture(scope="session")
def review_server(tmp_path_factory):
    """A workspace with synthetic chains, its Argilla server and two annotators."""
    pytest.importorskip("argilla")
    from drqa.curation_ui.server import start_server
    from drqa.curation_ui.server_env import ServerEnvUnavailable
    from drqa.testing.synthetic_chains import insert_synthetic_chains, synthetic_chains
    from drqa.workspace import Workspace

    ws = Workspace.resolve(tmp_path_factory.mktemp("review") / "ws")
    insert_synthetic_chains(ws, synthetic_chains(N_CHAINS, seed=1))
    try:
        handle = start_server(ws, 0)
    except ServerEnvUnavailable as exc:
        pytest.skip(f"argilla-server venv unavailable: {exc}")
    try:
        keys = _create_annotators(handle)
        yield ReviewServer(ws, handle, keys)
    finally:
        handle.stop()


def _create_annotators(handle) -> dict[str, str]:
    import argilla as rg

    client = rg.Argilla(api_url=handle.url, api_key=handle.api_key)
    workspace = client.workspaces("drqa")
    keys = {}
    for name in ANNOTATORS:
        user = (
            client.users(name)
            or rg.User(
                username=name, password=ANNOTATOR_PASSWORD, role="annotator", client=client
            ).create()
        )
        workspace.add_user(user)
        keys[name] = httpx.get(  # the owner sees users' API keys
            f"{handle.url}/api/v1/users/{user.id}", headers={"X-Argilla-Api-Key": handle.api_key}
        ).json()["api_key"]
    return keys
