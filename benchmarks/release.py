"""Benchmark: gate + release of a synthetic corpus, and a hash-checked load, side by side with a
bare DuckDB ``COPY (SELECT ...) TO`` Parquet export of the same rows; peak memory of each.

    python benchmarks/release.py [--chains 100000] [--words-per-chain 40] [--repeat 3]
                                 [--max-rss-gb 6] [--keep DIR]

Targets (issue 20): gate + release <= 2.0x the bare export; peak RSS of gate + release <= 2 GB
at 300k chains of 1,500 words, time linear in the corpus. Each step (corpus, bare, gate,
release, load) runs in its own process: its peak RSS (``ru_maxrss``) is its own, a step that
grows past ``--max-rss-gb`` is killed (not the bare export: DuckDB bounds it itself, at 80% of
the machine's memory, ~10 GB at 300k chains of 1,500 words). Imports of Great Expectations,
matplotlib and datasets are paid before the clock starts (a long-running process pays them
once) and their RSS is shown apart. Timing figures are medians of ``--repeat`` runs, each with
the 1-minute load average of the machine beside it and the step's CPU seconds (all its threads:
on a loaded machine the wall time follows the load, the CPU time much less); the release's
per-step table says where each second goes.
In ``make_release`` the gate's suites and then the card's plots run in a thread beside the export
and shards are written (and hashed) in threads: those rows overlap the others, so the rows add up to
more than the whole step. Each config is read in one sequential scan (``key_order``): its row
is the scan, the ranking of each row's key and the bucket writing, "buckets read back" the
ordering of each bucket past the first 64 MB of a config. The medians are of runs in one
process: what it builds once (GX's compiled Data Docs templates) the later runs reuse, as a
long-running process would.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

GB = 2**30


def _rss_now() -> int:
    """This process's resident bytes now."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


# --- the steps, each run in a child process ------------------------------------------------


def bare_export(ws, out: Path) -> int:
    """The baseline: three COPY statements of the same rows, nothing else."""
    from drqa.builders.release.gate_data import _CANDIDATES_SQL, text_columns_sql
    from drqa.builders.release.snapshot import _GENERATIONS_SQL, _PROBLEMS_SQL
    from drqa.schema import LABELS

    out.mkdir(parents=True, exist_ok=True)
    labels = _CANDIDATES_SQL.format(
        label="c.label", source="'auto'", n_reviewers="CAST(NULL AS INTEGER)", review_join="",
        human_pure="CAST(NULL AS BOOLEAN)", pure_join="", texts=text_columns_sql(True),
    ).replace("WHERE c.label IS NOT NULL", f"WHERE c.label IN {LABELS!r}")  # fmt: skip
    with ws.read() as con:
        con.execute(f"CREATE TEMP VIEW released_labels AS {labels}")
        for name, sql in (("labels", labels), ("generations", _GENERATIONS_SQL),
                          ("problems", _PROBLEMS_SQL)):  # fmt: skip
            con.execute(f"COPY ({sql}) TO '{out / name}.parquet' (FORMAT parquet)")
        return con.execute("SELECT count(*) FROM released_labels").fetchone()[0]


TIMES: dict[str, float] = defaultdict(float)
TAG = "r0"  # release versions of this run: 1.0.<i>-<TAG>


def _instrument(module, attr: str, label) -> None:
    """Replace ``module.attr`` with a wrapper adding its wall time to ``TIMES[label(...)]``
    (nothing when the module has no such name: the benchmark runs on older code too)."""
    inner = getattr(module, attr, None)
    if inner is None:
        return

    @functools.wraps(inner)
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            TIMES[label(*args, **kwargs) if callable(label) else label] += (
                time.perf_counter() - start
            )

    setattr(module, attr, timed)


def _instrument_release() -> None:
    """Time the steps of ``run_gate`` and ``make_release`` (names as in the per-step table)."""
    from drqa.builders.release import gate, gate_suite, manifest, shards, snapshot

    try:
        from drqa.builders.release import card_inputs
    except ImportError:  # before the card's inputs had their own module
        card_inputs = snapshot

    try:
        from drqa.builders.release import export
    except ImportError:  # before issue 20: no streamed export
        export = None
    try:
        from drqa.builders.release import key_order
    except ImportError:  # before the one-scan export
        key_order = None
    try:
        from drqa.builders.release import gate_docs
    except ImportError:  # before the shared template cache
        gate_docs = None

    for module, attr, label in (
        (gate, "read_workspace_gate_input", "read (candidates query)"),
        (snapshot, "read_workspace_gate_input", "read (candidates query)"),
        (gate, "gate_metrics", "gate: metrics (Polars)"),
        (gate, "row_frame", "gate: row frame"),
        (gate_suite, "run_suites", "gate: GX suites (incl. to_pandas, Data Docs)"),
        (gate_docs, "build_data_docs", "  gate: GX Data Docs"),
        (snapshot, "write_gate_page", "gate page"),
        (snapshot, "release_labels", "labels frame"),
        (snapshot, "chat_rows", "chat rows (Python)"),
        (export, "chat_rows", "  chat rows (column-wise + per-row remover)"),
        (snapshot, "write_labels_and_chat", "export labels + chat (ranges, incl. the below)"),
        (snapshot, "excluded_counts", "excluded counts"),
        (snapshot, "write_config", lambda con, sel, rel, name, **_: f"export {name}"),
        (snapshot, "write_ranges", lambda *a, **_: f"export {a[5]} (key ranges)"),
        (export, "_via_duckdb", "  labels+chat: Arrow types via DuckDB"),
        (export, "_as_arrow", "  labels+chat: to Arrow (DuckDB's types)"),
        (export, "_range_query", "  key-range queries (all configs)"),
        (
            key_order and key_order.KeyOrderedScan,
            "_scan",
            "  key-ordered scans (one per config, into buckets)",
        ),
        (key_order and key_order.KeyOrderedScan, "_load", "  buckets read back + put in order"),
        (shards.ShardWriter, "write", "  shard writing (zstd; in threads)"),
        (shards.ShardWriter, "close", "  shard writing (zstd; in threads)"),
        (snapshot, "_lineage", "lineage"),
        (snapshot, "release_sources", "sources"),
        (snapshot, "write_plots", "card: plots"),
        (card_inputs, "render_card", "card: render"),
        (manifest, "file_sha256", "manifest: hashing"),
        (snapshot, "write_manifest", "manifest (incl. hashing)"),
        (snapshot, "_register", "catalog register + rename"),
    ):
        _instrument(module, attr, label)
    gate.run_suites = gate_suite.run_suites  # gate imported the name before the wrapper


def _child(args: argparse.Namespace) -> None:
    from drqa.workspace import Workspace

    root = Path(args.root)
    ws = Workspace.resolve(root / "ws")
    report: dict = {"step": args.step, "runs": []}
    if args.step == "corpus":
        from drqa.testing.synthetic_release import write_synthetic_corpus

        start = time.perf_counter()
        counts = write_synthetic_corpus(
            ws, -(-args.chains // 3), words_per_chain=args.words_per_chain
        )
        report["counts"] = counts
        report["runs"].append({"seconds": time.perf_counter() - start, "load": os.getloadavg()[0]})
    else:
        if args.step != "bare":  # heavy imports before the clock, their RSS shown apart
            start = time.perf_counter()
            import datasets  # noqa: F401
            import great_expectations  # noqa: F401
            import matplotlib.pyplot  # noqa: F401

            report["import_seconds"] = time.perf_counter() - start
        report["rss_after_imports"] = _rss_now()
        if args.step in ("gate", "release"):
            _instrument_release()
        for i in range(args.repeat if args.step != "load" else 1):
            TIMES.clear()
            load = os.getloadavg()[0]
            start, cpu = time.perf_counter(), time.process_time()
            extra = _run_step(args.step, ws, root, i)
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
            report["runs"].append(
                {"seconds": seconds, "cpu": cpu, "load": load, "steps": dict(TIMES), **extra}
            )
    report["peak_rss"] = _peak_rss()
    print("BENCH " + json.dumps(report))


def _run_step(step: str, ws, root: Path, i: int) -> dict:
    if step == "bare":
        return {"rows": bare_export(ws, root / f"bare-{i}")}
    if step == "gate":
        from drqa.builders.release.gate import run_gate

        return {"passed": run_gate(ws).passed}
    if step == "release":
        from drqa.builders.release.snapshot import make_release

        make_release(ws, f"1.0.{i}-{TAG}", override="benchmark")
        return {}
    from drqa import load_release
    from drqa.builders.release.manifest import verify_manifest

    folder = ws.releases_dir / f"1.0.0-{TAG}"
    start = time.perf_counter()
    verify_manifest(folder)
    verify = time.perf_counter() - start
    return {"rows": load_release(str(folder), f"1.0.0-{TAG}").num_rows, "verify_seconds": verify}


# --- the parent: runs each step in a child, watches its memory -------------------------------


def _spawn(args: argparse.Namespace, step: str, root: Path) -> dict:
    command = [sys.executable, __file__, "--step", step, "--root", str(root),
               "--chains", str(args.chains), "--words-per-chain", str(args.words_per_chain),
               "--repeat", str(args.repeat), "--tag", args.tag]  # fmt: skip
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    limit = float("inf") if step == "bare" else args.max_rss_gb * GB  # the baseline as it is
    sampled = 0
    while child.poll() is None:
        try:
            with open(f"/proc/{child.pid}/statm") as handle:
                rss = int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            break
        sampled = max(sampled, rss)
        if rss > limit:
            child.kill()
            child.wait()
            sys.exit(f"step {step} passed {args.max_rss_gb} GB RSS and was stopped")
        time.sleep(0.1)
    out = child.communicate()[0]
    if child.returncode:
        sys.exit(f"step {step} failed (exit {child.returncode})")
    line = next(x for x in out.splitlines() if x.startswith("BENCH "))
    return json.loads(line[len("BENCH ") :])


def _median(report: dict, key: str = "seconds") -> float:
    return statistics.median(run[key] for run in report["runs"])


def _cpu(report: dict) -> float:
    """Median CPU seconds of a step's runs (all its threads)."""
    return _median(report, "cpu")


def _loads(report: dict) -> str:
    return "/".join(f"{run['load']:.1f}" for run in report["runs"])


def _step_table(report: dict) -> None:
    names = list(dict.fromkeys(k for run in report["runs"] for k in run["steps"]))
    total = _median(report)
    print(f"  {'step':<42}{'median s':>9}{'share':>8}")
    for name in names:
        seconds = statistics.median(run["steps"].get(name, 0.0) for run in report["runs"])
        print(f"  {name:<42}{seconds:>9.2f}{seconds / total:>8.0%}")
    print(f"  {'(whole step)':<42}{total:>9.2f}   load {_loads(report)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chains", type=int, default=100_000)
    parser.add_argument("--words-per-chain", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3, help="Runs per step (median).")
    parser.add_argument("--max-rss-gb", type=float, default=6.0)
    parser.add_argument(
        "--keep",
        type=Path,
        help="Keep the workspace here (default: temp); one kept before is reused as it is.",
    )
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--root", help=argparse.SUPPRESS)
    parser.add_argument("--tag", default=f"r{os.getpid()}", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        global TAG
        TAG = args.tag  # this run's release versions (a kept workspace holds earlier ones)
        _child(args)
        return
    root = args.keep or Path(tempfile.mkdtemp(prefix="drqa-bench-release-"))
    try:
        if (root / "ws").exists():
            print(f"corpus: reusing the workspace kept at {root / 'ws'}")
        else:
            corpus = _spawn(args, "corpus", root)
            peak = corpus["peak_rss"] / GB
            print(f"corpus: {corpus['counts']} of {args.words_per_chain} words per chain, "
                  f"written in {_median(corpus):.1f}s (peak RSS {peak:.2f} GB)")  # fmt: skip
        reports = {step: _spawn(args, step, root) for step in ("bare", "gate", "release", "load")}
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    bare, gate, release, load = (reports[s] for s in ("bare", "gate", "release", "load"))
    n_rows, t_bare = bare["runs"][0]["rows"], _median(bare)
    print(f"imports before the clock: {release.get('import_seconds', 0):.1f}s, "
          f"RSS after imports {release['rss_after_imports'] / GB:.2f} GB")  # fmt: skip
    print(f"\n{n_rows} released chains; gate passed: {gate['runs'][0]['passed']}; medians of "
          f"{args.repeat}")  # fmt: skip
    print(f"{'step':<44}{'seconds':>8}{'rows/s':>11}{'x bare':>7}{'CPU s':>7}{'peak RSS':>10}"
          "  load 1-min")  # fmt: skip
    for name, report, seconds, cpu_s in (
        ("bare DuckDB COPY ... TO parquet (baseline)", bare, t_bare, _cpu(bare)),
        ("drqa check (gate alone)", gate, _median(gate), _cpu(gate)),
        ("make_release (gate+parquet+card+manifest)", release, _median(release), _cpu(release)),
        ("verify manifest hashes", load, _median(load, "verify_seconds"), float("nan")),
        ("load_release (hashes + datasets load)", load, _median(load), _cpu(load)),
    ):
        print(f"{name:<44}{seconds:>8.2f}{n_rows / seconds:>11,.0f}{seconds / t_bare:>7.1f}"
              f"{cpu_s:>7.2f}{report['peak_rss'] / GB:>8.2f}GB  {_loads(report)}")  # fmt: skip
    print("\ngate alone, where the seconds go:")
    _step_table(gate)
    print("make_release, where the seconds go (indented rows are parts of the row below them; "
          "GX suites then plots, and shard writing run in threads beside the export):")  # fmt: skip
    _step_table(release)
    ratio = _median(release) / t_bare
    print(f"\ngate + release = {ratio:.1f}x the bare export (target <= 2.0x): "
          f"{'met' if ratio <= 2.0 else 'NOT met'}; peak RSS gate {gate['peak_rss'] / GB:.2f} GB, "
          f"release {release['peak_rss'] / GB:.2f} GB (target <= 2 GB); CPU seconds "
          f"{_cpu(release) / _cpu(bare):.1f}x the bare export's")  # fmt: skip


if __name__ == "__main__":
    main()
