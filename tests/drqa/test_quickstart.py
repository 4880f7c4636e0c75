"""The README's main job: `drqa quickstart` runs every stage offline and ends well."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def test_quickstart_end_to_end_and_rerun(tmp_path):
    ws = tmp_path / "ws"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1"}
    command = [
        sys.executable,
        "-m",
        "drqa.cli",
        "quickstart",
        "--no-progress",
        "--workspace",
        str(ws),
    ]
    first = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "tiny RANDOM model" in first.stdout and "drqa generate --recipe" in first.stdout

    manifest = json.loads((ws / "releases" / "0.1.0" / "manifest.json").read_text())
    assert "quality gate is expected to fail" in json.dumps(manifest)
    assert (ws / "models" / "tiny-qwen2" / "config.json").exists()
    trained = json.loads((ws / "models" / "tiny-qwen2-grpo" / "drqa_training.json").read_text())
    assert trained["release"]["version"] == "0.1.0" and trained["global_step"] == 4  # train step
    import duckdb

    con = duckdb.connect(str(ws / "catalog.duckdb"), read_only=True)
    try:
        sizes = dict(
            con.execute(
                "SELECT r.batch_size, count(*) FROM generations g"
                " JOIN requests r USING (request_id)"
                " WHERE g.status = 'ok' GROUP BY 1"
            ).fetchall()
        )
        chains = con.execute("SELECT count(*) FROM chains").fetchall()[0][0]
    finally:
        con.close()
    assert sizes == {1: 24, 2: 12, 3: 8, 5: 5}
    assert chains == 24 + 24 + 24 + 25
    _release_is_small_pathless_and_trainable(ws, first.stdout)

    again = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "exists already" in again.stdout  # releases are immutable; nothing regenerated


def _release_is_small_pathless_and_trainable(ws, stdout: str) -> None:
    """The issue-13 bar: the closing lines name the release, card, plots and override; the
    published release is < 300 KB outside its data, its card holds no absolute path, and
    ``load_dataset`` gives ``label`` as a ClassLabel and ``messages`` as structs."""
    import datasets

    from drqa.builders.release.publish import publish_to_folder

    release = ws / "releases" / "0.1.0"
    expected = (
        f"release folder: {release}", f"dataset card:   {release / 'README.md'}",
        "labels_by_batch_size.png", "released with the override", "next: drqa publish",
    )  # fmt: skip
    for text in expected:
        assert text in stdout, text
    folder = publish_to_folder(ws, "0.1.0", ws.parent / "published")
    outside = sum(p.stat().st_size for p in folder.rglob("*") if "data" not in p.parts
                  and p.is_file())  # fmt: skip
    assert outside < 300_000
    card = (folder / "README.md").read_text()
    assert str(ws) not in card and "/tmp/" not in card and "drqa-workspace/" not in card
    labels = datasets.load_dataset(str(folder), "labels", split="train")
    assert isinstance(labels.features["label"], datasets.ClassLabel)
    chat = datasets.load_dataset(str(folder), "chat", split="train")
    assert chat[0]["messages"][0]["role"] == "user"
