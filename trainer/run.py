"""``drqa.trainer.train(config)``: pinned release -> task -> TRL -> model + lineage, resumable.

The same function backs ``drqa train``; under ``accelerate launch`` every process builds the same
(seeded) task and only rank 0 writes files.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drqa.console import console
from drqa.errors import DrqaError
from drqa.optional import require
from drqa.trainer.config import TrainConfig
from drqa.trainer.lineage import final_metrics, library_versions, utc_now, write_lineage
from drqa.trainer.output import prepare_output
from drqa.trainer.pinned import PinnedRelease, open_release
from drqa.trainer.plots import write_confusion, write_curves, write_transfer
from drqa.trainer.task import Task, build_sft_task, build_task
from drqa.trainer.trl_args import is_main_process, resolve_model

TASK_DIR = "task"


@dataclass(frozen=True)
class TrainResult:
    """Where the model is and what the run did."""

    output: Path
    global_step: int
    resumed_from: str | None
    metrics: dict[str, Any]
    task: dict[str, Any]
    lineage: Path
    curves: Path | None
    timings: dict[str, float]
    transfer: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    judge_validation: dict[str, Any] | None = None


def prepare(config: TrainConfig, tokenizer, release: PinnedRelease, model: str = "") -> Task:
    """The method's rows from the release (seeded: the same on every process and resume)."""
    if config.task.kind == "solve":
        from drqa.trainer.solve import build_solve_task, stop_token_ids

        return build_solve_task(
            release.problems, release.labels, tokenizer, config.task,
            max_completion_tokens=config.grpo.max_completion_length,
            stop_ids=stop_token_ids(tokenizer, _model_eos(model)), seed=config.seed,
        )  # fmt: skip
    if config.method == "sft":
        return build_sft_task(release.labels, tokenizer, config.sft, config.task, config.seed)
    return build_task(release.labels, tokenizer, config.task, config.seed)


def _model_eos(model: str) -> int | list[int] | None:
    """The EOS id(s) of the model's generation config, when it has one."""
    transformers = require("transformers", "drqa train")
    try:
        return transformers.GenerationConfig.from_pretrained(model).eos_token_id
    except (OSError, ValueError):
        return None


def _transfer_callback(config: TrainConfig, suites: list, tokenizer, trainer) -> None:
    """Measure the transfer during training (``train.eval``), logged through ``trainer``."""
    from drqa.trainer.task import opens_thinking
    from drqa.trainer.transfer import make_transfer_callback

    callback = make_transfer_callback(config.eval, suites, tokenizer,
                                      opened_in_prompt=opens_thinking(tokenizer),
                                      seed=config.seed)  # fmt: skip
    callback.attach(trainer)
    trainer.add_callback(callback)


def _judge_validation(config: TrainConfig, trainer, tokenizer, task: Task) -> dict | None:
    """The trained judge on the validation split, when the run trained the judge."""
    if config.method != "grpo" or config.task.kind != "judge" or config.eval.validation_limit == 0:
        return None
    from drqa.trainer.transfer import judge_validation

    return judge_validation(
        trainer.model, tokenizer, task.validation, limit=config.eval.validation_limit,
        max_tokens=config.grpo.max_completion_length, batch_size=config.eval.batch_size,
    )  # fmt: skip


def write_task(output: Path, task: Task) -> None:
    """The exact rows trained and held out, and the task report, in ``task/``."""
    folder = output / TASK_DIR
    folder.mkdir(exist_ok=True)
    task.train.write_parquet(folder / "train.parquet")
    task.validation.write_parquet(folder / "validation.parquet")
    (folder / "report.json").write_text(json.dumps(task.report, indent=2, sort_keys=True) + "\n")


def _make_trainer(config: TrainConfig, model: str, tokenizer, task: Task, output: Path,
                  progress: bool):  # fmt: skip
    if config.method == "sft":
        from drqa.trainer.sft import make_sft_trainer

        return make_sft_trainer(config, model, tokenizer, task.train, task.validation, output,
                                progress=progress)  # fmt: skip
    from drqa.trainer.grpo import make_grpo_trainer

    return make_grpo_trainer(config, model, tokenizer, task.train, task.validation, output,
                             progress=progress)  # fmt: skip


def _rewards(config: TrainConfig) -> list[dict[str, Any]]:
    if config.method != "grpo":
        return []
    from drqa.trainer.grpo import reward_records

    return reward_records(config)


def train(
    config: TrainConfig, *, resume: bool = False, progress: bool = True, quiet: bool = False
) -> TrainResult:
    """Train ``config.model`` on the pinned release with ``config.method``; return the result.

    ``progress`` shows TRL's progress bar; ``quiet`` also drops its per-step log lines.

    Refuses (one-line ``DrqaError``) an unverifiable, tampered or ungated release, an output
    folder that holds another run (without ``resume``) and a changed config on resume.
    """
    from drqa.code_version import code_version

    started_at, t0, c0 = utc_now(), time.perf_counter(), time.process_time()
    rewards = _rewards(config)  # unknown reward names fail before anything is loaded
    release = open_release(config)
    if is_main_process():
        console.print(release.pin_line(config.version))
    suites = []
    if config.eval.suites:  # a suite that cannot be found fails before training
        from drqa.trainer.transfer import load_suites

        suites = load_suites(config.eval)
    output, checkpoint = prepare_output(config, resume)
    transformers = require("transformers", "drqa train")
    model = resolve_model(config, output)
    tokenizer = transformers.AutoTokenizer.from_pretrained(model)
    task = prepare(config, tokenizer, release, model)
    if task.train.height == 0:
        raise DrqaError(
            f"no training rows left from release {release.folder}: {task.report['dropped']}; "
            "raise train.task.max_prompt_tokens or check train.task.labels"
        )
    if is_main_process():
        write_task(output, task)
    t1, c1 = time.perf_counter(), time.process_time()
    trainer = _make_trainer(config, model, tokenizer, task, output, progress)
    if suites:
        _transfer_callback(config, suites, tokenizer, trainer)
    if quiet:
        for callback in (transformers.PrinterCallback, transformers.ProgressCallback):
            trainer.remove_callback(callback)
    trainer.train(resume_from_checkpoint=str(checkpoint) if checkpoint else None)
    t2, c2 = time.perf_counter(), time.process_time()
    trainer.save_model(str(output))
    if is_main_process():
        trainer.save_state()  # trainer_state.json: the whole log history, next to the model
    history = trainer.state.log_history
    curves = write_curves(history, output, config.method) if is_main_process() else None
    from drqa.trainer.transfer import PREFIX, transfer_table

    transfer = transfer_table(history)
    judged = _judge_validation(config, trainer, tokenizer, task) if is_main_process() else None
    if is_main_process():
        write_transfer(transfer, output)
        write_confusion(judged, output)
    metrics = {k: v for k, v in final_metrics(history).items() if not k.startswith(PREFIX)}
    facts = {
        "method": config.method,
        "base_model": config.model,
        "base_model_path": model,
        "output": str(output),
        "release": release.lineage(),
        "task": task.report,
        "rewards": rewards,
        "config": config.model_dump(mode="json"),
        "global_step": trainer.state.global_step,
        "resumed_from": checkpoint.name if checkpoint else None,
        "final_metrics": metrics,
        "transfer": {"settings": config.eval.model_dump(mode="json"), "suites": transfer}
        if transfer
        else None,
        "judge_validation": judged,
        "code_version": code_version(),
        "versions": library_versions(),
        "started_at": started_at,
        "finished_at": utc_now(),
    }
    timings = {
        "prepare_s": t1 - t0,
        "train_s": t2 - t1,
        "finalize_s": time.perf_counter() - t2,
        "prepare_cpu_s": c1 - c0,  # CPU seconds of this process (all threads)
        "train_cpu_s": c2 - c1,
        "finalize_cpu_s": time.process_time() - c2,
    }
    facts["timings"] = {k: round(v, 3) for k, v in timings.items()}
    lineage = write_lineage(output, facts) if is_main_process() else output / "drqa_training.json"
    return TrainResult(output, trainer.state.global_step, facts["resumed_from"], metrics,
                       task.report, lineage, curves, timings, transfer, judged)  # fmt: skip
