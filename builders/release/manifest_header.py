"""The manifest header must agree with the files it describes: row counts per config, A/B/C
label counts, the gate result (``gate.json``) and the override rule.

A header edited by hand (more rows, flipped counts, "passed": true) is caught here even before
a pinned digest is compared; a forger who also rewrites the data is caught by the digest.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from drqa.builders.release.integrity import MANIFEST, ReleaseIntegrityError
from drqa.schema import LABELS

LABEL_NAMES = LABELS
GATE_FILE = "gate.json"


def _fail(folder: Path, what: str) -> ReleaseIntegrityError:
    return ReleaseIntegrityError(
        f"release {folder}: the {MANIFEST} header {what}; the manifest was edited after release"
    )


def _config_files(manifest: dict[str, Any], config: str) -> list[str]:
    prefix = f"data/{config}/"
    return sorted(n for n in manifest["files"] if n.startswith(prefix) and n.endswith(".parquet"))


def check_header(folder: Path, manifest: dict[str, Any]) -> None:
    """Raise :class:`ReleaseIntegrityError` when a header fact disagrees with the files."""
    import pyarrow.parquet as pq

    for config, claimed in (manifest.get("row_counts") or {}).items():
        files = _config_files(manifest, config)
        actual = sum(pq.ParquetFile(folder / name).metadata.num_rows for name in files)
        if actual != claimed:
            raise _fail(folder, f"says {config} holds {claimed} rows; its files hold {actual}")
    claimed_labels = manifest.get("label_counts")
    if claimed_labels is not None:
        actual_labels = _label_counts(folder, _config_files(manifest, "labels"))
        wanted = {k: int(v) for k, v in claimed_labels.items() if v}
        if actual_labels != wanted:
            raise _fail(folder, f"says labels {wanted}; the labels files hold {actual_labels}")
    gate = manifest.get("gate")
    gate_file = folder / GATE_FILE
    if (
        gate is not None
        and GATE_FILE in manifest["files"]
        and json.loads(gate_file.read_text(encoding="utf-8")) != gate
    ):
        raise _fail(folder, f"gate result differs from {GATE_FILE}")
    if gate is not None and not gate.get("passed"):
        override = manifest.get("override") or {}
        if not (override.get("used") and override.get("reason")):
            raise _fail(folder, "records a failed gate but no override reason")


def _label_counts(folder: Path, files: list[str]) -> dict[str, int]:
    import pyarrow.parquet as pq

    counts: Counter = Counter()
    for name in files:
        column = pq.read_table(folder / name, columns=["label"]).column("label")
        for value, n in Counter(column.to_pylist()).items():
            key = LABEL_NAMES[value] if isinstance(value, int) and 0 <= value < 3 else str(value)
            counts[key] += n
    return dict(counts)
