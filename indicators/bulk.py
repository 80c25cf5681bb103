"""Many figures written at once, each with its history record: what a 50,000-row import needs.

Django's `bulk_update` builds a CASE per field and row, and `bulk_create` compiles every value
of every row: an import of 50,000 changed figures on SQLite took 150 s through the first and
13 s through an upsert with the second, more than a whole import may. Here one statement
writes a batch from one source of rows (arrays unnested on PostgreSQL, a VALUES list as long as
SQLite takes), and one INSERT ... SELECT copies the rows as written into their history: the
records django-simple-history writes on each save (every tracked field, `+` for created or `~`
for changed, the user, the reason and the date).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import DEFAULT_DB_ALIAS, connection, connections
from simple_history.utils import get_history_model_for_model

from indicators.models import Value

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser


@dataclass(frozen=True)
class HistoryStamp:
    """What each history record of a bulk write says: who, when and why."""

    user: AbstractBaseUser | None
    reason: str
    at: datetime


def values_insert(values: Sequence[Value], *, stamp: HistoryStamp) -> None:
    """New figures, each with its history record `+`; their primary keys are not set."""
    fields = [field for field in Value._meta.concrete_fields if not field.primary_key]
    columns = _columns(fields)
    for batch in _batches(values, len(fields)):
        source, params = _source(fields, _prepared(fields, batch))
        sql = (
            f"WITH {_quoted('written')} ({columns}) AS ({source}) "
            f"INSERT INTO {_quoted(Value._meta.db_table)} ({columns}) "
            f"SELECT {columns} FROM {_quoted('written')} "
            f"RETURNING {_quoted(Value._meta.pk.column)}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            ids = [row[0] for row in cursor.fetchall()]
        _history_copy(ids, history_type="+", stamp=stamp)


def values_update(values: Sequence[Value], *, fields: Sequence[str], stamp: HistoryStamp) -> None:
    """Changed figures: `fields` of each written by its primary key, with a history record `~`."""
    pk = Value._meta.pk
    written = [pk, *(Value._meta.get_field(name) for name in fields)]
    table, name = _quoted(Value._meta.db_table), _quoted("written")
    assignments = ", ".join(
        f"{_quoted(field.column)} = {name}.{_quoted(field.column)}" for field in written[1:]
    )
    for batch in _batches(values, len(written)):
        source, params = _source(written, _prepared(written, batch))
        sql = (
            f"WITH {name} ({_columns(written)}) AS ({source}) "
            f"UPDATE {table} SET {assignments} FROM {name} "
            f"WHERE {table}.{_quoted(pk.column)} = {name}.{_quoted(pk.column)}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
        _history_copy([value.pk for value in batch], history_type="~", stamp=stamp)


def _history_copy(ids: list[int], *, history_type: str, stamp: HistoryStamp) -> None:
    """Each row as it now stands, copied into its history with who, when, why and how."""
    history = get_history_model_for_model(Value)
    tracked = _columns(history.tracked_fields)
    stamped = [
        history._meta.get_field(name)
        for name in ("history_date", "history_change_reason", "history_type", "history_user")
    ]
    stamp_params = [
        field.get_db_prep_save(value, connection)
        for field, value in zip(
            stamped,
            (stamp.at, stamp.reason, history_type, stamp.user.pk if stamp.user else None),
            strict=True,
        )
    ]
    pk = Value._meta.pk
    for batch in _batches(ids, 1, fixed=len(stamped)):
        source, params = _source([pk], [list(batch)])
        sql = (
            f"INSERT INTO {_quoted(history._meta.db_table)} ({tracked}, {_columns(stamped)}) "
            f"SELECT {tracked}, {', '.join(_cast(field) for field in stamped)} "
            f"FROM {_quoted(Value._meta.db_table)} WHERE {_quoted(pk.column)} IN ({source})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*stamp_params, *params])


def _batches(items: Sequence, per_row: int, fixed: int = 0) -> Iterator[Sequence]:
    """Slices of `items` small enough for one statement: SQLite takes 999 parameters,
    PostgreSQL a batch whole, as one array a column."""
    limit = connection.features.max_query_params
    size = (limit - fixed) // per_row if limit and not _arrays() else max(len(items), 1)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _source(fields, columns: list[list]) -> tuple[str, list]:
    """A query of the rows whose values `columns` holds, one list a field, and its params."""
    if _arrays():
        arrays, params = [], []
        for field, column in zip(fields, columns, strict=True):
            if len(set(column)) == 1:  # the same in every row: sent once, not once a row
                arrays.append(f"array_fill(CAST(%s AS {_type(field)}), ARRAY[{len(column)}])")
                params.append(column[0])
            else:
                arrays.append(f"CAST(%s AS {_type(field)}[])")
                params.append(column)
        return f"SELECT * FROM UNNEST({', '.join(arrays)})", params
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    rows = list(zip(*columns, strict=True))
    return "VALUES " + ", ".join([row] * len(rows)), [value for row in rows for value in row]


def _arrays() -> bool:
    return connection.vendor == "postgresql"


def _cast(field) -> str:
    # PostgreSQL reads a quoted parameter as text, which it will not put in a date column.
    return f"CAST(%s AS {_type(field)})" if _arrays() else "%s"


def _type(field) -> str:
    # Text as text: a value too long for its column is refused, as by save(), not cut short.
    return "text" if field.get_internal_type() == "CharField" else field.db_type(connection)


def _prepared(fields, values: Sequence[Value]) -> list[list]:
    """Each field's values as the database takes them, one list a field. A value is prepared
    once: every row of an import repeats its date, its user and most of its figures."""
    database = connections[DEFAULT_DB_ALIAS]  # not the proxy, which costs a lookup a call
    columns = []
    for field in fields:
        prepared = {}
        column = []
        for value in values:
            python = getattr(value, field.attname)
            if python not in prepared:
                prepared[python] = field.get_db_prep_save(python, database)
            column.append(prepared[python])
        columns.append(column)
    return columns


def _columns(fields) -> str:
    return ", ".join(_quoted(field.column) for field in fields)


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)
