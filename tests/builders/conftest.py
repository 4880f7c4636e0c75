"""Fixtures of the builders tests.

Release/gate fixtures (issue 4) are prefixed ``release_``: a workspace holding a healthy synthetic
corpus (``drqa.testing.synthetic_release``) that each test may corrupt with SQL.
"""

from __future__ import annotations

import pytest

from drqa.testing.synthetic_release import write_synthetic_corpus
from drqa.workspace import Workspace

RELEASE_PROBLEMS = 60  # -> 60 single + 30 pairs + 20 triples = 110 requests, 180 chains


@pytest.fixture
def release_ws(tmp_path) -> Workspace:
    """A workspace with a healthy synthetic corpus: problems, run, requests, generations, chains."""
    ws = Workspace.resolve(tmp_path / "ws")
    write_synthetic_corpus(ws, RELEASE_PROBLEMS, seed=1, unsplittable_rate=0.0)
    return ws


def release_sql(ws: Workspace, *statements: str) -> None:
    """Run SQL on the workspace catalog (how tests corrupt a healthy corpus)."""
    with ws.write("test corruption") as con:
        for statement in statements:
            con.execute(statement)
