"""scripts/write_constraints.py: the tested versions, pip-freeze style, from a registry."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location(
        "write_constraints", REPO / "scripts" / "write_constraints.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_pins_are_registry_versions_without_drqa_or_local_tags(tmp_path):
    script = _script()
    out = tmp_path / "tested.txt"
    assert script.main(["--output", str(out)]) == 0
    pins = [line for line in out.read_text().splitlines() if line and not line.startswith("#")]
    names = [pin.split("==")[0] for pin in pins]
    assert names == sorted(names) and len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9.\-]*==[^\s+]+", pin) for pin in pins), pins
    assert not any(pin.startswith("drqa==") for pin in pins)
    assert script.public_version("2.13.0+cpu") == "2.13.0"


def test_the_committed_constraints_name_the_core_dependencies():
    text = (REPO / "constraints" / "tested.txt").read_text()
    for name in ("duckdb", "polars", "datasets", "typer", "pydantic"):
        assert re.search(rf"^{name}==\S+$", text, re.MULTILINE), name
