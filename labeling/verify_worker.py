"""A verifier worker process: JSON lines in (chunks of pairs), JSON lines out (one verdict each).

Started by :class:`drqa.labeling.verifier.VerifierPool` as ``python -m drqa.labeling.verify_worker
TIMEOUT_S``; it judges in its main thread, so the per-pair alarm works.
"""

from __future__ import annotations

import json
import os
import sys

from drqa.labeling.judge import judge_with_alarm, quiet_math_verify, warm_up


def main(argv: list[str] | None = None) -> None:
    """Serve chunks ``[[id, gold, answer], ...]`` from stdin until it closes."""
    args = sys.argv[1:] if argv is None else argv
    timeout_s = float(args[0]) if args else 5.0
    quiet_math_verify()
    # Import math-verify and warm its LaTeX parser and sympy with no clock running: an alarm
    # firing half-way through an import leaves a broken module behind, and every later pair
    # would fail. The parent starts a pair's clock only after "ready".
    warm_up()
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        for item_id, gold, answer in json.loads(line):
            status, detail = judge_with_alarm(gold, answer, timeout_s)
            out.write(json.dumps([item_id, status, detail]) + "\n")
            out.flush()
    os._exit(0)  # stdin closed: skip tearing down sympy's caches (a second or so)


if __name__ == "__main__":
    main()
