"""Write ``constraints/tested.txt``: the versions of the installed distributions the test suite
was last run with, ``pip freeze`` style, for ``pip install -c constraints/tested.txt ...``.

Run it in the environment that just passed the tests (``python scripts/write_constraints.py``).
drqa itself and editable or local installs (``pip install -e``, ``file://`` wheels) are left out:
they are not on a registry. A local version tag (``torch 2.13.0+cpu``) is dropped, so the file
pins the public release (``torch==2.13.0``) and pip still picks the wheel from the index given.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

SKIP = {"drqa", "pip", "setuptools", "wheel"}  # the project and the installer's own tools
HEADER = """\
# The versions the drqa test suite was last run with (written by scripts/write_constraints.py
# on {date}, Python {python}). Install the tested set with:
#   pip install -c constraints/tested.txt "torch==2.13.0" -e ".[dev]"
"""


def is_local(dist: metadata.Distribution) -> bool:
    """True for editable and local-path installs (PEP 610 ``direct_url.json`` with a file URL
    or ``dir_info``): they cannot be pinned to a registry version."""
    text = dist.read_text("direct_url.json")
    if not text:
        return False
    try:
        info = json.loads(text)
    except ValueError:
        return True
    return "dir_info" in info or str(info.get("url", "")).startswith("file:")


def public_version(version: str) -> str:
    """``2.13.0+cpu`` -> ``2.13.0`` (a local version label is not on the public index)."""
    return version.split("+", 1)[0]


def pinned_lines() -> list[str]:
    """``name==version`` for every installed registry distribution, sorted by name."""
    pins: dict[str, str] = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if not name:
            continue
        key = name.lower().replace("_", "-")
        if key in SKIP or is_local(dist):
            continue
        pins[key] = f"{key}=={public_version(dist.version)}"
    return [pins[key] for key in sorted(pins)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--output", type=Path, default=Path(__file__).resolve().parents[1] / "constraints" /
        "tested.txt", help="Where to write (default: constraints/tested.txt of this repository).",
    )  # fmt: skip
    args = parser.parse_args(argv)
    lines = pinned_lines()
    header = HEADER.format(
        date=datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        python=".".join(str(part) for part in sys.version_info[:3]),
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} pins to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
