"""One self-contained HTML page of a gate run (``gate.html`` next to the Data Docs).

Great Expectations' Data Docs load their styles and scripts from CDNs, so they show unstyled
when opened offline from ``file://``. This page needs nothing but itself: every check with its
status, observed value and threshold, and the metrics, with inline styles.
"""

from __future__ import annotations

import html
import math
from pathlib import Path

from drqa.builders.release.gate import GateResult

GATE_PAGE = "gate.html"
_STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 68em; color: #222; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; }
th, td { border-bottom: 1px solid #ddd; padding: .35em .6em; text-align: left; }
th { background: #f3f3f3; }
tr.fail td { background: #fdecea; } tr.skipped td { color: #777; }
.verdict { font-size: 1.2em; font-weight: 600; }
.pass { color: #1b7a33; } .failed { color: #b3261e; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
"""


def _cell(value: object) -> str:
    return html.escape(str(value))


def gate_page(gate: GateResult, title: str) -> str:
    """The page's HTML."""
    verdict = (
        '<span class="pass">passed</span>'
        if gate.passed
        else f'<span class="failed">FAILED ({len(gate.failed)} checks)</span>'
    )
    checks = "\n".join(
        f'<tr class="{_cell(c.status)}"><td>{_cell(c.name)}</td><td>{_cell(c.status)}</td>'
        f"<td>{_cell(c.observed)}</td><td>{_cell(c.threshold)}</td>"
        f"<td><code>{_cell(c.expectation)}</code></td></tr>"
        for c in gate.checks
    )
    metrics = "\n".join(
        f'<tr><td>{_cell(name)}</td><td class="num">'
        f"{'-' if isinstance(v, float) and math.isnan(v) else _cell(round(v, 6))}</td></tr>"
        for name, v in sorted(gate.metrics.items())
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{_cell(title)}</title>
<style>{_STYLE}</style></head>
<body>
<h1>{_cell(title)}</h1>
<p class="verdict">Quality gate {verdict} on {gate.n_candidates} labelled chains.</p>
<table><thead><tr><th>check</th><th>status</th><th>observed</th><th>threshold</th>
<th>expectation</th></tr></thead>
<tbody>
{checks}
</tbody></table>
<h2>Metrics</h2>
<table><thead><tr><th>metric</th><th>value</th></tr></thead><tbody>
{metrics}
</tbody></table>
<p>Great Expectations Data Docs of the same run: <a href="index.html">index.html</a>
(they load their styles from the internet).</p>
</body></html>
"""


def write_gate_page(gate: GateResult, folder: Path, title: str) -> Path:
    """Write ``folder/gate.html``; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / GATE_PAGE
    path.write_text(gate_page(gate, title), encoding="utf-8")
    return path
