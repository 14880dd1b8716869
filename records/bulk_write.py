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
    if plain == (bool,):
        return lambda value: "t" if value is True else "f" if value is False else as_text(value)
    kind = field.get_internal_type()
    if kind == "DateField":
        return lambda value: value.isoformat() if type(value) is dt.date else as_text(value)
    if kind == "DateTimeField":  # an aware datetime is what get_prep_value returns it as
        return lambda value: (
            str(value) if type(value) is dt.datetime and value.tzinfo is not None else as_text(value)
        )
    return as_text


def _copy_line(
    pk: int, row: Sequence[Any], texts: list[Callable[[Any], str]], plain: list[bool] | None
) -> str:
    """A row as a COPY line. With `plain` (every column writes None as the NULL marker), None
    and the text of text columns go in unconverted and the line is checked whole: when its
    only tabs are the separators, it has no line break and its only backslashes are the
    NULL markers, one per None, no text needed escaping. Otherwise (and without `plain`)
    every value is converted on its own (`_copy_text`). The same line either way."""
    if plain is not None:
        line = "\t".join(
            [str(pk), *["\\N" if v is None else v if p and v.__class__ is str else text(v)
                        for text, p, v in zip(texts, plain, row, strict=True)]]
        )  # fmt: skip
        separators, markers = line.count("\t") == len(texts), line.count("\\") == row.count(None)
        if separators and markers and "\n" not in line and "\r" not in line:
            return line
    return "\t".join([str(pk), *[text(value) for text, value in zip(texts, row, strict=True)]])


def _fields(model: type[models.Model]) -> list[Field]:
    return [f for f in model._meta.concrete_fields if f is not model._meta.pk]


def attnames(model: type[models.Model]) -> tuple[str, ...]:
    """The columns `insert_rows` takes, in order: every concrete field but the primary key."""
    return tuple(f.attname for f in _fields(model))


def insert(objs: Sequence[models.Model], *, using: str | None = None) -> None:
    """INSERT new instances of one model; their primary keys are set afterwards."""
    if not objs:
        return
    model = type(objs[0])
    alias = using or router.db_for_write(model)
    getters = [_getter(f, add=True) for f in _fields(model)]
    rows = [tuple([get(obj) for get in getters]) for obj in objs]
    for obj, pk in zip(objs, insert_rows(model, rows, using=alias), strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = alias


def insert_rows(
    model: type[models.Model], rows: Sequence[Sequence[Any]], *, using: str | None = None
) -> list[int]:
    """INSERT rows of one model given as values in `attnames(model)` order, as they are to be
    stored (defaults and `pre_save` values such as auto_now already in them: no instance is
    made); returns the new primary keys, in order. For writers of many rows that need no
    model instance afterwards."""
    if not rows:
        return []
    alias = using or router.db_for_write(model)
    connection = connections[alias]
    if not connection.in_atomic_block:
        raise RuntimeError("records.bulk_write.insert must run inside transaction.atomic().")
    fields = _fields(model)
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    pk_column = connection.ops.quote_name(model._meta.pk.column)
    ids: list[int] = []
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        if connection.vendor == "postgresql":
            ids += _copy_in(connection, table, pk_column, columns, fields, chunk)
        else:
            ids += _execute_many(connection, table, columns, fields, chunk)
    return ids


def _copy_in(
    connection: Any,
    table: str,
    pk_column: str,
    columns: str,
    fields: list[Field],
    rows: Sequence[Sequence[Any]],
) -> list[int]:
    texts = [_copy_text(f) for f in fields]
    # Every column writes None as the NULL marker (what `_copy_line` counts on), or no
    # column's text goes in unconverted.
    plain: list[bool] | None = [_PLAIN.get(_kind(f)) == (str,) for f in fields]
    if any(text(None) != "\\N" for text in texts):
        plain = None
    with connection.cursor() as cursor:
        # Keys come from the table's own sequence, as a plain INSERT would take them (its name
        # looked up once: per key, the lookup cost six times the nextval).
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, pk_column.strip('"')])
        sequence = cursor.fetchone()[0]
        cursor.execute("SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequence, len(rows)])
        ids = [row[0] for row in cursor.fetchall()]
        lines = [_copy_line(pk, row, texts, plain) for pk, row in zip(ids, rows, strict=True)]
        buffer = io.StringIO("\n".join(lines) + "\n")
        with connection.wrap_database_errors:
            cursor.cursor.copy_expert(
                f"COPY {table} ({pk_column}, {columns}) FROM STDIN", buffer, size=1 << 20
            )
    return ids


def _execute_many(
    connection: Any, table: str, columns: str, fields: list[Field], rows: Sequence[Sequence[Any]]
) -> list[int]:
    preparers = [_db_preparer(f, connection) for f in fields]
    prepared = [tuple([prep(value) for prep, value in zip(preparers, row, strict=True)]) for row in rows]
    # Identifiers come from the model's meta, quoted; every value is a parameter.
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"  # noqa: S608
    with connection.cursor() as cursor:
        # The transaction holds SQLite's write lock, so the keys that follow the first row's
        # are the next ones: AUTOINCREMENT gives each new row one more than the last.
        cursor.execute(sql, prepared[0])
        first = cursor.lastrowid
        cursor.executemany(sql, prepared[1:])
        ids = list(range(first, first + len(prepared)))
        cursor.execute(f"SELECT COUNT(*), MAX(rowid) FROM {table} WHERE rowid >= %s", [first])  # noqa: S608
        if tuple(cursor.fetchone()) != (len(prepared), ids[-1]):
            raise RuntimeError(f"{table}: the inserted rows did not get consecutive keys.")
    return ids


def update(objs: Sequence[models.Model], fields: Iterable[str], *, using: str | None = None) -> None:
    """UPDATE the named fields of saved instances of one model, one row per instance (as
    `bulk_update`, without its CASE expressions); `pre_save` runs, so auto_now applies."""
    if not objs:
        return
    model = type(objs[0])
    opts = model._meta
    chosen = [opts.get_field(name) for name in fields]
    chosen += [f for f in opts.concrete_fields if getattr(f, "auto_now", False) and f not in chosen]
    getters = [_getter(f, add=False) for f in chosen]
    rows = [(*[get(obj) for get in getters], obj.pk) for obj in objs]
    update_rows(model, [f.attname for f in chosen], rows, using=using or router.db_for_write(model))


def update_rows(
    model: type[models.Model],
    names: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    using: str | None = None,
) -> None:
    """UPDATE the fields `names` (attnames) of saved rows of one model, each row given as
    those values, as stored (auto_now included by the caller), then its primary key."""
    if not rows:
        return
    alias = using or router.db_for_write(model)
    connection = connections[alias]
    if not connection.in_atomic_block:
        raise RuntimeError("records.bulk_write.update must run inside transaction.atomic().")
    opts = model._meta
    by_attname = {f.attname: f for f in opts.concrete_fields}
    chosen = [by_attname[name] for name in names]
    preparers = [_db_preparer(f, connection) for f in chosen]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in chosen)
    sql = f"UPDATE {quote(opts.db_table)} SET {assignments} WHERE {quote(opts.pk.column)} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            prepared = [
                (*[prep(value) for prep, value in zip(preparers, row[:-1], strict=True)], row[-1])
                for row in rows[start : start + CHUNK]
            ]
            if connection.vendor == "postgresql":
                from psycopg2.extras import execute_batch

                with connection.wrap_database_errors:
                    if len({row[-1] for row in prepared}) == len(prepared):
                        _update_from_values(connection, cursor.cursor, opts, chosen, prepared)
                    else:  # a key twice: one statement per row, so the last one wins
                        execute_batch(cursor.cursor, sql, prepared, page_size=500)
            else:
                cursor.executemany(sql, prepared)


def _update_from_values(
    connection: Any, cursor: Any, opts: Any, chosen: list[Field], prepared: list[tuple]
) -> None:
    """One UPDATE … FROM (VALUES …) for a chunk of rows with distinct keys: the same rows
    changed as by one UPDATE per row, planned once instead of once per row (a third of the
    server's time for 10,000 changed members)."""
    from psycopg2.extras import execute_values

    quote = connection.ops.quote_name
    names = [f"c{i}" for i in range(len(chosen))]
    assignments = ", ".join(f"{quote(f.column)} = v.{n}" for f, n in zip(chosen, names, strict=True))
    pk = opts.pk
    # Typed, since VALUES alone would take every parameter as text.
    casts = [f.cast_db_type(connection) for f in chosen] + [pk.cast_db_type(connection)]
    template = "(" + ", ".join(f"%s::{cast}" for cast in casts) + ")"
    sql = (
        f"UPDATE {quote(opts.db_table)} AS t SET {assignments} FROM (VALUES %s) "  # noqa: S608
        f"AS v({', '.join([*names, 'pk'])}) WHERE t.{quote(pk.column)} = v.pk"
    )
    execute_values(cursor, sql, prepared, template=template, page_size=len(prepared))
