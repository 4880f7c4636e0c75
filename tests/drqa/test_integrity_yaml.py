"""Recipes and --set values: a YAML bomb, duplicate keys and invalid YAML are one line (exit 2),
bounded in time and memory; error messages never format a huge value."""

from __future__ import annotations

import resource
import subprocess
import sys
import textwrap

import pytest

from drqa.bounded_yaml import load_bounded, shorten
from drqa.errors import DrqaError
from drqa.recipe import load_recipe


def _bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 9) + "]")
    return "\n".join(lines) + f"\nlabel: {{rule: *a{levels - 1}}}\n"


def _limit_memory() -> None:
    cap = 3 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def test_yaml_bomb_under_a_literal_field_is_refused_quickly_in_bounded_memory(tmp_path):
    recipe = tmp_path / "bomb.yaml"
    recipe.write_text(_bomb(), encoding="utf-8")
    code = textwrap.dedent(
        """
        import sys
        from drqa.errors import DrqaError
        from drqa.recipe import load_recipe
        try:
            load_recipe(sys.argv[1])
        except DrqaError as exc:
            print(exc); sys.exit(exc.exit_code)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(recipe)],
        capture_output=True, text=True, timeout=60, preexec_fn=_limit_memory,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr[-2000:]
    line = done.stdout.strip()
    assert "\n" not in line and "refused" in line and str(recipe) in line


def test_bomb_in_process_returns_within_a_second_and_via_set():
    with pytest.raises(DrqaError, match="refused"):
        load_bounded(_bomb(12), "recipe r")
    with pytest.raises(DrqaError, match="aliases are not allowed") as caught:
        load_recipe(None, ["label.rule=[&x 1, *x]"])
    assert caught.value.exit_code == 2


def test_a_few_aliases_and_merge_keys_still_work():
    data = load_bounded("base: &b {k: 1}\nx: {<<: *b, z: 2}\ny: *b\n", "recipe r")
    assert data == {"base": {"k": 1}, "x": {"k": 1, "z": 2}, "y": {"k": 1}}


def test_duplicate_keys_are_refused_with_the_key_and_line(tmp_path):
    recipe = tmp_path / "dup.yaml"
    recipe.write_text("label:\n  rule: paper\n  rule: strict\n", encoding="utf-8")
    with pytest.raises(DrqaError) as caught:
        load_recipe(recipe)
    message = str(caught.value)
    assert "'rule' is given twice (line 3)" in message and "\n" not in message
    with pytest.raises(DrqaError, match="given twice"):
        load_recipe(None, ["label={rule: a, rule: b}"])


@pytest.mark.parametrize("value", ["{a: [1", "[1, 2", "a: b: c", "'open"])
def test_invalid_yaml_in_set_is_one_line_exit_2(value):
    with pytest.raises(DrqaError) as caught:
        load_recipe(None, [f"label.rule={value}"])
    message = str(caught.value)
    assert message.startswith("--set label.rule=... is not valid YAML") and "\n" not in message
    assert caught.value.exit_code == 2


def test_invalid_recipe_file_is_one_line(tmp_path):
    recipe = tmp_path / "bad.yaml"
    recipe.write_text("label:\n  rule: [paper\n", encoding="utf-8")
    with pytest.raises(DrqaError) as caught:
        load_recipe(recipe)
    assert "is not valid YAML" in str(caught.value) and "\n" not in str(caught.value)


def test_a_huge_wrong_value_is_shown_capped():
    with pytest.raises(DrqaError) as caught:
        load_recipe(None, ["label.rule=" + "x" * 100_000])
    assert len(str(caught.value)) < 600
    assert len(shorten(list(range(10**6)))) <= 80
    assert len(shorten([["y" * 10**6] * 100] * 100)) <= 80


@pytest.mark.parametrize(
    "override",
    [
        "k" * 50_000,
        "label." + "k" * 50_000 + "=1",
        "k" * 50_000 + ".x=1",
        "label.rule." + "k" * 50_000 + "=1",
    ],
)
def test_a_huge_key_is_shown_capped(override):
    with pytest.raises(DrqaError) as caught:
        load_recipe(None, [override])
    assert len(str(caught.value)) < 700 and "\n" not in str(caught.value)
