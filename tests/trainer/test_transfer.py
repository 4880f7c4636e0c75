"""``train.eval``: the transfer measured during real TRL training of the tiny model (CPU), with
``drqa eval``'s prompt and scorer; the judge's validation confusion matrix at the end."""

from __future__ import annotations

import json

import polars as pl
import pytest

from drqa.trainer.answers import Answer, score_answers
from drqa.trainer.config import TrainConfig
from drqa.trainer.transfer import suite_figures, transfer_table
from tests.trainer.conftest import fast_train

pytest.importorskip("trl")

PROBLEMS = [
    {"id": "p1", "problem": "What is 2 + 3?", "answer": "5"},
    {"id": "p2", "problem": "What is 4 * 6?", "answer": "24"},
    {"id": "p3", "problem": "What is 10 - 7?", "answer": "3"},
]


def _bench(tmp_path):
    folder = tmp_path / "benchmarks"
    folder.mkdir()
    (folder / "gsm8k.jsonl").write_text("".join(json.dumps(p) + "\n" for p in PROBLEMS))
    return folder


def test_transfer_is_measured_at_the_set_steps(gated_release, tiny_model_dir, tmp_path):
    from drqa.trainer.run import train

    config = TrainConfig.model_validate(
        fast_train(
            gated_release, tmp_path / "run", tiny_model_dir, max_steps=2, save_steps=100,
            log_completions=False,
            eval={"suites": "gsm8k", "benchmarks_dir": str(_bench(tmp_path)), "limit": 2,
                  "every_steps": 1, "max_tokens": 6, "validation_limit": 5},
        )
    )  # fmt: skip
    result = train(config, progress=False, quiet=True)
    points = result.transfer["gsm8k"]
    assert [p["step"] for p in points] == [0, 1, 2]
    for point in points:
        assert point["samples"] == 2 and 0.0 <= point["accuracy"] <= 1.0
        assert 0 < point["mean_output_tokens"] <= 6 and 0.0 <= point["truncated"] <= 1.0
    history = json.loads((result.output / "trainer_state.json").read_text())["log_history"]
    logged = [h["step"] for h in history if "transfer/gsm8k/accuracy" in h]
    assert logged == [0, 1, 2]  # in TRL's log history, so every report_to tracker gets them
    facts = json.loads(result.lineage.read_text())
    assert facts["transfer"]["suites"]["gsm8k"] == points
    assert facts["transfer"]["settings"]["limit"] == 2
    assert not any(k.startswith("transfer/") for k in facts["final_metrics"])
    judged = facts["judge_validation"]
    assert judged["rows"] == min(5, judged["of_validation_rows"]) > 0
    assert sum(sum(row.values()) for row in judged["confusion"].values()) == judged["rows"]
    assert set(judged["per_label_accuracy"]) == {"A", "B", "C"}
    assert (result.output / "transfer.png").stat().st_size > 0
    assert (result.output / "judge_confusion.png").stat().st_size > 0
    card = (result.output / "README.md").read_text()
    assert "model-index" in card and "gsm8k" in card.lower()


def test_unknown_suite_fails_before_training(gated_release, tiny_model_dir, tmp_path):
    from drqa.errors import DrqaError
    from drqa.trainer.run import train

    config = TrainConfig.model_validate(
        fast_train(gated_release, tmp_path / "run", tiny_model_dir,
                   eval={"suites": ["gsm9k"], "benchmarks_dir": str(_bench(tmp_path))})
    )  # fmt: skip
    with pytest.raises(DrqaError, match="unknown suite 'gsm9k'"):
        train(config, progress=False, quiet=True)
    assert not (tmp_path / "run" / "drqa_training.json").exists()


def test_scoring_is_drqa_evals_scorer():
    from drqa.evals.suites import EvalProblem
    from drqa.labeling.verifier import VerifierPool

    problems = [EvalProblem("a", "q", "5"), EvalProblem("b", "q", "24"), EvalProblem("c", "q", "3")]
    answers = [
        Answer("<think>2+3</think> So \\boxed{5}.", "stop", 10),
        Answer("<think>4*6</think> \\boxed{25}", "stop", 20),
        Answer("<think>10-7 is \\boxed{3} so", "length", 30),  # cut off while thinking
    ]
    with VerifierPool(workers=1) as pool:
        verdicts = score_answers(problems, answers, pool, opened_in_prompt=False)
    assert verdicts["correct"].to_list() == [True, False, False]
    assert verdicts["truncated"].to_list() == [False, False, True]
    figures = suite_figures(verdicts)
    assert figures == {"accuracy": pytest.approx(1 / 3), "mean_output_tokens": 20.0,
                       "truncated": pytest.approx(1 / 3), "samples": 3}  # fmt: skip


def test_transfer_table_from_log_history():
    history = [
        {"transfer/gsm8k/accuracy": 0.5, "transfer/gsm8k/mean_output_tokens": 9.0, "step": 0},
        {"loss": 1.0, "step": 1},
        {"transfer/gsm8k/accuracy": 1.0, "transfer/math500/accuracy": 0.0, "step": 2},
    ]
    assert transfer_table(history) == {
        "gsm8k": [{"step": 0, "accuracy": 0.5, "mean_output_tokens": 9.0},
                  {"step": 2, "accuracy": 1.0}],
        "math500": [{"step": 2, "accuracy": 0.0}],
    }  # fmt: skip
    assert transfer_table([]) == {} and pl.DataFrame().height == 0


def _facts(base_model: str, source: str, transfer: dict | None) -> dict:
    return {
        "base_model": base_model, "method": "grpo", "output": "/runs/m1",
        "release": {"source": source, "version": "1.0.0", "manifest_sha256": "ab",
                    "digest": "sha256:ab", "ungated_because": [], "allow_ungated": None},
        "task": {"kind": "judge", "rows_in": 3, "train_rows": 2, "validation_rows": 1},
        "global_step": 2, "code_version": "x", "versions": {}, "config": {}, "rewards": [],
        "transfer": transfer, "judge_validation": None,
    }  # fmt: skip


def _meta(card: str) -> dict:
    import yaml

    return yaml.safe_load(card.split("---")[1])


def test_model_card_metadata_hub_ids_datasets_and_model_index(tmp_path):
    from drqa.trainer.lineage import render_card

    transfer = {"settings": {"limit": 4, "temperature": 0.0},
                "suites": {"gsm8k": [{"step": 0, "accuracy": 0.25, "samples": 4},
                                     {"step": 2, "accuracy": 0.5, "mean_output_tokens": 7.0,
                                      "samples": 4}]}}  # fmt: skip
    meta = _meta(render_card(_facts("Qwen/Qwen2.5-0.5B", "my-org/drqa-corpus", transfer)))
    assert meta["base_model"] == "Qwen/Qwen2.5-0.5B"
    assert meta["datasets"] == ["my-org/drqa-corpus"]
    (result,) = meta["model-index"][0]["results"]
    assert result["dataset"]["name"] == "gsm8k"
    values = {m["type"]: m["value"] for m in result["metrics"]}
    assert values == {"accuracy": 0.5, "mean_output_tokens": 7.0}  # the last point

    local_model, local_release = tmp_path / "base", tmp_path / "releases" / "1.0.0"
    local_model.mkdir()
    local_release.mkdir(parents=True)
    card = render_card(_facts(str(local_model), str(local_release), None))
    meta = _meta(card)
    assert "base_model" not in meta and "datasets" not in meta and "model-index" not in meta
    assert "release version 1.0.0" in card and str(local_release) in card
