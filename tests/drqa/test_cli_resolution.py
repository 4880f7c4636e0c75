"""The CLI resolves --workspace, --recipe and --set once: errors name their origin."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from drqa.cli import app
from drqa.errors import DrqaError

runner = CliRunner()


def _error(result) -> str:
    assert result.exit_code != 0, result.output
    assert isinstance(result.exception, DrqaError | SystemExit), result.exception
    return str(result.exception)


def test_misspelled_recipe_key_names_the_file_and_suggests_the_field(tmp_path):
    recipe = tmp_path / "R.yaml"
    recipe.write_text("label:\n  rulez: x\n")
    message = _error(runner.invoke(app, ["label", "--recipe", str(recipe), "-w", str(tmp_path)]))
    assert message.startswith(f"recipe {recipe}: label.rulez: unknown field")
    assert "did you mean 'rule'?" in message


def test_misspelled_set_is_blamed_on_the_set_not_the_file(tmp_path):
    recipe = tmp_path / "R.yaml"
    recipe.write_text("label:\n  rule: paper\n")
    args = ["label", "-r", str(recipe), "--set", "label.rulez=x", "-w", str(tmp_path)]
    message = _error(runner.invoke(app, args))
    assert message.startswith(
        "--set label.rulez=x: label.rulez: unknown field; did you mean 'rule'"
    )


def test_bad_flag_value_names_the_flag(tmp_path):
    message = _error(runner.invoke(app, ["label", "--rule", "nope", "-w", str(tmp_path)]))
    assert message.startswith("--rule: label.rule: unknown value 'nope'")


def test_global_options_apply_and_the_command_wins(tmp_path):
    recipe = tmp_path / "R.yaml"
    recipe.write_text("review:\n  per_stratm: 3\n")
    # a global --recipe is read by the command
    message = _error(runner.invoke(app, ["--recipe", str(recipe), "review", "push"]))
    assert "review.per_stratm: unknown field; did you mean 'per_stratum'" in message
    # a global --set too; the command's own --set comes later and wins
    args = ["--set", "label.workers=0", "label", "--set", "label.workers=2", "-w", "nowhere"]
    assert "no drqa workspace" in _error(runner.invoke(app, args))
    # the global --workspace is used, the command's own wins
    global_only = _error(runner.invoke(app, ["-w", str(tmp_path / "g"), "runs"]))
    assert str(tmp_path / "g") in global_only
    both = _error(
        runner.invoke(app, ["-w", str(tmp_path / "g"), "runs", "-w", str(tmp_path / "c")])
    )
    assert str(tmp_path / "c") in both


def test_unknown_section_suggests_the_closest(tmp_path):
    message = _error(runner.invoke(app, ["check", "--set", "gates.min_kappa=0.5"]))
    assert "gates: unknown field; did you mean 'gate'?" in message


NOT_CREATING = [
    ["rejects"],
    ["compose"],
    ["generate"],
    ["merge"],
    ["runs"],
    ["label"],
    ["report"],
    ["check"],
    ["release", "1.0.0"],
    ["diff", "1.0.0", "1.0.1"],
    ["publish", "1.0.0", "--to", "out"],
    ["review", "serve"],
    ["review", "push"],
    ["review", "pull"],
    ["review", "status"],
]


@pytest.mark.parametrize("command", NOT_CREATING, ids=" ".join)
def test_commands_that_create_no_data_need_an_existing_workspace(tmp_path, command):
    missing = tmp_path / "does-not-exist"
    message = _error(runner.invoke(app, [*command, "--workspace", str(missing)]))
    assert message.startswith(f"no drqa workspace at {missing}")
    assert not missing.exists()
    assert list(tmp_path.iterdir()) == []


def test_review_status_on_a_missing_workspace_exits_non_zero_in_one_line(tmp_path):
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "drqa.cli", "review", "status", "--workspace", "does-not-exist"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode != 0
    assert proc.stderr.count("\n") == 1 and "no drqa workspace" in proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_mirrored_flags_default_to_none_and_take_help_from_the_config():
    from drqa.builders.cli import COMPOSE_FLAGS, GENERATE_FLAGS
    from drqa.builders.ingest.cli import INGEST_FLAGS
    from drqa.curation_ui.cli import PUSH_FLAGS
    from drqa.labeling.cli import LABEL_FLAGS
    from drqa.recipe import field_info

    for table in (COMPOSE_FLAGS, GENERATE_FLAGS, INGEST_FLAGS, PUSH_FLAGS, LABEL_FLAGS):
        for path in table.fields.values():
            field_info(path)  # every mapped path is a real recipe field
    result = runner.invoke(app, ["review", "push", "--help"])
    assert field_info("review.per_stratum").description.split()[0] in result.output


def test_quickstart_reads_the_shipped_recipe():
    from pathlib import Path

    from drqa.quickstart import shipped_recipe
    from drqa.recipe import load_recipe

    repo_copy = Path(__file__).parents[2] / "recipes" / "quickstart.yaml"
    assert shipped_recipe().read_text() == repo_copy.read_text()
    plan = load_recipe(shipped_recipe())
    assert plan.name == "quickstart" and plan.compose.batch_sizes == (1, 2, 3, 5)


def test_a_recipe_run_by_hand_is_the_same_run_as_with_an_absolute_model_path(tmp_path, monkeypatch):
    """Run identity comes from canonical values: a relative local model path and its absolute
    spelling are one run (no second composition); a Hub id is kept as written."""
    from drqa.builders.compose.config import ComposeConfig
    from drqa.builders.compose.requests import compose_requests, run_id_for
    from drqa.builders.generation.config import GenerateConfig
    from drqa.builders.ingest.config import IngestConfig, SourceConfig
    from drqa.builders.ingest.pipeline import ingest_source
    from drqa.model_names import canonical_model
    from drqa.quickstart import shipped_problems
    from drqa.workspace import open_workspace

    (tmp_path / "models" / "m").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    ws = open_workspace(tmp_path / "ws", create=True)
    no_check = IngestConfig.model_validate({"decontamination": {"enabled": False}})
    ingest_source(ws, SourceConfig(path=str(shipped_problems()), id_field="id"), no_check)
    compose = ComposeConfig(batch_sizes=(1, 2))
    by_hand = GenerateConfig(backend="transformers", model="models/m")
    absolute = GenerateConfig(backend="transformers", model=str(tmp_path / "models" / "m"))
    first = compose_requests(ws, compose, absolute)
    again = compose_requests(ws, compose, by_hand)
    assert again.run_id == first.run_id == run_id_for(by_hand, compose)
    assert sum(first.new.values()) > 0 and sum(again.new.values()) == 0
    assert canonical_model("Qwen/Qwen3-8B") == "Qwen/Qwen3-8B"
    assert run_id_for(GenerateConfig(model="Qwen/Qwen3-8B"), compose) != first.run_id
