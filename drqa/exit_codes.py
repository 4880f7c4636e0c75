"""Exit statuses every ``drqa`` command uses, decided from summary objects outside the CLI.

| status | meaning |
|---|---|
| 0 | done, nothing lost |
| 1 | the gate failed (``check``), or an unexpected internal error |
| 2 | bad input or state (a missing/empty input, a stage not run yet, a damaged catalog, a run
|   | held by another process): a one-line ``error:`` says what and how to fix it |
| 3 | done, but some rows were rejected (``ingest``, ``import-generations``): each kept with its
|   | reason (``drqa rejects``) |
| 4 | done, but some requests failed (``generate``): kept with their reason; rerun to retry |
| 74 | disk full (``No space left on device``): the line says what was committed (nothing, or |
|   | for ``label`` the batches stored); rerun to continue |
| 77 | permission denied or read-only file system |
"""

from __future__ import annotations

OK = 0
FAILED = 1
BAD_INPUT = 2
REJECTS = 3
REQUESTS_FAILED = 4
DISK_FULL = 74  # sysexits EX_IOERR
NO_PERMISSION = 77  # sysexits EX_NOPERM
