"""The openai backend against a small real HTTP server of our own on 127.0.0.1.

The server answers from a script (status, headers, body per call) so retries, backoff,
Retry-After, malformed answers, key handling and the concurrency bound are all observable.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from drqa.builders.generation.backends.base import GenerationRequest, SamplingParams
from drqa.builders.generation.backends.openai_backend import OpenAIBackend
from drqa.errors import DrqaError

DEAD_URL = "http://127.0.0.1:9/v1"  # discard port: nothing listens there


def completion(content="The answer is \\boxed{4}.", finish="stop", **message):
    return {
        "id": "cmpl-1",
        "model": "served-name",
        "choices": [{"index": 0, "finish_reason": finish,
                     "message": {"role": "assistant", "content": content, **message}}],
        "usage": {"prompt_tokens": 11, "completion_tokens": 22, "total_tokens": 33},
    }  # fmt: skip


class ScriptedServer:
    """A threaded HTTP server; ``respond(call_index, body) -> (status, headers, payload)``."""

    def __init__(self, respond: Callable[[int, dict], tuple], delay_s: float = 0.0) -> None:
        self.respond, self.delay_s = respond, delay_s
        self.bodies: list[dict] = []
        self.headers: list[dict] = []
        self.in_flight = self.max_in_flight = 0
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output quiet
                pass

            def do_GET(self):  # /v1/models
                self._send(200, {}, {"object": "list", "data": []})

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with server.lock:
                    index = len(server.bodies)
                    server.bodies.append(body)
                    server.headers.append(dict(self.headers))
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    time.sleep(server.delay_s)
                    self._send(*server.respond(index, body))
                finally:
                    with server.lock:
                        server.in_flight -= 1

            def _send(self, status, headers, payload):
                text = payload if isinstance(payload, str) else json.dumps(payload)
                data = text.encode()
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def always(status=200, payload=None, headers=None):
    return lambda index, body: (status, headers or {}, completion() if payload is None else payload)


def requests_for(n, *, seed=5, max_tokens=64):
    sampling = SamplingParams(temperature=0.6, top_p=0.95, max_tokens=max_tokens, seed=seed)
    return [
        GenerationRequest(f"r{i}", ({"role": "user", "content": f"q{i}"},), sampling, i % 2)
        for i in range(n)
    ]


def backend_for(*urls, **kwargs):
    kwargs = {"backoff_s": 0.01, "max_retries": 3, "concurrency": 4, "timeout_s": 5.0} | kwargs
    return OpenAIBackend("served-name", list(urls), **kwargs)


def test_request_body_and_parsed_result():
    with ScriptedServer(always(payload=completion("<think>2+2</think>\n\n\\boxed{4}"))) as server:
        [gen] = list(backend_for(server.url).generate(requests_for(1)))
    assert server.bodies == [{
        "model": "served-name", "messages": [{"role": "user", "content": "q0"}],
        "temperature": 0.6, "top_p": 0.95, "max_tokens": 64, "seed": 5,
    }]  # fmt: skip
    assert (gen.status, gen.reasoning, gen.content) == ("ok", "2+2", "\\boxed{4}")
    assert gen.raw_response == "<think>2+2</think>\n\n\\boxed{4}"
    assert (gen.prompt_tokens, gen.completion_tokens, gen.finish_reason) == (11, 22, "stop")
    assert (gen.attempts, gen.endpoint) == (1, server.url)
    assert gen.extra["served_model"] == "served-name"


@pytest.mark.parametrize("field", ["reasoning_content", "reasoning"])
def test_server_separated_reasoning_is_used(field):
    payload = completion("\\boxed{4}", **{field: "2+2=4"})
    with ScriptedServer(always(payload=payload)) as server:
        [gen] = list(backend_for(server.url).generate(requests_for(1)))
    assert (gen.reasoning, gen.content, gen.raw_response) == ("2+2=4", "\\boxed{4}", "\\boxed{4}")


def test_extra_body_and_seedless_requests():
    with ScriptedServer(always()) as server:
        backend = backend_for(server.url, extra_body={"top_k": 20})
        list(backend.generate(requests_for(1, seed=None)))
    assert "seed" not in server.bodies[0] and server.bodies[0]["top_k"] == 20


def test_retries_429_and_500_then_succeeds_honouring_retry_after():
    script = [(429, {"Retry-After": "0.3"}, {"error": "slow down"}),
              (500, {}, {"error": "boom"}), (200, {}, completion())]  # fmt: skip
    with ScriptedServer(lambda index, body: script[index]) as server:
        started = time.monotonic()
        [gen] = list(backend_for(server.url, backoff_s=0.0).generate(requests_for(1)))
        elapsed = time.monotonic() - started
    assert (gen.status, gen.attempts) == ("ok", 3)
    assert len(server.bodies) == 3
    assert elapsed >= 0.3  # waited as long as Retry-After asked


def test_malformed_answers_are_retried():
    script = [(200, {}, "<html>proxy error</html>"), (200, {}, {"choices": []}),
              (200, {}, completion())]  # fmt: skip
    with ScriptedServer(lambda index, body: script[index]) as server:
        [gen] = list(backend_for(server.url).generate(requests_for(1)))
    assert (gen.status, gen.attempts) == ("ok", 3)


def test_failure_after_retries_is_recorded_and_the_run_goes_on():
    def respond(index, body):
        if body["messages"][0]["content"] == "q1":
            return 503, {}, {"error": "overloaded"}
        return 200, {}, completion()

    with ScriptedServer(respond) as server:
        got = {g.request_id: g for g in backend_for(server.url).generate(requests_for(3))}
    assert [got[r].status for r in ("r0", "r1", "r2")] == ["ok", "failed", "ok"]
    failed = got["r1"]
    assert failed.attempts == 4  # 1 + max_retries
    assert failed.error.startswith(f"HTTP 503 at {server.url}")
    assert "overloaded" in failed.error and "after 4 attempts" in failed.error


def test_client_errors_are_not_retried():
    with ScriptedServer(always(400, {"error": "max_tokens too large"})) as server:
        [gen] = list(backend_for(server.url).generate(requests_for(1)))
    assert (gen.status, gen.attempts, len(server.bodies)) == ("failed", 1, 1)
    assert "HTTP 400" in gen.error and "max_tokens too large" in gen.error


def test_timeouts_are_retried_then_recorded():
    with ScriptedServer(always(), delay_s=1.0) as server:
        backend = backend_for(server.url, timeout_s=0.2, max_retries=1)
        [gen] = list(backend.generate(requests_for(1)))
    assert gen.status == "failed" and gen.attempts == 2
    assert gen.error.startswith(f"timeout after 0.2s at {server.url}")


def test_a_dead_endpoint_beside_a_live_one_costs_retries_not_results():
    with ScriptedServer(always()) as server:
        backend = backend_for(DEAD_URL, server.url, concurrency=2)
        got = list(backend.generate(requests_for(8)))
    assert sorted(g.request_id for g in got) == [f"r{i}" for i in range(8)]
    assert all(g.status == "ok" and g.endpoint == server.url for g in got)
    assert len(server.bodies) == 8


def test_only_dead_endpoints_fail_every_request_with_the_reason_and_check_says_so():
    backend = backend_for(DEAD_URL, max_retries=1)
    got = list(backend.generate(requests_for(3)))
    assert [g.status for g in got] == ["failed"] * 3
    assert all(g.error.startswith(f"connection refused at {DEAD_URL}") for g in got)
    with pytest.raises(DrqaError) as info:
        backend.check()
    message = str(info.value)
    assert DEAD_URL in message and "connection refused" in message and "\n" not in message


def test_when_every_endpoint_refuses_requests_stop_retrying():
    backend = backend_for(DEAD_URL, max_retries=5, backoff_s=0.2, concurrency=1)
    got = list(backend.generate(requests_for(10)))
    assert [g.status for g in got] == ["failed"] * 10
    # the first request retries until the endpoint counts as dead; the rest try once each
    assert [g.attempts for g in got] == [3] + [1] * 9
    assert all(g.error.startswith(f"connection refused at {DEAD_URL}") for g in got)


def test_check_returns_the_live_endpoints():
    with ScriptedServer(always()) as server:
        assert backend_for(DEAD_URL, server.url).check() == [server.url]


def test_api_key_comes_from_the_environment_and_is_never_shown(monkeypatch):
    secret = "sk-test-0123456789abcdef"
    monkeypatch.setenv("DRQA_TEST_KEY", secret)

    def respond(index, body):  # a server that echoes the header back in its error
        return 401, {}, {"error": f"bad key Bearer {secret}"}

    with ScriptedServer(respond) as server:
        backend = backend_for(server.url, api_key_env="DRQA_TEST_KEY")
        [gen] = list(backend.generate(requests_for(1)))
        assert server.headers[0]["Authorization"] == f"Bearer {secret}"
    assert gen.status == "failed" and "HTTP 401" in gen.error
    assert secret not in gen.error and "***" in gen.error
    assert backend.api_key_env == "DRQA_TEST_KEY"
    assert secret not in repr(vars(backend)).replace(repr(backend._api_key), "")


def test_check_names_the_key_variable_when_the_server_rejects_it(monkeypatch):
    monkeypatch.setenv("DRQA_TEST_KEY", "sk-wrong")

    with ScriptedServer(always()) as server:
        server.httpd.RequestHandlerClass.do_GET = lambda self: self._send(401, {}, {"e": "no"})
        with pytest.raises(DrqaError) as info:
            backend_for(server.url, api_key_env="DRQA_TEST_KEY").check()
    assert "DRQA_TEST_KEY" in str(info.value) and "sk-wrong" not in str(info.value)


def test_concurrency_is_bounded_and_used():
    with ScriptedServer(always(), delay_s=0.05) as server:
        got = list(backend_for(server.url, concurrency=3).generate(requests_for(24)))
    assert sorted(g.request_id for g in got) == sorted(f"r{i}" for i in range(24))
    assert 2 <= server.max_in_flight <= 3


def test_requests_are_pulled_lazily_and_an_early_stop_does_not_hang():
    pulled = []

    def endless():
        for request in requests_for(10_000):
            pulled.append(request.request_id)
            yield request

    with ScriptedServer(always(), delay_s=0.01) as server:
        stream = backend_for(server.url, concurrency=4).generate(endless())
        first = [next(stream) for _ in range(5)]
        time.sleep(0.2)  # the consumer pauses: nothing more may start than the free slots
        stream.close()
    assert len(first) == 5 and all(g.status == "ok" for g in first)
    assert len(pulled) <= 5 + 4 + 1
