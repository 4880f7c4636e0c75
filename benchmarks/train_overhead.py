"""Benchmark: ``drqa train`` against a bare ``GRPOTrainer`` script on the same rows and config,
in one run, and the data preparation of a 50,000-row release.

    python benchmarks/train_overhead.py [--rows 50000] [--words-per-chain 200] [--steps 10]
                                        [--rounds 2] [--keep DIR]

1. Preparation: a synthetic corpus of ``--rows`` chains is released (``make_release``: gate,
   Parquet, manifest), then timed: ``open_release`` (every file hash-checked, gate read) and
   ``build_task`` (template, chat template, tokenizer length filter, split by problem,
   balancing) with the tiny model's tokenizer.
2. Step time: ``drqa train`` (a subprocess, the CLI) and a bare script (a subprocess: the same
   ``drqa_task/train.parquet`` rows, a hand-written ``GRPOConfig`` with the same values, an
   inline regex reward) alternate ``--rounds`` times on a small release; each reports TRL's
   ``step_time`` (first step excluded; median over all rounds). Overhead = drqa's median
   seconds per step / the bare script's - 1;
   drqa's fixed cost (release checks, task building, lineage, plot) is reported separately.
   Target (issue 10): overhead <= 10% of the step time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve()
GRPO = {
    "learning_rate": 1e-5,
    "num_generations": 4,
    "per_device_train_batch_size": 8,
    "max_completion_length": 32,
}


def _release(folder: Path, problems: int, words: int) -> Path:
    from drqa.builders.release.snapshot import make_release
    from drqa.testing.synthetic_release import write_synthetic_corpus
    from drqa.workspace import Workspace

    ws = Workspace.resolve(folder / "ws")
    write_synthetic_corpus(ws, problems, seed=5, unsplittable_rate=0.0, words_per_chain=words)
    return make_release(ws, "1.0.0")


def preparation(root: Path, rows: int, words: int, tokenizer_dir: Path) -> dict:
    """Release ``rows`` chains, then time opening it and building the task."""
    from transformers import AutoTokenizer

    from drqa.trainer.config import TrainConfig
    from drqa.trainer.pinned import open_release
    from drqa.trainer.task import build_task

    started = time.perf_counter()
    release = _release(root / "big", max(1, round(rows / 3)), words)  # sizes 1,2,3: ~3 per problem
    made = time.perf_counter() - started
    config = TrainConfig.model_validate(
        {"release": str(release), "task": {"max_prompt_tokens": 4096}}
    )
    tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)
    t0 = time.perf_counter()
    pinned = open_release(config)
    t1 = time.perf_counter()
    task = build_task(pinned.labels, tokenizer, config.task, config.seed)
    t2 = time.perf_counter()
    return {
        "rows": pinned.labels.height,
        "words_per_chain": words,
        "release_s": round(made, 1),
        "open_release_s": round(t1 - t0, 2),
        "build_task_s": round(t2 - t1, 2),
        "prepare_s": round(t2 - t0, 2),
        "rows_per_s": round(pinned.labels.height / (t2 - t0)),
        "mean_prompt_tokens": round(float(task.train["prompt_tokens"].mean()), 1),
        "train_rows": task.report["train_rows"],
        "dropped": task.report["dropped"],
    }


def _env() -> dict:
    """Both sides alike: offline, and one torch thread (``--threads``) so that OpenMP threads
    spinning on a shared, oversubscribed box do not swamp the comparison."""
    return {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
            "OMP_NUM_THREADS": os.environ.get("BENCH_THREADS", "1")}  # fmt: skip


def run_drqa(root: Path, release: Path, model: Path, steps: int, tag: str) -> dict:
    output = root / f"drqa-{tag}"
    recipe = root / "train.yaml"
    recipe.write_text(yaml.safe_dump({"train": {
        "model": str(model), "device": "cpu", "seed": 0, "max_steps": steps,
        "save_steps": steps, "logging_steps": 1, "log_completions": True,
        "task": {"validation_fraction": 0.05, "balance": "downsample"}, "grpo": GRPO,
    }}))  # fmt: skip
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "drqa.cli", "train", "--recipe", str(recipe), "--release",
         str(release), "--output", str(output), "--no-progress"],
        check=True, env=_env(), stdout=subprocess.DEVNULL,
    )  # fmt: skip
    wall = time.perf_counter() - started
    facts = json.loads((output / "drqa_training.json").read_text())
    return {
        "wall_s": wall,
        "step_s": _step_times(output),
        "train_runtime_s": facts["final_metrics"]["train_runtime"],
        "steps": facts["global_step"],
        "fixed_s": facts["timings"]["prepare_s"] + facts["timings"]["finalize_s"],
        "train_cpu_s": facts["timings"]["train_cpu_s"],
        "rows": output / "drqa_task" / "train.parquet",
    }


def run_bare(root: Path, rows: Path, model: Path, steps: int, tag: str) -> dict:
    output = root / f"bare-{tag}"
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(HERE), "--bare", str(rows), str(model), str(output), str(steps)],
        check=True, env=_env(), stdout=subprocess.DEVNULL,
    )  # fmt: skip
    wall = time.perf_counter() - started
    state = json.loads((output / "trainer_state.json").read_text())
    runtime = next(h["train_runtime"] for h in state["log_history"] if "train_runtime" in h)
    cpu = json.loads((output / "bare_timing.json").read_text())["train_cpu_s"]
    return {"wall_s": wall, "step_s": _step_times(output), "train_runtime_s": runtime,
            "steps": state["global_step"], "train_cpu_s": cpu}  # fmt: skip


def _step_times(output: Path) -> list[float]:
    """TRL's logged ``step_time`` of every step but the first (warm-up)."""
    state = json.loads((output / "trainer_state.json").read_text())
    return [h["step_time"] for h in state["log_history"] if "step_time" in h][1:]


def bare_script(rows: str, model: str, output: str, steps: int) -> None:
    """What a user would write by hand: the same rows and GRPO values, no drqa."""
    import re

    import polars as pl
    from datasets import Dataset

    frame = pl.read_parquet(rows)
    data = Dataset.from_dict({
        "prompt": [[{"role": "user", "content": t}] for t in frame["prompt_text"].to_list()],
        "label": frame["label"].to_list(),
    })  # fmt: skip
    boxed = re.compile(r"\\boxed\{([ABC])\}")

    def label_match(completions, label, **_):
        texts = [c[0]["content"] for c in completions]
        return [1.0 if (m := boxed.findall(t.split("</think>")[-1])) and m[-1] == g else 0.0
                for t, g in zip(texts, label, strict=True)]  # fmt: skip

    def letter_format(completions, **_):
        texts = [c[0]["content"].split("</think>")[-1] for c in completions]
        return [1.0 if len(boxed.findall(t)) == 1 else 0.0 for t in texts]

    cpu = time.process_time()  # like drqa's train_cpu_s: importing TRL, trainer, training
    from trl import GRPOConfig, GRPOTrainer

    args = GRPOConfig(
        output_dir=output, use_cpu=True, seed=0, data_seed=0, max_steps=steps, save_steps=steps,
        logging_steps=1, report_to="none", disable_tqdm=True, log_completions=True,
        num_completions_to_print=0, reward_weights=[1.0, 0.1], **GRPO,
        bf16=False, activation_checkpointing=False, save_total_limit=2,  # drqa's CPU values
    )  # fmt: skip
    trainer = GRPOTrainer(model=model, reward_funcs=[label_match, letter_format], args=args,
                          train_dataset=data)  # fmt: skip
    trainer.train()
    cpu = time.process_time() - cpu
    trainer.save_model(output)
    trainer.save_state()
    Path(output, "bare_timing.json").write_text(json.dumps({"train_cpu_s": cpu}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000, help="0 skips part 1.")
    parser.add_argument("--words-per-chain", type=int, default=200)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="Keep the work folder here (default: temp).")
    parser.add_argument("--threads", type=int, default=1, help="torch threads of both sides.")
    parser.add_argument("--bare", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        rows, model, output, steps = args.bare
        bare_script(rows, model, output, int(steps))
        return
    from drqa.tiny_model import make_tiny_model

    os.environ["BENCH_THREADS"] = str(args.threads)
    root = args.keep or Path(tempfile.mkdtemp(prefix="drqa-bench-train-"))
    root.mkdir(parents=True, exist_ok=True)
    model = make_tiny_model(root / "tiny-model")
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    prep = preparation(root, args.rows, args.words_per_chain, model) if args.rows else {}
    if prep:
        print(
            f"preparation of a {prep['rows']}-row release ({args.words_per_chain} words a "
            f"chain): open_release {prep['open_release_s']}s + build_task "
            f"{prep['build_task_s']}s = {prep['prepare_s']}s ({prep['rows_per_s']} rows/s; mean "
            f"prompt {prep['mean_prompt_tokens']} tokens; releasing took {prep['release_s']}s)"
        )

    small = _release(root / "small", 60, 40)
    drqa_runs, bare_runs = [], []
    for round_ in range(args.rounds):
        drqa_runs.append(run_drqa(root, small, model, args.steps, str(round_)))
        bare_runs.append(run_bare(root, drqa_runs[0]["rows"], model, args.steps, str(round_)))
    per_step = {
        name: statistics.median(t for r in runs for t in r["step_s"])
        for name, runs in (("drqa", drqa_runs), ("bare", bare_runs))
    }
    runtime = {
        name: statistics.median(r["train_runtime_s"] / r["steps"] for r in runs)
        for name, runs in (("drqa", drqa_runs), ("bare", bare_runs))
    }
    overhead = per_step["drqa"] / per_step["bare"] - 1
    cpu_step = {
        name: statistics.median(r["train_cpu_s"] / r["steps"] for r in runs)
        for name, runs in (("drqa", drqa_runs), ("bare", bare_runs))
    }
    cpu_overhead = cpu_step["drqa"] / cpu_step["bare"] - 1
    fixed = statistics.median(r["fixed_s"] for r in drqa_runs)
    for name, runs in (("drqa train", drqa_runs), ("bare GRPOTrainer", bare_runs)):
        print(f"{name:>17}: " + ", ".join(
            f"{r['steps']} steps in {r['train_runtime_s']:.1f}s (process {r['wall_s']:.1f}s)"
            for r in runs))  # fmt: skip
    print(f"median seconds per step: drqa {per_step['drqa']:.2f}, bare {per_step['bare']:.2f}; "
          f"overhead {overhead:+.1%} (target <= +10%); train_runtime/steps: drqa "
          f"{runtime['drqa']:.2f}, bare {runtime['bare']:.2f}")  # fmt: skip
    print(
        f"CPU s per step, incl. importing TRL + building the trainer: drqa "
        f"{cpu_step['drqa']:.2f}, bare {cpu_step['bare']:.2f}; overhead {cpu_overhead:+.1%}"
    )
    print(f"drqa fixed cost per run (release checks, task, lineage, plot): {fixed:.1f}s")
    result = {"preparation": prep, "seconds_per_step": per_step, "overhead": overhead,
              "runtime_per_step": runtime, "cpu_per_step": cpu_step,
              "cpu_overhead": cpu_overhead,
              "fixed_s": fixed, "steps": args.steps, "rounds": args.rounds}  # fmt: skip
    print(json.dumps(result, default=str))
    if args.keep is None:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
