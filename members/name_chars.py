"""The character index of members' names: one row per distinct character of a member's
upper-cased name, with the name itself and the columns the roster filters by.

The table `members_name_char` is kept by triggers on `members_member` (migration 0008),
whatever writes the members: forms, imports by COPY, bulk updates, deletes, a member moving
union. Django never writes it (`managed = False`). Its primary key (union, ch, name, member)
orders a union's entries for one character by name, as the roster is ordered, so a search
reads its first page straight from the index and counts its matches from the index alone
(PostgreSQL: an index-only scan, the filter columns INCLUDEd; SQLite: a WITHOUT ROWID table,
the rows stored in the key's b-tree).
"""

from __future__ import annotations

from django.db import models

from unions.models import Branch, Union

# The member's columns the table mirrors besides the name: every one the roster's filters
# and sorts (members.selectors) read, so that the table answers a filtered, sorted search.
MIRRORED = ("branch", "status", "gender", "is_migrant_worker", "joined_on", "status_date", "birth_date")


class MemberNameChar(models.Model):
    pk = models.CompositePrimaryKey("union", "ch", "name", "member")
    union = models.ForeignKey(Union, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    ch = models.CharField(max_length=4)
    name = models.CharField(max_length=50)
    member = models.ForeignKey(
        "members.Member", on_delete=models.DO_NOTHING, db_constraint=False, related_name="name_chars"
    )
    branch = models.ForeignKey(
        Branch, null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    status = models.CharField(max_length=20)
    gender = models.CharField(max_length=1)
    is_migrant_worker = models.BooleanField()
    joined_on = models.DateField()
    status_date = models.DateField(null=True)
    birth_date = models.DateField()

    class Meta:
        managed = False
        db_table = "members_name_char"

    def __str__(self) -> str:
        return f"{self.ch}: {self.name}"
