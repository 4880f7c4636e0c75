"""Benchmark contamination of problem texts: the one check ingest, import and the gate share.

``contaminated_by`` in the catalog has three states: ``NULL`` = never checked, ``[]`` = checked
and clean, ``["gsm8k", ...]`` = overlaps those benchmarks. Every path by which problems enter the
catalog (``drqa ingest``, ``drqa import-generations``) calls :func:`flag_contamination`; problems
stored without a check (``--no-decontaminate``) stay ``NULL`` and the release gate fails on them
until :func:`decontaminate_workspace` (``drqa decontaminate``) checks them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from drqa.builders.ingest.benchmark_sets import default_benchmark_dir, load_benchmark_problems
from drqa.builders.ingest.config import DecontaminationConfig
from drqa.builders.ingest.decontaminate import Decontaminator

RECHECK_HINT = "run `drqa decontaminate` (or re-ingest without --no-decontaminate)"


def build_index(settings: DecontaminationConfig) -> Decontaminator:
    """The n-gram index of the configured benchmarks (local folder, else the Hub)."""
    folder = settings.benchmark_dir or default_benchmark_dir()
    benchmarks = load_benchmark_problems(settings.benchmarks, folder)
    return Decontaminator.build(
        benchmarks, settings.ngram, settings.min_overlap, settings.min_fraction
    )


def flag_contamination(
    texts: Sequence[str], settings: DecontaminationConfig | None = None
) -> list[list[str]] | None:
    """For each text, the benchmarks it overlaps (``[]`` when clean); ``None`` when disabled.

    ``None`` means "not checked": callers store NULL, never an empty list.
    """
    settings = settings or DecontaminationConfig()
    if not settings.enabled:
        return None
    if not texts:
        return []
    return build_index(settings).flag(list(texts))


def count_by_benchmark(flags: list[list[str]] | None) -> Counter:
    """How many texts overlap each benchmark (a text may count for several)."""
    counts: Counter = Counter()
    for names in flags or ():
        counts.update(names)
    return counts


@dataclass
class RecheckSummary:
    """What ``drqa decontaminate`` checked: problems and per-benchmark overlaps."""

    checked: int = 0
    contaminated: Counter = field(default_factory=Counter)
    benchmarks_checked: tuple[str, ...] = ()  # a benchmarks folder may hold only some suites


def decontaminate_workspace(ws, settings: DecontaminationConfig | None = None) -> RecheckSummary:
    """Check every problem whose contamination was never checked (``contaminated_by IS NULL``)."""
    import polars as pl

    from drqa.catalog import rollback
    from drqa.errors import DrqaError

    settings = settings or DecontaminationConfig()
    if not settings.enabled:
        raise DrqaError("decontamination is disabled in this config; nothing to check")
    summary = RecheckSummary()
    with ws.write("drqa decontaminate") as con:
        rows = con.execute(
            "SELECT problem_id, problem FROM problems WHERE contaminated_by IS NULL"
        ).fetchall()
        if not rows:
            return summary
        index = build_index(settings)
        flags = index.flag([text for _, text in rows])
        summary.benchmarks_checked = tuple(index.names)
        con.execute("BEGIN TRANSACTION")
        try:
            frame = pl.DataFrame(
                {"problem_id": [pid for pid, _ in rows], "names": flags},
                schema={"problem_id": pl.String, "names": pl.List(pl.String)},
            )
            con.register("_flags", frame.to_arrow())
            con.execute(
                "UPDATE problems SET contaminated_by = f.names FROM _flags f "
                "WHERE problems.problem_id = f.problem_id"
            )
            con.unregister("_flags")
            con.execute("COMMIT")
        except Exception:
            rollback(con)
            raise
    summary.checked = len(rows)
    summary.contaminated = count_by_benchmark(flags)
    return summary
