"""Small helpers shared by the benchmark scripts (not part of the drqa package)."""

from __future__ import annotations

import json
import platform
import random
import re
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def machine() -> str:
    import os

    return f"{platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores"


def synthetic_problems(n: int, seed: int = 0) -> list[dict]:
    """``n`` problems: the shared training pool when present, varied by changing its numbers
    (so rows are distinct), else generated arithmetic word problems."""
    rng = random.Random(seed)
    pool_path = SHARED / "train" / "math_aime_train_pool.jsonl"
    if pool_path.exists():
        base = [json.loads(line) for line in pool_path.open(encoding="utf-8")]
        base = [row for row in base if row.get("problem") and row.get("answer")]
    else:
        base = [
            {
                "problem": f"A shop sells {i} pens at {i + 2} dollars each. What is the total?",
                "answer": str(i * (i + 2)),
            }
            for i in range(1, 500)
        ]
    rows = []
    for index in range(n):
        row = base[index % len(base)]
        text = row["problem"]
        if index >= len(base):  # a variant: shift every number so the text is new
            shift = index // len(base)
            text = re.sub(r"\d+", lambda m, s=shift: str(int(m.group()) + s), text)
            text += f" (variant {shift}, case {rng.randint(0, 10**9)})"
        rows.append({"problem": text, "answer": row["answer"], "difficulty": row.get("difficulty")})
    return rows


def workspace_with_problems(folder: Path, n: int):
    """A workspace in ``folder`` holding ``n`` synthetic problems (no dedup, no decontamination)."""
    from drqa.builders.ingest.config import IngestConfig, SourceConfig
    from drqa.builders.ingest.pipeline import ingest_source
    from drqa.workspace import Workspace

    ws = Workspace.resolve(Path(folder) / "ws")
    path = Path(folder) / "pool.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in synthetic_problems(n)))
    config = IngestConfig.model_validate(
        {"decontamination": {"enabled": False}, "near_duplicate_threshold": None}
    )
    ingest_source(ws, SourceConfig(path=str(path)), config)
    return ws
