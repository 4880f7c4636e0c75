"""``evaluate``: figures from stored verdicts, resume without regenerating, failures kept."""

from __future__ import annotations

import json

import pytest

from drqa.evals.report import build_report, render_markdown
from drqa.evals.requests import eval_store
from drqa.evals.results import figures_for, load_samples
from drqa.evals.run import evaluate
from drqa.workspace import Workspace


def test_figures_from_known_answers_and_resume(tmp_path, benchmarks_dir, scripted, make_config):
    ws = Workspace.resolve(tmp_path / "ws")
    config = make_config(benchmarks_dir)
    backend = scripted(benchmarks_dir, "gsm8k", 4, lambda p, s: s == 0)
    summary = evaluate(ws, config, backend=backend, progress=False)
    (outcome,) = summary.suites
    assert (outcome.new_requests, outcome.generate.done, outcome.scored) == (8, 8, 8)
    f = outcome.figures
    assert (f["n_problems"], f["n_samples"], f["k"]) == (4, 8, 2)
    assert f["pass@1"] == pytest.approx(0.5)  # sample 0 right, sample 1 wrong, every problem
    assert f["pass@1_se"] == 0.0  # every problem scores 0.5
    assert f["majority@k"] == pytest.approx(0.5)  # a 1-1 tie everywhere
    assert f["pass@k"] == pytest.approx(1.0)
    assert f["mean_tokens_correct"] > f["mean_tokens"] > 0
    assert f["no_answer_rate"] == 0 and f["truncation_rate"] == 0

    again = evaluate(ws, config, backend=backend, progress=False)
    (second,) = again.suites
    assert (second.new_requests, second.generate.done, second.scored) == (0, 0, 0)
    assert second.generate.skipped == 8 and second.figures == f

    store = eval_store(ws, create=False)
    with store.read() as con:
        stored = json.loads(
            con.execute(
                "SELECT metrics FROM eval_results WHERE run_id = ?", [outcome.run_id]
            ).fetchall()[0][0]
        )
        recomputed = figures_for(load_samples(con, [outcome.run_id]))[outcome.run_id]
        n_gen = con.execute("SELECT count(*) FROM generations").fetchall()[0][0]
    assert stored == recomputed == f
    assert n_gen == 8
    with ws.read() as con:  # the corpus catalog never sees eval prompts
        assert con.execute("SELECT count(*) FROM requests").fetchall()[0][0] == 0

    more = evaluate(ws, make_config(benchmarks_dir, samples=3), backend=backend, progress=False)
    assert more.suites[0].new_requests == 4 and more.suites[0].run_id == outcome.run_id
    assert more.suites[0].figures["pass@1"] == pytest.approx(1 / 3)


def test_failures_are_kept_counted_and_retried(tmp_path, benchmarks_dir, scripted, make_config):
    ws = Workspace.resolve(tmp_path / "ws")
    config = make_config(benchmarks_dir)
    flaky = scripted(benchmarks_dir, "gsm8k", 4, lambda p, s: True, fail_every=3)
    summary = evaluate(ws, config, backend=flaky, progress=False)
    assert summary.failed == 2
    f = summary.suites[0].figures
    assert (f["n_samples"], f["n_failed"], f["pass@1"]) == (6, 2, 1.0)
    with eval_store(ws).read() as con:
        reasons = con.execute("SELECT detail FROM eval_samples WHERE status = 'failed'").fetchall()
    assert reasons == [("injected failure (replay)",)] * 2

    fixed = scripted(benchmarks_dir, "gsm8k", 4, lambda p, s: True)
    retry = evaluate(ws, config, backend=fixed, progress=False)
    (outcome,) = retry.suites
    assert (retry.failed, outcome.generate.done, outcome.scored) == (0, 2, 2)
    assert (outcome.figures["n_samples"], outcome.figures["n_failed"]) == (8, 0)


def test_gpqa_by_letter(tmp_path, benchmarks_dir, scripted, make_config):
    ws = Workspace.resolve(tmp_path / "ws")
    config = make_config(benchmarks_dir, suites=["gpqa_diamond"], samples=1, limit=3)
    backend = scripted(benchmarks_dir, "gpqa_diamond", 3, lambda p, s: p != 2)
    (outcome,) = evaluate(ws, config, backend=backend, progress=False).suites
    assert outcome.figures["pass@1"] == pytest.approx(2 / 3)
    with eval_store(ws).read() as con:
        messages = con.execute("SELECT messages::VARCHAR FROM requests LIMIT 1").fetchall()[0][0]
    assert "A) " in messages and "D) " in messages and "\\\\boxed{A}" in messages


GOLDEN = """\
| Model | GSM8K Acc | GSM8K Tokens | MATH-500 Acc | MATH-500 Tokens |
|---|---|---|---|---|
| base (baseline) | 25.00 | 3 | 0.00 | 1 |
| tuned | 100.00 (+75.0 pt*) | 9 (+200%) | 50.00 (+50.0 pt) | 6 (+550%) |
| R1-Distill-Qwen-1.5B (paper) | 84.67 | 1,929 | - | - |
| DRQA 1.5B (paper) | 86.67 | 1,428 | - | - |
| 7B (paper, row not stated) | 92.67 | 1,324 | - | - |

Acc: pass@1 in percent, averaged over k samples per problem; Tokens: mean output tokens per \
sample (reasoning included). Changes are against the baseline, only where both were asked the \
same problems, prompt, max tokens and k; * marks an accuracy change whose paired-bootstrap 95% \
interval excludes 0, on at least 30 shared problems; ! marks a cell whose contamination check \
did not clear it.
- base / GSM8K: 32 problems x k=1, 95% interval 9.76-40.24, majority@k 25.00, truncated 0.0%, \
no answer 0.0%
- base / MATH-500: 2 problems x k=1, 95% interval 0.00-0.00, majority@k 0.00, truncated 0.0%, \
no answer 0.0%
- tuned / GSM8K: 32 problems x k=1, 95% interval 100.00-100.00, majority@k 100.00, truncated \
0.0%, no answer 0.0%
- tuned / MATH-500: 2 problems x k=1, 95% interval 0.00-100.00, majority@k 50.00, truncated \
0.0%, no answer 0.0%; 2 shared problems: too few for a paired test
"""


def test_report_golden_markdown_and_json(tmp_path, benchmarks_dir, scripted, make_config):
    ws = Workspace.resolve(tmp_path / "ws")
    for name, right in (("base", lambda p, s: p % 4 == 0), ("tuned", lambda p, s: True)):
        for suite, limit in (("gsm8k", 32), ("math500", 2)):
            config = make_config(
                benchmarks_dir, suites=[suite], samples=1, limit=limit, name=name,
                generate={"backend": "replay", "model": f"scripted-{name}"},
            )  # fmt: skip
            good = right if suite == "gsm8k" else (lambda p, s, n=name: n == "tuned" and p == 0)
            evaluate(ws, config, backend=scripted(benchmarks_dir, suite, limit, good),
                     progress=False)  # fmt: skip
    report = build_report(ws, with_paper=True, resamples=500)
    assert render_markdown(report) == GOLDEN
    cell = report["models"][1]["suites"]["gsm8k"]
    assert cell["accuracy"] == 100.0 and cell["mean_tokens"] == 9.0
    assert cell["vs_baseline"]["paired"]["significant"]
    base = build_report(ws, baseline="tuned", resamples=500)
    assert base["baseline"] == "tuned"
    assert base["models"][0]["suites"]["gsm8k"]["vs_baseline"]["accuracy_pt"] == -75.0
