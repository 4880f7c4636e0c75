"""``train.task: solve``: the ``budget@1`` reward table (scored by ``drqa eval``'s scorer), the
per-problem budgets from the release's chains, and a real TRL run of the tiny model."""

from __future__ import annotations

import json

import polars as pl
import pytest

from drqa.trainer.config import TrainConfig
from drqa.trainer.rewards import budget, budget_score, get_reward
from drqa.trainer.solve import problem_budgets
from tests.trainer.conftest import fast_train

EOS = 0

# (completion, tokens, ends with EOS, gold, budget, reward)
TABLE = [
    ("<think>2+3</think> The answer is \\boxed{5}.", 10, True, "5", 20, 1.0),  # correct, short
    ("<think>2+3</think> \\boxed{5}", 20, True, "5", 20, 1.0),  # exactly the budget
    ("<think>long</think> \\boxed{5}", 30, True, "5", 20, 0.5),  # correct, 50% over
    ("<think>very long</think> \\boxed{5}", 200, True, "5", 20, 0.1),  # floor
    ("<think>2+3</think> \\boxed{6}", 10, True, "5", 20, 0.0),  # wrong
    ("<think>2+3 is \\boxed{5} and", 64, False, "5", 20, 0.0),  # truncated while thinking
    ("<think>done</think> \\boxed{5}", 64, False, "5", 20, 0.0),  # hit the limit: truncated
    ("<think>hmm</think> I am not sure.", 10, True, "5", 20, 0.0),  # no answer
    ("\\boxed{\\frac{1}{2}}", 5, True, "0.5", 20, 1.0),  # another form of the gold
]


@pytest.mark.parametrize(("text", "tokens", "stopped", "gold", "limit", "reward"), TABLE)
def test_budget_reward_table(text, tokens, stopped, gold, limit, reward):
    ids = [7] * (tokens - 1) + [EOS if stopped else 7]
    got = budget([text], gold_answer=[gold], budget_tokens=[limit], completion_ids=[ids],
                 stop_token_ids=[[EOS]], max_completion_tokens=[64],
                 starts_in_thinking=[False])  # fmt: skip
    assert got == [pytest.approx(reward)]


def test_budget_score_and_registry():
    assert budget_score(True, False, 10, 20) == 1.0
    assert budget_score(True, False, 25, 20) == pytest.approx(0.75)
    assert budget_score(True, True, 10, 20) == 0.0 and budget_score(False, False, 1, 20) == 0.0
    assert get_reward("budget").key == "budget@1"


def test_chat_template_that_opens_thinking():
    text = "2+3 is five</think> \\boxed{5}"  # the prompt opened the thinking
    got = budget([text, "still thinking \\boxed{5}"], gold_answer=["5", "5"],
                 budget_tokens=[20, 20], completion_ids=[[7, EOS], [7, EOS]],
                 stop_token_ids=[[EOS], [EOS]], starts_in_thinking=[True, True])  # fmt: skip
    assert got == [1.0, 0.0]  # never answered from the thinking


def test_problem_budgets_say_which_chains_they_come_from():
    labels = pl.DataFrame(
        {
            "problem_id": ["p1", "p1", "p1", "p2", "p2", "p3", "p4"],
            "label": ["B", "B", "A", "A", "C", "C", "B"],
            "total_tokens": [10, 30, 99, 50, 7, 40, None],
        }
    )
    budgets = {r["problem_id"]: r for r in problem_budgets(labels).iter_rows(named=True)}
    assert (budgets["p1"]["budget_tokens"], budgets["p1"]["budget_source"]) == (20.0, "B")
    assert (budgets["p2"]["budget_tokens"], budgets["p2"]["budget_source"]) == (50.0, "A")
    assert (budgets["p3"]["budget_tokens"], budgets["p3"]["budget_source"]) == (40.0, "all")
    assert "p4" not in budgets  # no token count: no budget (dropped and counted)


def test_solve_task_trains_with_trl(gated_release, tiny_model_dir, tmp_path):
    pytest.importorskip("trl")
    from drqa.trainer.run import TASK_DIR, train

    config = TrainConfig.model_validate(
        fast_train(gated_release, tmp_path / "solve", tiny_model_dir, task="solve",
                   max_steps=1, save_steps=100, log_completions=False)
    )  # fmt: skip
    assert config.task.kind == "solve" and [r.name for r in config.rewards] == ["budget"]
    result = train(config, progress=False, quiet=True)
    assert result.global_step == 1 and result.task["kind"] == "solve"
    assert result.task["train_rows"] > 0 and set(result.task["budget_sources_train"]) <= {
        "B", "A", "all"}  # fmt: skip
    assert "rewards/budget/mean" in result.metrics
    facts = json.loads(result.lineage.read_text())
    assert facts["rewards"] == [{"name": "budget", "version": 1, "weight": 1.0}]
    rows = pl.read_parquet(result.output / TASK_DIR / "train.parquet")
    assert {"gold_answer", "budget_tokens", "budget_source", "prompt_text"} <= set(rows.columns)
    assert rows["prompt_text"][0].endswith("put your final answer within \\boxed{}.")
    assert facts["judge_validation"] is None  # no judge in the solving task
    assert "answers the release's problems itself" in (result.output / "README.md").read_text()


def test_solve_needs_grpo():
    with pytest.raises(ValueError, match="solve trains with GRPO"):
        TrainConfig.model_validate({"task": "solve", "method": "sft"})
