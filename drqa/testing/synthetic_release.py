"""A synthetic, healthy DRQA corpus written straight into a workspace catalog.

For gate/release tests and ``benchmarks/release.py``: every problem is asked alone and in batches
of the other sizes; single chains become A when correct, batched ones B, wrong ones C; batched
chains are shorter (``b_token_factor``), as the method expects. Tests corrupt it with SQL.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

import numpy as np
import polars as pl

from drqa import ids
from drqa.workspace import Workspace

RUN_ID = "run-synthetic"
WORDS = ("so", "then", "we", "add", "carry", "check", "the", "sum", "is", "thus", "wait", "hmm")


CHUNK_WORDS = 2_000_000  # random words drawn at once: bounded memory for long chains


def _text(rng: np.random.Generator, n: int, words: int) -> list[str]:
    vocab = np.array(WORDS)
    step = max(1, CHUNK_WORDS // max(1, words))
    out: list[str] = []
    for start in range(0, n, step):  # the same random stream as one draw of (n, words)
        picks = rng.integers(0, len(WORDS), size=(min(step, n - start), words))
        out += [" ".join(row) for row in vocab[picks]]
    return out


def write_synthetic_corpus(
    ws: Workspace,
    n_problems: int,
    *,
    batch_sizes: tuple[int, ...] = (1, 2, 3),
    seed: int = 0,
    correct_rate: float = 0.85,
    b_token_factor: float = 0.55,
    unsplittable_rate: float = 0.01,
    words_per_chain: int = 40,
) -> dict[str, int]:
    """Insert problems, a run, requests, generations and chains; return the row counts."""
    rng = np.random.default_rng(seed)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    a = rng.integers(1, 10_000, n_problems)
    b = rng.integers(1, 10_000, n_problems)
    texts = [
        f"Problem {seed}-{i}: what is {x} + {y}?" for i, (x, y) in enumerate(zip(a, b, strict=True))
    ]
    pids = [ids.problem_id(t) for t in texts]
    problems = pl.DataFrame(
        {
            "problem_id": pids,
            "source_id": "src-synthetic",
            "source_row": np.arange(1, n_problems + 1),
            "problem": texts,
            "answer": [str(v) for v in a + b],
            "contaminated_by": [[] for _ in range(n_problems)],
            "created_at": now,
        },
        schema_overrides={"contaminated_by": pl.List(pl.String)},
    )
    requests, chains = [], []
    for size in batch_sizes:
        order = rng.permutation(n_problems)
        for start in range(0, n_problems - size + 1, size):
            group = [pids[i] for i in order[start : start + size]]
            rid = ids.request_id(RUN_ID, group, 0)
            requests.append((rid, ids.batch_id(group), size, group))
            chains += [(rid, pos, pid, size) for pos, pid in enumerate(group)]
    n_chains = len(chains)
    correct = rng.random(n_chains) < correct_rate
    unsplit = rng.random(n_chains) < unsplittable_rate
    sizes = np.array([c[3] for c in chains])
    base = rng.normal(1200, 150, n_chains).clip(100)
    tokens = np.where(sizes == 1, base, base * b_token_factor).astype(np.int64)
    labels = np.where(~correct, "C", np.where(sizes == 1, "A", "B"))
    sections = [
        f"Answer to Question {pos + 1}: the answer is $\\boxed{{42}}$." if size > 1
        else "So the answer is $\\boxed{42}$."
        for _, pos, _, size in chains
    ]  # fmt: skip
    chain_frame = pl.DataFrame(  # the texts are added per slice, when written
        {
            "chain_id": [ids.chain_id(r, p) for r, p, _, _ in chains],
            "request_id": [c[0] for c in chains],
            "run_id": RUN_ID,
            "problem_id": [c[2] for c in chains],
            "batch_size": sizes.astype(np.int32),
            "position": np.array([c[1] for c in chains], dtype=np.int32),
            "sample_index": 0,
            "answer_section": sections,
            "answer": ["42"] * n_chains,
            "split_status": np.where(unsplit, "unsplittable", "ok"),
            "split_confidence": 1.0,
            "verify_status": np.where(unsplit, None, np.where(correct, "correct", "incorrect")),
            "label": np.where(unsplit, None, labels),
            "label_reason": "synthetic",
            "needs_review": False,
            "label_rule": "abc-rules@1",
            "verifier_version": "math-verify@0.9",
            "splitter_version": "splitter@1",
            "thinking_tokens": tokens - 20,
            "answer_tokens": np.full(n_chains, 20, dtype=np.int64),
            "total_tokens": tokens,
            "token_method": "approx:words",
            "model": "synthetic/teacher",
            "labelled_at": now,
        }
    )
    messages = [json.dumps([{"role": "user", "content": f"Solve {len(r[3])} problems"}])
                for r in requests]  # fmt: skip
    request_frame = pl.DataFrame(
        {
            "request_id": [r[0] for r in requests],
            "run_id": RUN_ID,
            "batch_id": [r[1] for r in requests],
            "batch_size": [r[2] for r in requests],
            "sample_index": 0,
            "problem_ids": [r[3] for r in requests],
            "messages": messages,
            "template_name": ["single-v1" if r[2] == 1 else "batched-v1" for r in requests],
            "template_hash": "t-synthetic",
            "created_at": now,
        }
    )
    # generations draw from their own streams, so the chains' texts stay what they were
    content, reasoning, raw, completion = rng.spawn(4)
    generation_frame = pl.DataFrame(  # the texts are added per slice, when written
        {
            "request_id": request_frame["request_id"],
            "run_id": RUN_ID,
            "status": "ok",
            "finish_reason": "stop",
            "completion_tokens": completion.integers(200, 2000, len(requests)),
            "backend": "replay",
            "model": "synthetic/teacher",
            "created_at": now,
        }
    )
    run_config = {
        "model": "synthetic/teacher",
        "backend": "replay",
        "sampling": {"temperature": 0.6, "top_p": 0.95, "max_tokens": 32768},
        "templates": {"single": "single-v1", "batched": "batched-v1"},
    }
    with ws.write("write a synthetic corpus") as con:
        con.execute(
            "INSERT OR IGNORE INTO runs VALUES (?, 'synthetic', ?, ?)",
            [RUN_ID, json.dumps(run_config), now],
        )
        for table, frame in (("problems", problems), ("requests", request_frame)):
            _insert(con, table, frame)
        # long texts are drawn and inserted a slice at a time (bounded memory at any length)
        step = max(1, CHUNK_WORDS // max(1, words_per_chain))
        for start in range(0, n_chains, step):
            part = chain_frame.slice(start, step)
            thinking = _text(rng, part.height, words_per_chain)
            texts = pl.DataFrame({"thinking": thinking}).with_columns(
                reasoning=pl.concat_str("thinking", pl.lit("\n\n"), part["answer_section"])
            )
            _insert(con, "chains", pl.concat([part, texts], how="horizontal"))
        for start in range(0, generation_frame.height, step):
            part = generation_frame.slice(start, step)
            texts = pl.DataFrame(
                {
                    "content": _text(content, part.height, 10),
                    "reasoning": _text(reasoning, part.height, words_per_chain),
                    "raw_response": _text(raw, part.height, words_per_chain + 10),
                }
            )
            _insert(con, "generations", pl.concat([part, texts], how="horizontal"))
    return {"problems": n_problems, "requests": len(requests), "chains": n_chains}


def _insert(con, table: str, frame: pl.DataFrame) -> None:
    con.register("incoming", frame.to_arrow())
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
    con.unregister("incoming")
