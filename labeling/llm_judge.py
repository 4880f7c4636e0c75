"""An optional LLM judge for the pairs rule-based matching abstains on (``uncertain``).

Answer-matching studies (e.g. Chandak et al. 2025, "Answer Matching Outperforms Multiple Choice")
find that a capable LLM comparing a free-form answer with the reference agrees with humans far
better than rules do on prose, names and multi-part answers. The judge is any OpenAI-compatible
endpoint, called through the generation stage's ``openai`` backend (retries, backoff, key from
the environment). Verdicts are cached in the catalog table ``judge_verdicts`` by (gold, answer,
judge model, prompt hash), so a rerun asks nothing twice, and every chain the judge was asked
about records the judge (``model@prompt-hash``).

A reply is read as ``correct`` or ``incorrect`` only when its last line says exactly that
("CORRECT" / "INCORRECT"); anything else leaves the pair ``uncertain`` (to review).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone

import polars as pl

from drqa.errors import DrqaError
from drqa.ids import content_hash
from drqa.labeling.config import JudgeConfig
from drqa.redact import redact_content
from drqa.text import split_sections
from drqa.workspace import Workspace

DEFAULT_PROMPT = """You are grading an answer to a question against the reference answer.

Question:
{question}

Reference answer:
{gold}

Answer to grade:
{answer}

Does the answer to grade mean the same as the reference answer (same value, same entity, same
claim; wording, units written differently and equivalent forms do not matter)? Reply with one
word on the last line: CORRECT or INCORRECT."""
_VERDICT = re.compile(r"\b(INCORRECT|CORRECT)\b\W*$", re.IGNORECASE)


@dataclass(frozen=True)
class LLMJudge:
    """A configured judge: its endpoint, prompt template and the name chains record."""

    config: JudgeConfig
    template: str

    @classmethod
    def from_config(cls, config: JudgeConfig) -> LLMJudge:
        """Read the prompt template (the built-in one unless ``prompt_template`` is set)."""
        if config.prompt_template is None:
            return cls(config, DEFAULT_PROMPT)
        path = config.prompt_template.expanduser()
        if not path.is_file():
            raise DrqaError(f"label.judge.prompt_template: no file at {path}")
        template = path.read_text(encoding="utf-8")
        for field in ("{gold}", "{answer}"):
            if field not in template:
                raise DrqaError(f"label.judge.prompt_template {path} has no {field} field")
        return cls(config, template)

    @property
    def prompt_hash(self) -> str:
        """Hash of the template: a new prompt is a new judge."""
        return content_hash(self.template)

    @property
    def name(self) -> str:
        """``model@prompt-hash``, recorded on every chain the judge was asked about."""
        return f"{self.config.model}@{self.prompt_hash[:12]}"

    def prompt(self, question: str, gold: str, answer: str) -> str:
        """The prompt for one pair (fields filled in literally, braces in them kept)."""
        values = {"{question}": question, "{gold}": gold, "{answer}": answer}
        return re.sub(
            r"\{question\}|\{gold\}|\{answer\}", lambda m: values[m.group()], self.template
        )


def read_verdict(reply: str | None) -> str:
    """``correct``/``incorrect`` when the reply's last line says so, else ``uncertain``."""
    answer = split_sections(reply or "").answer  # a thinking judge: read what follows it
    lines = [line.strip(" *`.") for line in (answer or "").strip().splitlines() if line.strip()]
    match = _VERDICT.search(lines[-1]) if lines else None
    return match.group(1).lower() if match else "uncertain"


def _cached(ws: Workspace, judge: LLMJudge) -> dict[tuple[str, str], str]:
    with ws.read() as con:
        rows = con.execute(
            "SELECT gold, answer, verdict FROM judge_verdicts WHERE judge_model = ? "
            "AND prompt_hash = ?",
            [judge.config.model, judge.prompt_hash],
        ).fetchall()
    return {(gold, answer): verdict for gold, answer, verdict in rows}


def judge_pairs(
    ws: Workspace, judge: LLMJudge, pairs: list[tuple[str, str, str]]
) -> dict[tuple[str, str], str]:
    """Verdicts for (question, gold, answer) triples, keyed by (gold, answer): cached ones from
    the catalog, the rest asked of the endpoint (and cached)."""
    from drqa.builders.generation.backends.base import GenerationRequest, SamplingParams
    from drqa.builders.generation.backends.openai_backend import OpenAIBackend

    verdicts = _cached(ws, judge)
    todo: dict[tuple[str, str], str] = {}
    for question, gold, answer in pairs:
        if (gold, answer) not in verdicts:
            todo.setdefault((gold, answer), question)
    if not todo:
        return verdicts
    config = judge.config
    sampling = SamplingParams(temperature=0.0, top_p=1.0, max_tokens=config.max_tokens, seed=0)
    keys = list(todo)
    requests = [
        GenerationRequest(
            request_id=str(i),
            messages=({"role": "user", "content": judge.prompt(todo[key], *key)},),
            sampling=sampling,
        )
        for i, key in enumerate(keys)
    ]
    backend = OpenAIBackend(
        config.model,
        (config.base_url,),
        api_key_env=config.api_key_env,
        concurrency=config.concurrency,
        timeout_s=config.timeout_s,
        max_retries=2,
    )
    rows = []
    failures: list[str] = []
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    with backend:
        for generation in backend.generate(requests):
            if generation.status != "ok":
                failures.append(generation.error or "no reply")
                continue  # not cached: asked again on the next run
            key = keys[int(generation.request_id)]
            reply = generation.raw_response or ""
            verdict = read_verdict(reply)
            verdicts[key] = verdict
            stored = redact_content(reply, backend.secrets)[0]  # an echoed key is not kept
            rows.append((key[0], key[1], config.model, judge.prompt_hash, verdict, stored, now))
    if failures and not rows:
        raise DrqaError(
            f"label.judge {judge.name} at {config.base_url} answered none of {len(failures)} "
            f"requests ({failures[0]}); fix label.judge or remove it to label without a judge"
        )
    if rows:
        with ws.write("drqa label: judge verdicts") as con:
            con.executemany(
                "INSERT INTO judge_verdicts VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                rows,
            )
    return verdicts


def judge_uncertain(
    ws: Workspace, frame: pl.DataFrame, judge: LLMJudge, questions: dict[str, str]
) -> pl.DataFrame:
    """Ask the judge about every ``uncertain`` chain of ``frame``; a decided verdict replaces
    ``uncertain``, and every chain asked records the judge's name."""
    asked = frame.filter(pl.col("verify_status") == "uncertain")
    if asked.is_empty():
        return frame
    pairs = [
        (questions.get(row["problem_id"], ""), row["gold"] or "", row["answer"] or "")
        for row in asked.select("problem_id", "gold", "answer").iter_rows(named=True)
    ]
    verdicts = judge_pairs(ws, judge, pairs)
    lookup = pl.DataFrame(
        [{"gold": g, "answer": a, "_judged": v} for (g, a), v in verdicts.items()],
        schema={"gold": pl.String, "answer": pl.String, "_judged": pl.String},
    )
    uncertain = pl.col("verify_status") == "uncertain"
    judged = frame.join(lookup, on=["gold", "answer"], how="left", nulls_equal=True)
    return judged.with_columns(
        verify_status=pl.when(uncertain & pl.col("_judged").is_in(["correct", "incorrect"]))
        .then(pl.col("_judged"))
        .otherwise(pl.col("verify_status")),
        verify_detail=pl.when(uncertain & pl.col("_judged").is_not_null())
        .then(pl.lit("llm judge: ") + pl.col("_judged"))
        .otherwise(pl.col("verify_detail")),
        judge=pl.when(uncertain & pl.col("_judged").is_not_null())
        .then(pl.lit(judge.name))
        .otherwise(pl.col("judge")),
    ).drop("_judged")
