"""Release format: bounded Parquet shards, ClassLabel labels, messages as structs, a chat config,
and a card with sizes, sources, licence, citation and no local path."""

from __future__ import annotations

import json
import re
from pathlib import Path

import datasets
import duckdb
import pyarrow.parquet as pq
import pytest
import yaml

from drqa.builders.release.provenance import (
    SourceFacts,
    derive_license,
    normalise_models,
    public_name,
    scrub_paths,
)
from drqa.builders.release.publish import publish_to_folder
from drqa.builders.release.shards import write_config
from drqa.builders.release.snapshot import make_release
from drqa.errors import DrqaError
from tests.builders.conftest import release_sql


def _card(folder: Path) -> tuple[dict, str]:
    text = (folder / "README.md").read_text()
    return yaml.safe_load(text.split("---")[1]), text


def test_shards_and_row_groups_stay_under_their_limits(tmp_path):
    con = duckdb.connect()
    select = (  # ~1 KB of incompressible text per row
        "SELECT range AS i, array_to_string(list_transform(range(30), "
        "lambda x: md5(range::VARCHAR || '-' || x::VARCHAR)), '') AS text, 'B' AS label "
        "FROM range(3000)"
    )
    written = write_config(
        con, select, tmp_path, "labels", max_shard_bytes=40_000, max_row_group_bytes=100_000
    )
    files = sorted((tmp_path / "data" / "labels").iterdir())
    n = len(files)
    assert n > 2 and [f.name for f in files] == [
        f"train-{i:05d}-of-{n:05d}.parquet" for i in range(n)
    ]
    assert list(written.files) == [f.relative_to(tmp_path).as_posix() for f in files]
    for file in files:
        parquet = pq.ParquetFile(file)
        assert parquet.metadata.num_row_groups >= 1
        for g in range(parquet.metadata.num_row_groups):
            assert 0 < parquet.read_row_group(g).nbytes <= 100_000
    assert written.num_rows == 3000
    assert sum(pq.ParquetFile(f).metadata.num_rows for f in files) == 3000
    ds = datasets.load_dataset("parquet", data_files=[str(f) for f in files], split="train")
    assert ds["i"] == list(range(3000))
    assert written.features["label"].names == ["A", "B", "C"]


def test_empty_config_is_one_loadable_shard(tmp_path):
    con = duckdb.connect()
    written = write_config(con, "SELECT 1 AS i WHERE false", tmp_path, "problems")
    assert written.files == ("data/problems/train-00000-of-00001.parquet",)
    assert pq.ParquetFile(tmp_path / written.files[0]).metadata.num_rows == 0
    with pytest.raises(DrqaError, match="positive byte counts"):
        write_config(con, "SELECT 1", tmp_path, "x", max_row_group_bytes=0)


def test_published_release_trains_as_is(release_ws, tmp_path):
    make_release(release_ws, "1.0.0")
    folder = publish_to_folder(release_ws, "1.0.0", tmp_path / "published")
    labels = datasets.load_dataset(str(folder), "labels", split="train")
    label = labels.features["label"]
    assert isinstance(label, datasets.ClassLabel) and label.names == ["A", "B", "C"]
    with duckdb.connect() as con:  # the Parquet keeps readable strings for SQL users
        stored = con.execute(
            f"SELECT label, count(*) FROM '{folder}/data/labels/*.parquet' GROUP BY 1 ORDER BY 1"
        ).fetchall()
    values = labels["label"]
    assert dict(stored) == {label.int2str(k): values.count(k) for k in set(values)}

    generations = datasets.load_dataset(str(folder), "generations", split="train")
    feature = generations.features["messages"]
    assert isinstance(feature, datasets.List) and set(feature.feature) == {"role", "content"}
    sent = generations[0]["messages"]
    assert sent == [{"role": "user", "content": f"Solve {generations[0]['batch_size']} problems"}]

    from drqa.builders.release.loader import release_has_sections

    assert release_has_sections(labels)
    chat = datasets.load_dataset(str(folder), "chat", split="train")
    assert chat.num_rows == labels.num_rows
    first = labels.sort("chain_id")[0]
    conversation = chat.sort("chain_id")[0]
    assert [m["role"] for m in conversation["messages"]] == ["user", "assistant"]
    assert conversation["messages"][0]["content"] == first["problem"]
    reply = conversation["messages"][1]["content"]
    # the model's own format, nothing synthesised: thinking, </think>, the answer section
    assert reply.startswith("<think>\n" + first["thinking"].strip() + "\n</think>\n\n")
    batched = [i for i, size in enumerate(chat["batch_size"]) if size > 1]
    single = [i for i, size in enumerate(chat["batch_size"]) if size == 1]
    by_id = {row["chain_id"]: row for row in labels}
    for i in single[:3]:
        row = chat[i]
        source = by_id[row["chain_id"]]
        assert row["messages"][1]["content"].endswith(source["answer_section"].strip())
        assert row["chat_edits"] == []
    for i in batched[:3]:
        row = chat[i]
        text = row["messages"][1]["content"]
        assert "Answer to Question" not in text and text.endswith("The answer is $\\boxed{42}$.")
        assert any("Answer to Question" in edit for edit in row["chat_edits"])
        assert row["chat_edits"][0].startswith("cut from a response to")
    assert conversation["label"] == first["label"]


def test_card_states_sizes_sources_licence_and_no_local_path(release_ws, tmp_path):
    model_dir = tmp_path / "models" / "tiny-qwen2"
    mapping = json.dumps({"path": "x", "license": "mit"})
    release_sql(
        release_ws,
        f"UPDATE runs SET config = json_object('model', '{model_dir}', 'backend', 'replay')",
        "UPDATE chains SET model = CASE WHEN batch_size = 1 THEN 'qwen/QwQ-32B' "
        "ELSE 'Qwen/QwQ-32B' END",
        f"INSERT INTO sources VALUES ('s-test', 'file', '{tmp_path}/pool/train.jsonl', NULL, "
        f"'train', NULL, '{mapping}', 60, 60, 0, now())",
        "UPDATE problems SET source_id = 's-test'",
    )
    extra = tmp_path / "extra.md"
    extra.write_text("## Intended use\nResearch on concise reasoning.\n")
    folder = make_release(release_ws, "1.0.0", repo="org/drqa-corpus", card_extra=extra)
    meta, text = _card(folder)
    assert meta["license"] == "mit" and meta["source_datasets"] == ["original"]
    info = {c["config_name"]: c for c in meta["dataset_info"]}
    assert set(info) == {"labels", "chat", "generations", "problems"}
    label_feature = next(f for f in info["labels"]["features"] if f["name"] == "label")
    assert label_feature["dtype"]["class_label"]["names"] == {"0": "A", "1": "B", "2": "C"}
    n_labels = json.loads((folder / "manifest.json").read_text())["row_counts"]["labels"]
    assert info["labels"]["splits"][0]["num_examples"] == n_labels > 100
    assert (
        info["labels"]["download_size"]
        == (folder / "data/labels/train-00000-of-00001.parquet").stat().st_size
    )
    assert "| train.jsonl | file | mit | 60 |" in text
    assert "Models: `Qwen/QwQ-32B`\n" in text or "Models: `qwen/QwQ-32B`\n" in text
    assert '"model": "tiny-qwen2"' in text
    assert 'load_dataset("org/drqa-corpus", "labels", split="train", revision="1.0.0")' in text
    assert "## Intended use\nResearch on concise reasoning." in text
    assert "arXiv" in text and "eprint        = {2508.17803}" in text
    assert "github.com" not in text
    assert str(tmp_path) not in text and str(release_ws.root) not in text
    assert not re.search(r"(?<![\w.])/(tmp|root|home|Users)/", text)
    outside_data = sum(
        p.stat().st_size for p in folder.rglob("*") if p.is_file() and "data" not in p.parts
    )
    assert outside_data < 300_000


def test_card_extra_must_be_a_readable_file(release_ws, tmp_path):
    with pytest.raises(DrqaError, match="--card-extra .*no such file"):
        make_release(release_ws, "1.0.0", card_extra=tmp_path / "missing.md")
    assert not (release_ws.releases_dir / "1.0.0").exists()


@pytest.mark.parametrize(
    ("licences", "expected"),
    [
        (["mit", "mit"], ("mit", False)),
        (["mit", "apache-2.0"], ("other", True)),
        (["unknown"], ("other", True)),
        ([], ("other", True)),
    ],
)
def test_licence_follows_the_sources(licences, expected):
    sources = [SourceFacts(f"s{i}", "file", lic, 1) for i, lic in enumerate(licences)]
    licence, note = derive_license(sources)
    assert (licence, note is not None) == expected
    if note and sources:
        assert all(s.name in note for s in sources)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Qwen/QwQ-32B", "Qwen/QwQ-32B"),
        ("/tmp/pytest-1/ws/models/tiny-qwen2", "tiny-qwen2"),
        ("drqa-workspace/models/tiny-qwen2", "tiny-qwen2"),
        ("~/models/m", "m"),
        ("http://127.0.0.1:8000/v1", "http://127.0.0.1:8000/v1"),
        ("gsm8k", "gsm8k"),
    ],
)
def test_public_names(value, expected):
    assert public_name(value) == expected


def test_models_counted_once_whatever_the_case_and_paths_scrubbed():
    assert normalise_models(["qwen/QwQ-32B", "Qwen/QwQ-32B", "Qwen/QwQ-32B", "/a/b/m"]) == [
        "Qwen/QwQ-32B",
        "m",
    ]
    assert scrub_paths({"model": "/x/y/z", "n": [1, "./a/b"]}) == {"model": "z", "n": [1, "b"]}


def test_gate_report_is_one_offline_page_in_the_workspace(release_ws):
    folder = make_release(release_ws, "1.0.0")
    page = release_ws.reports_dir / "releases" / "1.0.0" / "data_docs" / "gate.html"
    text = page.read_text()
    assert "Quality gate" in text and "unique chain_id" in text and "<style>" in text
    assert "http://" not in text and "https://" not in text  # nothing to fetch
    assert not (folder / "report").exists()
    summary = json.loads((folder / "gate.json").read_text())
    assert summary["passed"] and len(summary["checks"]) > 10
