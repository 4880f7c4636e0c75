"""The quickstart's train step: a few GRPO steps of the tiny model on the quickstart release,
with the shipped ``recipes/train-quickstart.yaml``, on CPU in well under a minute."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from drqa.console import console
from drqa.trainer.lineage import LINEAGE_JSON
from drqa.workspace import Workspace

OUTPUT_NAME = "tiny-qwen2-grpo"


def shipped_train_recipe() -> Path:
    """``recipes/train-quickstart.yaml`` as installed (package data ``drqa.recipes``)."""
    return Path(str(resources.files("drqa.recipes") / "train-quickstart.yaml"))


def quickstart_train(
    ws: Workspace, base_model: str | Path, release: str | Path, *, progress: bool = False
) -> str:
    """Train ``base_model`` on ``release`` into ``WORKSPACE/models/tiny-qwen2-grpo``; return the
    folder. A finished run is kept as is; an interrupted one is resumed."""
    from drqa.recipe import load_recipe
    from drqa.trainer.run import train

    output = ws.root / "models" / OUTPUT_NAME
    if (output / LINEAGE_JSON).is_file():
        console.print(f"  trained model exists already: kept as is ({output})")
        return str(output)
    overrides = {"model": str(base_model), "release": str(release), "output": str(output)}
    config = load_recipe(
        shipped_train_recipe(), {f"train.{k}": v for k, v in overrides.items()}
    ).train
    result = train(config, resume=output.exists(), progress=progress, quiet=True)
    reward = result.metrics.get("reward")
    shown = f", final mean reward {reward:.3f}" if reward is not None else ""
    console.print(
        f"  {result.global_step} GRPO steps on {result.task['train_rows']} rows{shown} "
        "(a random model learns nothing here: the machinery, not the method)"
    )
    for suite, points in sorted(result.transfer.items()):
        shown = ", ".join(
            f"step {p['step']} {100 * p['accuracy']:.0f}% / {p['mean_output_tokens']:.0f} tok"
            for p in points
        )
        console.print(f"  transfer on {suite} (train.eval): {shown}")
    console.print(f"  model: {output}  (load it with AutoModelForCausalLM.from_pretrained)")
    return str(output)
