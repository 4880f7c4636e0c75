"""The split judge (``label.split_judge``, issue 17.1): replies checked against the text on
hand-written model outputs, and the plumbing end to end against a real OpenAI-compatible server
(``transformers serve`` with the random tiny model: its replies are unusable, so each response
is rejected with a counted reason, cached, and nothing crashes)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime

import pytest

from drqa.errors import DrqaError
from drqa.labeling.config import LabelConfig, SplitJudgeConfig
from drqa.labeling.split_judge import SplitJudge, judge_split, response_sha256
from drqa.labeling.split_judge_check import REASONS, Rejected, check_spans, read_reply
from drqa.workspace import Workspace

TEXT = (
    "<think>First, 3 + 4 = 7. Then 2 * 6 = 12, so the answer to question one is 7.</think>\n"
    "**Answer to Question 1:** The sum is \\boxed{7}.\n\n"
    "**Answer to Question 2:** The product is \\boxed{12}."
)
PROBLEMS = ["What is 3 + 4?", "What is 2 * 6?"]


def item(question, start, end, answer):
    return {"question": question, "start": start, "end": end, "answer": answer}


Q1 = item(1, "**Answer to Question 1:** The sum", "\\boxed{7}.", "7")
Q2 = item(2, "**Answer to Question 2:**", "is \\boxed{12}.", "12")


def reply(*items) -> str:
    return json.dumps(list(items))


def test_a_valid_reply_is_located_in_the_text():
    spans = check_spans(TEXT, read_reply(reply(Q2, Q1)), 2)  # any order
    assert [s.question for s in spans] == [1, 2]
    for span in spans:
        assert span.answer in TEXT[span.start : span.end]
        assert span.start > TEXT.index("</think>")
    assert spans[0].end <= spans[1].start


def test_offsets_quotes_with_other_spacing_fences_and_thinking_are_read():
    start = TEXT.index("**Answer to Question 2")
    by_offsets = item(2, start, len(TEXT), "12")
    wrapped = "<think>let me find them</think>\n```json\n" + reply(Q1, by_offsets) + "\n```"
    spans = check_spans(TEXT, read_reply(wrapped), 2)
    assert (spans[1].start, spans[1].end) == (start, len(TEXT))
    respaced = item(1, "**Answer   to\nQuestion 1:**", "\\boxed{7}.", "7")
    assert check_spans(TEXT, read_reply(reply(respaced, Q2)), 2)[0].answer == "7"


def test_a_question_without_an_answer_is_none():
    spans = check_spans(TEXT, [Q1, {"question": 2, "answer": None}], 2)
    assert spans[1].answer is None and spans[1].start is None


@pytest.mark.parametrize(
    ("items", "reason"),
    [
        ([item(1, 0, 10_000, "7"), Q2], "out_of_range"),
        ([item(1, 50, 40, "7"), Q2], "out_of_range"),
        ([item(1, "**Answer to Question 1:**", "\\boxed{12}.", "7"), Q2], "overlapping"),
        ([item(1, "**Answer to Question 1:**", "\\boxed{7}.", "8"), Q2], "answer_not_in_span"),
        ([item(1, "**Answer to Question 1:**", "\\boxed{7}.", "12"), Q2], "answer_not_in_span"),
        ([item(1, "Answer to Question 3:", "x", "7"), Q2], "quote_not_found"),
        ([item(1, "First, 3 + 4 = 7.", "= 7.", "7"), Q2], "in_thinking"),
        ([Q1], "wrong_questions"),
        ([Q1, Q1], "wrong_questions"),
        ([Q1, Q2, item(3, "The", "7", "7")], "wrong_questions"),
        ([Q1, item(2, ["not", "text"], "x", "12")], "bad_item"),
        ([Q1, "12"], "bad_item"),
    ],
)
def test_replies_that_do_not_check_are_rejected_with_their_reason(items, reason):
    with pytest.raises(Rejected) as rejected:
        check_spans(TEXT, items, 2)
    assert rejected.value.reason == reason and reason in REASONS


@pytest.mark.parametrize("text", ["", "I cannot do that.", "{'question': 1}", "[1, 2", None])
def test_a_reply_without_a_json_list_is_no_json(text):
    with pytest.raises(Rejected) as rejected:
        read_reply(text)
    assert rejected.value.reason == "no_json"


def test_config_section_and_prompt(tmp_path):
    config = LabelConfig.model_validate(
        {"split_judge": {"base_url": "http://h/v1", "model": "m", "min_confidence": 0.6}}
    ).split_judge
    judge = SplitJudge.from_config(config)
    prompt = judge.prompt(TEXT, PROBLEMS, 2)
    assert TEXT in prompt and "Question 2: What is 2 * 6?" in prompt
    custom = tmp_path / "split.jinja"
    custom.write_text("Split {{ response }} into {{ n }}: JSON please.")
    other = SplitJudge.from_config(config.model_copy(update={"prompt_template": custom}))
    assert other.prompt_hash != judge.prompt_hash and other.name.startswith("m@")
    custom.write_text("no fields at all")
    with pytest.raises(DrqaError, match="never uses"):
        SplitJudge.from_config(config.model_copy(update={"prompt_template": custom}))


def test_judgements_round_trip_through_the_catalog(tmp_path):
    ws = Workspace.resolve(tmp_path / "ws")
    config = SplitJudgeConfig(base_url="http://127.0.0.1:9/v1", model="m")
    judge = SplitJudge.from_config(config, ws)
    accepted, reason = judge._check(TEXT, reply(Q1, Q2), 2)
    assert reason is None and accepted.answers == ["7", "12"]
    spans = json.dumps([span.__dict__ for span in accepted.spans])
    now = datetime(2026, 12, 4)
    judge._store([(response_sha256(TEXT), "m", judge.prompt_hash, 2, True, None, spans, "", now)])
    fresh = SplitJudge.from_config(config, ws)  # nothing in memory: read from the catalog
    assert fresh(TEXT, 2, PROBLEMS) == ["7", "12"]  # never asks the (closed) endpoint
    assert fresh.counts == Counter({"cached": 1})


def test_an_unreachable_endpoint_is_one_clear_error():
    config = SplitJudgeConfig(base_url="http://127.0.0.1:9/v1", model="m", timeout_s=2)
    with pytest.raises(DrqaError, match="label.split_judge .* answered none"):
        judge_split(TEXT, PROBLEMS, settings=config)


def test_plumbing_against_a_real_server(tmp_path, tiny_model_server):
    ws = Workspace.resolve(tmp_path / "ws")
    config = SplitJudgeConfig(
        base_url=tiny_model_server.base_url, model=tiny_model_server.model, max_tokens=24
    )
    judge = SplitJudge.from_config(config, ws)
    other = TEXT.replace("12", "13")
    results = judge.judge_many([(TEXT, PROBLEMS), (other, PROBLEMS)])
    assert results == [None, None]  # a random model's output never checks against the text
    rejected = {reason: k for reason, k in judge.counts.items() if reason in REASONS}
    assert sum(rejected.values()) == 2, judge.counts
    with ws.read() as con:
        stored = con.execute(
            "SELECT accepted, reason, raw IS NOT NULL FROM split_judgements"
        ).fetchall()
    assert len(stored) == 2 and all(not ok and why in REASONS and raw for ok, why, raw in stored)
    counts = Counter()
    assert judge_split(TEXT, PROBLEMS, settings=config, cache=ws, counts=counts) is None
    assert counts == Counter({"cached": 1})  # asked once, never twice
