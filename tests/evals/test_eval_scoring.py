"""Scoring: GPQA letters (and option text), truncated / no-answer apart, tokens and their method."""

from __future__ import annotations

import polars as pl
import pytest

from drqa.evals.scoring import option_letter, score_rows
from drqa.labeling.verifier import VerifierPool

CHOICES = ("10^-9 eV", "10^-11 eV", "10^-4 eV", "Cyclohexane-1,3-dione")


@pytest.mark.parametrize(
    ("answer", "letter"),
    [
        ("C", "C"),
        ("c", "C"),
        ("(C)", "C"),
        ("\\text{(C)}", "C"),
        ("\\textbf{C}", "C"),
        ("Option C", "C"),
        ("C) 10^-4 eV", "C"),
        ("C. 10^-4 eV", "C"),
        ("10^-4 eV", "C"),  # the option's own text
        ("$10^-4 eV$", "C"),
        ("Cyclohexane-1,3-dione", "D"),  # text starting with a letter-like word is the option
        ("A", "A"),
        ("E", None),  # there is no fifth option
        ("A 2x increase in the rate", None),  # prose, not a letter
        ("C) 10^-9 eV", None),  # letter and text disagree: not a clean choice
        ("10^{-4} eV", "C"),  # the option's text with its power braced: one normal form
        ("1 \\times 10^{-4} eV", None),  # the value in another form: left to the verifier
    ],
)
def test_gpqa_letter_table(answer, letter):
    assert option_letter(answer, CHOICES) == letter


def _row(rid, content, *, status="ok", finish="stop", tokens=7, reasoning="thought", gold="18",
         choices=None, letter=None, model="m", raw=None):  # fmt: skip
    return {
        "request_id": rid, "run_id": "eval-x", "problem_key": rid.split("-")[0],
        "sample_index": 0, "status": status, "error": None if status == "ok" else "boom",
        "content": content, "reasoning": reasoning, "raw_response": raw, "finish_reason": finish,
        "completion_tokens": tokens, "model": model, "gold": gold, "choices": choices,
        "answer_letter": letter,
    }  # fmt: skip


def test_score_rows_statuses_and_keys():
    rows = pl.DataFrame(
        [
            _row("a-0", "So the answer is \\boxed{18}."),
            _row("a-1", "The total is \\boxed{18.0} dollars."),
            _row("a-2", "\\boxed{17}"),
            _row("a-3", "", finish="length"),  # cut off while thinking
            _row("a-4", "I am not sure."),  # stopped without an answer
            _row("a-5", None, status="failed", tokens=None),
            _row("g-0", "\\boxed{C}", gold="10^-4 eV", choices=list(CHOICES), letter="C"),
            _row("g-1", "\\boxed{10^-4 eV}", gold="10^-4 eV", choices=list(CHOICES), letter="C"),
            _row("g-2", "\\boxed{B}", gold="10^-4 eV", choices=list(CHOICES), letter="C"),
        ],
        infer_schema_length=None,
    )
    with VerifierPool(workers=1) as pool:
        out = score_rows(rows, pool)
    got = {r["request_id"]: r for r in out.iter_rows(named=True)}
    assert [got[f"a-{i}"]["status"] for i in range(6)] == [
        "correct", "correct", "incorrect", "truncated", "no_answer", "failed",
    ]  # fmt: skip
    assert got["a-0"]["correct"] and not got["a-2"]["correct"]
    assert got["a-0"]["answer_key"] == got["a-1"]["answer_key"] == "18"  # right answers vote as one
    assert got["a-2"]["answer_key"] == "17"
    assert got["a-3"]["truncated"] and not got["a-4"]["truncated"]
    assert got["a-5"]["output_tokens"] is None and got["a-5"]["detail"] == "boom"
    assert [got[f"g-{i}"]["status"] for i in range(3)] == ["correct", "correct", "incorrect"]
    assert [got[f"g-{i}"]["answer_key"] for i in range(3)] == ["C", "C", "B"]
    assert set(out["token_method"]) == {"usage"}


def test_tokens_without_usage_are_counted_and_flagged(tiny_model_dir):
    rows = pl.DataFrame(
        [
            _row("a-0", "\\boxed{18}", tokens=None, model="not-a-local-model"),
            _row("a-1", "\\boxed{18}", tokens=None, model=str(tiny_model_dir)),
        ],
        infer_schema_length=None,
    )
    with VerifierPool(workers=1) as pool:
        out = score_rows(rows, pool)
    approx, exact = out.iter_rows(named=True)
    assert approx["token_method"].startswith("approx:") and approx["output_tokens"] > 0
    assert exact["token_method"].startswith("tokenizer:") and exact["output_tokens"] > 0


def test_suite_files_bad_input(tmp_path):
    from drqa.errors import DrqaError
    from drqa.evals.suites import load_suite

    (tmp_path / "gsm8k.jsonl").write_text(
        '{"id": "a", "problem": "1+1?", "answer": "2"}\n'
        '{"id": "b", "problem": "no answer"}\n'
        '{"id": "a", "problem": "2+2?", "answer": "4"}\n'
    )
    with pytest.raises(DrqaError, match="id 'a' occurs twice"):
        load_suite("gsm8k", tmp_path)
    (tmp_path / "gsm8k.jsonl").write_text('{"id": "a", "problem": "1+1?", "answer": "2"}\n{')
    with pytest.raises(DrqaError, match=r"gsm8k.jsonl:2: not valid JSON"):
        load_suite("gsm8k", tmp_path)
    (tmp_path / "gsm8k.jsonl").write_text(
        '{"id": "a", "problem": "1+1?", "answer": "2"}\n{"id": "b", "problem": "no answer"}\n'
    )
    loaded = load_suite("gsm8k", tmp_path)
    assert [p.key for p in loaded.problems] == ["a"] and loaded.skipped == {"missing_answer": 1}


def test_hub_gpqa_options_are_shuffled_once_and_for_all():
    from drqa.evals.suites import shuffled_choice

    first = shuffled_choice("q1", "Which gas?", " Argon ", ["Neon", "Xenon", "Radon"])
    again = shuffled_choice("q1", "Which gas?", "Argon", ["Neon", "Xenon", "Radon"])
    assert first == again and sorted(first.choices) == ["Argon", "Neon", "Radon", "Xenon"]
    assert first.choices["ABCD".index(first.answer_letter)] == first.answer == "Argon"
    letters = {
        shuffled_choice(str(i), f"Question {i}?", "right", ["w1", "w2", "w3"]).answer_letter
        for i in range(40)
    }
    assert letters == set("ABCD")  # the correct option is not always in the same place


@pytest.mark.parametrize(
    ("content", "reasoning", "raw", "finish", "answer", "why"),
    [
        # no reasoning parser: cut by the length limit, the thinking never closed
        (
            None,
            None,
            "Let me see, 9 + 9 = \\boxed{18}. Hmm, wait, I should",
            "length",
            None,
            "in_thinking",
        ),
        (None, None, "So \\boxed{18}.", "length", None, "in_thinking"),  # even a clean ending
        (None, None, "<think>\nso \\boxed{18}. But then", "length", None, "in_thinking"),
        # a reasoning parser split the thinking off and nothing came after it
        ("", "so \\boxed{18}. But then", "", "length", None, "in_thinking"),
        # a closed thinking, an answer section cut mid-way
        (
            None,
            None,
            "<think>x</think>\n\nThe answer is \\boxed{18",
            "length",
            None,
            "unclosed_box",
        ),
        (
            None,
            None,
            "<think>x</think>\n\nThe answer is \\boxed{18} since 9 + 9 =",
            "length",
            None,
            "trailing_operator",
        ),
        # a complete answer section counts, even at the limit
        (None, None, "<think>x</think>\n\nThe answer is \\boxed{18}.", "length", "18", ""),
        ("The answer is \\boxed{18}.", "x", "The answer is \\boxed{18}.", "length", "18", ""),
        (None, None, "\\boxed{18}", "stop", "18", ""),  # a model without thinking
        # an answer written only inside the thinking never counts
        (None, None, "<think>it is \\boxed{18}</think>\n\nI am not sure.", "stop", None, ""),
        # a last line ending in a word: finished when the model stopped on its own, a cut when
        # its length limit stopped it or nothing says why it ended
        (None, None, "<think>x</think>\n\nSo she walks 18 miles", "stop", "18", ""),
        (None, None, "<think>x</think>\n\nSo she walks 18 miles", "length", None, "mid_sentence"),
        (None, None, "<think>x</think>\n\nSo she walks 18 miles", None, None, "mid_sentence"),
        # a box cut open stays cut, whatever the finish reason says
        (None, None, "<think>x</think>\n\nThe answer is \\boxed{18", "stop", None, "unclosed_box"),
    ],
)
def test_final_answer_reads_like_labelling(content, reasoning, raw, finish, answer, why):
    from drqa.evals.scoring import final_answer

    assert final_answer(content, reasoning, raw, finish) == (answer, why)


def test_cut_off_box_is_truncated_and_never_correct():
    rows = pl.DataFrame(
        [
            _row("a-0", None, reasoning=None, raw="9 + 9 = \\boxed{18}, wait", finish="length"),
            _row("a-1", "", reasoning="9 + 9 = \\boxed{18}", raw="", finish="length"),
        ],
        infer_schema_length=None,
    )
    with VerifierPool(workers=1) as pool:
        out = score_rows(rows, pool)
    assert out["status"].to_list() == ["truncated", "truncated"]
    assert out["truncated"].to_list() == [True, True] and not any(out["correct"])
    assert out["answer"].to_list() == [None, None]


def test_correct_samples_in_different_forms_vote_together():
    forms = ["\\frac{1}{2}", "0.5", "1/2", "\\dfrac12"]
    rows = pl.DataFrame(
        [_row(f"a-{i}", f"\\boxed{{{form}}}", gold="\\frac{1}{2}") for i, form in enumerate(forms)]
        + [_row("a-9", "\\boxed{3}", gold="\\frac{1}{2}")],
        infer_schema_length=None,
    )
    with VerifierPool(workers=1) as pool:
        out = score_rows(rows, pool)
    right = out.filter(pl.col("correct"))
    assert right.height == len(forms)
    assert right["answer_key"].n_unique() == 1
    assert out.filter(~pl.col("correct"))["answer_key"].to_list() == ["3"]
