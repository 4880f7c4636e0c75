"""Issue 12, items 3-4: a release a consumer can trust (digest, full coverage, signatures) and
one that appears together with its catalog row even when the process is killed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import drqa
from drqa.builders.release.manifest import file_sha256, manifest_digest
from drqa.builders.release.publish import publish_to_folder, release_digest
from drqa.builders.release.reconcile import CRASH_ENV, reconcile_releases
from drqa.builders.release.signing import generate_key
from drqa.builders.release.snapshot import make_release
from drqa.errors import DrqaError
from drqa.testing.synthetic_release import write_synthetic_corpus
from drqa.workspace import Workspace


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """A workspace with release 1.0.0 (made once; tests work on copies)."""
    root = tmp_path_factory.mktemp("released")
    ws = Workspace.resolve(root / "ws")
    write_synthetic_corpus(ws, 30, seed=5, unsplittable_rate=0.0)
    make_release(ws, "1.0.0")
    return ws


@pytest.fixture
def ws(released, tmp_path) -> Workspace:
    shutil.copytree(released.root, tmp_path / "ws")
    return Workspace.resolve(tmp_path / "ws")


def _rewrite_manifest(folder, edit) -> None:
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text())
    edit(manifest)
    for relative, entry in manifest["files"].items():
        if (folder / relative).is_file() and ".." not in relative:
            entry["sha256"] = file_sha256(folder / relative)
            entry["bytes"] = (folder / relative).stat().st_size
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


def _labels_file(folder):
    return next((folder / "data" / "labels").glob("*.parquet"))


def _flip_labels(folder) -> None:
    path = _labels_file(folder)
    table = pq.read_table(path)
    flipped = [{"A": "C", "B": "C", "C": "A"}[v] for v in table.column("label").to_pylist()]
    index = table.schema.get_field_index("label")
    table = table.set_column(index, "label", pa.array(flipped, table.schema.field(index).type))
    pq.write_table(table, path)


def test_digest_is_printed_recorded_and_pins_the_release(ws):
    folder = ws.releases_dir / "1.0.0"
    digest = manifest_digest(folder)
    assert digest.startswith("sha256:") and release_digest(ws, "1.0.0") == digest
    assert drqa.load_release(str(folder), digest=digest).num_rows > 0
    with pytest.raises(DrqaError, match="not the pinned"):
        drqa.load_release(str(folder), digest="sha256:" + "0" * 64)


def test_forged_labels_with_recomputed_hashes_and_header_fail_digest_and_publish(ws, tmp_path):
    folder = ws.releases_dir / "1.0.0"
    pinned = manifest_digest(folder)
    _flip_labels(folder)

    def fix_counts(manifest):
        labels = pq.read_table(_labels_file(folder), columns=["label"]).column("label")
        counts = {k: labels.to_pylist().count(k) for k in "ABC"}
        manifest["label_counts"] = counts

    _rewrite_manifest(folder, fix_counts)  # a careful forger: hashes and header consistent
    with pytest.raises(DrqaError, match="not the pinned"):
        drqa.load_release(str(folder), digest=pinned)
    with pytest.raises(DrqaError, match="not the pinned"):
        publish_to_folder(ws, "1.0.0", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_header_edit_is_refused_even_without_a_digest(ws):
    folder = ws.releases_dir / "1.0.0"

    def inflate(manifest):
        manifest["label_counts"]["B"] += 100

    _rewrite_manifest(folder, inflate)
    with pytest.raises(DrqaError, match="header says labels"):
        drqa.load_release(str(folder))

    def pass_gate(manifest):
        manifest["label_counts"]["B"] -= 100
        manifest["gate"]["passed"] = False

    _rewrite_manifest(folder, pass_gate)
    with pytest.raises(DrqaError, match="gate result differs"):
        drqa.load_release(str(folder))


def test_extra_file_and_out_of_folder_path_are_refused(ws):
    folder = ws.releases_dir / "1.0.0"
    extra = folder / "data" / "labels" / "train-00001-of-00001.parquet"
    shutil.copy(_labels_file(folder), extra)
    with pytest.raises(DrqaError, match="is not in manifest.json"):
        drqa.load_release(str(folder))
    extra.unlink()

    outside = ws.root / "secret.txt"
    outside.write_text("not part of any release\n")

    def point_outside(manifest):
        manifest["files"]["../../secret.txt"] = {"sha256": file_sha256(outside), "bytes": 24}

    _rewrite_manifest(folder, point_outside)
    with pytest.raises(DrqaError, match="outside the release"):
        drqa.load_release(str(folder))


def test_signed_release_loads_only_with_a_trusted_key(ws, tmp_path):
    team = generate_key(tmp_path / "team.pem")
    other = generate_key(tmp_path / "other.pem")
    assert oct((tmp_path / "team.pem").stat().st_mode & 0o777) == "0o600"
    folder = make_release(ws, "1.1.0", sign_key=tmp_path / "team.pem")
    assert drqa.load_release(str(folder), trusted_keys=[team]).num_rows > 0
    with pytest.raises(DrqaError, match="not a valid signature"):
        drqa.load_release(str(folder), trusted_keys=[other])
    with pytest.raises(DrqaError, match="not signed"):
        drqa.load_release(str(ws.releases_dir / "1.0.0"), trusted_keys=team)
    copy = publish_to_folder(ws, "1.1.0", tmp_path / "shipped")
    assert drqa.load_release(str(copy), trusted_keys=team.read_text()).num_rows > 0


def _release_in_subprocess(ws: Workspace, version: str, crash_at: str) -> int:
    script = (
        "import sys; from drqa.builders.release.snapshot import make_release; "
        "from drqa.workspace import Workspace; "
        "make_release(Workspace.resolve(sys.argv[1]), sys.argv[2])"
    )
    env = {**os.environ, CRASH_ENV: crash_at}
    done = subprocess.run([sys.executable, "-c", script, str(ws.root), version], env=env)
    return done.returncode


@pytest.mark.parametrize("point", ["release:after-pending", "release:after-rename"])
def test_sigkill_during_commit_leaves_no_orphan(ws, point):
    assert _release_in_subprocess(ws, "2.0.0", point) == -9  # killed at the point
    notes = reconcile_releases(ws)
    assert notes, "the interrupted release was not noticed"
    with ws.read() as con:
        rows = con.execute("SELECT version FROM releases ORDER BY version").fetchall()
    folders = sorted(p.name for p in ws.releases_dir.iterdir())
    if point == "release:after-rename":  # the folder was in place: completed, publishable
        assert rows == [("1.0.0",), ("2.0.0",)] and folders == ["1.0.0", "2.0.0"]
        assert release_digest(ws, "2.0.0") == manifest_digest(ws.releases_dir / "2.0.0")
    else:  # rolled back: no row, no folder, no staging; the version can be released again
        assert rows == [("1.0.0",)] and folders == ["1.0.0"]
        assert make_release(ws, "2.0.0").is_dir()


def test_folder_without_catalog_row_is_moved_aside_and_never_published(ws, tmp_path):
    shutil.copytree(ws.releases_dir / "1.0.0", ws.releases_dir / "3.0.0")
    stale = ws.releases_dir / ".staging-9.0.0-999999-deadbeef"
    stale.mkdir()
    with pytest.raises(DrqaError, match="no release 3.0.0"):
        publish_to_folder(ws, "3.0.0", tmp_path / "out")
    names = sorted(p.name for p in ws.releases_dir.iterdir())
    assert names[0].startswith(".orphan-3.0.0-") and names[1:] == ["1.0.0"]
    assert make_release(ws, "3.0.0").is_dir()  # the version is not blocked forever


def test_check_and_release_say_how_many_generations_are_not_labelled(ws):
    from typer.testing import CliRunner

    from drqa.cli import app
    from tests.builders.conftest import release_sql

    release_sql(
        ws,
        "DELETE FROM chains WHERE request_id IN "
        "(SELECT request_id FROM generations ORDER BY request_id LIMIT 4)",
    )
    done = CliRunner().invoke(app, ["check", "-w", str(ws.root)])
    assert "4 generations are not labelled yet" in done.output, done.output
    done = CliRunner().invoke(app, ["release", "4.0.0", "-w", str(ws.root)])
    assert done.exit_code == 0, done.output
    assert "4 generations were not labelled yet" in done.output
    assert f"digest {manifest_digest(ws.releases_dir / '4.0.0')}" in done.output


def test_publish_without_token_or_network_is_one_line(ws, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN")}
    env.update(HF_HOME=str(tmp_path / "hf"), HF_ENDPOINT="http://127.0.0.1:9", COLUMNS="200")
    done = subprocess.run(
        [sys.executable, "-c", "from drqa.cli import main; main()", "publish", "1.0.0",
         "--repo", "org/drqa-set", "-w", str(ws.root)],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert "publishing 1.0.0 to Hub dataset org/drqa-set failed" in lines[0]
    assert "none is set" in lines[0]  # names the missing token


def test_a_hub_cache_snapshot_of_symlinks_loads_and_a_symlink_out_is_refused(ws, tmp_path):
    folder = ws.releases_dir / "1.0.0"
    repo = tmp_path / "hub" / "datasets--org--drqa-set"  # huggingface_hub's cache layout
    snapshot = repo / "snapshots" / "0123abcd"
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        blob = repo / "blobs" / file_sha256(path)
        blob.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, blob)
        link = snapshot / path.relative_to(folder)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(os.path.relpath(blob, link.parent))
    (snapshot / ".gitattributes").write_text("*.parquet filter=lfs\n")
    digest = manifest_digest(folder)
    assert drqa.load_release(str(snapshot), digest=digest).num_rows > 0

    readme = snapshot / "README.md"
    outside = tmp_path / "elsewhere.md"
    outside.write_bytes(readme.read_bytes())
    readme.unlink()
    readme.symlink_to(outside)  # same bytes, but outside the release and the cache
    with pytest.raises(DrqaError, match="outside the release"):
        drqa.load_release(str(snapshot))
