"""A real OpenAI-compatible HTTP server for eval tests (``http.server`` in a thread) that answers
each chat request from a Python function: what a server with or without a reasoning parser
returns, cut off by its length limit or not."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Reply:
    """One canned answer: the message content, separated reasoning, and the stop reason."""

    content: str
    reasoning: str | None = None
    finish_reason: str = "stop"
    completion_tokens: int | None = None


@dataclass
class StubServer:
    """Where the stub listens and what it was asked."""

    base_url: str
    model: str = "stub-model"
    bodies: list[dict] = field(default_factory=list)


@contextmanager
def stub_openai(
    answer: Callable[[dict], Reply],
    models: tuple[str, ...] = ("stub-model",),
    delay_s: float = 0.0,
) -> Iterator[StubServer]:
    """Serve ``/v1/models`` (listing ``models``) and ``/v1/chat/completions`` on a free local
    port; ``answer`` gets each request body (its ``model``, ``messages``, ``seed`` ...)."""
    state = StubServer("", models[0])
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # keep test output clean
            pass

        def _send(self, payload: dict, status: int = 200) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):  # noqa: N802
            listed = [{"id": name, "object": "model"} for name in models]
            self._send({"object": "list", "data": listed})

        def do_POST(self):  # noqa: N802
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            with lock:
                state.bodies.append(body)
            time.sleep(delay_s)
            reply = answer(body)
            message = {"role": "assistant", "content": reply.content}
            if reply.reasoning is not None:
                message["reasoning_content"] = reply.reasoning
            tokens = reply.completion_tokens
            if tokens is None:
                tokens = len(((reply.reasoning or "") + reply.content).split()) or 1
            self._send(
                {
                    "id": "stub",
                    "object": "chat.completion",
                    "model": body.get("model"),
                    "choices": [
                        {"index": 0, "message": message, "finish_reason": reply.finish_reason}
                    ],
                    "usage": {"prompt_tokens": 5, "completion_tokens": tokens},
                }
            )

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
