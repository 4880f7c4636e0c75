"""The evaluation sets of the batched splitter (``benchmarks/batched_split_eval.py`` scores them).

- **hand-written** files in ``tests/labeling/data/`` (``batched_eval.txt``, ``..._fresh.txt``, the
  blind ``..._unseen*.txt``), in the format their headers describe: ``=== id``, ``problems:``,
  ``answers:``, ``own:``, optional ``finish: length``, ``---``, the response;
- **stitched** at run time from the finished real traces in
  ``../shared/data/traces/reasoning_traces.jsonl``: 2, 3 or 5 traces of one model joined into one
  batched response in one of :data:`STITCH_FORMS`, the expected answer of each question being what
  the splitter reads from that trace alone.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from drqa.labeling.split import separate_thinking, split_batched_response

ROOT = Path(__file__).resolve().parents[1]
HAND_WRITTEN = ROOT / "tests" / "labeling" / "data" / "batched_eval.txt"
FRESH = ROOT / "tests" / "labeling" / "data" / "batched_eval_fresh.txt"  # written apart, later
UNSEEN = ROOT / "tests" / "labeling" / "data" / "batched_eval_unseen.txt"  # blind (issue 17)
UNSEEN2 = ROOT / "tests" / "labeling" / "data" / "batched_eval_unseen2.txt"  # blind, written later
UNSEEN3 = ROOT / "tests" / "labeling" / "data" / "batched_eval_unseen3.txt"  # blind, session 4
UNSEEN4 = ROOT / "tests" / "labeling" / "data" / "batched_eval_unseen4.txt"  # blind, session 4
UNSEEN5 = ROOT / "tests" / "labeling" / "data" / "batched_eval_unseen5.txt"  # blind, session 5
UNSEEN6 = ROOT / "tests" / "labeling" / "data" / "batched_eval_unseen6.txt"  # blind, session 5
UNSEEN7 = ROOT / "tests" / "labeling" / "data" / "batched_eval_unseen7.txt"  # blind, session 5
UNSEEN8 = ROOT / "tests" / "labeling" / "data" / "batched_eval_unseen8.txt"  # blind, session 5
UNSEEN9 = ROOT / "tests" / "labeling" / "data" / "batched_eval_unseen9.txt"  # blind, session 6
UNSEEN10 = ROOT / "tests" / "labeling" / "data" / "batched_eval_unseen10.txt"  # blind, session 6
UNSEEN11 = ROOT / "tests" / "labeling" / "data" / "batched_eval_unseen11.txt"  # blind, session 7
TRACES = ROOT / ".." / "shared" / "data" / "traces" / "reasoning_traces.jsonl"
ORDINALS = ("first", "second", "third", "fourth", "fifth")


@dataclass
class Item:
    """One batched response with what the splitter should find in it."""

    id: str
    form: str
    problems: list[str]
    response: str
    answers: list[str | None]
    own: list[str | None]  # text only question k's chain may hold (None: not checked)
    reasoning: str | None = None
    truncated: bool = False
    starts_in_thinking: bool = False
    extra: dict = field(default_factory=dict)


def load_hand_written(
    path: Path = HAND_WRITTEN, prefix: str = "hand", *, read_as_import: bool = False
) -> list[Item]:
    """Parse a hand-written set (format described at the top of the file).

    ``read_as_import`` reads the responses as ``drqa import-generations`` reads a file of them:
    when some hold ``</think>`` and none ``<think>``, every response starts inside the thinking
    (so one with no ``</think>`` is all thinking: cut before its answers).
    """
    items: list[Item] = []
    blocks = path.read_text(encoding="utf-8").split("\n=== ")[1:]
    responses = [block.partition("\n---\n")[2] for block in blocks]
    opens = (
        read_as_import
        and any("</think>" in r for r in responses)
        and not any("<think>" in r for r in responses)
    )
    for block in blocks:
        header, _, response = block.partition("\n---\n")
        lines = header.splitlines()
        fields = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
        problems = [p.strip() for p in fields["problems"].split("||")]
        answers = [None if a.strip() == "-" else a.strip() for a in fields["answers"].split("|")]
        own = [None if o.strip() == "-" else o.strip() for o in fields["own"].split("|")]
        assert len(problems) == len(answers) == len(own), lines[0]
        items.append(
            Item(
                id=lines[0].strip(),
                form=f"{prefix}:{lines[0].strip()}",
                problems=problems,
                response=response.rstrip("\n") + ("\n" if response.endswith("\n\n") else ""),
                answers=answers,
                own=own,
                reasoning=fields.get("reasoning"),
                truncated=fields.get("finish") == "length",
                starts_in_thinking=opens,
            )
        )
    return items


def _answer_lines(form: str, answers: list[str], parts: list[str]) -> str:
    n = len(answers)
    if form == "bold-question":
        return "\n\n".join(f"**Question {k}:** {p.strip()}" for k, p in enumerate(parts, 1))
    if form == "answer-heading":
        return "\n\n".join(f"### Answer {k}\n{p.strip()}" for k, p in enumerate(parts, 1))
    if form == "paren-list":
        return "\n".join(f"({k}) \\boxed{{{a}}}" for k, a in enumerate(answers, 1))
    if form == "summary":
        body = "\n\n".join(p.strip() for p in parts)
        listed = ", ".join(f"{k}) {a}" for k, a in enumerate(answers, 1))
        return f"{body}\n\nFinal answers: {listed}"
    if form == "table":
        rows = "\n".join(f"| {k} | ${a}$ |" for k, a in enumerate(answers, 1))
        return f"| Question | Answer |\n|---|---|\n{rows}"
    if form == "arrows":
        return "\n".join(f"Q{k} → {a}" for k, a in enumerate(answers, 1))
    if form == "order":
        return "The answers, in order: " + ", ".join(f"\\boxed{{{a}}}" for a in answers) + "."
    if form == "ordinal-bare":
        return " ".join(f"For the {ORDINALS[k]}, \\boxed{{{a}}}." for k, a in enumerate(answers))
    if form == "answer-bold":
        return "\n\n".join(f"**Answer {k}:** {p.strip()}" for k, p in enumerate(parts, 1))
    if form == "skip-middle":  # the middle question answered in prose only: no answer
        parts = list(parts)
        parts[n // 2] = "I could not finish this one in time, sorry."
        return "\n\n".join(f"**Question {k}:** {p.strip()}" for k, p in enumerate(parts, 1))
    if form == "cut-last":  # the response stops inside the last answer: no answer for it
        last = parts[-1]
        cut = last[: max(0, last.find("\\boxed") - 1)].rstrip() or "The value is"
        lines = [f"**Question {k}:** {p.strip()}" for k, p in enumerate(parts[:-1], 1)]
        return "\n\n".join([*lines, f"**Question {n}:** {cut} = "])
    raise ValueError(f"unknown form {form} for {n} answers")


STITCH_FORMS = (
    ("question-markers", "bold-question"),
    ("restated-problems", "answer-heading"),
    ("bold-numbers", "paren-list"),
    ("problem-markers", "summary"),
    ("q-markers", "table"),
    ("ordinal-bare", "arrows"),
    ("question-markers", "order"),
    ("ordinal-bare", "ordinal-bare"),
    ("restated-problems", "bold-question"),
    ("plain-paragraphs", "bold-question"),
    ("plain-paragraphs", "order"),
    ("question-markers", "answer-bold"),
    ("question-markers", "skip-middle"),
    ("restated-problems", "cut-last"),
)
_NO_ANSWER = {"skip-middle": lambda n: [n // 2], "cut-last": lambda n: [n - 1]}


def _thinking_block(form: str, k: int, problem: str, thinking: str) -> str:
    heading = {
        "question-markers": f"Question {k}: ",
        "restated-problems": f"{problem}\n",
        "bold-numbers": f"**{k}.** ",
        "problem-markers": f"Problem {k}. ",
        "q-markers": f"Q{k}: ",
        "ordinal-bare": f"For the {ORDINALS[k - 1]}, ",
        "plain-paragraphs": "",
    }[form]
    return heading + thinking.strip()


def load_stitched(path: Path = TRACES, per_form: int = 12, seed: int = 9) -> list[Item]:
    """Batched responses joined from finished single traces (empty when the file is absent)."""
    if not path.is_file():
        return []
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    usable: dict[str, list[tuple[dict, str, object]]] = defaultdict(list)
    for row in rows:
        chain = split_batched_response(row["response"], 1, starts_in_thinking=True)[0]
        if chain.status != "ok" or chain.answer_source != "answer-section":
            continue
        parts = separate_thinking(row["response"], starts_in_thinking=True)
        if len(parts.thinking) < 200 or "\\boxed" not in parts.answer_part:
            continue
        usable[row["model"]].append((row, chain.answer, parts))
    rng = random.Random(seed)
    items: list[Item] = []
    models = sorted(model for model, pool in usable.items() if len(pool) >= 10)
    for form_index, (thinking_form, answer_form) in enumerate(STITCH_FORMS):
        for i in range(per_form):
            pool = usable[models[(form_index + i) % len(models)]]
            n = (2, 3, 5)[i % 3]
            group = rng.sample(pool, n)
            problems = [row["problem"] for row, _, _ in group]
            answers: list[str | None] = [answer for _, answer, _ in group]
            thinking = "\n\n".join(
                _thinking_block(thinking_form, k, row["problem"], parts.thinking)
                for k, (row, _, parts) in enumerate(group, 1)
            )
            answer_part = _answer_lines(answer_form, answers, [p.answer_part for *_, p in group])
            for k in _NO_ANSWER.get(answer_form, lambda n: [])(n):
                answers[k] = None
            own = []
            for _, _, parts in group:
                middle = len(parts.thinking) // 2
                own.append(parts.thinking[middle : middle + 60])
            items.append(
                Item(
                    id=f"stitched-{thinking_form}-{answer_form}-{i}",
                    form=f"stitched:{thinking_form}+{answer_form}",
                    problems=problems,
                    response=thinking + "\n</think>\n\n" + answer_part,
                    answers=answers,
                    own=own,
                    starts_in_thinking=True,
                )
            )
    return items
