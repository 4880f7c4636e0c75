"""Start argilla-server 2.8.0 with our SQL search engine: run by the server venv's python.

This file runs INSIDE the argilla-server virtual environment; it imports only what that
environment has (never drqa). ``drqa.curation_ui.server`` runs it as::

    <venv>/bin/python launcher.py serve --host 127.0.0.1 --port 6900
    <venv>/bin/python launcher.py worker          # rq worker, when a real Redis runs

Settings come from the environment (``ARGILLA_HOME_PATH``, ``ARGILLA_DATABASE_URL``,
``ARGILLA_SEARCH_ENGINE``, ``ARGILLA_REDIS_URL``, ``TMPDIR``) plus ``DRQA_OWNER_USERNAME``,
``DRQA_OWNER_PASSWORD``, ``DRQA_OWNER_API_KEY`` and ``DRQA_ARGILLA_WORKSPACE`` for the owner user
created on first start, and ``DRQA_FAKEREDIS=1`` to run without Redis (jobs then run in-process).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

ENGINE_FILE = Path(__file__).with_name("search_engine.py")
SPEEDUPS_FILE = Path(__file__).with_name("bulk_speedups.py")


def load_by_path(path: Path, name: str):
    """Import a file beside this one as module ``name`` (this folder is never on sys.path)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def load_engine() -> None:
    """Import our engine by path, so it is registered before the app's start-up ping."""
    load_by_path(ENGINE_FILE, "drqa_argilla_sql_engine")


def clear_old_statics() -> None:
    """Each import of argilla_server copies its UI into a new temp folder: drop older copies."""
    tmp = Path(tempfile.gettempdir())
    for old in tmp.glob("tmp*"):
        if (old / "statics").is_dir():
            shutil.rmtree(old, ignore_errors=True)


def use_fakeredis() -> None:
    """Serve Redis from memory, and run the jobs argilla-server enqueues in this process."""
    import fakeredis
    import redis

    server = fakeredis.FakeServer()
    redis.from_url = lambda *args, **kwargs: fakeredis.FakeRedis(server=server)

    from argilla_server.jobs import dataset_jobs, hub_jobs, webhook_jobs

    for module in (dataset_jobs, hub_jobs, webhook_jobs):
        for value in vars(module).values():
            if callable(value) and hasattr(value, "delay"):
                value.delay = _in_process(value)


def _in_process(job_function):
    """A ``.delay`` replacement: coroutines become tasks on the running loop, others a thread."""

    def delay(*args, **kwargs):
        if asyncio.iscoroutinefunction(job_function):
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                return asyncio.run(job_function(*args, **kwargs))
            task = loop.create_task(job_function(*args, **kwargs))
            _BACKGROUND.add(task)
            task.add_done_callback(_BACKGROUND.discard)
            return task
        thread = threading.Thread(target=job_function, args=args, kwargs=kwargs, daemon=True)
        thread.start()
        return thread

    return delay


_BACKGROUND: set = set()


def migrate_database() -> None:
    from argilla_server.cli.database.migrate import migrate_db

    migrate_db(revision="head")


def tune_sqlite() -> None:
    """WAL journal (readers never wait for a writer) and NORMAL sync (safe with WAL)."""
    import sqlite3

    from argilla_server.settings import settings
    from sqlalchemy import event, make_url
    from sqlalchemy.engine import Engine

    if not settings.database_is_sqlite:
        return
    with sqlite3.connect(make_url(settings.database_url).database) as con:
        con.execute("PRAGMA journal_mode=WAL")

    @event.listens_for(Engine, "connect")
    def _sync_normal(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


async def ensure_owner() -> None:
    """Create the owner user and its workspace on first start; keep its API key in sync."""
    from argilla_server.contexts import accounts
    from argilla_server.database import AsyncSessionLocal
    from argilla_server.models import User, UserRole, Workspace, WorkspaceUser

    username = os.environ.get("DRQA_OWNER_USERNAME", "owner")
    api_key = os.environ["DRQA_OWNER_API_KEY"]
    password = os.environ["DRQA_OWNER_PASSWORD"]
    workspace_name = os.environ.get("DRQA_ARGILLA_WORKSPACE", "drqa")
    async with AsyncSessionLocal() as db:
        workspace = await Workspace.get_by(db, name=workspace_name)
        if workspace is None:
            workspace = await accounts.create_workspace(db, {"name": workspace_name})
        user = await accounts.get_user_by_username(db, username)
        if user is None:
            user = await User.create(
                db,
                first_name=username,
                username=username,
                role=UserRole.owner,
                password_hash=accounts.hash_password(password),
                api_key=api_key,
            )
            await WorkspaceUser.create(db, workspace_id=workspace.id, user_id=user.id)
            print(f"created owner user {username!r} in workspace {workspace_name!r}", flush=True)
        elif user.api_key != api_key or not accounts.verify_password(password, user.password_hash):
            await user.update(db, api_key=api_key, password_hash=accounts.hash_password(password))


def own_responses_only(app) -> int:
    """Annotators read only their own responses: ``GET /api/v1/records/{id}`` (the one endpoint
    that returns every user's responses to any workspace member) drops the others' for users who
    are neither owner nor admin. Independent labels are what the agreement figures assume.
    Returns the number of routes wrapped (the server refuses to start with none)."""
    from argilla_server.api.schemas.v1.records import Record as RecordSchema
    from fastapi.routing import APIRoute

    def wrap(route: APIRoute) -> None:
        original = route.dependant.call

        async def get_record(**values):
            record = await original(**values)
            user = values["current_user"]
            if user.is_owner or user.is_admin:
                return record
            view = RecordSchema.model_validate(record)  # a copy: the ORM rows stay untouched
            view.responses = [r for r in view.responses or [] if r.user_id == user.id]
            return view

        route.dependant.call = get_record

    wrapped = 0
    pending = list(app.routes)
    while pending:
        route = pending.pop()
        if isinstance(route, APIRoute):
            if route.path.endswith("/records/{record_id}") and "GET" in route.methods:
                wrap(route)
                wrapped += 1
        elif hasattr(getattr(route, "app", None), "routes"):
            pending.extend(route.app.routes)
    if not wrapped:
        raise SystemExit("drqa launcher: GET /records/{record_id} not found; refusing to start")
    return wrapped


def find_route(app, path_suffix: str, method: str):
    """``(owner, route)``: the API route whose path ends with ``path_suffix`` for ``method``, and
    the (possibly mounted) app holding it; ``(None, None)`` when absent."""
    from fastapi.routing import APIRoute

    pending = [app]
    while pending:
        owner = pending.pop()
        for route in list(getattr(owner, "routes", [])):
            if isinstance(route, APIRoute):
                if route.path.endswith(path_suffix) and method in route.methods:
                    return owner, route
            elif hasattr(getattr(route, "app", None), "routes"):
                pending.append(route.app)
    return None, None


BULK_COUNTS_SUFFIX = "-counts"  # PUT /api/v1/datasets/{dataset_id}/records/bulk-counts


def add_bulk_counts_route(app) -> bool:
    """``PUT .../records/bulk-counts``: argilla-server's own bulk upsert handler (the same
    validation and rows) answering ``{"created", "updated"}`` instead of echoing every record
    back with all its fields. ``drqa review push`` uses it when present (exact counts, less to
    serialise and parse)."""
    import inspect

    owner, route = find_route(app, "/datasets/{dataset_id}/records/bulk", "PUT")
    if route is None:
        return False
    original = route.endpoint
    upsert_for_counts = sys.modules["drqa_bulk_speedups"].upsert_for_counts

    async def bulk_counts(**values):
        result = await upsert_for_counts(original, values)  # nothing reads the records back
        updated = len(result.updated_item_ids)
        return {"created": len(result.items) - updated, "updated": updated}

    bulk_counts.__signature__ = inspect.Signature(
        list(inspect.signature(original).parameters.values())
    )
    owner.add_api_route(
        route.path + BULK_COUNTS_SUFFIX, bulk_counts, methods=["PUT"],
        dependencies=route.dependencies,
    )  # fmt: skip
    return True


SUBMITTED_RESPONSES = "/datasets/{dataset_id}/drqa-submitted-responses"  # beside .../records


def add_submitted_responses_route(app) -> bool:
    """``GET /api/v1/datasets/{id}/drqa-submitted-responses``: every submitted response of a
    dataset with its record's id, external id and metadata, in one SQL query and without the
    records' fields (what ``drqa review pull`` reads; the plain records pages carry every field).
    Allowed to whoever may list the dataset's records with all responses (owner, admin)."""
    import inspect
    from uuid import UUID

    from argilla_server.api.policies.v1 import DatasetPolicy, authorize
    from argilla_server.database import get_async_db
    from argilla_server.enums import ResponseStatus
    from argilla_server.models import Dataset, Record, Response, User
    from argilla_server.security import auth
    from fastapi import Depends, Security
    from sqlalchemy import func, select
    from sqlalchemy.ext.asyncio import AsyncSession

    async def submitted_responses(*, dataset_id, db, current_user):
        dataset = await Dataset.get_or_raise(db, dataset_id)
        await authorize(current_user, DatasetPolicy.list_records_with_all_responses(dataset))
        query = (
            select(Record.id, Record.external_id, Record.metadata_, Response.user_id,
                   Response.values, Response.updated_at)
            .join(Response, Response.record_id == Record.id)
            .where(Record.dataset_id == dataset_id, Response.status == ResponseStatus.submitted)
            .order_by(Record.inserted_at, Record.id, Response.user_id)
        )  # fmt: skip
        rows = (await db.execute(query)).all()
        total = await db.scalar(
            select(func.count(Record.id)).where(Record.dataset_id == dataset_id)
        )
        items = [
            {"record_id": str(rid), "external_id": ext, "metadata": meta, "user_id": str(uid),
             "values": values, "updated_at": updated.isoformat()}
            for rid, ext, meta, uid, values, updated in rows
        ]  # fmt: skip
        return {"records": total, "items": items}

    keyword = inspect.Parameter.KEYWORD_ONLY
    submitted_responses.__signature__ = inspect.Signature(
        [
            inspect.Parameter("dataset_id", keyword, annotation=UUID),
            inspect.Parameter(
                "db", keyword, annotation=AsyncSession, default=Depends(get_async_db)
            ),
            inspect.Parameter(
                "current_user", keyword, annotation=User, default=Security(auth.get_current_user)
            ),
        ]
    )
    owner, route = find_route(app, "/datasets/{dataset_id}/records", "GET")
    if route is None:
        return False
    path = route.path.replace("/datasets/{dataset_id}/records", SUBMITTED_RESPONSES)
    owner.add_api_route(path, submitted_responses, methods=["GET"], dependencies=route.dependencies)
    return True


def serve(host: str, port: int) -> None:
    import uvicorn

    migrate_database()
    tune_sqlite()
    asyncio.run(ensure_owner())
    from argilla_server._app import app

    speedups = load_by_path(SPEEDUPS_FILE, "drqa_bulk_speedups")
    own_responses_only(app)
    add_bulk_counts_route(app)
    add_submitted_responses_route(app)
    speedups.apply_all()
    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning")


def worker() -> None:
    from argilla_server.cli.worker import worker as run_worker

    run_worker(queues=["default", "high"], num_workers=1)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["serve", "worker"])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=6900)
    args = parser.parse_args(argv)
    os.umask(0o077)  # the database, its journals and the copied UI: private to this user
    os.environ.setdefault("ARGILLA_SEARCH_ENGINE", "drqa-sql")
    os.environ.setdefault("ARGILLA_ENABLE_TELEMETRY", "0")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    if os.environ.get("DRQA_CLEAN_TMPDIR") == "1":  # TMPDIR is ours alone (in the workspace)
        clear_old_statics()
    if os.environ.get("DRQA_FAKEREDIS") == "1":
        use_fakeredis()
    load_engine()
    if args.mode == "serve":
        serve(args.host, args.port)
    else:
        worker()


if __name__ == "__main__":
    main()
