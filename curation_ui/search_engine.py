"""An Argilla search engine answered from Argilla's own SQL tables: no Elasticsearch needed.

This file runs INSIDE the argilla-server virtual environment (the launcher loads it by path);
it imports only what that environment has: argilla_server, SQLAlchemy, pydantic. Never drqa.

argilla-server keeps every record, response and suggestion in its SQL database and mirrors them
into a search index; this engine skips the mirror (index calls do nothing) and runs each search,
progress count and metadata metric as one SQL query on those tables (SQLite JSON functions).
"""

from __future__ import annotations

from typing import Any

from argilla_server.database import AsyncSessionLocal
from argilla_server.enums import MetadataPropertyType, ResponseStatusFilter, SortOrder
from argilla_server.models import Dataset, MetadataProperty, Question, Record, Response, Suggestion
from argilla_server.search_engine.base import (
    AndFilter,
    FloatMetadataMetrics,
    IntegerMetadataMetrics,
    MetadataFilterScope,
    Order,
    RangeFilter,
    RecordFilterScope,
    ResponseFilterScope,
    SearchEngine,
    SearchResponseItem,
    SearchResponses,
    SuggestionFilterScope,
    TermsFilter,
    TermsMetrics,
    TextQuery,
)
from sqlalchemy import Text, and_, cast, exists, false, func, literal, or_, select, true

ENGINE_NAME = "drqa-sql"
_RECORD_COLUMNS = {
    "id": Record.id,
    "external_id": Record.external_id,
    "status": Record.status,
    "inserted_at": Record.inserted_at,
    "updated_at": Record.updated_at,
}


def _json_path(*keys: str) -> str:
    """A SQLite JSON path with every key quoted (names may hold dots or dashes)."""
    return "$" + "".join('."' + key.replace('"', '""') + '"' for key in keys)


def _json_value(column, *keys: str):
    return func.json_extract(column, _json_path(*keys))


def _any_json_value_in(column, keys: tuple[str, ...], values: list[Any]):
    """True when the JSON value at ``keys`` (a scalar or a list) holds one of ``values``."""
    each = func.json_each(column, _json_path(*keys)).table_valued("value")
    as_text = cast(each.c.value, Text)  # terms arrive as strings, even for numbers
    return exists(select(literal(1)).select_from(each).where(as_text.in_([str(v) for v in values])))


def _range(expression, ge: float | None, le: float | None):
    clauses = [expression.is_not(None)]
    if ge is not None:
        clauses.append(expression >= ge)
    if le is not None:
        clauses.append(expression <= le)
    return and_(*clauses)


@SearchEngine.register(engine_name=ENGINE_NAME)
class SqlSearchEngine(SearchEngine):
    """Searches, progress and metrics straight from argilla-server's SQL tables."""

    @classmethod
    async def new_instance(cls) -> SqlSearchEngine:
        return cls()

    async def close(self):
        pass

    async def ping(self) -> bool:
        async with AsyncSessionLocal() as db:
            return (await db.execute(select(literal(1)))).scalar() == 1

    async def info(self) -> dict:
        return {"distribution": ENGINE_NAME, "number": "1.0", "backend": "sql"}

    # -- the index is the database: nothing to mirror -----------------------------------------
    async def create_index(self, dataset):
        pass

    async def delete_index(self, dataset):
        pass

    async def configure_metadata_property(self, dataset, metadata_property):
        pass

    async def configure_index_vectors(self, vector_settings):
        pass

    async def index_records(self, dataset, records):
        pass

    async def partial_record_update(self, record, **update):
        pass

    async def delete_records(self, dataset, records):
        pass

    async def update_record_response(self, response):
        pass

    async def delete_record_response(self, response):
        pass

    async def update_record_suggestion(self, suggestion):
        pass

    async def delete_record_suggestion(self, suggestion):
        pass

    # -- progress and metrics -----------------------------------------------------------------
    async def get_dataset_progress(self, dataset: Dataset) -> dict:
        if dataset.is_draft:
            return {}
        query = (
            select(Record.status, func.count())
            .where(Record.dataset_id == dataset.id)
            .group_by(Record.status)
        )
        async with AsyncSessionLocal() as db:
            counts = {str(status): n for status, n in (await db.execute(query)).all()}
        return {"total": sum(counts.values()), **counts}

    async def get_dataset_user_progress(self, dataset: Dataset, user) -> dict:
        if dataset.is_draft:
            return {}
        query = (
            select(Response.status, func.count())
            .join(Record, Record.id == Response.record_id)
            .where(Record.dataset_id == dataset.id, Response.user_id == user.id)
            .group_by(Response.status)
        )
        async with AsyncSessionLocal() as db:
            counts = {str(status): n for status, n in (await db.execute(query)).all()}
        return {"total": sum(counts.values()), **counts}

    async def compute_metrics_for(self, metadata_property: MetadataProperty):
        async with AsyncSessionLocal() as db:
            dataset_id = metadata_property.dataset_id
            if metadata_property.type == MetadataPropertyType.terms:
                each = func.json_each(Record.metadata_, _json_path(metadata_property.name))
                each = each.table_valued("value")
                query = (
                    select(each.c.value, func.count())
                    .select_from(Record)
                    .join(each, true())
                    .where(Record.dataset_id == dataset_id)
                    .group_by(each.c.value)
                    .order_by(func.count().desc())
                )
                rows = (await db.execute(query)).all()
                values = [TermsMetrics.TermCount(term=str(v), count=n) for v, n in rows]
                return TermsMetrics(total=sum(n for _, n in rows), values=values)
            value = _json_value(Record.metadata_, metadata_property.name)
            query = select(func.min(value), func.max(value)).where(Record.dataset_id == dataset_id)
            low, high = (await db.execute(query)).one()
        if metadata_property.type == MetadataPropertyType.integer:
            return IntegerMetadataMetrics(min=low, max=high)
        return FloatMetadataMetrics(min=low, max=high)

    # -- search -------------------------------------------------------------------------------
    async def search(
        self,
        dataset: Dataset,
        query: TextQuery | str | None = None,
        filter=None,
        sort: list[Order] | None = None,
        offset: int = 0,
        limit: int = 100,
        user_id=None,
    ) -> SearchResponses:
        where = [Record.dataset_id == dataset.id]
        if query is not None:
            where.append(self._text_clause(query))
        if filter is not None:
            where.append(self._filter_clause(dataset, filter))
        order_by = [self._order_clause(dataset, order) for order in sort or []]
        order_by += [Record.inserted_at.asc(), Record.id.asc()]
        ids = select(Record.id).where(*where).order_by(*order_by).offset(offset).limit(limit)
        total = select(func.count()).select_from(Record).where(*where)
        async with AsyncSessionLocal() as db:
            record_ids = (await db.execute(ids)).scalars().all()
            count = (await db.execute(total)).scalar_one()
        items = [SearchResponseItem(record_id=rid, score=1.0) for rid in record_ids]
        return SearchResponses(items=items, total=count)

    async def similarity_search(self, *args, **kwargs) -> SearchResponses:
        raise ValueError(f"the {ENGINE_NAME} search engine has no vector search")

    # -- SQL clauses ----------------------------------------------------------------------------
    @staticmethod
    def _text_clause(query: TextQuery | str):
        """Every word must occur (case-insensitive) in the named field, or in any field."""
        text = TextQuery(q=query) if isinstance(query, str) else query
        words = [w.replace('"', "") for w in str(text.q).split()]
        words = [w for w in words if w and w not in ("*", "+", "|")]
        if text.field:
            target = cast(_json_value(Record.fields, text.field), Text)
            return and_(true(), *[target.ilike(f"%{w}%") for w in words])
        clauses = []
        for word in words:  # json_each decodes the stored (ASCII-escaped) JSON text
            each = func.json_each(Record.fields).table_valued("value")
            match = cast(each.c.value, Text).ilike(f"%{word}%")
            clauses.append(exists(select(literal(1)).select_from(each).where(match)))
        return and_(true(), *clauses)

    def _filter_clause(self, dataset: Dataset, node):
        if isinstance(node, AndFilter):
            return and_(true(), *[self._filter_clause(dataset, f) for f in node.filters])
        scope = node.scope
        if isinstance(scope, ResponseFilterScope):
            return self._response_clause(dataset, node)
        if isinstance(scope, MetadataFilterScope):
            if isinstance(node, TermsFilter):
                return _any_json_value_in(Record.metadata_, (scope.metadata_property,), node.values)
            return _range(_json_value(Record.metadata_, scope.metadata_property), node.ge, node.le)
        if isinstance(scope, SuggestionFilterScope):
            return exists(
                self._suggestion_select(dataset, scope.question).where(
                    self._suggestion_condition(scope.property, node)
                )
            )
        if isinstance(scope, RecordFilterScope):
            column = _RECORD_COLUMNS.get(scope.property)
            if column is None:
                raise ValueError(f"cannot filter records by property {scope.property!r}")
            if isinstance(node, TermsFilter):
                return column.in_(node.values)
            return _range(column, node.ge, node.le)
        raise ValueError(f"cannot process filter scope {scope!r}")

    @staticmethod
    def _suggestion_select(dataset: Dataset, question_name: str):
        return (
            select(literal(1))
            .select_from(Suggestion)
            .join(Question, Question.id == Suggestion.question_id)
            .where(
                Suggestion.record_id == Record.id,
                Question.name == question_name,
                Question.dataset_id == dataset.id,
            )
        )

    @staticmethod
    def _suggestion_condition(prop: str, node):
        if prop == "value":
            if isinstance(node, TermsFilter):
                return _any_json_value_in(Suggestion.value, (), node.values)
            return _range(func.json_extract(Suggestion.value, "$"), node.ge, node.le)
        if prop == "score":
            score = func.json_extract(Suggestion.score, "$")
            if isinstance(node, TermsFilter):
                return score.in_(node.values)
            return _range(score, node.ge, node.le)
        if prop in ("agent", "type"):
            column = getattr(Suggestion, prop)
            if isinstance(node, TermsFilter):
                return column.in_(node.values)
            return _range(column, node.ge, node.le)
        raise ValueError(f"cannot filter suggestions by property {prop!r}")

    @staticmethod
    def _response_clause(dataset: Dataset, node):
        scope: ResponseFilterScope = node.scope
        of_record = [Response.record_id == Record.id]
        if scope.user is not None:
            of_record.append(Response.user_id == scope.user.id)
        if scope.question:
            if isinstance(node, TermsFilter):
                path = (scope.question, "value")
                condition = _any_json_value_in(Response.values, path, node.values)
            elif isinstance(node, RangeFilter):
                value = _json_value(Response.values, scope.question, "value")
                condition = _range(value, node.ge, node.le)
            else:
                raise ValueError(f"cannot process response filter {node!r}")
            return exists(select(literal(1)).where(*of_record, condition))
        if scope.property != "status" or not isinstance(node, TermsFilter):
            raise ValueError(f"cannot process response filter scope {scope!r}")
        statuses = [str(v) for v in node.values if str(v) != ResponseStatusFilter.pending.value]
        clauses = []
        if len(statuses) < len(node.values):  # "pending": this user (or anyone) has not answered
            clauses.append(~exists(select(literal(1)).where(*of_record)))
        if statuses:
            answered = Response.status.in_(statuses)
            clauses.append(exists(select(literal(1)).where(*of_record, answered)))
        return or_(false(), *clauses)

    @staticmethod
    def _order_clause(dataset: Dataset, order: Order):
        scope = order.scope
        if isinstance(scope, MetadataFilterScope):
            expression = _json_value(Record.metadata_, scope.metadata_property)
        elif isinstance(scope, RecordFilterScope):
            expression = _RECORD_COLUMNS.get(scope.property)
            if expression is None:
                raise ValueError(f"cannot sort records by property {scope.property!r}")
        elif isinstance(scope, SuggestionFilterScope):
            column = {
                "value": func.json_extract(Suggestion.value, "$"),
                "score": func.json_extract(Suggestion.score, "$"),
                "agent": Suggestion.agent,
                "type": Suggestion.type,
            }[scope.property]
            sub = SqlSearchEngine._suggestion_select(dataset, scope.question)
            expression = sub.with_only_columns(column).limit(1).scalar_subquery()
        elif isinstance(scope, ResponseFilterScope):
            if scope.question:
                column = func.avg(_json_value(Response.values, scope.question, "value"))
            else:
                column = func.max(getattr(Response, scope.property))
            where = [Response.record_id == Record.id]
            if scope.user is not None:
                where.append(Response.user_id == scope.user.id)
            expression = select(column).where(*where).scalar_subquery()
        else:
            raise ValueError(f"cannot sort by scope {scope!r}")
        if order.order == SortOrder.desc:
            return expression.desc().nulls_last()
        return expression.asc().nulls_last()
