"""Infix search of members' names through an index, so that finding 王 among 200,000
members reads the 19,000 entries that have 王 (and, for a page, the page's 50 members), not
the 200,000 members.

A Chinese name is two to four characters and staff search for one or two of them (a
surname, a given name), so trigram indexes (pg_trgm, SQLite's FTS5 trigram tokenizer) do not
apply: they need three characters. The index holds each name's characters instead: the
table of members.name_chars, one row per (union, character, name, member), on both
databases. A search takes the rows of one character of the query, in name order:

- a character without case (every Chinese one, digits, punctuation) is the whole answer:
  a name contains it exactly when one of the name's characters is it;
- otherwise (Latin letters, several characters) the rows of the query's last upper-cased
  character are filtered by the same LIKE as `name__icontains`, on the name the table holds.
  The last, because a query of two or more characters usually ends in a given name's, rarer
  than a surname: 王伟 reads the 6,500 rows of 伟 rather than the 19,000 of 王.

Either way the answer is exactly the one of a plain `LIKE '%q%'` (case-insensitive as the
database's UPPER and LIKE are: PostgreSQL's for every letter, SQLite's for ASCII), because
the table's characters are those of the database's own UPPER(name).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Length, Substr, Upper

from .name_chars import MemberNameChar

if TYPE_CHECKING:
    from .models import Member

PREFIX = "name_chars__"  # Member → its rows in the character index


def caseless_char(q: str) -> bool:
    """Whether `q` is one character that no case mapping changes."""
    return len(q) == 1 and q.upper() == q == q.lower()


def chars_matching(q: str) -> Q:
    """Conditions on MemberNameChar: the rows of members whose name contains `q`, one each."""
    if caseless_char(q):
        return Q(ch=q)
    # The database upper-cases, as icontains does: every character of UPPER(q) is one of
    # UPPER(name)'s whenever the LIKE matches.
    upper = Upper(Value(q))
    return Q(ch=Substr(upper, Length(upper), 1), name__icontains=q)


def index_rows(q: str, *, union_id: int) -> QuerySet[MemberNameChar]:
    """The union's index rows for a name search: one per member whose name contains `q`."""
    return MemberNameChar.objects.filter(chars_matching(q), union_id=union_id)


def name_matches(q: str, *, union_id: int) -> Q:
    """Members of the union whose name contains `q` (case-insensitive), as a condition on
    Member that can be OR-ed with others (a phone number, an ID's tail)."""
    if not q:
        return Q(name__icontains=q)
    return Q(id__in=index_rows(q, union_id=union_id).values("member_id"))


def search_through_index(
    members: QuerySet[Member], q: str, *, union_id: int, conditions: list[Q]
) -> tuple[QuerySet[Member], QuerySet[MemberNameChar]]:
    """`members` narrowed to the names containing `q` and to `conditions` (on Member's
    columns), all read from the index: the members, and their index rows (as many, and
    cheaper to count). Every condition must name columns the index mirrors."""
    rows = chars_matching(q) & Q(union_id=union_id)
    for condition in conditions:
        rows &= condition
    # One filter() call: every condition then reads the same index row of a member.
    return members.filter(_prefixed(rows)), MemberNameChar.objects.filter(rows)


def name_order(*, descending: bool = False) -> list[str]:
    """The order by name of a search through the index: the index's own order (the name the
    index holds is the member's), so the first page is its first entries, unsorted. Namesakes
    by id, ascending either way, as the roster's own order."""
    return [f"{'-' if descending else ''}{PREFIX}name", "id"]


_INDEX_FIELDS = frozenset(f.name for f in MemberNameChar._meta.concrete_fields) | frozenset(
    f.attname for f in MemberNameChar._meta.concrete_fields
)


def _prefixed(condition: Q) -> Q:
    """A condition on the index's columns, as one on a member's index rows."""
    if condition.negated:  # across a multi-valued relation NOT means "no row such that"
        raise ValueError("A negated condition cannot be read through the name index.")
    children = []
    for child in condition.children:
        if isinstance(child, Q):
            children.append(_prefixed(child))
            continue
        lookup, value = child
        if lookup.split("__")[0] not in _INDEX_FIELDS:
            raise ValueError(f"The name index does not hold {lookup!r}.")
        children.append((PREFIX + lookup, value))
    return Q(*children, _connector=condition.connector)
