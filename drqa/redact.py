"""Secrets out of anything stored or printed: URL credentials, key-like query parameters and
headers, bearer tokens and known key shapes, plus any literal secret the caller names.

``redact("HTTP 401 at https://user:pw@host/v1?api-key=K: bad key K")`` gives
``"HTTP 401 at https://***@host/v1?api-key=***: bad key ***"``. Matching is case-insensitive
(``API_KEY=``, ``Api-Key:``, ``BEARER``); a literal secret is replaced in any letter case too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MASK = "***"

# scheme://user:password@host  or  scheme://token@host
_URL_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^/\s@]+@")
_KEY_NAMES = (
    r"api[-_]?key|apikey|access[-_]?token|auth[-_]?token|token|secret|password|passwd|pwd"
    r"|client[-_]?secret|key|sig|signature|x-api-key|authorization"
)
# ?api-key=... &token=...  (query strings, form bodies, env-style KEY=value)
_PARAM = re.compile(rf"(?i)((?:^|[?&;\s,]|\b)(?:{_KEY_NAMES})\s*=\s*)([^&\s,;\"'#]+)")
# "api-key": "..."  /  Api-Key: ...  (headers, JSON)
_HEADER = re.compile(
    rf"(?i)([\"']?(?:{_KEY_NAMES})[\"']?\s*:\s*[\"']?)(?:bearer\s+|basic\s+)?([^\s\"',;}}]+)"
)
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+([a-z0-9._~+/=\-]{8,})")
# well-known key shapes: OpenAI/Anthropic sk-..., Hugging Face hf_..., GitHub ghp_..., AWS AKIA...
_SHAPES = re.compile(
    r"\b(?:sk-[A-Za-z0-9_\-]{16,}|hf_[A-Za-z0-9]{20,}|gh[pousr]_[A-Za-z0-9]{20,}"
    r"|AKIA[0-9A-Z]{16}|drqa\.[A-Za-z0-9_\-]{20,})"
)


def redact(text: str | None, secrets: Iterable[str | None] = ()) -> str | None:
    """``text`` with credentials replaced by ``***`` (None stays None)."""
    if not text:
        return text
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = re.sub(re.escape(secret), MASK, text, flags=re.IGNORECASE)
    text = _URL_USERINFO.sub(lambda m: m.group(1) + MASK + "@", text)
    text = _BEARER.sub(lambda m: f"{m.group(1)} {MASK}", text)
    text = _PARAM.sub(lambda m: m.group(1) + MASK, text)
    text = _HEADER.sub(lambda m: m.group(1) + MASK, text)
    return _SHAPES.sub(MASK, text)


def redact_url(url: str | None) -> str | None:
    """A URL without user info and with key-like query values masked."""
    return redact(url)
