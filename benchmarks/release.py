"""Benchmark: gate + release of a 100,000-chain synthetic corpus, and a hash-checked load,
side by side with a bare DuckDB ``COPY (SELECT ...) TO`` Parquet export of the same rows.

    python benchmarks/release.py [--chains 100000] [--keep DIR]

Target (issue 4): gate plus release within 5x the bare export. Imports of Great Expectations,
matplotlib and datasets are timed once, separately (a long-running process pays them once).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from drqa.builders.release.gate_data import _CANDIDATES_SQL
from drqa.builders.release.snapshot import _GENERATIONS_SQL, _PROBLEMS_SQL
from drqa.schema import LABELS
from drqa.testing.synthetic_release import write_synthetic_corpus
from drqa.workspace import Workspace


def _timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def bare_export(ws: Workspace, out: Path) -> int:
    """The baseline: three COPY statements of the same rows, nothing else."""
    out.mkdir(parents=True, exist_ok=True)
    labels = _CANDIDATES_SQL.format(
        label="c.label", source="'auto'", n_reviewers="CAST(NULL AS INTEGER)", review_join=""
    ).replace("WHERE c.label IS NOT NULL", f"WHERE c.label IN {LABELS!r}")
    with ws.read() as con:
        con.execute(f"CREATE TEMP VIEW released_labels AS {labels}")
        for name, sql in (("labels", labels), ("generations", _GENERATIONS_SQL),
                          ("problems", _PROBLEMS_SQL)):  # fmt: skip
            con.execute(f"COPY ({sql}) TO '{out / name}.parquet' (FORMAT parquet)")
        return con.execute("SELECT count(*) FROM released_labels").fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chains", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="Keep the workspace here (default: temp).")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="drqa-bench-release-"))
    ws = Workspace.resolve(root / "ws")
    counts, t_corpus = _timed(lambda: write_synthetic_corpus(ws, -(-args.chains // 3)))
    print(f"corpus: {counts} written in {t_corpus:.1f}s")

    _, t_gx = _timed(lambda: __import__("great_expectations"))
    _, t_mpl = _timed(lambda: __import__("matplotlib.pyplot"))
    _, t_ds = _timed(lambda: __import__("datasets"))
    print(f"one-off imports: great_expectations {t_gx:.1f}s, matplotlib {t_mpl:.1f}s, "
          f"datasets {t_ds:.1f}s")  # fmt: skip

    from drqa import load_release
    from drqa.builders.release.gate import run_gate
    from drqa.builders.release.manifest import verify_manifest
    from drqa.builders.release.snapshot import make_release

    n_rows, t_bare_first = _timed(lambda: bare_export(ws, root / "bare-1"))
    _, t_bare_second = _timed(lambda: bare_export(ws, root / "bare-2"))
    t_bare = min(t_bare_first, t_bare_second)  # the faster of a cold and a warm run
    gate, t_gate = _timed(lambda: run_gate(ws))
    print(
        f"bare export runs: {t_bare_first:.2f}s, {t_bare_second:.2f}s (the faster is the baseline)"
    )
    folder, t_release = _timed(lambda: make_release(ws, "1.0.0", override="benchmark"))
    _, t_verify = _timed(lambda: verify_manifest(folder))
    loaded, t_load = _timed(lambda: load_release(str(folder), "1.0.0"))
    assert loaded.num_rows == n_rows, (loaded.num_rows, n_rows)

    print(f"\n{n_rows} released chains; gate passed: {gate.passed}")
    print(f"{'step':<44}{'seconds':>9}{'rows/s':>12}{'x bare':>8}")
    for name, seconds in (
        ("bare DuckDB COPY ... TO parquet (baseline)", t_bare),
        ("drqa check (gate alone)", t_gate),
        ("make_release (gate+parquet+card+manifest)", t_release),
        ("verify manifest hashes", t_verify),
        ("load_release (hashes + datasets load)", t_load),
    ):
        print(f"{name:<44}{seconds:>9.2f}{n_rows / seconds:>12,.0f}{seconds / t_bare:>8.1f}")
    ratio = t_release / t_bare
    print(f"\ngate + release = {ratio:.1f}x the bare export (target <= 5x): "
          f"{'met' if ratio <= 5 else 'NOT met'}")  # fmt: skip
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
