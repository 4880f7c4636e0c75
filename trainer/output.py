"""The run folder: refuse to overwrite a run, resume one only with the config it started with.

``drqa_train_config.json`` holds the resolved ``train`` section the run started with; a resumed
run must match it field for field (a message names the fields that changed), so a killed run
resumed ends where an unkilled one would have.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from drqa.errors import DrqaError
from drqa.trainer.config import TrainConfig
from drqa.trainer.trl_args import is_main_process

CONFIG_FILE = "drqa_train_config.json"
CHECKPOINT_PREFIX = "checkpoint-"


def flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    """``{"a": {"b": 1}}`` -> ``{"a.b": 1}`` (lists stay values)."""
    if not isinstance(data, dict):
        return {prefix: data}
    out: dict[str, Any] = {}
    for key, value in data.items():
        out.update(flatten(value, f"{prefix}.{key}" if prefix else key))
    return out


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Dotted names of the fields whose values differ (or exist on one side only)."""
    old, new = flatten(before), flatten(after)
    return sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))


def last_checkpoint(output: Path) -> Path | None:
    """The checkpoint with the highest step that holds a trainer state, or None."""
    found = []
    for path in output.glob(f"{CHECKPOINT_PREFIX}*"):
        step = path.name.removeprefix(CHECKPOINT_PREFIX)
        if step.isdigit() and (path / "trainer_state.json").is_file():
            found.append((int(step), path))
    return max(found)[1] if found else None


def config_record(config: TrainConfig) -> dict[str, Any]:
    """What must not change across a resume: the whole resolved ``train`` section."""
    return config.model_dump(mode="json")


def prepare_output(config: TrainConfig, resume: bool) -> tuple[Path, Path | None]:
    """Create (or reopen, with ``resume``) the run folder; return it and the checkpoint to
    resume from. Refuses a folder that holds another run, and a changed config on resume."""
    if not config.output:
        raise DrqaError("no output folder: pass --output DIR (checkpoints and the model go there)")
    output = Path(config.output).expanduser()
    if not is_main_process():  # under accelerate launch rank 0 checks and writes; others follow
        return output, last_checkpoint(output) if resume else None
    saved = output / CONFIG_FILE
    record = config_record(config)
    if output.exists() and not output.is_dir():
        raise DrqaError(f"--output {output} is a file; pass a folder")
    holds_run = output.is_dir() and (saved.is_file() or last_checkpoint(output) is not None)
    if holds_run and not resume:
        raise DrqaError(
            f"{output} already holds a training run; pass --resume to continue it, "
            "or choose a new --output"
        )
    if resume and saved.is_file():
        before = json.loads(saved.read_text(encoding="utf-8"))
        changed = changed_fields(before, record)
        if changed:
            raise DrqaError(
                f"--resume with a changed config: {', '.join(changed)} differ from the run in "
                f"{output}; resume with the same settings or start a new --output"
            )
    output.mkdir(parents=True, exist_ok=True)
    if not saved.is_file():
        saved.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return output, last_checkpoint(output) if resume else None
