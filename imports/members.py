"""Finding the member a ledger row names: by ID number, or by name (and branch).

One query loads the union's members; every row is then matched in memory. A name shared by
several members, with no branch (or ID number) to tell them apart, is ambiguous: the row
lists the candidates for the clerk to choose from in the preview.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from members.id_numbers import TAIL
from members.models import Member
from unions.models import Union

_NAME_WITH_BRANCH = re.compile(r"^(.+?)[(](.+)[)]$")


@dataclass
class Match:
    member: Member | None = None
    candidates: list[Member] | None = None  # more than one: ambiguous
    error: str = ""


def label(member: Member, branch_names: dict[int, str]) -> str:
    """Name, branch and the ID's last four: enough to tell namesakes apart, nothing more."""
    parts = [member.name]
    if member.branch_id:
        parts.append(branch_names.get(member.branch_id, ""))
    parts.append(f"身份证尾号{member.id_number[-TAIL:]}")
    return "｜".join(p for p in parts if p)


def _key(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split())


class MemberIndex:
    def __init__(self, union: Union) -> None:
        self.union = union
        self.branch_names = dict(union.branches.values_list("pk", "name"))
        branch_ids = {_key(name): pk for pk, name in self.branch_names.items()}
        self.branch_ids = branch_ids
        self.by_id: dict[str, Member] = {}
        self.by_pk: dict[int, Member] = {}
        self.by_name: dict[str, list[Member]] = {}
        fields = ("pk", "union_id", "name", "id_number", "branch_id", "status")
        for member in Member.objects.filter(union=union).only(*fields).order_by("pk"):
            member.union = union  # spares clean() a query per record
            self.by_id[member.id_number] = member
            self.by_pk[member.pk] = member
            self.by_name.setdefault(_key(member.name), []).append(member)

    def label(self, member: Member) -> str:
        return label(member, self.branch_names)

    def find(self, *, id_number: str = "", name: str = "", branch: str = "") -> Match:
        if id_number:
            member = self.by_id.get(id_number)
            if member is None:
                return Match(error=f"身份证号尾号{id_number[-TAIL:]}不是本会会员。")
            if name and _key(name) != _key(member.name):
                return Match(error=f"身份证号对应的会员是“{member.name}”，与表中姓名“{name}”不一致。")
            return Match(member=member)
        if not name:
            return Match(error="请填写身份证号或姓名。")
        found = _NAME_WITH_BRANCH.match(unicodedata.normalize("NFKC", name).strip())
        if found and not branch:
            name, branch = found.group(1), found.group(2)
        namesakes = self.by_name.get(_key(name), [])
        if branch:
            branch_id = self.branch_ids.get(_key(branch))
            if branch_id is None:
                return Match(error=f"“{branch}”不是本会的分会。")
            namesakes = [m for m in namesakes if m.branch_id == branch_id]
        if not namesakes:
            where = f"“{branch}”中" if branch else ""
            return Match(error=f"本会{where}没有名为“{name}”的会员。")
        if len(namesakes) > 1:
            return Match(candidates=namesakes)
        return Match(member=namesakes[0])

    def get(self, pk: Any) -> Member | None:
        try:
            return self.by_pk.get(int(pk))
        except (TypeError, ValueError):
            return None
