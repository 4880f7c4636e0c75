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


# Content a model or server returned is mostly prose and mathematics, where `key = 3` or
# "basic arithmetic" is no secret: only credential shapes are masked there.
_CONTENT_BEARER = re.compile(r"(?i)\b(bearer)\s+(?=[a-z0-9._~+/=\-]*\d)([a-z0-9._~+/=\-]{16,})")
_CONTENT_BASIC = re.compile(r"(?i)\b(basic)\s+([a-z0-9+/]{8,}={0,2})")
_CONTENT_HEADER = re.compile(
    r"(?i)([\"']?(?:x-api-key|api[-_]?key|authorization|access[-_]?token|client[-_]?secret)"
    r"[\"']?\s*[:=]\s*[\"']?)(?!\*\*\*)([^\s\"',;}]{8,})"
)


def _is_basic_credential(token: str) -> bool:
    """``Basic <base64>`` where the base64 decodes to ``user:password``."""
    import base64
    import binascii

    try:
        decoded = base64.b64decode(token + "=" * (-len(token) % 4), validate=True)
        return b":" in decoded and decoded.decode("utf-8").isprintable()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return False


def redact_content(text: str | None, secrets: Iterable[str | None] = ()) -> tuple[str | None, int]:
    """``(text, masked)``: response content with credential-shaped strings replaced by ``***``
    (a literal secret, URL credentials, ``Bearer <token>``, ``Basic <user:password base64>``,
    an API-key header or parameter, known key shapes) and how many were masked."""
    if not text:
        return text, 0
    total = 0
    for secret in secrets:
        if secret and len(secret) >= 4:
            text, n = re.subn(re.escape(secret), MASK, text, flags=re.IGNORECASE)
            total += n
    text, n = _URL_USERINFO.subn(lambda m: m.group(1) + MASK + "@", text)
    total += n
    text, n = _CONTENT_BEARER.subn(lambda m: f"{m.group(1)} {MASK}", text)
    total += n
    hits = [0]

    def basic(match: re.Match) -> str:
        if not _is_basic_credential(match.group(2)):
            return match.group(0)
        hits[0] += 1
        return f"{match.group(1)} {MASK}"

    text = _CONTENT_BASIC.sub(basic, text)
    text, n = _CONTENT_HEADER.subn(lambda m: m.group(1) + MASK, text)
    total += n
    text, n = _SHAPES.subn(MASK, text)
    return text, total + n + hits[0]
