"""``drqa eval`` through real backends: transformers in-process and ``transformers serve``."""

from __future__ import annotations

from drqa.builders.generation.config import GenerateConfig
from drqa.evals.requests import eval_store
from drqa.evals.run import evaluate
from drqa.workspace import Workspace

SAMPLING = {"temperature": 0.6, "top_p": 0.95, "max_tokens": 8, "seed": 0}


def _check(ws, summary, suites, n):
    assert [o.suite for o in summary.suites] == suites
    for outcome in summary.suites:
        f = outcome.figures
        assert (f["n_samples"], f["n_failed"], outcome.generate.failed) == (n, 0, 0)
        assert f["token_method"] == "usage"  # completion tokens as the backend counted them
        assert 0 < f["mean_tokens"] <= SAMPLING["max_tokens"]
        # a random tiny model answers nothing: every sample is cut off or has no answer
        assert f["pass@1"] == 0.0 and f["no_answer_rate"] == 1.0
    with eval_store(ws).read() as con:
        rows = con.execute(
            "SELECT count(*), count(DISTINCT request_id) FROM eval_samples"
        ).fetchall()[0]
    assert rows == (n * len(suites), n * len(suites))


def test_transformers_backend(tmp_path, tiny_model_dir, benchmarks_dir, make_config):
    generate = {"backend": "transformers", "model": str(tiny_model_dir), "sampling": SAMPLING,
                "transformers": {"device": "cpu", "forward_batch_rows": 4}}  # fmt: skip
    config = make_config(
        benchmarks_dir, generate=generate, suites=["gsm8k", "gpqa_diamond"], limit=2
    )
    ws = Workspace.resolve(tmp_path / "ws")
    _check(ws, evaluate(ws, config, progress=False), ["gsm8k", "gpqa_diamond"], 4)


def test_openai_backend_against_transformers_serve(
    tmp_path, tiny_model_server, benchmarks_dir, make_config
):
    generate = GenerateConfig.model_validate(
        {"backend": "openai", "model": tiny_model_server.model, "sampling": SAMPLING,
         "openai": {"base_urls": [tiny_model_server.base_url], "concurrency": 4}}
    )  # fmt: skip
    config = make_config(benchmarks_dir, generate=generate.model_dump(), limit=2)
    ws = Workspace.resolve(tmp_path / "ws")
    summary = evaluate(ws, config, progress=False)
    _check(ws, summary, ["gsm8k"], 4)
    with eval_store(ws).read() as con:
        endpoints = {r[0] for r in con.execute("SELECT endpoint FROM generations").fetchall()}
    assert endpoints == {tiny_model_server.base_url}
