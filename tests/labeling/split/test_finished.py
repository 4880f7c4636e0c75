"""A response the model stopped on its own (``finish_reason == "stop"``) is not cut mid-sentence:
the text-only cut test ("the last line ends in a word") applies when nothing says why it ended."""

from __future__ import annotations

from drqa.labeling.split import split_batched_response

PROSE_END = (
    "Both are rates, fine.</think>\n\nThe rope is 12 metres long and the tank fills in 4 hours"
)
PROBLEMS = ["How long is the rope, in metres?", "How many hours does the tank take to fill?"]


def _read(text, n, **flags):
    return [(c.answer, c.status, c.truncation) for c in split_batched_response(text, n, **flags)]


def test_batched_prose_ending_is_read_when_the_model_stopped():
    chains = _read(PROSE_END, 2, finished=True, problems=PROBLEMS)
    assert chains == [("12", "ok", ""), ("4", "ok", "")]


def test_batched_prose_ending_is_a_cut_when_unknown_or_at_the_limit():
    for flags in ({}, {"truncated": True}, {"truncated": True, "finished": True}):
        chains = _read(PROSE_END, 2, problems=PROBLEMS, **flags)
        assert all(answer is None and status == "truncated" for answer, status, _ in chains)


def test_single_question_prose_ending():
    text = "ok so 3 per hour.</think>\n\nIn all she picks 21 apples"
    assert _read(text, 1, finished=True) == [("21", "ok", "")]
    assert _read(text, 1) == [(None, "truncated", "mid_sentence")]


def test_strong_cut_signs_stay_cuts_when_finished():
    text = "fine</think>\n\nThe area is \\boxed{\\frac{3}{"
    (answer, status, why) = _read(text, 1, finished=True)[0]
    assert (answer, status) == (None, "truncated") and why in {"unclosed_box", "unbalanced_braces"}
