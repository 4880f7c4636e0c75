"""Any OpenAI-compatible chat endpoint (``vllm serve``, SGLang, ``transformers serve``, DeepSeek).

Requests run on an asyncio loop in a background thread with at most ``concurrency`` of them in
flight or waiting to be taken by the caller, so a run of millions of requests never holds them
all. Each request is retried with backoff on 429/5xx, timeouts and connection errors; after the
last retry it becomes a failed Generation with the reason, and the run goes on. The API key is
read from the environment variable named by ``api_key_env`` and appears nowhere else.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import queue
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any

import httpx

from drqa.builders.generation.backends.base import Backend, GenerationRequest
from drqa.builders.generation.backends.openai_endpoints import (
    RETRYABLE_STATUS,
    EndpointPool,
    parse_retry_after,
    retry_delay,
)
from drqa.builders.generation.backends.thinking import answered
from drqa.builders.generation.config import url_credentials_problem
from drqa.errors import DrqaError
from drqa.schema import Generation

_DONE = object()


class _AttemptFailed(Exception):
    def __init__(self, reason: str, *, retryable: bool, unreachable: bool = False,
                 retry_after: float | None = None) -> None:  # fmt: skip
        super().__init__(reason)
        self.reason, self.retryable = reason, retryable
        self.unreachable, self.retry_after = unreachable, retry_after


class OpenAIBackend(Backend):
    """Chat completions against one or more OpenAI-compatible base URLs (".../v1")."""

    name = "openai"

    def __init__(
        self,
        model: str,
        base_urls: tuple[str, ...] | list[str] = ("http://127.0.0.1:8000/v1",),
        *,
        api_key_env: str = "OPENAI_API_KEY",
        concurrency: int = 32,
        timeout_s: float = 600.0,
        max_retries: int = 5,
        backoff_s: float = 1.0,
        extra_body: dict | None = None,
    ) -> None:
        if not base_urls:
            raise DrqaError("the openai backend needs at least one base URL (openai.base_urls)")
        for url in base_urls:
            problem = url_credentials_problem(url, api_key_env)
            if problem:
                raise DrqaError(problem)
        self.model = model
        self.base_urls = tuple(u.rstrip("/") for u in base_urls)
        self.api_key_env = api_key_env
        self.concurrency = concurrency
        self.timeout_s = timeout_s
        self.max_retries = max_retries
        self.backoff_s = backoff_s
        self.extra_body = dict(extra_body or {})
        self._api_key = os.environ.get(api_key_env) or None

    # -- public --------------------------------------------------------------------------------

    def check(self, timeout_s: float = 5.0) -> list[str]:
        """Return the base URLs that answer; raise one DrqaError line when none does.

        Any HTTP answer to ``GET <base>/models`` counts as reachable (some servers answer it
        with an error); 401/403 means the key was rejected. When a server lists its models and
        ``model`` is not among them, one line lists what it serves and which name to use.
        """
        reachable, problems = [], []
        with httpx.Client(timeout=timeout_s, headers=self._headers()) as client:
            for url in self.base_urls:
                try:
                    response = client.get(f"{url}/models")
                except httpx.HTTPError as exc:
                    problems.append(self._connection_reason(exc, url))
                    continue
                if response.status_code in (401, 403):
                    raise DrqaError(
                        f"{self._redact(url)} rejected the API key (HTTP {response.status_code}): "
                        "set the "
                        f"environment variable {self.api_key_env} to a valid key"
                    )
                served_model_problem(url, self.model, response)
                reachable.append(url)
        if not reachable:
            raise DrqaError(
                "no OpenAI-compatible endpoint answers: "
                + "; ".join(problems)
                + " (start the server or fix openai.base_urls)"
            )
        return reachable

    def generate(self, requests: Iterable[GenerationRequest]) -> Iterator[Generation]:
        """Yield Generations in completion order, at most ``concurrency`` requests at a time."""
        results: queue.Queue = queue.Queue()
        slots = asyncio.Semaphore(self.concurrency)
        loop = asyncio.new_event_loop()
        started = threading.Event()
        holder: dict[str, asyncio.Task] = {}

        def run_loop() -> None:
            asyncio.set_event_loop(loop)
            holder["task"] = loop.create_task(self._drive(iter(requests), results, slots))
            started.set()
            try:
                loop.run_until_complete(holder["task"])
            except asyncio.CancelledError:
                pass
            except BaseException as exc:  # surfaced to the caller's thread
                results.put(exc)
            finally:
                loop.close()
                results.put(_DONE)

        thread = threading.Thread(target=run_loop, name="drqa-openai", daemon=True)
        thread.start()
        started.wait()

        def on_loop(callback) -> None:
            # a RuntimeError means the loop has finished and closed: nothing left to tell it
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(callback)

        try:
            while (item := results.get()) is not _DONE:
                if isinstance(item, BaseException):
                    raise item
                on_loop(slots.release)
                yield item
        finally:
            if thread.is_alive():
                on_loop(holder["task"].cancel)
            thread.join()

    # -- the event loop side ---------------------------------------------------------------------

    async def _drive(self, requests: Iterator[GenerationRequest], results: queue.Queue, slots):
        limits = httpx.Limits(
            max_connections=self.concurrency, max_keepalive_connections=self.concurrency
        )
        timeout = httpx.Timeout(self.timeout_s, connect=min(10.0, self.timeout_s))
        pool = EndpointPool(self.base_urls)
        tasks: set[asyncio.Task] = set()

        def deliver(task: asyncio.Task) -> None:
            tasks.discard(task)
            if not task.cancelled():
                results.put(task.exception() or task.result())

        async with httpx.AsyncClient(
            timeout=timeout, limits=limits, headers=self._headers()
        ) as client:
            try:
                for request in requests:
                    await slots.acquire()
                    task = asyncio.create_task(self._answer(client, pool, request))
                    tasks.add(task)
                    task.add_done_callback(deliver)
                if tasks:
                    await asyncio.gather(*list(tasks), return_exceptions=True)
            finally:
                pending = list(tasks)
                for task in pending:
                    task.cancel()
                await asyncio.gather(*pending, return_exceptions=True)

    async def _answer(self, client, pool: EndpointPool, request: GenerationRequest) -> Generation:
        started = time.perf_counter()
        body = self._body(request)
        avoid, url, failure, attempt = None, self.base_urls[0], None, 0
        for attempt in range(1, self.max_retries + 2):  # noqa: B007 - used after the loop
            url = pool.acquire(avoid)
            try:
                data = await self._post(client, url, body)
            except _AttemptFailed as exc:
                pool.release(url, unreachable=exc.unreachable, rest_s=max(self.backoff_s, 0.5))
                failure = exc
                gave_up = exc.unreachable and pool.all_unreachable()
                if not exc.retryable or attempt > self.max_retries or gave_up:
                    break
                avoid = url
                await asyncio.sleep(retry_delay(attempt, self.backoff_s, exc.retry_after))
                continue
            pool.release(url)
            return self._to_generation(request, data, url, attempt, started)
        reason = failure.reason if failure else "no attempt made"
        if attempt > 1:
            reason += f" (after {attempt} attempts)"
        return Generation(
            request.request_id,
            "failed",
            error=self._redact(reason),
            attempts=attempt,
            endpoint=url,
            latency_s=time.perf_counter() - started,
        )

    async def _post(self, client: httpx.AsyncClient, url: str, body: dict) -> dict:
        try:
            response = await client.post(f"{url}/chat/completions", json=body)
        except httpx.TimeoutException as exc:
            raise _AttemptFailed(f"timeout after {self.timeout_s:g}s at {url}",
                                 retryable=True) from exc  # fmt: skip
        except httpx.TransportError as exc:
            reason = self._connection_reason(exc, url)
            unreachable = isinstance(exc, httpx.ConnectError)
            raise _AttemptFailed(reason, retryable=True, unreachable=unreachable) from exc
        if response.status_code != 200:
            snippet = " ".join(response.text.split())[:200]
            raise _AttemptFailed(
                f"HTTP {response.status_code} at {url}: {snippet}",
                retryable=response.status_code in RETRYABLE_STATUS,
                retry_after=parse_retry_after(response.headers.get("retry-after")),
            )
        try:
            data = response.json()
            data["choices"][0]["message"]  # noqa: B018 - validates the shape
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            snippet = " ".join(response.text.split())[:200]
            raise _AttemptFailed(f"malformed response at {url}: {snippet}",
                                 retryable=True) from exc  # fmt: skip
        return data

    # -- mapping -----------------------------------------------------------------------------

    def _body(self, request: GenerationRequest) -> dict:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": list(request.messages),
            "temperature": request.sampling.temperature,
            "top_p": request.sampling.top_p,
            "max_tokens": request.sampling.max_tokens,
        }
        if request.seed is not None:
            body["seed"] = request.seed
        body.update(self.extra_body)
        return body

    def _to_generation(self, request, data: dict, url: str, attempts: int, started: float):
        choice = data["choices"][0]
        message = choice["message"] or {}
        text = message.get("content") or ""
        separated = message.get("reasoning_content") or message.get("reasoning")
        usage = data.get("usage") or {}
        return answered(
            request.request_id,
            text,
            reasoning_content=separated,
            finish_reason=choice.get("finish_reason"),
            prompt_tokens=usage.get("prompt_tokens"),
            completion_tokens=usage.get("completion_tokens"),
            latency_s=time.perf_counter() - started,
            attempts=attempts,
            endpoint=url,
            extra={"response_id": data.get("id"), "served_model": data.get("model")},
        )

    @property
    def secrets(self) -> tuple[str, ...]:
        return (self._api_key,) if self._api_key else ()

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._api_key}"} if self._api_key else {}

    def _connection_reason(self, exc: Exception, url: str) -> str:
        if isinstance(exc, httpx.TimeoutException):
            return self._redact(f"timeout at {url}")
        chain, cause = [], exc
        while cause is not None and len(chain) < 10:
            chain.append(cause)
            cause = cause.__cause__ or cause.__context__
        if any(isinstance(c, ConnectionRefusedError) or "refused" in str(c).lower() for c in chain):
            return self._redact(f"connection refused at {url}")
        if isinstance(exc, httpx.ConnectError):
            return self._redact(f"cannot connect to {url}: {chain[-1]!s}".strip())
        return self._redact(f"connection error at {url}: {type(exc).__name__} {exc!s}".strip())

    def _redact(self, text: str) -> str:
        """No key, URL credential or key-like parameter survives into an error (any case)."""
        from drqa.redact import redact

        return redact(text, [self._api_key])


def served_model_problem(url: str, model: str, response: httpx.Response) -> None:
    """Raise one line when ``GET <url>/models`` lists models and ``model`` is not one of them."""
    try:
        served = [str(item["id"]) for item in response.json().get("data", [])]
    except (ValueError, TypeError, KeyError, AttributeError):
        return  # no usable list: the first request will tell
    if not served or model in served:
        return
    tail = model.rsplit("/", 1)[-1].casefold()
    close = [name for name in served if name.casefold() == model.casefold()]
    close = close or [name for name in served if name.rsplit("/", 1)[-1].casefold() == tail]
    use = close[0] if close else (served[0] if len(served) == 1 else None)
    advice = f"use --model {use}" if use else "pass --model with one of these names exactly"
    raise DrqaError(
        f"{url} does not serve model {model!r}; it serves: {', '.join(served[:10])}"
        f"{' ...' if len(served) > 10 else ''}; {advice}"
    )
