"""Ingest 100,000 problems (dedup + near-dup + decontamination); decontamination side by side
with a plain Python n-gram set-intersection loop over the same texts.

    python benchmarks/ingest.py [--rows 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SHARED, machine, synthetic_problems  # noqa: E402

from drqa.builders.ingest.benchmark_sets import load_benchmark_problems  # noqa: E402
from drqa.builders.ingest.config import BENCHMARKS, IngestConfig, SourceConfig  # noqa: E402
from drqa.builders.ingest.decontaminate import Decontaminator, naive_flag  # noqa: E402
from drqa.builders.ingest.pipeline import ingest_source  # noqa: E402
from drqa.workspace import Workspace  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    bench_dir = SHARED / "benchmarks"
    if not bench_dir.is_dir():
        sys.exit(f"needs the benchmark copies in {bench_dir}")
    rows = synthetic_problems(args.rows)
    # some real bad input on top: exact duplicates and benchmark problems
    benchmarks = load_benchmark_problems(BENCHMARKS, bench_dir)
    rows[1::97] = [dict(r) for r in rows[0 : len(rows[1::97]) * 97 : 97]]
    planted = [p for name in ("gsm8k", "math500") for p in benchmarks[name][:200]]
    rows[-len(planted) :] = [{"problem": p, "answer": "1"} for p in planted]

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pool.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
        ws = Workspace.resolve(Path(tmp) / "ws")
        config = IngestConfig.model_validate({"decontamination": {"benchmark_dir": str(bench_dir)}})
        started = time.perf_counter()
        summary = ingest_source(
            ws, SourceConfig(path=str(path), difficulty_field="difficulty"), config
        )
        ingest_s = time.perf_counter() - started

    texts = [r["problem"] for r in rows]
    sides = {"drqa": lambda: Decontaminator.build(benchmarks).flag(texts)}
    sides["plain"] = lambda: naive_flag(texts, benchmarks)
    wall = {name: [] for name in sides}
    cpu = {name: [] for name in sides}
    loads = []
    flags = {}
    for _ in range(args.repeat):  # the two sides alternate, so both see the same machine load
        for name, side in sides.items():
            loads.append(os.getloadavg()[0])
            started, started_cpu = time.perf_counter(), time.process_time()
            flags[name] = side()
            wall[name].append(time.perf_counter() - started)
            cpu[name].append(time.process_time() - started_cpu)
    ours_s, plain_s = statistics.median(wall["drqa"]), statistics.median(wall["plain"])
    ours_cpu, plain_cpu = statistics.median(cpu["drqa"]), statistics.median(cpu["plain"])

    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.2f} at the end")
    print(
        f"ingest of {summary.rows:,} rows: {ingest_s:.1f}s = {summary.rows / ingest_s:,.0f} rows/s "
        f"(accepted {summary.accepted:,}; rejected {dict(summary.rejected)})"
    )
    print(f"contaminated by benchmark: {dict(summary.contaminated)}")
    print(
        f"{'decontamination of':<28}{len(texts):>10,} problems vs {len(BENCHMARKS)} benchmarks "
        f"(median of {args.repeat}, index build included; 1-min load "
        f"{min(loads):.2f}-{max(loads):.2f} during the runs)"
    )
    print(f"{'':<28}{'wall':>10}  {'CPU':>8}  {'rows/s (wall)':>14}")
    for label, w, c in (
        ("  drqa (NumPy hashes)", ours_s, ours_cpu),
        ("  plain Python set loop", plain_s, plain_cpu),
    ):
        print(f"{label:<28}{w:>9.2f}s  {c:>7.2f}s  {len(texts) / w:>14,.0f}")
    ratios = ", ".join(f"{p / o:.1f}x" for p, o in zip(wall["plain"], wall["drqa"], strict=True))
    print(
        f"  ratio (plain / drqa): {plain_s / ours_s:.1f}x wall (each run: {ratios}), "
        f"{plain_cpu / ours_cpu:.1f}x CPU; same flags on every row: "
        f"{flags['drqa'] == flags['plain']}"
    )
    print(
        f"  where drqa's CPU time goes (one more run): {_decontamination_steps(benchmarks, texts)}"
    )


def _decontamination_steps(benchmarks, texts) -> str:
    """CPU seconds of the index build, of splitting and hashing every word (in the same
    slices the check uses), and of the rest of the check (candidate windows, lookups, exact
    comparison of hits, distinct totals)."""
    from drqa.builders.ingest import decontaminate
    from drqa.builders.ingest.ngrams import word_hashes

    started = time.process_time()
    index = Decontaminator.build(benchmarks)
    build_s = time.process_time() - started
    hashing = [0.0]

    def timed_word_hashes(some_texts):
        begun = time.process_time()
        try:
            return word_hashes(some_texts)
        finally:
            hashing[0] += time.process_time() - begun

    decontaminate.word_hashes = timed_word_hashes
    try:
        started = time.process_time()
        index.flag(texts)
        check_s = time.process_time() - started
    finally:
        decontaminate.word_hashes = word_hashes
    return (
        f"index build {build_s:.2f}s, word splitting + hashing {hashing[0]:.2f}s, "
        f"candidates + lookup + exact checks + totals {check_s - hashing[0]:.2f}s"
    )


if __name__ == "__main__":
    main()
