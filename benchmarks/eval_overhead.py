"""``drqa eval`` around an instant backend: samples/s of bookkeeping + scoring vs the backend alone.

The replay backend answers from memory (an R1-style answer with the gold, or a wrong number, in
a box), so everything measured is drqa's own work: loading the suite, composing content-addressed
requests, appending raw lines, merging into the eval store, extracting and verifying every
answer, and computing the figures. Baseline in the same run: the replay backend alone over the
same requests. Target: >= 5,000 samples/s on numeric answers.

    python benchmarks/eval_overhead.py [--samples 8] [--suite gsm8k]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import SHARED, machine  # noqa: E402

from drqa.builders.generation.backends.base import GenerationRequest, SamplingParams  # noqa: E402
from drqa.builders.generation.backends.replay import ReplayBackend  # noqa: E402
from drqa.evals.config import EvalConfig  # noqa: E402
from drqa.evals.run import evaluate  # noqa: E402
from drqa.evals.suites import load_suite  # noqa: E402
from drqa.workspace import Workspace  # noqa: E402

SUFFIX = "\n\nPlease reason"  # where the math prompt's instruction starts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=8, help="Samples per problem.")
    parser.add_argument("--suite", default="gsm8k", help="A suite with numeric answers.")
    parser.add_argument(
        "--gpu-seconds-per-sample",
        type=float,
        default=20.0,
        help="A real sample's time in one slot (default: ~2,000 tokens at ~100 tokens/s).",
    )
    parser.add_argument("--slots", type=int, default=256, help="Samples in flight on the GPUs.")
    args = parser.parse_args()
    folder = SHARED / "benchmarks"
    if not folder.is_dir():
        sys.exit(f"needs the shared benchmark copies in {folder}")
    problems = load_suite(args.suite, folder).problems
    gold = {p.problem: p.answer for p in problems}

    def answer(request: GenerationRequest) -> str:
        prompt = request.messages[-1]["content"]
        text = prompt[: prompt.rfind(SUFFIX)]
        value = gold[text] if request.sample_index % 2 == 0 else "-1"
        return f"<think>\nLet me add the numbers carefully.\n</think>\n\nSo \\boxed{{{value}}}."

    n = len(problems) * args.samples
    # baseline: the backend alone, over ready-made request objects
    sampling = SamplingParams()
    requests = [
        GenerationRequest(f"r{i}-{s}", ({"role": "user", "content": p.problem + SUFFIX},),
                          sampling, s)
        for i, p in enumerate(problems) for s in range(args.samples)
    ]  # fmt: skip
    started, cpu = time.perf_counter(), time.process_time()
    for _ in ReplayBackend(answer).generate(requests):
        pass
    backend_s = time.perf_counter() - started
    backend_cpu = time.process_time() - cpu

    config = EvalConfig.model_validate(
        {
            "generate": {"backend": "replay", "model": "replay"},
            "suites": [args.suite],
            "samples": args.samples,
            "benchmarks_dir": str(folder),
        }
    )
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace.resolve(Path(tmp) / "ws")
        started, cpu = time.perf_counter(), time.process_time()
        summary = evaluate(ws, config, backend=ReplayBackend(answer), progress=False)
        total_s = time.perf_counter() - started
        total_cpu = time.process_time() - cpu
    figures = summary.suites[0].figures
    assert figures["n_samples"] == n, figures
    print(f"machine: {machine()}")
    print(f"suite: {args.suite}, {len(problems):,} problems x {args.samples} samples = {n:,}")
    print(f"pass@1 {100 * figures['pass@1']:.2f} (expected 50.00: every other sample is right)")
    print(f"load average (other processes share the cores): {os.getloadavg()[0]:.1f}")
    print(f"{'':<34}{'seconds':>9}{'samples/s':>14}{'us/sample':>12}{'CPU s':>8}"
          f"{'samples/CPU s':>15}")  # fmt: skip
    for name, wall, cpu_s in (
        ("replay backend alone (baseline)", backend_s, backend_cpu),
        ("drqa eval around it", total_s, total_cpu),
    ):
        print(f"{name:<34}{wall:>9.2f}{n / wall:>14,.0f}{1e6 * wall / n:>12.1f}{cpu_s:>8.2f}"
              f"{n / max(cpu_s, 1e-9):>15,.0f}")  # fmt: skip
    overhead = (total_s - backend_s) / n
    print(
        f"bookkeeping + scoring: {1e6 * overhead:.1f} us/sample; target >= 5,000 samples/s: "
        f"{'met' if n / total_s >= 5000 else 'NOT met'}"
    )
    per_sample_wall = args.gpu_seconds_per_sample / args.slots
    print(
        f"at a real GPU run of {args.gpu_seconds_per_sample:g} s/sample per slot x {args.slots} "
        f"slots, our share is {100 * total_s / n / per_sample_wall:.2f}% of wall time"
    )


if __name__ == "__main__":
    main()
