"""Eval honesty through a real OpenAI-compatible HTTP server (a stub in a thread): cut-off
thinking never scores, correct samples vote as one, figures cover exactly what was asked."""

from __future__ import annotations

import json

import pytest
from eval_stub_server import Reply, stub_openai

from drqa.evals.config import EvalConfig
from drqa.evals.report import build_report, render_markdown
from drqa.evals.requests import eval_store
from drqa.evals.run import evaluate
from drqa.evals.suites import load_suite
from drqa.workspace import Workspace

QUICK = load_suite("quickstart").problems


def problem_of(body: dict) -> int:
    """The index of the quickstart problem a request asks."""
    prompt = body["messages"][-1]["content"]
    return next(i for i, p in enumerate(QUICK) if p.problem in prompt)


def stub_config(server, **fields) -> EvalConfig:
    data = {
        "generate": {
            "backend": "openai",
            "model": server.model,
            "sampling": {"max_tokens": 64, "seed": 0},
            "openai": {"base_urls": [server.base_url], "concurrency": 2, "max_retries": 0},
        },
        "suites": ["quickstart"],
        "samples": 1,
        "limit": 4,
        "verify_workers": 1,
    }
    for key, value in fields.items():
        if key == "max_tokens":
            data["generate"]["sampling"]["max_tokens"] = value
        else:
            data[key] = value
    return EvalConfig.model_validate(data)


def test_cut_off_thinking_with_a_box_is_truncated_not_correct(tmp_path):
    def answer(body):
        i = problem_of(body)
        gold = QUICK[i].answer
        return [
            # no reasoning parser, cut by the limit mid-thought after writing the right box
            Reply(f"Let me see. So it is \\boxed{{{gold}}}. Hmm, wait, let me", None, "length"),
            # a reasoning parser split the (cut-off) thinking off: no answer section
            Reply("", f"It is \\boxed{{{gold}}}, but then", "length"),
            # the thinking closed, the answer section complete at the limit: it counts
            Reply(f"<think>ok</think>\n\nThe answer is \\boxed{{{gold}}}.", None, "length"),
            # an ordinary finished answer
            Reply(f"<think>ok</think>\n\n\\boxed{{{gold}}}", None, "stop"),
        ][i]

    ws = Workspace.resolve(tmp_path / "ws")
    with stub_openai(answer) as server:
        summary = evaluate(ws, stub_config(server), progress=False)
    (outcome,) = summary.suites
    with eval_store(ws).read() as con:
        rows = con.execute(
            "SELECT problem_key, status, correct, truncated, answer FROM eval_samples "
            "ORDER BY problem_key"
        ).fetchall()
    assert rows == [
        ("qe-00", "truncated", False, True, None),
        ("qe-01", "truncated", False, True, None),
        ("qe-02", "correct", True, True, QUICK[2].answer),
        ("qe-03", "correct", True, False, QUICK[3].answer),
    ]
    assert outcome.figures["pass@1"] == pytest.approx(0.5)
    assert outcome.figures["truncation_rate"] == pytest.approx(0.75)


def test_correct_samples_in_different_forms_vote_as_one(tmp_path):
    def answer(body):
        gold = int(QUICK[problem_of(body)].answer)
        forms = [f"{gold}", f"{gold}.0", f"\\frac{{{2 * gold}}}{{2}}", "7", "7"]
        return Reply(f"<think>ok</think>\n\n\\boxed{{{forms[body['seed']]}}}")

    ws = Workspace.resolve(tmp_path / "ws")
    with stub_openai(answer) as server:
        summary = evaluate(ws, stub_config(server, samples=5, limit=2), progress=False)
    f = summary.suites[0].figures
    assert f["pass@1"] == pytest.approx(0.6)
    assert f["majority@k"] == 1.0  # three right in three forms outvote two identical wrong ones


def test_figures_cover_exactly_the_problems_and_samples_asked(tmp_path):
    def answer(body):
        right = body["seed"] % 2 == 0
        gold = QUICK[problem_of(body)].answer if right else "-1"
        return Reply(f"<think>ok</think>\n\n\\boxed{{{gold}}}")

    ws = Workspace.resolve(tmp_path / "ws")
    with stub_openai(answer) as server:
        first = evaluate(ws, stub_config(server, samples=6, limit=2), progress=False).suites[0]
        again = evaluate(ws, stub_config(server, samples=1, limit=1), progress=False).suites[0]
    assert (first.figures["n_problems"], first.figures["n_samples"]) == (2, 12)
    assert first.figures["pass@1"] == pytest.approx(0.5)
    assert again.run_id == first.run_id and again.new_requests == 0
    f = again.figures
    assert (f["n_problems"], f["n_samples"], f["k"], f["pass@1"]) == (1, 1, 1, 1.0)
    assert f["asked"] == {"problems": 1, "samples": 1}
    with eval_store(ws).read() as con:
        stored = con.execute(
            "SELECT n_problems, n_samples, metrics FROM eval_results WHERE run_id = ?",
            [again.run_id],
        ).fetchall()[0]
    assert stored[:2] == (1, 1) and json.loads(stored[2]) == f
    cell = build_report(ws)["models"][0]["suites"]["quickstart"]
    assert (cell["figures"]["n_problems"], cell["figures"]["n_samples"]) == (1, 1)


def test_baseline_compares_only_matched_settings_and_stars_on_enough_problems(tmp_path):
    folder = tmp_path / "bench"
    folder.mkdir()
    rows = [{"id": f"p{i}", "problem": f"What is {i} plus {i + 7}?", "answer": str(2 * i + 7)}
            for i in range(40)]  # fmt: skip
    (folder / "gsm8k.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))

    def answer(body):
        i = next(n for n, r in enumerate(rows) if r["problem"] in body["messages"][-1]["content"])
        ok = body["model"].startswith("good") or i % 2 == 0
        return Reply(f"<think>ok</think>\n\n\\boxed{{{rows[i]['answer'] if ok else -1}}}")

    ws = Workspace.resolve(tmp_path / "ws")
    runs = [  # (label, served model, settings)
        ("base", "weak", {}),
        ("tuned", "good", {}),  # one served model per label: a run is model x settings
        ("fewer", "good-1", {"limit": 10}),
        ("more-k", "good-2", {"samples": 2}),
        ("longer", "good-3", {"max_tokens": 128}),
        ("small-base", "weak-too", {"limit": 10}),
    ]
    with stub_openai(answer, models=tuple(model for _, model, _ in runs)) as server:
        for label, model, fields in runs:
            server.model = model
            config = stub_config(
                server, suites=["gsm8k"], benchmarks_dir=str(folder), name=label,
                **{"limit": 40, **fields},
            )  # fmt: skip
            evaluate(ws, config, progress=False)
    report = build_report(ws, resamples=500)
    vs = {m["label"]: m["suites"]["gsm8k"].get("vs_baseline") for m in report["models"]}
    assert vs["base"] is None and report["baseline"] == "base"
    assert vs["tuned"]["matched"] and vs["tuned"]["accuracy_pt"] == pytest.approx(50.0)
    assert vs["tuned"]["paired"]["n_problems"] == 40 and vs["tuned"]["paired"]["significant"]
    assert vs["fewer"] == {"matched": False, "differs": ["problems 10 vs 40"]}
    assert vs["more-k"] == {"matched": False, "differs": ["k 2 vs 1"]}
    assert vs["longer"] == {"matched": False, "differs": ["max tokens 128 vs 64"]}
    markdown = render_markdown(report)
    assert "100.00 (+50.0 pt*)" in markdown and "(not compared)" in markdown
    assert "not compared with the baseline: max tokens 128 vs 64" in markdown

    small = build_report(ws, baseline="small-base", resamples=500)
    fewer = next(m for m in small["models"] if m["label"] == "fewer")["suites"]["gsm8k"]
    paired = fewer["vs_baseline"]["paired"]
    assert paired["n_problems"] == 10 and paired["low"] > 0  # the interval excludes 0 ...
    assert not paired["significant"]  # ... but 10 shared problems are too few for a star
    assert "10 shared problems: too few for a paired test" in render_markdown(small)


def test_export_writes_the_asked_samples_as_parquet_and_jsonl(tmp_path):
    import polars as pl

    from drqa.evals.export import export_samples

    def answer(body):
        gold = QUICK[problem_of(body)].answer
        return Reply(f"<think>ok</think>\n\n\\boxed{{{gold if body['seed'] else -1}}}")

    ws = Workspace.resolve(tmp_path / "ws")
    with stub_openai(answer) as server:
        evaluate(ws, stub_config(server, samples=3, limit=3), progress=False)
        evaluate(ws, stub_config(server, samples=2, limit=2), progress=False)
    path, n = export_samples(ws, tmp_path / "out" / "samples.parquet")
    frame = pl.read_parquet(path)
    assert n == frame.height == 4  # the 2 x 2 asked last, not the 3 x 3 generated
    assert frame.columns[:7] == [
        "model", "suite", "problem_key", "sample_index", "answer", "verdict", "correct",
    ]  # fmt: skip
    assert {"output_tokens", "truncated", "max_tokens", "prompt", "backend"} <= set(frame.columns)
    assert frame["verdict"].to_list() == ["incorrect", "correct"] * 2
    assert set(frame["max_tokens"]) == {64} and set(frame["suite"]) == {"quickstart"}
    jsonl, _ = export_samples(ws, tmp_path / "samples.jsonl")
    lines = [json.loads(line) for line in jsonl.read_text().splitlines()]
    assert [r["sample_index"] for r in lines] == [0, 1, 0, 1] and lines[1]["answer"] == "75"


def test_a_template_that_opens_the_thinking_makes_untagged_text_thinking(tmp_path, tiny_model_dir):
    from drqa.builders.generation.config import GenerateConfig
    from drqa.evals.requests import template_opens_thinking

    assert template_opens_thinking(GenerateConfig(model=str(tiny_model_dir)))
    assert not template_opens_thinking(GenerateConfig(model="served-name"))

    def answer(body):  # no parser, no tags, finished: an opened template means all thinking
        return Reply(f"So it is \\boxed{{{QUICK[problem_of(body)].answer}}}.")

    ws = Workspace.resolve(tmp_path / "ws")
    with stub_openai(answer) as server:
        opened = evaluate(ws, stub_config(server, limit=2, starts_in_thinking=True),
                          progress=False).suites[0]  # fmt: skip
        plain = evaluate(ws, stub_config(server, limit=2, max_tokens=65), progress=False)
    assert opened.figures["pass@1"] == 0.0 and opened.figures["no_answer_rate"] == 1.0
    assert plain.suites[0].figures["pass@1"] == 1.0
