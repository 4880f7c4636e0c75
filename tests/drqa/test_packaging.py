"""The wheel holds every module and data file of the mapped folders; core imports no stage."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).parents[2]
# Folder -> package, as setup.py maps them (the wheel holds folder/x as package/x).
ROOTS = {
    "drqa": "drqa",
    "builders": "drqa/builders",
    "labeling": "drqa/labeling",
    "curation_ui": "drqa/curation_ui",
    "trainer": "drqa/trainer",
    "evals": "drqa/evals",
    "recipes": "drqa/recipes",
}
STAGES = ("drqa.builders", "drqa.labeling", "drqa.curation_ui", "drqa.trainer", "drqa.evals")
CORE = ("drqa.schema", "drqa.workspace", "drqa.catalog", "drqa.ids", "drqa.errors", "drqa.config")


def _shipped_files() -> list[str]:
    """Every file of the mapped folders (tracked ones in a git checkout), as wheel paths."""
    listed = subprocess.run(
        ["git", "ls-files", "--", *ROOTS], cwd=REPO, capture_output=True, text=True
    )
    if listed.returncode == 0 and listed.stdout.strip():
        files = [REPO / line for line in listed.stdout.splitlines()]
    else:  # not a checkout: every file but caches
        files = [p for root in ROOTS for p in (REPO / root).rglob("*") if p.is_file()]
    wanted = []
    for path in files:
        relative = path.relative_to(REPO)
        if "__pycache__" in relative.parts or not path.exists():
            continue
        wanted.append("/".join((ROOTS[relative.parts[0]], *relative.parts[1:])))
    return sorted(wanted)


@pytest.mark.slow
def test_wheel_holds_every_module_and_data_file(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation",
         "-q", "-w", str(tmp_path)],
        cwd=REPO, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    [wheel] = tmp_path.glob("drqa-*.whl")
    inside = set(zipfile.ZipFile(wheel).namelist())
    wanted = _shipped_files()
    missing = [name for name in wanted if name not in inside]
    assert not missing, (
        f"left out of the wheel: {missing[:10]}; a folder needs an __init__.py (setup.py finds "
        "packages by it); data files need a glob in [tool.setuptools.package-data]"
    )
    kinds = {
        "migrations": "drqa/migrations/0001_core.sql",
        "templates": "drqa/builders/compose/templates/batched-v1.jinja",
        "quickstart data": "drqa/data/quickstart_problems.jsonl",
        "recipes": "drqa/recipes/quickstart.yaml",
    }
    assert {kind for kind, name in kinds.items() if name in inside} == set(kinds)
    assert not [name for name in inside if name.startswith("tests/")]


def test_core_modules_import_no_stage():
    code = (
        f"import sys\nimport {', '.join(CORE)}\n"
        f"print(sorted(m for m in sys.modules if m.startswith({STAGES!r})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", f"core imports a stage: {out.stdout.strip()}"
