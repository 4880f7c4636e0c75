"""Session fixtures shared by every test package: the tiny model, a real server, shared data.

- ``tiny_model_dir``: the tiny Qwen2 model (``drqa.tiny_model``), built once a session.
- ``tiny_model_server``: a real ``transformers serve --device cpu`` process serving it on
  127.0.0.1 at a free port; yields ``ServedModel(base_url=".../v1", model=<served name>)``.
- ``shared_data``: ``../shared/data`` next to the repository, or the test is skipped.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

import httpx
import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SERVER_START_TIMEOUT_S = 120.0


class ServedModel(NamedTuple):
    """Where the test server listens and the model name requests must use."""

    base_url: str
    model: str


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    """The tiny Qwen2 model folder (random weights, local BPE tokenizer), built once."""
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from drqa.tiny_model import make_tiny_model

    return make_tiny_model(tmp_path_factory.mktemp("tiny-model"))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve_command() -> list[str]:
    script = Path(sys.executable).with_name("transformers")
    if script.exists():
        return [str(script), "serve"]
    found = shutil.which("transformers")
    if found is None:
        pytest.skip('transformers serve is not installed: pip install "transformers[serving]"')
    return [found, "serve"]


def _wait_ready(process: subprocess.Popen, base: str, model: str, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    with httpx.Client(timeout=5.0) as client:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                tail = log.read_text(errors="replace")[-2000:]
                pytest.fail(f"transformers serve exited with {process.returncode}:\n{tail}")
            try:
                if client.get(f"{base}/health").status_code == 200:
                    # one tiny request, so the model is loaded before the first test times it
                    client.post(
                        f"{base}/v1/chat/completions",
                        json={
                            "model": model,
                            "messages": [{"role": "user", "content": "hi"}],
                            "max_tokens": 1,
                        },
                        timeout=60.0,
                    ).raise_for_status()
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
    tail = log.read_text(errors="replace")[-2000:]
    pytest.fail(f"transformers serve not ready after {SERVER_START_TIMEOUT_S:.0f}s:\n{tail}")


@pytest.fixture(scope="session")
def tiny_model_server(tiny_model_dir, tmp_path_factory):
    """A real OpenAI-compatible server (``transformers serve``) for the tiny model."""
    pytest.importorskip("fastapi")
    pytest.importorskip("uvicorn")
    port = _free_port()
    model = str(tiny_model_dir)
    log = tmp_path_factory.mktemp("serve-log") / "transformers-serve.log"
    command = _serve_command() + [
        "--device", "cpu", "--host", "127.0.0.1", "--port", str(port),
        "--log-level", "warning", model,
    ]  # fmt: skip
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            command, stdout=log_file, stderr=subprocess.STDOUT, env=env, cwd=tiny_model_dir
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(process, base, model, log)
        yield ServedModel(base_url=f"{base}/v1", model=model)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The shared real data folder (``../shared/data``); skips the test when it is absent."""
    path = REPO_ROOT.parent / "shared" / "data"
    if not path.is_dir():
        pytest.skip(f"shared data not found at {path}")
    return path
