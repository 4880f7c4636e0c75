"""Spreading requests over several OpenAI-compatible endpoints, and when to retry.

Requests go to the endpoint with the fewest in flight; an endpoint that just refused a connection
rests for a while (doubling with each failure in a row), so a dead server among live ones costs
a retry, not the run. When every endpoint keeps refusing, requests stop retrying (each still
tries once, so a server that comes back is noticed) and fail fast with the reason.
Retries back off exponentially with jitter and honour ``Retry-After``.
"""

from __future__ import annotations

import random
import time
from email.utils import parsedate_to_datetime

RETRYABLE_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
MAX_REST_S = 30.0


class EndpointPool:
    """Least-in-flight choice among base URLs, skipping ones that recently refused connections."""

    def __init__(self, base_urls: tuple[str, ...] | list[str]) -> None:
        if not base_urls:
            raise ValueError("at least one base URL is needed")
        self.urls = [u.rstrip("/") for u in base_urls]
        self.in_flight = dict.fromkeys(self.urls, 0)
        self.failures_in_row = dict.fromkeys(self.urls, 0)
        self.resting_until = dict.fromkeys(self.urls, 0.0)

    def acquire(self, avoid: str | None = None) -> str:
        """Pick an endpoint (not ``avoid`` when another exists) and count it as busy."""
        now = time.monotonic()
        url = min(
            self.urls,
            key=lambda u: (self.resting_until[u] > now, u == avoid, self.in_flight[u]),
        )
        self.in_flight[url] += 1
        return url

    def all_unreachable(self, min_failures: int = 3) -> bool:
        """True when every endpoint refused its last ``min_failures`` connections in a row."""
        return all(n >= min_failures for n in self.failures_in_row.values())

    def release(self, url: str, *, unreachable: bool = False, rest_s: float = 1.0) -> None:
        """Mark one request done; ``unreachable`` rests the endpoint for a growing while."""
        self.in_flight[url] -= 1
        if unreachable:
            self.failures_in_row[url] += 1
            rest = min(MAX_REST_S, rest_s * 2 ** (self.failures_in_row[url] - 1))
            self.resting_until[url] = time.monotonic() + rest
        else:
            self.failures_in_row[url] = 0
            self.resting_until[url] = 0.0


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def retry_delay(
    attempt: int, backoff_s: float, retry_after: float | None = None, cap_s: float = 120.0
) -> float:
    """Delay before retry number ``attempt`` (1-based): the server's Retry-After when given,
    else ``backoff_s * 2**(attempt-1)`` with jitter (50-100%), never more than ``cap_s``."""
    if retry_after is not None:
        return min(cap_s, retry_after)
    base = backoff_s * 2 ** (attempt - 1)
    return min(cap_s, base * (0.5 + random.random() / 2))
