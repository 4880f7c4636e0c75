"""drqa.schema is the contract: the migrated catalog, the migrations' status comments and the
release's labels columns all equal it; the label set and status sets are spelled out once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from drqa.catalog import migrations
from drqa.schema import (
    GENERATION_STATUSES,
    LABEL_SOURCES,
    LABELS,
    RELEASE_LABEL_COLUMNS,
    ROW_TYPES,
    SPLIT_STATUSES,
    VERIFY_STATUSES,
    names,
    polars_schema,
)
from drqa.workspace import Workspace

REPO = Path(__file__).parents[2]
CATALOG_TABLES = [t for t in ROW_TYPES if t != "release_labels"]


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    ws = Workspace.resolve(tmp_path_factory.mktemp("schema") / "ws")
    with ws.write("test"):
        pass
    return ws


@pytest.mark.parametrize("table", CATALOG_TABLES)
def test_migrated_catalog_columns_equal_the_schema(migrated, table):
    with migrated.read() as con:
        rows = con.execute(
            "SELECT column_name, data_type, is_nullable FROM information_schema.columns"
            " WHERE table_name = ? ORDER BY ordinal_position",
            [table],
        ).fetchall()
    catalog = [(name, kind, nullable == "YES") for name, kind, nullable in rows]
    schema = [(c.name, c.type, c.nullable) for c in ROW_TYPES[table]]
    assert catalog == schema, (
        f"catalog table {table} and drqa.schema disagree: a migration changed {table}, so update "
        "drqa/schema.py (names, order, type, nullability)"
    )


def _documented(table: str, column: str) -> list[str]:
    """The values a migration's comment lists for a column, e.g. ``-- ok | failed``."""
    pattern = re.compile(rf"^\s*{column}\s+VARCHAR[^-]*--\s*([^;(\n]+)", re.M)
    for _, _, sql in migrations():
        body = re.search(rf"CREATE TABLE {table} \((.*?)\n\);", sql, re.S)
        found = pattern.search(body.group(1)) if body else None
        if found:
            return [v.strip() for v in found.group(1).split("|")]
    raise AssertionError(f"no comment lists the values of {table}.{column}")


@pytest.mark.parametrize(
    ("table", "column", "values"),
    [
        ("generations", "status", GENERATION_STATUSES),
        ("chains", "split_status", SPLIT_STATUSES),
        ("chains", "verify_status", VERIFY_STATUSES),
        ("chains", "label", LABELS),
        ("reviews", "label", LABELS),
        ("release_chains", "label_source", LABEL_SOURCES),
    ],
)
def test_migration_comments_list_the_schema_enumerations(table, column, values):
    assert tuple(_documented(table, column)) == values


def test_release_labels_columns_are_the_schemas(tmp_path):
    from drqa.builders.release.config import GateConfig
    from drqa.builders.release.gate import read_workspace_gate_input
    from drqa.builders.release.gate_data import GATE_ONLY_COLUMNS, release_labels
    from drqa.testing.synthetic_release import write_synthetic_corpus

    ws = Workspace.resolve(tmp_path / "ws")
    write_synthetic_corpus(ws, 6)
    data = read_workspace_gate_input(ws, GateConfig())
    shipped = [c for c in data.candidates.columns if c not in GATE_ONLY_COLUMNS]
    assert shipped == list(names(RELEASE_LABEL_COLUMNS))
    released = release_labels(data.candidates)
    assert released.schema == polars_schema(RELEASE_LABEL_COLUMNS)
    assert released.height > 0 and set(released["label"]) <= set(LABELS)


def test_release_writes_and_documents_exactly_the_schemas_labels_columns(tmp_path):
    import pyarrow.parquet as pq

    from drqa.builders.release.snapshot import make_release
    from drqa.testing.synthetic_release import write_synthetic_corpus

    ws = Workspace.resolve(tmp_path / "ws")
    write_synthetic_corpus(ws, 6)
    folder = make_release(ws, "1.0.0", override="schema test")
    [shard, *_] = sorted((folder / "data" / "labels").glob("*.parquet"))
    assert pq.read_schema(shard).names == list(names(RELEASE_LABEL_COLUMNS))
    card = (folder / "README.md").read_text()
    rows: dict[str, str] = {}  # the labels table comes first
    for line in card.splitlines():
        if line.startswith("| `"):
            rows.setdefault(line.split(" | ")[0], line)
    for column in RELEASE_LABEL_COLUMNS:  # documented with its Hub feature, never a SQL type
        line = rows[f"| `{column.name}`"]
        assert line.endswith(f" | {column.doc} |") and column.type.rstrip("[]") not in line


SPELLED_OUT = [
    (re.compile(r"""\(\s*["']A["'],\s*["']B["'],\s*["']C["']\s*\)"""), "the label tuple"),
    (re.compile(r"""\[\s*["']A["'],\s*["']B["'],\s*["']C["']\s*\]"""), "the label list"),
    (re.compile(r"""in\s+["']ABC["']"""), "the label string"),
    (re.compile(r"""["']no_answer["'],\s*["']gold_unparseable["'],\s*["']timeout["']"""), "verify"),
    (re.compile(r"""["']missing["'],\s*["']truncated["'],\s*["']unsplittable["']"""), "split"),
]


def test_label_set_and_status_sets_are_defined_once():
    roots = ["drqa", "builders", "labeling", "curation_ui", "trainer", "evals", "benchmarks"]
    offenders = []
    for root in roots:
        for path in (REPO / root).rglob("*.py"):
            if path == REPO / "drqa" / "schema.py":
                continue
            text = path.read_text(encoding="utf-8")
            offenders += [
                f"{path.relative_to(REPO)}: {what}"
                for pattern, what in SPELLED_OUT
                if pattern.search(text)
            ]
    assert not offenders, "import these from drqa.schema instead: " + "; ".join(offenders)
