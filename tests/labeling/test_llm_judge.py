"""The optional LLM judge: its reply parsing, and its plumbing end to end against a real
OpenAI-compatible server (``transformers serve`` with the tiny model): uncertain verdicts are
sent, replies cached by (gold, answer, judge model, prompt hash), the judge recorded on chains."""

from __future__ import annotations

import json

import pytest

from drqa.errors import DrqaError
from drqa.labeling.config import JudgeConfig, LabelConfig
from drqa.labeling.llm_judge import DEFAULT_PROMPT, LLMJudge, read_verdict


@pytest.mark.parametrize(
    ("reply", "verdict"),
    [
        ("They match.\nCORRECT", "correct"),
        ("Different compounds.\n**INCORRECT**", "incorrect"),
        ("<think>hmm, correct or not?</think>\nIncorrect.", "incorrect"),
        ("It could be CORRECT, or maybe not.\nI am not sure", "uncertain"),
        ("", "uncertain"),
        (None, "uncertain"),
    ],
)
def test_reply_is_read_from_its_last_line(reply, verdict):
    assert read_verdict(reply) == verdict


def test_prompt_fills_fields_literally_and_hash_names_the_judge(tmp_path):
    judge = LLMJudge.from_config(JudgeConfig(base_url="http://x/v1", model="m"))
    prompt = judge.prompt("Q {gold}?", "\\frac{1}{2}", "{answer} 0.5")
    assert "\\frac{1}{2}" in prompt and "{answer} 0.5" in prompt and "Q {gold}?" in prompt
    assert judge.template == DEFAULT_PROMPT and judge.name.startswith("m@")
    other = tmp_path / "prompt.txt"
    other.write_text("Gold {gold} / answer {answer}: CORRECT or INCORRECT?")
    custom = LLMJudge.from_config(JudgeConfig(base_url="http://x/v1", model="m",
                                              prompt_template=other))  # fmt: skip
    assert custom.name != judge.name
    other.write_text("no fields")
    with pytest.raises(DrqaError, match="no \\{gold\\} field"):
        LLMJudge.from_config(JudgeConfig(base_url="x", model="m", prompt_template=other))


def test_recipe_section_is_typed():
    config = LabelConfig.model_validate({"judge": {"base_url": "http://h/v1", "model": "m"}})
    assert config.judge.max_tokens > 0
    with pytest.raises(ValueError):
        LabelConfig.model_validate({"judge": {"base_url": "http://h/v1", "model": "m", "x": 1}})


@pytest.mark.slow
def test_judge_plumbing_against_a_real_server(tmp_path, tiny_model_server):
    from drqa.builders.ingest.config import DecontaminationConfig
    from drqa.labeling.importer import import_generations
    from drqa.labeling.label_stage import label_workspace
    from drqa.workspace import Workspace

    rows = [
        {"problem": "How many DVDs and CDs did Billy sell?", "gold": "10",
         "response": "7 and 3</think>**Final Answer:** Billy sold 7 DVDs and 3 CDs"},
        {"problem": "What is 2 + 2?", "gold": "4", "response": "2+2</think>\\boxed{4}"},
    ]  # fmt: skip
    source = tmp_path / "gens.jsonl"
    source.write_text("\n".join(json.dumps(row) for row in rows) + "\n")
    ws = Workspace.resolve(tmp_path / "ws")
    import_generations(source, ws, decontamination=DecontaminationConfig(enabled=False))
    judge = JudgeConfig(
        base_url=tiny_model_server.base_url, model=tiny_model_server.model, max_tokens=8
    )
    label_workspace(ws, show_progress=False, judge=judge)
    name = LLMJudge.from_config(judge).name
    with ws.read() as con:
        chains = dict(con.execute("SELECT answer, judge FROM chains").fetchall())
        cached = con.execute("SELECT gold, answer, judge_model, raw FROM judge_verdicts").fetchall()
    assert chains["Billy sold 7 DVDs and 3 CDs"] == name  # asked: recorded
    assert chains["4"] is None  # decided by rules: never sent
    assert len(cached) == 1 and cached[0][:3] == (
        "10",
        "Billy sold 7 DVDs and 3 CDs",
        tiny_model_server.model,
    )
    # a second judging of the same pair comes from the cache: no server needed
    from drqa.labeling.llm_judge import judge_pairs

    offline = LLMJudge.from_config(judge.model_copy(update={"base_url": "http://127.0.0.1:9/v1"}))
    pair = ("q", "10", "Billy sold 7 DVDs and 3 CDs")
    assert ("10", pair[2]) in judge_pairs(ws, offline, [pair])


def test_an_unreachable_judge_is_one_clear_error(tmp_path):
    from drqa.labeling.llm_judge import judge_pairs
    from drqa.workspace import Workspace

    ws = Workspace.resolve(tmp_path / "ws")
    with ws.write("test"):
        pass
    judge = LLMJudge.from_config(
        JudgeConfig(base_url="http://127.0.0.1:9/v1", model="m", timeout_s=2.0)
    )
    with pytest.raises(DrqaError, match="answered none of 1 requests"):
        judge_pairs(ws, judge, [("q", "10", "ten or so")])
