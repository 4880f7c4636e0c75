"""A model fallback for splitting batched responses (``label.split_judge``, issue 17.1).

For a response the grammar splits with low confidence, a model (any OpenAI-compatible endpoint,
through the generation stage's ``openai`` backend, as ``label.judge``) is asked where each
question's final answer is stated: JSON spans, quoted from the text (the prompt:
``labeling/templates/split_judge.jinja``). The reply is accepted only when it checks against the
text (:mod:`drqa.labeling.split_judge_check`); otherwise the response gets no judgement, and the
reason is counted in :attr:`SplitJudge.counts`. Judgements (accepted or rejected) are cached by
(response sha256, model, prompt hash), in memory and, given a workspace, in the catalog table
``split_judgements`` (migration 0014), so a rerun asks nothing twice. A request that got no
reply is not cached (asked again next run); an endpoint that answers none is one clear error.

The seam (``drqa.labeling.split.fallback``): a :class:`SplitJudge` is a callable
``judge(text, n, problems) -> list[answer | None] | None``; :meth:`SplitJudge.judge_many` asks
about many responses at once (concurrently) and fills the cache the calls then read.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

import duckdb

from drqa.errors import DrqaError
from drqa.labeling.config import SplitJudgeConfig
from drqa.labeling.split_judge_check import Rejected, SplitSpan, check_spans, read_reply
from drqa.templates import TextTemplate, packaged_text
from drqa.workspace import Workspace

TEMPLATE_NAME = "split_judge"
_FIELDS = ("response",)  # a custom template must at least show the response


@dataclass(frozen=True)
class SplitJudgement:
    """A model's accepted split of one response: one span per question (1..n, in order)."""

    spans: tuple[SplitSpan, ...]
    model: str
    prompt_hash: str

    @property
    def answers(self) -> list[str | None]:
        """The final answer of each question as written, None where the response gives none."""
        return [span.answer for span in self.spans]


def response_sha256(text: str) -> str:
    """The cache key of a response: sha256 of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_template(config: SplitJudgeConfig) -> TextTemplate:
    """The prompt: ``prompt_template`` when set (checked), else the packaged one."""
    if config.prompt_template is None:
        text = packaged_text("drqa.labeling", TEMPLATE_NAME)
        if text is None:
            raise DrqaError("the packaged split-judge prompt is missing: reinstall drqa")
        return TextTemplate(TEMPLATE_NAME, text)
    path = config.prompt_template.expanduser()
    if not path.is_file():
        raise DrqaError(f"label.split_judge.prompt_template: no file at {path}")
    text = path.read_text(encoding="utf-8")
    for name in _FIELDS:
        if name not in text:
            raise DrqaError(f"label.split_judge.prompt_template {path} never uses {{{{ {name} }}}}")
    return TextTemplate(path.stem, text)


@dataclass
class SplitJudge:
    """A configured split judge, its caches and the count of what happened to each response
    (``accepted``, ``cached``, ``no_reply`` and one key per rejection reason)."""

    config: SplitJudgeConfig
    template: TextTemplate
    workspace: Workspace | None = None
    counts: Counter = field(default_factory=Counter)
    _memory: dict[str, SplitJudgement | None] = field(default_factory=dict, repr=False)

    @classmethod
    def from_config(
        cls, config: SplitJudgeConfig, workspace: Workspace | None = None
    ) -> SplitJudge:
        """A judge for ``label.split_judge``; with ``workspace`` its verdicts are cached in the
        catalog (``split_judgements``), else only in memory."""
        return cls(config, load_template(config), workspace)

    @property
    def prompt_hash(self) -> str:
        """Hash of the template: a new prompt is a new judge."""
        return self.template.hash

    @property
    def name(self) -> str:
        """``model@prompt-hash``."""
        return f"{self.config.model}@{self.prompt_hash[:12]}"

    def prompt(self, text: str, problems: Sequence[str], n: int) -> str:
        """The prompt for one response."""
        return self.template.fill(response=text, problems=list(problems), n=n)

    def __call__(self, text: str, n: int, problems: Sequence[str]) -> list[str | None] | None:
        """The seam of ``drqa.labeling.split.fallback``: each question's final answer as the
        model located it, or None when its reply was unusable (see :attr:`counts`)."""
        judgement = self.judge_many([(text, problems)], n=[n])[0]
        return judgement.answers if judgement is not None else None

    def judge_many(
        self, items: Sequence[tuple[str, Sequence[str]]], n: Sequence[int] | None = None
    ) -> list[SplitJudgement | None]:
        """Judgements for (response text, problems) pairs, in order (``n``: questions per item,
        default the number of problems); cached ones first, the rest asked concurrently."""
        sizes = list(n) if n is not None else [len(problems) for _, problems in items]
        keys = [response_sha256(text) for text, _ in items]
        self._load_cached([k for k in keys if k not in self._memory])
        todo = {}
        for key, (text, problems), size in zip(keys, items, sizes, strict=True):
            if key in self._memory:
                self.counts["cached"] += 1
            else:
                todo.setdefault(key, (text, problems, size))
        if todo:
            self._ask(todo)
        return [self._memory.get(key) for key in keys]

    # -- the endpoint and the catalog -------------------------------------------------------
    def _ask(self, todo: dict[str, tuple[str, Sequence[str], int]]) -> None:
        from drqa.builders.generation.backends.base import GenerationRequest, SamplingParams
        from drqa.builders.generation.backends.openai_backend import OpenAIBackend

        config = self.config
        sampling = SamplingParams(temperature=0.0, top_p=1.0, max_tokens=config.max_tokens, seed=0)
        keys = list(todo)
        requests = [
            GenerationRequest(
                request_id=str(i),
                messages=({"role": "user", "content": self.prompt(*todo[key])},),
                sampling=sampling,
            )
            for i, key in enumerate(keys)
        ]
        backend = OpenAIBackend(
            config.model, (config.base_url,), api_key_env=config.api_key_env,
            concurrency=config.concurrency, timeout_s=config.timeout_s, max_retries=2,
        )  # fmt: skip
        rows, failures = [], []
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        with backend:
            for generation in backend.generate(requests):
                if generation.status != "ok":
                    failures.append(generation.error or "no reply")
                    self.counts["no_reply"] += 1
                    continue  # not cached: asked again on the next run
                key = keys[int(generation.request_id)]
                text, _, size = todo[key]
                reply = generation.raw_response or generation.content or ""
                judgement, reason = self._check(text, reply, size)
                self._memory[key] = judgement
                self.counts[reason or "accepted"] += 1
                spans = json.dumps([asdict(s) for s in judgement.spans]) if judgement else None
                rows.append((key, config.model, self.prompt_hash, size, judgement is not None,
                             reason, spans, reply, now))  # fmt: skip
        if failures and not rows:
            raise DrqaError(
                f"label.split_judge {self.name} at {config.base_url} answered none of "
                f"{len(failures)} requests ({failures[0]}); fix label.split_judge or remove it"
            )
        self._store(rows)

    def _store(self, rows: list[tuple]) -> None:
        """Write judgement rows to the catalog (when there is a workspace)."""
        if rows and self.workspace is not None:
            with self.workspace.write("drqa label: split judgements") as con:
                con.executemany(
                    "INSERT INTO split_judgements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT DO NOTHING",
                    rows,
                )

    def _check(self, text: str, reply: str, n: int) -> tuple[SplitJudgement | None, str | None]:
        """(judgement, None) for a reply that checks against ``text``, else (None, reason)."""
        try:
            spans = check_spans(text, read_reply(reply), n)
        except Rejected as rejected:
            return None, rejected.reason
        return SplitJudgement(tuple(spans), self.config.model, self.prompt_hash), None

    def _load_cached(self, keys: list[str]) -> None:
        """Judgements of ``keys`` stored in the catalog, into the memory cache."""
        if not keys or self.workspace is None or not self.workspace.catalog_path.exists():
            return
        with self.workspace.read() as con:
            try:
                rows = con.execute(
                    "SELECT response_sha256, spans FROM split_judgements WHERE judge_model = ? "
                    "AND prompt_hash = ? AND response_sha256 IN (SELECT unnest(?))",
                    [self.config.model, self.prompt_hash, keys],
                ).fetchall()
            except duckdb.CatalogException:  # a catalog from before migration 0014: none yet
                return
        for key, spans in rows:
            judgement = None
            if spans is not None:
                found = tuple(SplitSpan(**span) for span in json.loads(spans))
                judgement = SplitJudgement(found, self.config.model, self.prompt_hash)
            self._memory[key] = judgement


def judge_split(
    response_text: str,
    problems: Sequence[str],
    n: int | None = None,
    *,
    settings: SplitJudgeConfig,
    cache: Workspace | None = None,
    counts: Counter | None = None,
) -> SplitJudgement | None:
    """One response's split by the model of ``settings`` (``label.split_judge``): its checked
    spans, or None when the reply was unusable (the reason counted in ``counts``)."""
    judge = SplitJudge.from_config(settings, cache)
    result = judge.judge_many([(response_text, problems)], n=[n or len(problems)])[0]
    if counts is not None:
        counts.update(judge.counts)
    return result
