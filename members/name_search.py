"""Infix search of members' names through an index, so that finding 王 among 200,000
members does not read all 200,000.

A Chinese name is two to four characters and staff search for one or two of them (a
surname, a given name), so trigram indexes (pg_trgm, SQLite's FTS5 trigram tokenizer) do not
apply: they need three characters. The index holds each name's characters instead:

- PostgreSQL: a GIN index on `string_to_array(upper(name), NULL)`, the name's characters
  as an array (migration 0005); the search asks that the array contain every character of
  the query, which the index answers.
- SQLite: a side table `members_name_char` (member, union, character) kept by triggers
  (migration 0005), whatever writes the member: forms, imports, bulk inserts; the search
  asks for the members who have the query's first character.

Both only narrow the rows: `name__icontains` still decides, so the answer is exactly the
one of a plain `LIKE '%q%'` (case-insensitive for Latin letters, as before).
"""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.lookups import DataContains
from django.db import connection
from django.db.models import F, Func, OrderBy, Q, TextField, Value
from django.db.models.expressions import RawSQL

_SIDE_QUERY = "SELECT member_id FROM members_name_char WHERE union_id = %s AND ch = upper(%s)"


class NameChars(Func):
    """A text upper-cased and split into characters: what the GIN index holds of a name."""

    template = "string_to_array(UPPER(%(expressions)s::text), NULL)"
    output_field = ArrayField(TextField())


def name_matches(q: str, *, union_id: int) -> Q:
    """Members of the union whose name contains `q` (case-insensitive)."""
    match = Q(name__icontains=q)
    if not q:
        return match
    if connection.vendor == "postgresql":
        # Both sides upper-cased by PostgreSQL, as icontains does: every character of
        # UPPER(q) is then one of UPPER(name)'s whenever the LIKE matches.
        return match & Q(DataContains(NameChars(F("name")), NameChars(Value(q))))
    if connection.vendor == "sqlite":
        # One character narrows a roster to a few percent; the LIKE checks the rest.
        side = RawSQL(_SIDE_QUERY, [union_id, q[0]])  # noqa: S611 - a constant, values as parameters
        return match & Q(id__in=side)
    return match


def searched_name_order(*, descending: bool = False) -> OrderBy:
    """The order by name of a search's results, as the plain one but with NULLS FIRST (names
    are never null, so nothing moves). The roster's (union, name, id) index cannot serve
    that order, so PostgreSQL does not walk the index in name order hoping to meet matches
    soon: the members called 王 sit together in that order, past half the roster, and the
    walk read 115,000 entries for page 1. It fetches the matches through the character
    index and sorts them instead."""
    return F("name").desc(nulls_first=True) if descending else F("name").asc(nulls_first=True)
