"""Faster bulk record upserts in argilla-server 2.8.0: the same rows, less work per record.

This file runs INSIDE the argilla-server virtual environment (the launcher loads it by path);
it imports only what that environment has (argilla_server, SQLAlchemy, pydantic). Never drqa.

Measured per 500-record bulk upsert on the embedded server (SQLite, drqa's SQL search engine),
timing each stage of argilla-server's ``UpsertRecordsBulk``: the suggestions' upsert compiled a
new 1,000-row ``INSERT ... VALUES`` (8,000 bound parameters) every request (~40% of the time),
each record's metadata and suggestion checks re-parsed their property's or question's settings
with pydantic, and the relationships were reloaded for a search index that drqa's engine does
not keep; full garbage collections walked the whole start-up heap; and two upserts in flight
on SQLite waited on each other in its busy handler. The patches apply to every client of the
server (the SDK as much as drqa), except the three that only serve drqa's
``.../records/bulk-counts`` (``skip_reload_for_counts``,
``counts_without_record_models``, ``upsert_for_counts``): no record is echoed back there, so
nothing reads the reloaded relationships or the records' API models, and drqa sends two
batches at once there (the SDK sends one at a time to the plain route).
"""

from __future__ import annotations

import asyncio
import contextvars
import copy
import importlib
import sys
import time
from datetime import datetime
from uuid import uuid4

# set while ``.../records/bulk-counts`` runs: the answer is counts, no record is serialised
COUNTS_ONLY: contextvars.ContextVar[bool] = contextvars.ContextVar("drqa_counts", default=False)
_WEBHOOKS = {"checked": 0.0, "any": True}
SQL_ENGINE = "drqa-sql"  # search_engine.ENGINE_NAME: its index calls do nothing


async def any_enabled_webhook(db, ttl_s: float = 1.0) -> bool:
    """Whether an enabled webhook exists (looked up at most once per ``ttl_s``)."""
    from argilla_server.models import Webhook
    from sqlalchemy import select

    if time.monotonic() - _WEBHOOKS["checked"] > ttl_s:
        found = await db.execute(select(Webhook.id).where(Webhook.enabled).limit(1))
        _WEBHOOKS["any"] = found.first() is not None
        _WEBHOOKS["checked"] = time.monotonic()
    return _WEBHOOKS["any"]


def skip_events_without_webhooks() -> None:
    """Build webhook events only when an enabled webhook exists (checked at most once a second).

    argilla-server builds every record/response/dataset event (about seven SQL queries each) and
    only then looks for webhooks; with none configured that is most of a bulk upsert's time.
    """

    def guarded(notify):
        async def notify_when_subscribed(db, *args, **kwargs):
            if not await any_enabled_webhook(db):
                return []
            return await notify(db, *args, **kwargs)

        return notify_when_subscribed

    originals = {}
    for name in ("records", "responses", "datasets"):
        module = importlib.import_module(f"argilla_server.webhooks.v1.{name}")
        for attr, value in list(vars(module).items()):
            if attr.startswith("notify_") and attr.endswith("_event") and callable(value):
                originals[id(value)] = guarded(value)
                setattr(module, attr, originals[id(value)])
    for module_name, module in list(sys.modules.items()):
        if module_name.startswith("argilla_server") and module is not None:
            for attr, value in list(vars(module).items()):
                if id(value) in originals:
                    setattr(module, attr, originals[id(value)])


def cache_settings_adapters() -> None:
    """Build each pydantic ``TypeAdapter`` of argilla-server's models once.

    ``Question.parsed_settings`` and ``MetadataProperty.parsed_settings`` build a new
    ``TypeAdapter`` (a whole schema generation) on every call, and a bulk upsert reads them for
    every record x metadata property and suggestion. The types are module constants, so one
    adapter per type gives the same validation.
    """
    from argilla_server.models import database
    from pydantic import TypeAdapter

    adapters: dict[int, TypeAdapter] = {}

    def cached_adapter(type_, *args, **kwargs) -> TypeAdapter:
        if args or kwargs:
            return TypeAdapter(type_, *args, **kwargs)
        adapter = adapters.get(id(type_))
        if adapter is None:
            adapter = adapters[id(type_)] = TypeAdapter(type_)
        return adapter

    database.TypeAdapter = cached_adapter


def parse_settings_once() -> None:
    """``parsed_settings`` of a question or metadata property parsed once per settings value.

    The parsed object is kept on the instance with a copy of the settings it came from and
    reused while the settings compare equal (a changed setting is parsed again).
    """
    from argilla_server.models import MetadataProperty, Question

    for model in (Question, MetadataProperty):
        parse = model.parsed_settings.fget

        def parsed_settings(self, _parse=parse):
            cached = self.__dict__.get("_drqa_parsed_settings")
            if cached is not None and cached[0] == self.settings:
                return cached[1]
            parsed = _parse(self)
            self.__dict__["_drqa_parsed_settings"] = (copy.deepcopy(self.settings), parsed)
            return parsed

        model.parsed_settings = property(parsed_settings)


def upsert_suggestions_as_executemany() -> None:
    """The bulk upsert's suggestions written by one cached ``INSERT ... ON CONFLICT DO UPDATE``
    on the suggestions table run for every row (SQLAlchemy Core executemany), instead of a new
    multi-row ``VALUES`` statement compiled per request and read back as ORM objects.

    The same rows (a new id and timestamps for a new suggestion; value, score, agent, type and
    ``updated_at`` replaced on the (record, question) conflict). argilla-server's bulk path
    never used what the old statement returned; the reload after the commit reads them.
    """
    from argilla_server.bulk import records_bulk
    from argilla_server.models import Suggestion
    from argilla_server.models.mixins import _INSERT_FUNC

    async def upsert_records_suggestions(self, records_and_suggestions) -> list:
        now = datetime.utcnow()  # what the column defaults give, without a call per row
        rows = [
            dict(**suggestion.model_dump(), record_id=record.id, id=uuid4(), inserted_at=now,
                 updated_at=now)
            for record, suggestions in records_and_suggestions
            for suggestion in suggestions or []
        ]  # fmt: skip
        if not rows:
            return []
        insert = _INSERT_FUNC[self._db.bind.dialect.name](Suggestion.__table__)
        replaced = {name: insert.excluded[name] for name in Suggestion.__upsertable_columns__}
        replaced["updated_at"] = now
        statement = insert.on_conflict_do_update(
            index_elements=["record_id", "question_id"], set_=replaced
        )
        await self._db.execute(statement, rows)
        return []

    records_bulk.CreateRecordsBulk._upsert_records_suggestions = upsert_records_suggestions


def statuses_from_response_counts() -> None:
    """The upserted records' statuses (pending/completed) from one count of submitted responses
    per record, instead of reloading every record with its submitted responses as ORM objects.

    The same rule as argilla-server's overlap distribution: completed when a record has at
    least ``min_submitted`` submitted responses (any other strategy is refused as it is there).
    """
    from argilla_server.bulk import records_bulk
    from argilla_server.enums import DatasetDistributionStrategy, RecordStatus, ResponseStatus
    from argilla_server.models import Dataset, Response
    from sqlalchemy import func, select

    async def update_records_status(db, records) -> None:
        if not records:
            return
        ids = [record.id for record in records]
        counts = select(Response.record_id, func.count()).where(
            Response.record_id.in_(ids), Response.status == ResponseStatus.submitted
        )
        submitted = dict((await db.execute(counts.group_by(Response.record_id))).all())
        dataset_ids = {record.dataset_id for record in records}
        found = await db.execute(select(Dataset).where(Dataset.id.in_(dataset_ids)))
        datasets = {dataset.id: dataset for dataset in found.scalars()}
        for record in records:
            dataset = datasets[record.dataset_id]
            if dataset.distribution_strategy != DatasetDistributionStrategy.overlap:
                raise NotImplementedError(
                    f"unsupported distribution strategy `{dataset.distribution_strategy}`"
                )
            done = submitted.get(record.id, 0) >= dataset.distribution["min_submitted"]
            record.status = RecordStatus.completed if done else RecordStatus.pending
            db.add(record)

    records_bulk.distribution.unsafe_update_records_status = update_records_status


def skip_reload_for_counts() -> None:
    """No reload of the upserted records' responses, suggestions and vectors when nothing reads
    them: on ``.../records/bulk-counts`` (no records in the answer), with drqa's SQL search
    engine (its index calls do nothing) and no enabled webhook (whose events serialise them)."""
    from argilla_server.bulk import records_bulk
    from argilla_server.settings import settings

    reload = records_bulk._preload_records_relationships_before_index

    async def reload_when_read(db, records) -> None:
        unread = COUNTS_ONLY.get() and settings.search_engine == SQL_ENGINE
        if unread and not await any_enabled_webhook(db, ttl_s=0.0):
            return None
        return await reload(db, records)

    records_bulk._preload_records_relationships_before_index = reload_when_read


def counts_without_record_models() -> None:
    """On ``.../records/bulk-counts``, the bulk upsert's result holds the stored ORM records as
    they are: argilla-server validates every one into its API ``Record`` schema for the echoed
    answer, which the counts route never serialises (it reads ``items`` and
    ``updated_item_ids`` only)."""
    from types import SimpleNamespace

    from argilla_server.bulk import records_bulk

    result_model = records_bulk.RecordsBulkWithUpdatedItemIds

    def bulk_result(**values):
        return SimpleNamespace(**values) if COUNTS_ONLY.get() else result_model(**values)

    records_bulk.RecordsBulkWithUpdatedItemIds = bulk_result


_SQLITE_WRITER = asyncio.Lock()


async def upsert_for_counts(endpoint, values: dict):
    """Run argilla-server's bulk upsert ``endpoint`` for ``.../records/bulk-counts``: with
    ``COUNTS_ONLY`` set and, on SQLite, one such upsert at a time.

    SQLite has one writer: a second upsert that reaches its first write while another holds
    the lock waits in SQLite's busy handler (sleeps of up to 100 ms) and wakes late; queued
    here it starts the moment the first one commits, and its request body is still read and
    validated meanwhile. Measured with 2 batches of 500 in flight (load ~3.5): 952/767 rec/s
    without the queue, 1570/1478 with it.
    """
    from argilla_server.settings import settings

    token = COUNTS_ONLY.set(True)
    try:
        if not settings.database_is_sqlite:
            return await endpoint(**values)
        async with _SQLITE_WRITER:
            return await endpoint(**values)
    finally:
        COUNTS_ONLY.reset(token)


def fewer_full_collections(full_every: int = 100) -> None:
    """Move everything alive after start-up (argilla-server's modules, schemas, the app) out of
    the garbage collector's reach, and run a full collection every ``full_every`` middle ones
    (Python's default: 10).

    A full pass walked that whole start-up heap: ~0.5 s each, two per 3,000 upserted records
    (a third of a bulk upsert's time, timed with ``gc.callbacks``); frozen, and less often,
    ~0.1 s per 3,000. Young objects are collected as before.
    """
    import gc

    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, full_every)


def apply_all() -> None:
    """Every speed-up above (the launcher calls this once the app is imported)."""
    skip_events_without_webhooks()
    cache_settings_adapters()
    parse_settings_once()
    upsert_suggestions_as_executemany()
    statuses_from_response_counts()
    skip_reload_for_counts()
    counts_without_record_models()
    fewer_full_collections()  # last: freezes what start-up and the patches above made
