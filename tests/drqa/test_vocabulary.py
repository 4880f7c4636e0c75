"""One vocabulary across commands, read from the app itself (typer/click introspection):
one spelling per flag, ``--no-progress`` wherever a bar is drawn, ``--json`` wherever a summary
is printed, and no ``<bool>`` noise in ``--help``."""

from __future__ import annotations

import inspect
import re
from collections import defaultdict

import pytest
import typer
from typer.testing import CliRunner

from drqa.cli import app

runner = CliRunner()

# Commands that print a summary but have no --json yet, each with the reason (keep it short).
JSON_GAPS: dict[str, str] = {}
# A callback that passes one of these draws a progress bar (or hands the choice to a stage).
PROGRESS_WORDS = re.compile(r"\b(show_)?progress\s*=")
SUMMARY_WORDS = re.compile(r"\b(print_table|print_closing|print_json|print_generate_summary)\(")


def _commands():
    """(``"review push"``, click command) for every command and group callback of the app."""
    root = typer.main.get_command(app)

    def walk(command, path):
        if command.callback is not None and path:
            yield " ".join(path), command
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, [*path, name])

    return list(walk(root, []))


COMMANDS = _commands()


def _visible_flags(command) -> list[str]:
    flags = []
    for param in command.params:
        if param.param_type_name == "option" and not param.hidden:
            flags += [o for o in (*param.opts, *param.secondary_opts) if o.startswith("--")]
    return flags


def _stem(flag: str) -> str:
    """The spelling-insensitive form: no dashes, no plural ``s`` on any word."""
    words = flag.lstrip("-").replace("_", "-").split("-")
    return "".join(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words)


def test_the_walk_sees_every_command():
    names = {name for name, _ in COMMANDS}
    assert {"ingest", "generate", "label", "eval", "review push", "quickstart"} <= names


def test_one_spelling_per_flag_across_commands():
    """Two spellings of one stem in different commands are one thing spelt twice; within one
    command they are two things by design (import-generations' --problem-field for a single
    row, --problems-field for a batched row's list)."""
    spellings, together = defaultdict(set), defaultdict(list)
    for _name, command in COMMANDS:
        by_stem = defaultdict(set)
        for flag in _visible_flags(command):
            spellings[_stem(flag)].add(flag)
            by_stem[_stem(flag)].add(flag)
        for stem, flags in by_stem.items():
            together[stem].append(flags)
    clashes = {
        stem: sorted(flags)
        for stem, flags in spellings.items()
        if len(flags) > 1 and flags not in together[stem]
    }
    assert not clashes, f"one spelling per flag: {clashes}"


def test_the_spelling_check_catches_a_plural_twin():
    assert _stem("--benchmark-dir") == _stem("--benchmarks-dir") != _stem("--benchmarks")


def test_the_old_benchmark_dir_spelling_is_a_hidden_alias(tmp_path):
    for name in ("ingest", "decontaminate", "import-generations"):
        command = dict(COMMANDS)[name]
        assert "--benchmarks-dir" in _visible_flags(command)
        assert "--benchmark-dir" not in _visible_flags(command)
        assert any("--benchmark-dir" in p.opts and p.hidden for p in command.params)


@pytest.mark.parametrize("name", [n for n, _ in COMMANDS])
def test_commands_with_a_bar_take_no_progress_and_summaries_take_json(name):
    command = dict(COMMANDS)[name]
    source = inspect.getsource(command.callback)
    flags = _visible_flags(command)
    if PROGRESS_WORDS.search(source):
        assert "--no-progress" in flags, f"drqa {name} draws a bar: needs --no-progress"
    if SUMMARY_WORDS.search(source) and name not in JSON_GAPS:
        assert "--json" in flags, f"drqa {name} prints a summary: needs --json"


def test_known_gaps_are_still_gaps():
    """An entry in JSON_GAPS that got its --json is removed from the list."""
    commands = dict(COMMANDS)
    for name in JSON_GAPS:
        assert "--json" not in _visible_flags(commands[name]), f"{name} has --json now"


@pytest.mark.parametrize("name", [n for n, _ in COMMANDS])
def test_help_has_no_bool_noise(name):
    result = runner.invoke(app, [*name.split(), "--help"], terminal_width=120)
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.output
