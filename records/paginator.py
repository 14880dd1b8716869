"""Pagination whose total is cached per data version, and whose deep pages do not read the
rows they skip.

A list page's COUNT(*) over 50,000 members costs 7 ms on PostgreSQL, the largest part of the
page's database time; the total cannot change while the union's data version stands still.

A page deep in a long list is an OFFSET, and the database builds every skipped row before
throwing it away: the last of 4,000 roster pages read 200,000 members. Two things keep
that bounded. A page in the second half is read from the other end, in the reversed order
(the last page is then as cheap as the first). And the offset runs over the primary keys
alone (`id IN (SELECT id … ORDER BY … LIMIT … OFFSET …)`), which the sort's index holds,
so only the page's own rows are fetched whole. Page numbers stay what users see.

A list may also bring its keys from an index of its own (`keys`: the roster's name search
reads members_name_char): the count, every page's offset and the order are then the index's
alone, and only the page's rows are read from the table.
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from audit.versions import data_version
from unions.models import Union

CACHE_SECONDS = 600


class VersionedCountPaginator(Paginator):
    def __init__(
        self,
        object_list: QuerySet,
        per_page: int,
        *,
        union: Union,
        keys: QuerySet | None = None,
        rows: QuerySet | None = None,
        count_key: str | None = None,
        version: int | None = None,
    ) -> None:
        """`keys`: the primary keys of `object_list`'s rows in the same order, from a query
        that is cheaper to count and to slice (an index of them). Every page then reads its
        keys there and fetches its rows by key from `rows` (by default `object_list`
        itself), which need not repeat the conditions the keys met.

        `count_key`: what decides which rows `object_list` holds (a list's filter values),
        when the caller knows it; the total is then cached under it instead of under the
        query's SQL, which costs a compilation of the whole query (about 1 ms) per page."""
        super().__init__(object_list, per_page)
        self.count_key = count_key
        self.version = version  # the union's data version, when the caller has read it
        self.union = union
        self.keys = keys
        self.rows = object_list if rows is None else rows

    @cached_property
    def count(self) -> int:
        query = self.count_key if self.count_key is not None else str(self.object_list.query)
        digest = hashlib.sha1(query.encode(), usedforsecurity=False).hexdigest()
        version = data_version(self.union) if self.version is None else self.version
        key = f"count:{self.union.pk}:{version}:{digest}"
        total = cache.get(key)
        if total is None:
            total = (self.object_list if self.keys is None else self.keys).count()
            cache.set(key, total, CACHE_SECONDS)
        return total

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        from_end = bottom > self.count - top  # nearer the end: count from there
        if self.keys is not None:
            return self._get_page(self._by_keys(self.keys, bottom, top, from_end=from_end), number, self)
        if number == 1 or not _totally_ordered(self.object_list):
            return super().page(number)
        qs = self.object_list
        if from_end:
            keys = qs.reverse().values("pk")[self.count - top : self.count - bottom]
        else:
            keys = qs.values("pk")[bottom:top]
        return self._get_page(list(qs.filter(pk__in=keys)), number, self)

    def _by_keys(self, keys: QuerySet, bottom: int, top: int, *, from_end: bool) -> list[Any]:
        """The rows bottom…top, their keys read from `keys` and the rows fetched by key in no
        order (asked to order them, SQLite walks the whole roster in that order rather than
        sort 50 rows): the keys' order is the page's."""
        if from_end:
            ids = list(keys.reverse()[self.count - top : self.count - bottom])[::-1]
        else:
            ids = list(keys[bottom:top])
        found = {row.pk: row for row in self.rows.filter(pk__in=ids).order_by()}
        return [found[pk] for pk in ids if pk in found]


def _totally_ordered(qs: QuerySet) -> bool:
    """Whether the order ends with the primary key, so that no two rows tie and the reversed
    order is exactly the order read backwards."""
    order = qs.query.order_by
    if not qs.query.standard_ordering or not order or not isinstance(order[-1], str):
        return False
    return order[-1].lstrip("-") in ("pk", "id", qs.model._meta.pk.name)
