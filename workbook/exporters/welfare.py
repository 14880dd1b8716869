"""困难职工档案 and 帮扶慰问台账."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from records.money import format_amount
from welfare.archive_models import INCOME_SOURCE_FIELDS, HardshipFamilyMember
from welfare.choices import (
    DisabilityGrade,
    DisabilityKind,
    DisbursementKind,
    DisbursementStatus,
    EmploymentStatus,
    FamilyRelation,
    Festival,
    FundingSource,
    HardshipCategory,
    HardshipCause,
    HardshipStatus,
    HealthStatus,
    HousingStatus,
    MedicalInsurance,
)
from welfare.models import monthly_per_capita
from welfare.selectors import disbursements_in, hardship_files_open

from .base import Column, Exporter, Kind
from .members import CHUNK, labels
from .registry import register


@register
class HardshipFileExporter(Exporter):
    identifier = "hardship_files"
    verbose_name = "困难职工档案"
    description = "期末在档的困难职工档案，户数与“在档困难职工”一致"
    columns = (
        Column("序号", Kind.INT, width=7),
        Column("姓名", width=10),
        Column("身份证号", Kind.ID),
        Column("分会", width=16),
        Column("困难类别"),
        Column("主要致困原因", width=16),
        Column("其他致困原因", width=24),
        Column("家庭人口", Kind.INT),
        Column("家庭年收入（元）", Kind.MONEY),
        Column("工资性收入（元）", Kind.MONEY),
        Column("经营性收入（元）", Kind.MONEY),
        Column("财产性收入（元）", Kind.MONEY),
        Column("转移性收入（元）", Kind.MONEY),
        Column("其他收入（元）", Kind.MONEY),
        Column("家庭月人均收入（元）", Kind.MONEY),
        Column("当地低保标准（元/月）", Kind.MONEY),
        Column("低于低保标准"),
        Column("住房情况"),
        Column("本人健康状况"),
        Column("残疾类别"),
        Column("残疾等级", width=8),
        Column("医疗保险"),
        Column("零就业家庭", width=8),
        Column("家庭成员", width=40),
        Column("档案状态"),
        Column("建档日期", Kind.DATE),
        Column("最近复核日期", Kind.DATE),
        Column("脱困日期", Kind.DATE),
        Column("备注", width=30),
    )
    FIELDS = (
        "pk",
        "member__name",
        "member__id_number",
        "member__branch__name",
        "category",
        "main_cause",
        "other_cause_1",
        "other_cause_2",
        "other_cause_3",
        "household_size",
        "annual_household_income",
        *INCOME_SOURCE_FIELDS,
        "local_minimum_living_line",
        "housing",
        "health",
        "disability_kind",
        "disability_grade",
        "medical_insurance",
        "zero_employment",
        "status",
        "opened_on",
        "last_reviewed_on",
        "closed_on",
        "notes",
    )

    def _queryset(self):  # type: ignore[no-untyped-def]
        return hardship_files_open(union=self.union, at=self.period.end)

    def count(self) -> int:
        return self._queryset().count()

    def _families(self) -> dict[int, str]:
        """Each file's family members in one cell: 李强（配偶，1980年生，健康，在职，年收入36,000.00元）."""
        relation, health, work = labels(FamilyRelation), labels(HealthStatus), labels(EmploymentStatus)
        families: dict[int, list[str]] = {}
        rows = (
            HardshipFamilyMember.objects.filter(file__in=self._queryset())
            .order_by("file_id", "id")
            .values_list("file_id", "name", "relation", "birth_year", "health", "employment", "annual_income")
        )
        for file_id, name, rel, born, hl, emp, income in rows.iterator(chunk_size=CHUNK):
            facts = [
                relation.get(rel, rel),
                f"{born}年生" if born else "",
                health.get(hl, ""),
                work.get(emp, ""),
            ]
            if income:
                facts.append(f"年收入{format_amount(income)}元")
            families.setdefault(file_id, []).append(f"{name}（{'，'.join(f for f in facts if f)}）")
        return {file_id: "；".join(people) for file_id, people in families.items()}

    def rows(self) -> Iterable[Sequence[Any]]:
        category, cause, status = labels(HardshipCategory), labels(HardshipCause), labels(HardshipStatus)
        housing, health, kind = labels(HousingStatus), labels(HealthStatus), labels(DisabilityKind)
        grade, insurance = labels(DisabilityGrade), labels(MedicalInsurance)
        families = self._families()
        rows = self._queryset().values_list(*self.FIELDS).iterator(chunk_size=CHUNK)
        for n, values in enumerate(rows, start=1):
            r = dict(zip(self.FIELDS, values, strict=True))
            size, income, line = (
                r["household_size"],
                r["annual_household_income"],
                r["local_minimum_living_line"],
            )
            per_capita = monthly_per_capita(income, size)
            below = "" if per_capita is None or line is None else ("是" if per_capita < line else "否")
            yield (
                n,
                r["member__name"],
                self.context.id_number(r["member__id_number"]),
                r["member__branch__name"],
                category.get(r["category"], r["category"]),
                cause.get(r["main_cause"], r["main_cause"]),
                "、".join(
                    cause.get(c, c) for c in (r["other_cause_1"], r["other_cause_2"], r["other_cause_3"]) if c
                ),
                size,
                income,
                *(r[name] for name in INCOME_SOURCE_FIELDS),
                per_capita,
                line,
                below,
                housing.get(r["housing"], ""),
                health.get(r["health"], ""),
                kind.get(r["disability_kind"], ""),
                grade.get(r["disability_grade"], ""),
                insurance.get(r["medical_insurance"], ""),
                "是" if r["zero_employment"] else "否",
                families.get(r["pk"], ""),
                status.get(r["status"], r["status"]),
                r["opened_on"],
                r["last_reviewed_on"],
                r["closed_on"],
                r["notes"],
            )


@register
class DisbursementExporter(Exporter):
    identifier = "disbursements"
    verbose_name = "帮扶慰问台账"
    description = "已审批和已发放的帮扶慰问记录，合计与“帮扶慰问金额合计”一致"
    totals = True
    columns = (
        Column("日期", Kind.DATE),
        Column("类型", width=14),
        Column("节日", width=7),
        Column("受助人", width=10),
        Column("是否会员"),
        Column("身份证号", Kind.ID),
        Column("分会", width=16),
        Column("受助人说明", width=16),
        Column("现金（元）", Kind.MONEY, total=True),
        Column("慰问物品", width=16),
        Column("物品折价（元）", Kind.MONEY, total=True),
        Column("合计（元）", Kind.MONEY, total=True),
        Column("资金来源", width=13),
        Column("状态"),
        Column("发放日期", Kind.DATE),
        Column("批量发放", width=20),
        Column("备注", width=30),
    )
    FIELDS = (
        "date",
        "kind",
        "festival",
        "member_id",
        "member__name",
        "recipient_name",
        "member__id_number",
        "member__branch__name",
        "recipient_relation",
        "cash_amount",
        "goods_description",
        "goods_value",
        "funding_source",
        "status",
        "paid_on",
        "batch__title",
        "notes",
    )

    def _queryset(self):  # type: ignore[no-untyped-def]
        return disbursements_in(union=self.union, period=self.period)

    def count(self) -> int:
        return self._queryset().count()

    def rows(self) -> Iterable[Sequence[Any]]:
        kind, festival = labels(DisbursementKind), labels(Festival)
        source, status = labels(FundingSource), labels(DisbursementStatus)
        rows = self._queryset().values_list(*self.FIELDS).iterator(chunk_size=CHUNK)
        for (
            date,
            k,
            fest,
            member_id,
            member_name,
            recipient,
            number,
            branch,
            relation,
            cash,
            goods,
            goods_value,
            src,
            st,
            paid_on,
            batch,
            notes,
        ) in rows:
            yield (
                date,
                kind.get(k, k),
                festival.get(fest, fest),
                member_name if member_id else recipient,
                "是" if member_id else "否",
                self.context.id_number(number or ""),
                branch,
                relation,
                cash,
                goods,
                goods_value,
                cash + goods_value,
                source.get(src, src),
                status.get(st, st),
                paid_on,
                batch,
                notes,
            )
