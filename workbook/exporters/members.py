"""会员花名册: the members on the roster at the period's end, one row each."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from members.choices import (
    Education,
    Employment,
    Gender,
    Household,
    MembershipStatus,
    ModelWorkerLevel,
    PoliticalStatus,
)

from ..selectors import roster_at_end
from .base import Block, Column, Exporter, Kind
from .registry import register

CHUNK = 5_000


def labels(choices: Any) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


@register
class RosterExporter(Exporter):
    identifier = "roster"
    verbose_name = "会员花名册"
    description = "期末在册会员（含保留会籍），人数与“会员人数”一致"
    columns = (
        Column("序号", Kind.INT, width=7),
        Column("姓名", width=10),
        Column("性别", width=6),
        Column("民族", width=8),
        Column("出生日期", Kind.DATE),
        Column("身份证号", Kind.ID),
        Column("手机", Kind.PHONE),
        Column("政治面貌", width=12),
        Column("学历", width=11),
        Column("户籍类型"),
        Column("用工形式"),
        Column("是否农民工"),
        Column("分会", width=16),
        Column("单位/部门", width=16),
        Column("职务", width=12),
        Column("入会时间", Kind.DATE),
        Column("会员证号", Kind.CODE, width=14),
        Column("会籍状态"),
        Column("状态日期", Kind.DATE),
        Column("劳模级别"),
    )
    FIELDS = (
        "name",
        "gender",
        "ethnicity",
        "birth_date",
        "id_number",
        "phone",
        "political_status",
        "education",
        "household",
        "employment",
        "is_migrant_worker",
        "branch__name",
        "department",
        "job_title",
        "joined_on",
        "card_number",
        "status",
        "status_date",
        "model_worker_level",
    )

    def _queryset(self):  # type: ignore[no-untyped-def]
        return roster_at_end(union=self.union, period=self.period)

    def count(self) -> int:
        return self._queryset().count()

    def blocks(self) -> list[Block]:
        columns = self.columns
        if not self.context.full_ids:
            columns = tuple(
                Column("出生年份", width=10) if column.header == "出生日期" else column for column in columns
            )
        return [Block(columns, self.rows(), count=self.count())]

    def rows(self) -> Iterable[Sequence[Any]]:
        gender, political, education = labels(Gender), labels(PoliticalStatus), labels(Education)
        household, employment, status = labels(Household), labels(Employment), labels(MembershipStatus)
        model_worker = labels(ModelWorkerLevel)
        id_number, birth_date, shown_phone = (
            self.context.id_number,
            self.context.birth_date,
            self.context.phone,
        )
        rows = self._queryset().values_list(*self.FIELDS).iterator(chunk_size=CHUNK)
        for n, (
            name,
            g,
            ethnicity,
            birth,
            number,
            phone,
            pol,
            edu,
            hh,
            emp,
            migrant,
            branch,
            department,
            job,
            joined,
            card,
            st,
            st_date,
            mw,
        ) in enumerate(rows, start=1):
            yield (
                n,
                name,
                gender.get(g, g),
                ethnicity,
                birth_date(birth),
                id_number(number),
                shown_phone(phone),
                political.get(pol, pol),
                education.get(edu, edu),
                household.get(hh, hh),
                employment.get(emp, emp),
                "是" if migrant else "否",
                branch,
                department,
                job,
                joined,
                card,
                status.get(st, st),
                st_date,
                model_worker.get(mw, mw),
            )
