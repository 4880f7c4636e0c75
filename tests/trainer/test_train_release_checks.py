"""What ``drqa train`` refuses before any training: tampered, ungated and wrongly pinned releases,
configs TRL would reject later, an output folder of another run, a changed config on resume."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from drqa.builders.release.manifest import file_sha256
from drqa.errors import DrqaError
from drqa.recipe import load_recipe
from drqa.trainer.config import TrainConfig
from drqa.trainer.output import CONFIG_FILE, prepare_output
from drqa.trainer.pinned import open_release
from tests.trainer.conftest import UNGATED_REASON


def _config(**fields) -> TrainConfig:
    return TrainConfig.model_validate(fields)


def test_gated_release_opens_with_lineage(gated_release):
    pinned = open_release(_config(release=str(gated_release)))
    assert pinned.version == "1.0.0" and pinned.gate_passed and not pinned.gate_problems
    assert pinned.manifest_sha256 == file_sha256(gated_release / "manifest.json")
    assert set(pinned.labels["label"].unique()) == {"A", "B", "C"}  # names, also from ClassLabel
    assert pinned.lineage()["allow_ungated"] is None


def test_workspace_releases_folder_and_version(gated_release):
    pinned = open_release(_config(release=str(gated_release.parent), version="1.0.0"))
    assert pinned.folder == gated_release


def test_tampered_release_is_refused(release_copy):
    labels = sorted(release_copy.glob("data/labels/*.parquet"))[0]
    table = pq.read_table(labels)
    pq.write_table(table.slice(1), labels)  # one row fewer
    with pytest.raises(DrqaError, match="labels") as info:
        open_release(_config(release=str(release_copy)))
    assert "\n" not in str(info.value)


def test_wrong_digest_is_refused(gated_release):
    with pytest.raises(DrqaError, match="pinned"):
        open_release(_config(release=str(gated_release), digest="sha256:" + "0" * 64))
    with pytest.raises(DrqaError, match="not sha256"):
        open_release(_config(release=str(gated_release), digest="abc"))
    digest = "sha256:" + file_sha256(gated_release / "manifest.json")
    assert open_release(_config(release=str(gated_release), digest=digest)).digest == digest


def test_ungated_release_is_refused_unless_a_reason_is_given(ungated_release):
    with pytest.raises(DrqaError, match="not gated: its gate failed.*--allow-ungated REASON"):
        open_release(_config(release=str(ungated_release)))
    pinned = open_release(_config(release=str(ungated_release), allow_ungated="smoke test"))
    lineage = pinned.lineage()
    assert lineage["allow_ungated"] == "smoke test"
    assert lineage["override_reason"] == UNGATED_REASON
    assert any("override" in p for p in lineage["ungated_because"])


def test_missing_contamination_check_counts_as_ungated(release_copy):
    from drqa.trainer.pinned import gate_problems

    manifest = json.loads((release_copy / "manifest.json").read_text())
    assert gate_problems(manifest) == []
    manifest["gate"]["checks"] = [
        c for c in manifest["gate"]["checks"] if "benchmark" not in c["name"].lower()
        and "contamina" not in c["name"].lower()
    ]  # fmt: skip
    assert gate_problems(manifest) == ["its contamination check did not run or did not pass"]


def test_missing_release_or_output_is_one_line():
    with pytest.raises(DrqaError, match="--release"):
        open_release(_config())
    with pytest.raises(DrqaError, match="--output"):
        prepare_output(_config(), resume=False)


def test_generation_batch_must_divide_by_num_generations():
    with pytest.raises(DrqaError, match=r"train\.grpo.*divisible by num_generations \(3\)"):
        load_recipe(overrides={"train.grpo.num_generations": 3})
    with pytest.raises(DrqaError, match="num_generations"):
        load_recipe(overrides={"train.grpo.num_generations": 1})
    with pytest.raises(DrqaError, match="train.grpo.lr"):
        load_recipe(overrides={"train.grpo.lr": 1e-5})  # a typo names the field
    ok = load_recipe(
        overrides={"train.grpo.num_generations": 3, "train.grpo.gradient_accumulation_steps": 3}
    )
    assert ok.train.grpo.num_generations == 3


def test_output_of_another_run_and_changed_config_on_resume(tmp_path, monkeypatch):
    config = _config(output=str(tmp_path / "run"), max_steps=4)
    output, checkpoint = prepare_output(config, resume=False)
    assert checkpoint is None and (output / CONFIG_FILE).is_file()
    with pytest.raises(DrqaError, match="already holds a training run; pass --resume"):
        prepare_output(config, resume=False)
    with monkeypatch.context() as patch:  # another process of the same accelerate launch
        patch.setenv("RANK", "1")
        assert prepare_output(config, resume=False) == (output, None)
    changed = _config(output=str(tmp_path / "run"), max_steps=8, grpo={"learning_rate": 1e-4})
    with pytest.raises(DrqaError, match=r"grpo\.learning_rate, max_steps differ"):
        prepare_output(changed, resume=True)
    (output / "checkpoint-2").mkdir()
    (output / "checkpoint-2" / "trainer_state.json").write_text("{}")
    (output / "checkpoint-10").mkdir()  # no trainer state: a half-written checkpoint
    assert prepare_output(config, resume=True)[1].name == "checkpoint-2"


def test_trusted_keys_require_a_signature_by_one_of_them(release_copy, tmp_path):
    from drqa.builders.release.signing import generate_key, sign_release

    team = generate_key(tmp_path / "team.pem")
    other = generate_key(tmp_path / "other.pem")
    with pytest.raises(DrqaError) as unsigned:  # no signature at all
        open_release(_config(release=str(release_copy), trusted_keys=[str(team)]))
    assert "\n" not in str(unsigned.value)
    sign_release(release_copy, tmp_path / "team.pem")
    pinned = open_release(_config(release=str(release_copy), trusted_keys=[str(other), str(team)]))
    assert pinned.signed and pinned.lineage()["signature_checked"]
    assert "signature checked" in pinned.pin_line(None)
    with pytest.raises(DrqaError):  # signed, but by a key nobody trusts
        open_release(_config(release=str(release_copy), trusted_keys=[str(other)]))


def test_version_is_checked_against_the_folder_and_named_when_not_given(gated_release):
    with pytest.raises(DrqaError, match=r"--version 2\.0\.0 does not match .* holds 1\.0\.0"):
        open_release(_config(release=str(gated_release), version="2.0.0"))
    pinned = open_release(_config(release=str(gated_release)))
    assert "release 1.0.0" in pinned.pin_line(None) and "no --version given" in pinned.pin_line(
        None
    )
    assert "as pinned by --version 1.0.0" in pinned.pin_line("1.0.0")


def test_cli_version_mismatch_is_one_line_exit_2(gated_release, tmp_path):
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "drqa.cli", "train", "--release", str(gated_release),
         "--version", "9.9.9", "--trusted-key", "unused.pub", "--output", str(tmp_path / "o"),
         "--model", "drqa:tiny-qwen2"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr[-2000:]
    assert "--version 9.9.9 does not match" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "o").exists()
