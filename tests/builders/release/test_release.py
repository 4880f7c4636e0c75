"""Releases: Hub layout, card, manifest, immutability, refusals, tampering, diff."""

from __future__ import annotations

import json

import datasets
import pytest
import yaml

import drqa
from drqa.builders.release.diff import diff_releases
from drqa.builders.release.manifest import file_sha256
from drqa.builders.release.snapshot import make_release
from drqa.errors import DrqaError
from drqa.testing.synthetic_release import write_synthetic_corpus
from drqa.workspace import Workspace
from tests.builders.conftest import release_sql

LABELS = "data/labels/train-00000-of-00001.parquet"


def _staging_left(ws: Workspace) -> list[str]:
    return [p.name for p in ws.releases_dir.glob(".*")] if ws.releases_dir.exists() else []


def test_release_writes_hub_layout_card_and_manifest(release_ws):
    folder = make_release(release_ws, "1.0.0")
    assert folder == release_ws.releases_dir / "1.0.0"
    manifest = json.loads((folder / "manifest.json").read_text())
    for relative, entry in manifest["files"].items():
        assert file_sha256(folder / relative) == entry["sha256"]
    assert {LABELS, "README.md", "labels_by_batch_size.png"} <= set(manifest["files"])
    assert "gate.json" in manifest["files"]  # Data Docs stay in the workspace
    assert not any(name.startswith("report/") for name in manifest["files"])
    assert (release_ws.reports_dir / "releases/1.0.0/data_docs/index.html").is_file()
    assert manifest["override"] is None and manifest["gate"]["passed"]

    card = (folder / "README.md").read_text()
    meta = yaml.safe_load(card.split("---")[1])
    configs = [c["config_name"] for c in meta["configs"]]
    assert configs == ["labels", "chat", "generations", "problems"]
    assert meta["license"] == "other" and meta["size_categories"] == ["n<1K"]
    for heading in ("## How it was built", "## What it holds", "## Quality gate",
                    "## Known limitations", "math-verify@0.9", "abc-rules@1"):  # fmt: skip
        assert heading in card

    labels = datasets.load_dataset(str(folder), "labels", split="train")
    assert (
        labels.num_rows
        == manifest["row_counts"]["labels"]
        == sum(manifest["label_counts"].values())
    )
    assert {labels.features["label"].int2str(i) for i in labels.unique("label")} == set("ABC")
    assert set(labels.unique("label_source")) == {"auto"}
    generations = datasets.load_dataset(str(folder), "generations", split="train")
    assert generations.num_rows == manifest["row_counts"]["generations"] == 110

    with release_ws.read() as con:
        row = con.execute(
            "SELECT n_labels, gate_passed, manifest_sha256 FROM releases WHERE version='1.0.0'"
        ).fetchone()
        n_chains = con.execute("SELECT count(*) FROM release_chains").fetchone()[0]
    assert row == (labels.num_rows, True, file_sha256(folder / "manifest.json"))
    assert n_chains == labels.num_rows


def test_same_version_twice_is_refused_and_release_untouched(release_ws):
    folder = make_release(release_ws, "1.0.0")
    before = file_sha256(folder / "manifest.json")
    with pytest.raises(DrqaError, match="already exists"):
        make_release(release_ws, "1.0.0")
    assert file_sha256(folder / "manifest.json") == before
    assert _staging_left(release_ws) == []


@pytest.mark.parametrize("version", ["1.0", "v1.0.0", "01.0.0", "latest", ""])
def test_non_semver_is_refused(release_ws, version):
    with pytest.raises(DrqaError, match="semantic version"):
        make_release(release_ws, version)


def test_failing_gate_refuses_without_override_and_writes_nothing(release_ws):
    release_sql(release_ws, "UPDATE chains SET total_tokens = total_tokens * 3 WHERE label='B'")
    with pytest.raises(DrqaError, match="mean B total_tokens") as info:
        make_release(release_ws, "1.0.0")
    assert info.value.exit_code == 1 and "\n" not in str(info.value)
    assert not (release_ws.releases_dir / "1.0.0").exists()
    assert _staging_left(release_ws) == []
    with release_ws.read() as con:
        assert con.execute("SELECT count(*) FROM releases").fetchone()[0] == 0

    reason = "tiny random model: the gate is expected to fail"
    folder = make_release(release_ws, "1.0.0", override=reason)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["override"] == {"reason": reason, "used": True}
    assert not manifest["gate"]["passed"]
    card = (folder / "README.md").read_text()
    assert f"**Released with an override:** {reason}" in card
    assert "Gate check failed: mean B total_tokens" in card
    with release_ws.read() as con:
        assert con.execute("SELECT override_reason FROM releases").fetchone()[0] == reason


def test_labels_outside_abc_are_left_out_with_override(release_ws):
    release_sql(
        release_ws,
        "UPDATE chains SET label='D' WHERE chain_id=(SELECT min(chain_id) FROM chains "
        "WHERE label='A')",
    )
    folder = make_release(release_ws, "0.1.0", override="testing")
    labels = datasets.load_dataset(str(folder), "labels", split="train")
    assert "D" not in set(labels.unique("label"))
    manifest = json.loads((folder / "manifest.json").read_text())
    with release_ws.read() as con:
        (total,) = con.execute("SELECT count(*) FROM chains").fetchone()
    assert sum(manifest["excluded"]["by_reason"].values()) == total - labels.num_rows
    card = (folder / "README.md").read_text()
    assert f"{total - labels.num_rows} chains are not in this release" in card
    assert "## What was left out" in card


def test_left_out_chains_are_counted_by_reason_and_agree_with_the_label_summary(release_ws):
    from drqa.labeling.label_stage import relabel, unlabelled_by_reason

    release_sql(  # one batched response whose chains repeat one uncut thinking
        release_ws,
        "UPDATE chains SET reasoning = 'same uncut thinking', split_status = 'truncated', "
        "verify_status = 'no_answer' WHERE request_id = (SELECT min(request_id) FROM chains "
        "WHERE batch_size = 3)",
        "UPDATE chains SET verify_status = 'uncertain' WHERE chain_id = (SELECT min(chain_id) "
        "FROM chains WHERE batch_size = 1)",
    )
    counts = relabel(release_ws, "paper")
    unlabelled = unlabelled_by_reason(counts)
    assert unlabelled["excluded"] == {"duplicate_chain_text": 2}
    assert unlabelled["review"]["uncertain"] == 1
    with release_ws.read() as con:  # what `drqa label` prints agrees with needs_review
        flags = dict(con.execute("SELECT label_reason, bool_or(needs_review) FROM chains "
                                 "WHERE label IS NULL GROUP BY 1").fetchall())  # fmt: skip
    assert flags["duplicate_chain_text"] is False and flags["uncertain"] is True
    folder = make_release(release_ws, "2.0.0", override="testing")
    excluded = json.loads((folder / "manifest.json").read_text())["excluded"]
    assert excluded["by_reason"]["duplicate_chain_text"] == 2
    assert excluded["awaiting_review"]["uncertain"] == 1
    assert excluded["awaiting_review"]["duplicate_chain_text"] == 0
    card = (folder / "README.md").read_text()
    assert "| `duplicate_chain_text` | 2 | 0 |" in card and "| `uncertain` | " in card


def test_empty_workspace_and_blank_override_are_refused(tmp_path, release_ws):
    empty = Workspace.resolve(tmp_path / "empty")
    with empty.write("create"):
        pass
    with pytest.raises(DrqaError, match="nothing to check"):
        make_release(empty, "1.0.0")
    assert not (empty.releases_dir / "1.0.0").exists()
    with pytest.raises(DrqaError, match="needs a reason"):
        make_release(release_ws, "1.0.0", override="  ")


def test_tiny_corpus_releases_with_override(tmp_path):
    ws = Workspace.resolve(tmp_path / "tiny")
    write_synthetic_corpus(ws, 2, batch_sizes=(1,), unsplittable_rate=0.0)
    folder = make_release(ws, "0.0.1", override="tiny random model: the gate is expected to fail")
    assert drqa.load_release(str(folder)).num_rows >= 1


@pytest.mark.parametrize("victim", [LABELS, "README.md", "labels_by_batch_size.png"])
def test_tampered_file_is_one_error_naming_it(release_ws, victim):
    folder = make_release(release_ws, "1.0.0")
    assert drqa.load_release(str(folder)).num_rows > 0
    with (folder / victim).open("ab") as handle:
        handle.write(b"\x00")
    with pytest.raises(DrqaError, match=f"{victim} was changed after release") as info:
        drqa.load_release(str(folder))
    assert "\n" not in str(info.value)


def test_missing_file_unknown_config_and_non_release(release_ws, tmp_path):
    folder = make_release(release_ws, "1.0.0")
    assert (
        drqa.load_release(str(release_ws.releases_dir), "1.0.0", config="problems").num_rows == 60
    )
    with pytest.raises(DrqaError, match="no config 'chains'"):
        drqa.load_release(str(folder), config="chains")
    with pytest.raises(DrqaError, match="holds release 1.0.0, not 2.0.0"):
        drqa.load_release(str(folder), "2.0.0")
    (folder / "tokens_by_batch_size.png").unlink()
    with pytest.raises(DrqaError, match="tokens_by_batch_size.png is listed"):
        drqa.load_release(str(folder))
    with pytest.raises(DrqaError, match="manifest.json is missing"):
        drqa.load_release(str(tmp_path))
    with pytest.raises(DrqaError, match="not a Hub repo id"):
        drqa.load_release(str(tmp_path / "no" / "such" / "folder"))


def test_diff_names_added_removed_and_relabelled_with_causes(release_ws):
    make_release(release_ws, "1.0.0")
    with release_ws.read() as con:
        a_chain, c_chain, gone = (
            r[0]
            for r in con.execute(
                "(SELECT min(chain_id) FROM chains WHERE label='A') UNION ALL "
                "(SELECT min(chain_id) FROM chains WHERE label='C' AND batch_size=1) UNION ALL "
                "(SELECT max(chain_id) FROM chains WHERE label='B')"
            ).fetchall()
        )
        (rewritten,) = con.execute("SELECT min(chain_id) FROM chains WHERE label='B'").fetchone()
    write_synthetic_corpus(
        release_ws, 6, seed=7, batch_sizes=(1,), unsplittable_rate=0.0, correct_rate=1.0
    )  # fmt: skip  (new problems -> new generations)
    release_sql(
        release_ws,
        "UPDATE chains SET label='C', verifier_version='math-verify@1.0' "
        f"WHERE chain_id='{a_chain}'",
        f"UPDATE chains SET label='A', label_rule='abc-rules@2' WHERE chain_id='{c_chain}'",
        f"UPDATE chains SET label=NULL, needs_review=true WHERE chain_id='{gone}'",
        "UPDATE chains SET thinking = thinking || ' more', splitter_version = 'splitter@2' "
        f"WHERE chain_id='{rewritten}'",
    )
    make_release(release_ws, "1.1.0")
    result = diff_releases(release_ws, "1.0.0", "1.1.0")
    info = result.to_dict()
    assert info["totals"] == {"added": 6, "removed": 1, "relabelled": 2, "rewritten": 1}
    rows = {(r["change"], r["chain_id"]): r for r in info["rows"]}
    assert rows[("rewritten", rewritten)]["cause"] == "splitter change"
    assert rows[("rewritten", rewritten)]["detail"].startswith("thinking changed")
    causes = {(r["change"], r["chain_id"]): r["cause"] for r in info["rows"]}
    assert causes[("relabelled", a_chain)] == "verifier change"
    assert causes[("relabelled", c_chain)] == "rule change"
    assert causes[("removed", gone)] == "no longer labelled"
    assert {c for (kind, _), c in causes.items() if kind == "added"} == {"new generations"}
    with pytest.raises(DrqaError, match="known releases: 1.0.0, 1.1.0"):
        diff_releases(release_ws, "1.0.0", "9.9.9")
