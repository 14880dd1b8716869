"""Writing many new or changed records at once, without Django's per-value SQL compilation.

`bulk_create` compiles every value of every row through the query compiler: at 50,000
members of 27 columns that was 20 s of a 25 s import. Here each field's conversion is chosen
once per call, rows become plain tuples, and the database takes them the fast way:
PostgreSQL by COPY (primary keys reserved from the table's sequence first), SQLite by one
prepared INSERT executed for every row.

What `Model.objects.create` does and `bulk_create` keeps is kept: defaults (set when the
instance is made), `pre_save` (auto_now, auto_now_add), each field's own value preparation
(`get_prep_value`, `get_db_prep_save`); primary keys are set on the instances. What
`bulk_create` skips is skipped too: `save()` and the save signals, so callers write their
audit entries themselves (with these functions). tests/records/test_bulk_write.py compares
a row written here with one written by `create`, field by field.

The caller holds the transaction: all rows or none.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from operator import attrgetter
from typing import Any

from django.db import connections, models, router
from django.db.models.fields import Field

CHUNK = 5000
# Values of these types are already what the database takes for fields of these kinds.
_PLAIN: dict[str, tuple[type, ...]] = {
    "AutoField": (int,),
    "BigAutoField": (int,),
    "SmallAutoField": (int,),
    "IntegerField": (int,),
    "BigIntegerField": (int,),
    "SmallIntegerField": (int,),
    "PositiveIntegerField": (int,),
    "PositiveBigIntegerField": (int,),
    "PositiveSmallIntegerField": (int,),
    "BooleanField": (bool,),
    "CharField": (str,),
    "TextField": (str,),
    "SlugField": (str,),
    "EmailField": (str,),
    "URLField": (str,),
}


def _escaped(text: str) -> str:
    """Text as COPY's text format reads it back. (str.translate is ten times slower.)"""
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


def _kind(field: Field) -> str:
    return field.target_field.get_internal_type() if field.is_relation else field.get_internal_type()


def _getter(field: Field, *, add: bool) -> Callable[[models.Model], Any]:
    if type(field).pre_save is Field.pre_save:
        return attrgetter(field.attname)
    return lambda obj: field.pre_save(obj, add)


def _preparer(field: Field, prepare: Callable[[Any], Any]) -> Callable[[Any], Any]:
    plain = _PLAIN.get(_kind(field))
    if plain is None:
        return prepare
    if field.get_internal_type() == "JSONField":  # None means SQL NULL there only if null=True
        return prepare
    return lambda value: value if value is None or type(value) in plain else prepare(value)


def _db_preparer(field: Field, connection: Any) -> Callable[[Any], Any]:
    """A field's value as the driver takes it: `get_db_prep_save`, skipped for the usual types
    where it would only hand the value to the backend's adapter (the same result)."""

    def prepare(value: Any) -> Any:
        return field.get_db_prep_save(value, connection)

    kind = field.get_internal_type()
    ops = connection.ops
    if kind == "DateField":
        return lambda value: ops.adapt_datefield_value(value) if type(value) is dt.date else prepare(value)
    if kind == "DateTimeField":
        return lambda value: (
            ops.adapt_datetimefield_value(value)
            if type(value) is dt.datetime and value.tzinfo is not None
            else prepare(value)
        )
    if kind == "DecimalField":
        digits, places = field.max_digits, field.decimal_places  # type: ignore[attr-defined]
        return lambda value: (
            ops.adapt_decimalfield_value(value, digits, places) if type(value) is Decimal else prepare(value)
        )
    return _preparer(field, prepare)


def _copy_text(field: Field) -> Callable[[Any], str]:
    """A field's value as a COPY text-format cell, from its `get_prep_value`."""
    if field.get_internal_type() == "JSONField":
        encoder = field.encoder  # type: ignore[attr-defined]

        def as_json(value: Any) -> str:
            if value is None:
                return "\\N"
            return _escaped(json.dumps(value, cls=encoder, ensure_ascii=False))

        return as_json
    prepare = field.get_prep_value

    def as_text(value: Any) -> str:
        value = prepare(value)
        if value is None:
            return "\\N"
        if value is True:
            return "t"
        if value is False:
            return "f"
        return _escaped(value if type(value) is str else str(value))

    # The usual values of the usual kinds, without a call to the field (same result).
    plain = _PLAIN.get(_kind(field))
    if plain == (str,):
        return lambda value: _escaped(value) if type(value) is str else as_text(value)
    if plain == (int,):
        return lambda value: str(value) if type(value) is int else as_text(value)
    kind = field.get_internal_type()
    if kind == "DateField":
        return lambda value: value.isoformat() if type(value) is dt.date else as_text(value)
    if kind == "DateTimeField":  # an aware datetime is what get_prep_value returns it as
        return lambda value: (
            str(value) if type(value) is dt.datetime and value.tzinfo is not None else as_text(value)
        )
    return as_text


def _fields(model: type[models.Model]) -> list[Field]:
    return [f for f in model._meta.concrete_fields if f is not model._meta.pk]


def insert(objs: Sequence[models.Model], *, using: str | None = None) -> None:
    """INSERT new instances of one model; their primary keys are set afterwards."""
    if not objs:
        return
    model = type(objs[0])
    alias = using or router.db_for_write(model)
    connection = connections[alias]
    if not connection.in_atomic_block:
        raise RuntimeError("records.bulk_write.insert must run inside transaction.atomic().")
    fields = _fields(model)
    getters = [_getter(f, add=True) for f in fields]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    pk_column = connection.ops.quote_name(model._meta.pk.column)
    for start in range(0, len(objs), CHUNK):
        chunk = objs[start : start + CHUNK]
        if connection.vendor == "postgresql":
            ids = _copy_in(connection, table, pk_column, columns, fields, getters, chunk)
        else:
            ids = _execute_many(connection, table, columns, fields, getters, chunk)
        for obj, pk in zip(chunk, ids, strict=True):
            obj.pk = pk
            obj._state.adding = False
            obj._state.db = alias


def _copy_in(
    connection: Any,
    table: str,
    pk_column: str,
    columns: str,
    fields: list[Field],
    getters: list[Callable[[models.Model], Any]],
    objs: Sequence[models.Model],
) -> list[int]:
    texts = [_copy_text(f) for f in fields]
    pairs = list(zip(getters, texts, strict=True))
    with connection.cursor() as cursor:
        # Keys come from the table's own sequence, as a plain INSERT would take them.
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, pk_column.strip('"'), len(objs)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        lines = [
            "\t".join([str(pk), *[text(get(obj)) for get, text in pairs]])
            for pk, obj in zip(ids, objs, strict=True)
        ]
        buffer = io.StringIO("\n".join(lines) + "\n")
        with connection.wrap_database_errors:
            cursor.cursor.copy_expert(
                f"COPY {table} ({pk_column}, {columns}) FROM STDIN", buffer, size=1 << 20
            )
    return ids


def _execute_many(
    connection: Any,
    table: str,
    columns: str,
    fields: list[Field],
    getters: list[Callable[[models.Model], Any]],
    objs: Sequence[models.Model],
) -> list[int]:
    preparers = [_db_preparer(f, connection) for f in fields]
    pairs = list(zip(getters, preparers, strict=True))
    rows = [tuple(prep(get(obj)) for get, prep in pairs) for obj in objs]
    # Identifiers come from the model's meta, quoted; every value is a parameter.
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608
    with connection.cursor() as cursor:
        # The transaction holds SQLite's write lock, so the keys that follow the first row's
        # are the next ones: AUTOINCREMENT gives each new row one more than the last.
        cursor.execute(sql, rows[0])
        first = cursor.lastrowid
        cursor.executemany(sql, rows[1:])
        ids = list(range(first, first + len(rows)))
        cursor.execute(f"SELECT COUNT(*), MAX(rowid) FROM {table} WHERE rowid >= %s", [first])  # noqa: S608
        if tuple(cursor.fetchone()) != (len(rows), ids[-1]):
            raise RuntimeError(f"{table}: the inserted rows did not get consecutive keys.")
    return ids


def update(objs: Sequence[models.Model], fields: Iterable[str], *, using: str | None = None) -> None:
    """UPDATE the named fields of saved instances of one model, one row per instance (as
    `bulk_update`, without its CASE expressions); `pre_save` runs, so auto_now applies."""
    if not objs:
        return
    model = type(objs[0])
    alias = using or router.db_for_write(model)
    connection = connections[alias]
    if not connection.in_atomic_block:
        raise RuntimeError("records.bulk_write.update must run inside transaction.atomic().")
    opts = model._meta
    chosen = [opts.get_field(name) for name in fields]
    chosen += [f for f in opts.concrete_fields if getattr(f, "auto_now", False) and f not in chosen]
    preparers = [_db_preparer(f, connection) for f in chosen]
    pairs = [(_getter(f, add=False), prep) for f, prep in zip(chosen, preparers, strict=True)]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in chosen)
    sql = f"UPDATE {quote(opts.db_table)} SET {assignments} WHERE {quote(opts.pk.column)} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(objs), CHUNK):
            rows = [(*(prep(get(obj)) for get, prep in pairs), obj.pk) for obj in objs[start : start + CHUNK]]
            if connection.vendor == "postgresql":
                from psycopg2.extras import execute_batch

                with connection.wrap_database_errors:
                    execute_batch(cursor.cursor, sql, rows, page_size=500)
            else:
                cursor.executemany(sql, rows)
