"""Read raw rows from a problem source: local JSONL/JSON/Parquet/CSV files or a Hub dataset.

Each row comes out as a :class:`SourceRow`: its 1-based row number and either the parsed record
or the reason it could not be read (bad JSON, undecodable bytes). Nothing is dropped silently.
"""

from __future__ import annotations

import codecs
import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drqa.builders.ingest.config import SourceConfig
from drqa.errors import DrqaError

FILE_FORMATS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".parquet": "parquet",
    ".csv": "csv",
}


_CSV_FIELD_LIMIT = 64 * 1024 * 1024  # one problem up to 64 MB (the csv default is 128 KB)
_SURROGATE = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8 (surrogateescape)


@dataclass(frozen=True)
class SourceRow:
    """One row of a source: ``record`` when it parsed, else ``error`` with the ``raw`` text."""

    row: int
    record: dict[str, Any] | None
    error: str | None = None
    detail: str | None = None
    raw: str | None = None


def describe_source(source: SourceConfig) -> tuple[str, str]:
    """``(kind, uri)`` of a source, checking that it names exactly one location."""
    if source.path and source.hub:
        raise DrqaError("a source gives both path and hub; keep one")
    if source.path:
        return "file", str(Path(source.path).expanduser().resolve())
    if source.hub:
        return "hub", source.hub
    raise DrqaError("a source needs either `path` (a local file) or `hub` (a dataset id)")


def read_source(source: SourceConfig) -> Iterator[SourceRow]:
    """Yield every row of ``source``, parsed or with the reason it was not."""
    kind, uri = describe_source(source)
    rows = _read_hub(source) if kind == "hub" else _read_file(Path(uri))
    for count, row in enumerate(rows, start=1):
        if source.limit is not None and count > source.limit:
            return
        yield row


def _read_file(path: Path) -> Iterator[SourceRow]:
    if not path.is_file():
        raise DrqaError(f"source file {path} does not exist")
    fmt = FILE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DrqaError(
            f"cannot read {path}: unknown extension {path.suffix!r}; "
            f"use one of {', '.join(sorted(FILE_FORMATS))}"
        )
    if fmt == "jsonl":
        yield from _read_jsonl(path)
    elif fmt == "json":
        yield from _read_json(path)
    elif fmt == "csv":
        yield from _read_csv(path)
    else:
        yield from _read_table(path, fmt)


def _read_jsonl(path: Path) -> Iterator[SourceRow]:
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError as exc:
                raw = line.decode("utf-8", errors="replace")
                yield SourceRow(
                    number, None, "undecodable", f"invalid UTF-8 at byte {exc.start}", raw
                )
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as exc:
                yield SourceRow(
                    number, None, "malformed_json", exc.msg + f" (col {exc.colno})", text
                )
                continue
            if not isinstance(record, dict):
                yield SourceRow(number, None, "malformed_json", "line is not a JSON object", text)
                continue
            yield SourceRow(number, record)


def _read_json(path: Path) -> Iterator[SourceRow]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DrqaError(
            f"cannot parse {path} as JSON: {exc}; for one record per line use .jsonl"
        ) from exc
    if isinstance(data, dict):  # {"data": [...]} or {"rows": [...]} layouts
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(lists) != 1:
            raise DrqaError(f"{path} holds a JSON object; expected a list of records")
        data = lists[0]
    for number, record in enumerate(data, start=1):
        if isinstance(record, dict):
            yield SourceRow(number, record)
        else:
            yield SourceRow(
                number, None, "malformed_json", "item is not an object", str(record)[:500]
            )


def _read_csv(path: Path) -> Iterator[SourceRow]:
    """Row by row (the csv module): a ragged row, undecodable bytes or a broken quote is a
    reject with its row number; the other rows are read. Empty fields are missing values."""
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    clean = _is_utf8(path)  # the usual case: no row needs the per-row byte check
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise DrqaError(f"cannot read {path} as csv: header: {exc}") from None
        if _SURROGATE.search("".join(header)) or not any(header):
            raise DrqaError(f"cannot read {path} as csv: the first line is not a header row")
        width, number, failures = len(header), 0, 0
        while True:
            line = reader.line_num + 1
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:  # e.g. a field over the size limit
                number += 1
                failures += 1
                yield SourceRow(number, None, "malformed_csv", f"line {line}: {exc}", None)
                if failures > 1000 and failures == number:
                    raise DrqaError(f"cannot read {path} as csv: {exc}") from None
                continue
            if not fields:  # a blank line
                continue
            number += 1
            if len(fields) != width:
                detail = f"line {line}: {len(fields)} fields where the header has {width}"
                yield SourceRow(number, None, "ragged_csv_row", detail, ",".join(fields)[:500])
            elif not clean and _SURROGATE.search(raw := ",".join(fields)):
                at = _SURROGATE.search(raw).start()
                detail = f"line {line}: invalid UTF-8 near character {at}"
                shown = raw.encode("utf-8", "replace").decode("utf-8")[:500]
                yield SourceRow(number, None, "undecodable", detail, shown)
            else:
                record = {k: v if v != "" else None for k, v in zip(header, fields, strict=True)}
                yield SourceRow(number, record)


def _is_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 22):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _read_table(path: Path, fmt: str) -> Iterator[SourceRow]:
    import polars as pl

    try:
        frame = pl.read_parquet(path)
    except Exception as exc:  # polars raises many types for unreadable files
        raise DrqaError(f"cannot read {path} as {fmt}: {exc}") from exc
    for number, record in enumerate(frame.iter_rows(named=True), start=1):
        yield SourceRow(number, record)


def _read_hub(source: SourceConfig) -> Iterator[SourceRow]:
    from datasets import load_dataset

    try:
        dataset = load_dataset(
            source.hub, source.hf_config, split=source.split, revision=source.revision
        )
    except Exception as exc:  # network, unknown id, unknown config: one line
        where = f"{source.hub}" + (f" ({source.hf_config})" if source.hf_config else "")
        raise DrqaError(
            f"cannot load Hub dataset {where} split {source.split!r}: "
            f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        ) from exc
    for number, record in enumerate(dataset, start=1):
        yield SourceRow(number, dict(record))
