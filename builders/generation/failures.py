"""Why a request failed, as one short line to group failures by: the HTTP status or connection
problem and the server's own reason (the message in its error body), never a bare ``HTTP 400``."""

from __future__ import annotations

import re

_HTTP = re.compile(r"^(HTTP \d{3}) at \S+?: (.*)$", re.S)
_MESSAGE = re.compile(r'"(?:message|detail|error)"\s*:\s*"((?:[^"\\]|\\.)*)"')


def failure_reason(error: str | None, limit: int = 160) -> str:
    """``"HTTP 400: The model `x` does not match ..."`` from a stored generation error."""
    if not error:
        return "unknown"
    text = error.strip()
    attempts = re.search(r" \(after \d+ attempts\)$", text)
    if attempts:
        text = text[: attempts.start()]
    match = _HTTP.match(text)
    if match:
        status, body = match.groups()
        found = _MESSAGE.search(body)
        reason = found.group(1) if found else body
        reason = reason.replace("\\n", " ").replace('\\"', '"').strip()
        first = reason.splitlines()[0] if reason else ""
        return f"{status}: {first}"[:limit] if first else status
    # "cannot connect to URL: ...", "timeout after 30s at URL": drop the URL, keep the cause
    text = re.sub(r"\s+at https?://\S+", "", text)
    text = re.sub(r"\s+to https?://\S+?:(?=\s)", ":", text)
    return text.splitlines()[0][:limit]
