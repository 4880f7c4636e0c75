"""Whether the Hugging Face Hub is evidently out of reach, asked once per process.

Loading code stays real (``from_pretrained``, ``load_dataset``), but on a machine without the Hub
those libraries retry for tens of seconds before failing. Callers ask first and, when the Hub
is out of reach, load from the local cache only and fail in one line.
"""

from __future__ import annotations

import functools
import os

OFFLINE_VARIABLES = ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE")


def hub_unreachable_reason(timeout_s: float = 3.0) -> str | None:
    """Why the Hub is evidently out of reach (``HF_HUB_OFFLINE`` set, or one quick request to
    its endpoint fails to connect), else None. The request is made once per process."""
    for variable in OFFLINE_VARIABLES:
        if os.environ.get(variable, "").strip().lower() in {"1", "true", "yes", "on"}:
            return f"{variable} is set"
    return probe_hub(timeout_s)


@functools.lru_cache(maxsize=1)
def probe_hub(timeout_s: float) -> str | None:
    """One HEAD request to the Hub's endpoint: None when it answers, else why not (cached)."""
    import httpx

    endpoint = os.environ.get("HF_ENDPOINT", "https://huggingface.co").rstrip("/")
    try:
        httpx.head(endpoint, timeout=timeout_s, follow_redirects=False)
    except httpx.HTTPError as exc:  # DNS, refused, timeout: no answer at all
        return f"{endpoint} is unreachable ({type(exc).__name__})"
    return None
