"""Batch composition, prompt templates and request identity."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from drqa.builders.compose.batching import compose_batches
from drqa.builders.compose.config import ComposeConfig
from drqa.builders.compose.prompts import load_template
from drqa.builders.compose.requests import compose_requests, run_id_for
from drqa.builders.generation.config import GenerateConfig
from drqa.builders.ingest.config import IngestConfig, SourceConfig
from drqa.builders.ingest.pipeline import ingest_source
from drqa.errors import DrqaError
from drqa.workspace import Workspace

IDS = [f"p-{i:03d}" for i in range(23)]


@pytest.mark.parametrize("k", [1, 2, 3, 5])
def test_every_problem_gets_a_group_of_every_size(k):
    groups = compose_batches(IDS, k, seed=7)
    assert all(len(g) == k and len(set(g)) == k for g in groups)
    assert set(IDS) == {pid for g in groups for pid in g}
    assert len(groups) == -(-len(IDS) // k)


def test_composition_is_seeded_and_independent_of_input_order():
    assert compose_batches(IDS, 3, seed=1) == compose_batches(IDS[::-1], 3, seed=1)
    assert compose_batches(IDS, 3, seed=1) != compose_batches(IDS, 3, seed=2)


def test_difficulty_mixed_spreads_difficulty_within_each_group():
    difficulties = [float(i) for i in range(len(IDS))]
    groups = compose_batches(IDS, 3, policy="difficulty-mixed", seed=0, difficulties=difficulties)
    level = dict(zip(IDS, difficulties, strict=True))
    spreads = [max(level[p] for p in g) - min(level[p] for p in g) for g in groups[:-1]]
    assert min(spreads) >= 10  # one easy, one middle, one hard problem per group


def test_difficulty_mixed_without_difficulty_is_one_clear_error():
    with pytest.raises(DrqaError, match="needs a difficulty for every problem"):
        compose_batches(IDS, 2, policy="difficulty-mixed", difficulties=[None] * len(IDS))


def test_batched_template_numbers_questions_and_asks_for_boxed_answers():
    messages = load_template("batched-v1").render(["What is 1+1?", "What is 2+2?"])
    assert [m["role"] for m in messages] == ["user"]  # no system prompt by default
    text = messages[0]["content"]
    assert "Question 1: What is 1+1?" in text and "Question 2: What is 2+2?" in text
    assert "Answer to Question 2:" in text and "\\boxed{" in text


def test_user_template_file_and_its_hash(tmp_path):
    path = tmp_path / "mine.jinja"
    path.write_text("Q: {{ problem }} ({{ n }})")
    template = load_template(str(path))
    assert template.render(["x"]) == [{"role": "user", "content": "Q: x (1)"}]
    assert template.hash != load_template("single-v1").hash
    with pytest.raises(DrqaError, match="unknown prompt template"):
        load_template("no-such-template")


@pytest.fixture
def pool_ws(tmp_path):
    path = tmp_path / "pool.jsonl"
    path.write_text(
        "".join(
            json.dumps(
                {"problem": f"What is {i} plus {i + 1}?", "answer": str(2 * i + 1), "level": i % 5}
            )
            + "\n"
            for i in range(13)
        )
    )
    ws = Workspace.resolve(tmp_path / "ws")
    config = IngestConfig.model_validate(
        {"decontamination": {"enabled": False}, "near_duplicate_threshold": None}
    )
    ingest_source(ws, SourceConfig(path=str(path), difficulty_field="level"), config)
    return ws


def test_compose_is_idempotent_and_records_lineage(pool_ws):
    compose, generate = ComposeConfig(), GenerateConfig(model="some/model")
    first = compose_requests(pool_ws, compose, generate)
    assert first.new == Counter({1: 13, 2: 7, 3: 5, 5: 3})
    again = compose_requests(pool_ws, compose, generate)
    assert not again.new and again.existing == first.new
    with pool_ws.read() as con:
        config = json.loads(con.execute("SELECT config FROM runs").fetchall()[0][0])
        positions = con.execute(
            "SELECT batch_size, len(problem_ids), template_name FROM requests WHERE batch_size = 3"
        ).fetchall()
    assert config["templates"]["batched"]["hash"] == load_template("batched-v1").hash
    assert config["sampling"]["temperature"] == 0.6 and config["model"] == "some/model"
    assert set(positions) == {(3, 3, "batched-v1")}


def test_changing_sampling_makes_a_new_run(pool_ws):
    base = GenerateConfig(model="m")
    hotter = GenerateConfig.model_validate({"model": "m", "sampling": {"temperature": 1.0}})
    assert run_id_for(base, ComposeConfig()) != run_id_for(hotter, ComposeConfig())


def test_more_samples_add_only_the_missing_requests(pool_ws):
    generate = GenerateConfig(model="m")
    compose_requests(pool_ws, ComposeConfig(batch_sizes=(1,)), generate)
    more = compose_requests(
        pool_ws, ComposeConfig(batch_sizes=(1,), samples_per_prompt=3), generate
    )
    assert more.new == {1: 26} and more.existing == {1: 13}
