"""The run machinery around an instant backend: requests/s and microseconds per request.

The backend replays answers from memory, so everything measured is drqa's own bookkeeping:
loading pending requests, building request objects, appending raw lines, progress, merging into
the catalog. Baseline in the same run: the replay backend alone over the same requests.
Target: >= 5,000 requests/s.

    python benchmarks/generate_overhead.py [--problems 20000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import machine, workspace_with_problems  # noqa: E402

from drqa.builders.compose.config import ComposeConfig  # noqa: E402
from drqa.builders.compose.requests import compose_requests  # noqa: E402
from drqa.builders.generation.backends.base import GenerationRequest, SamplingParams  # noqa: E402
from drqa.builders.generation.backends.replay import ReplayBackend  # noqa: E402
from drqa.builders.generation.config import GenerateConfig  # noqa: E402
from drqa.builders.generation.generate import pending_requests, run_generation  # noqa: E402

ANSWER = "<think>\nLet me add the numbers carefully.\n</think>\n\nThe answer is \\boxed{42}."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ws = workspace_with_problems(Path(tmp), args.problems)
        config = GenerateConfig(backend="replay", model="replay")
        run_id = compose_requests(ws, ComposeConfig(batch_sizes=(1, 2, 3)), config).run_id
        todo, _ = pending_requests(ws, run_id, config, (0, 1))
        answers = {rid: ANSWER for rid, _, _ in todo}

        # baseline: the backend alone, over ready-made request objects
        sampling = SamplingParams()
        requests = [
            GenerationRequest(rid, ({"role": "user", "content": "q"},), sampling, s)
            for rid, _, s in todo
        ]
        started = time.perf_counter()
        for _ in ReplayBackend(answers).generate(requests):
            pass
        backend_s = time.perf_counter() - started

        started = time.perf_counter()
        summary = run_generation(ws, run_id, config, backend=ReplayBackend(answers), progress=False)
        total_s = time.perf_counter() - started
        with ws.read() as con:
            stored = con.execute("SELECT count(*) FROM generations").fetchall()[0][0]

    n = summary.done
    print(f"machine: {machine()}")
    print(f"requests: {n:,} (stored in the catalog: {stored:,})")
    print(f"{'':<34}{'seconds':>9}{'requests/s':>14}{'us/request':>12}")
    print(
        f"{'replay backend alone (baseline)':<34}{backend_s:>9.2f}{n / backend_s:>14,.0f}"
        f"{1e6 * backend_s / n:>12.1f}"
    )
    print(
        f"{'drqa generate around it':<34}{total_s:>9.2f}{n / total_s:>14,.0f}"
        f"{1e6 * total_s / n:>12.1f}"
    )
    overhead = (total_s - backend_s) / n
    print(
        f"bookkeeping: {1e6 * overhead:.1f} us/request; target >= 5,000 requests/s: "
        f"{'met' if n / total_s >= 5000 else 'NOT met'}"
    )
    print(
        f"at a real GPU run of ~2 s/request per slot x 256 slots, bookkeeping is "
        f"{100 * overhead / (2.0 / 256):.2f}% of wall time"
    )


if __name__ == "__main__":
    main()
