"""`.ci/run` calls the README's test command word for word (the README's promise to a new user
is what CI checks)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ci_runs_the_readme_test_command():
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    command = [line for line in ci_lines if line.strip().endswith("python -m pytest")]
    assert len(command) == 1, command
    readme_blocks = re.findall(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    readme_lines = {line.strip() for block in readme_blocks for line in block.splitlines()}
    assert command[0].strip() in readme_lines
