"""What the demo's unions file on the statistics return besides their records: the cover codes
(settings of the union) and each year's profile (职工 figures, institutions), sized from the
records so the demo return passes its logic checks, as a careful union's would."""

from __future__ import annotations

from profiles.choices import UnitKind
from profiles.models import UnionYearProfile
from records.periods import period_for
from unions.identifiers import credit_check_char
from unions.models import OrgType, Union

from .cast import Cast
from .context import DemoContext

# code: (统计编码, 区划代码, first 17 characters of the 统一社会信用代码, unit kind, phone)
COVERS = {
    "demo": ("3311220001", "331122", "81331122MC1234567", UnitKind.PRIVATE, "0578-5123456"),
    "demo-hospital": ("3311220002", "331122", "81331122MC7654321", UnitKind.INSTITUTION, "0578-5234567"),
}
WORKERS_ABOVE_MEMBERS = 1.06  # a few workers stay out of the union: 入会率 about 94%


def load_returns(ctx: DemoContext, cast: Cast, *, filler: dict[str, str], head: dict[str, str]) -> None:
    from workbook.indicators import indicator_values

    for code, (stat_code, area, credit17, kind, phone) in COVERS.items():
        union: Union = cast.unions[code]
        union.stat_code, union.area_code = stat_code, area
        union.credit_code = credit17 + credit_check_char(credit17)
        union.org_type = OrgType.SINGLE
        union.head_name, union.filler_name, union.contact_phone = head[code], filler[code], phone
        union.full_clean()
        union.save()
        for year in ctx.years:
            v = indicator_values(union=union, period=period_for(union, year), today=ctx.today)
            workers = max(
                int(v["members"] * WORKERS_ABOVE_MEMBERS) + 1,
                v["contract_workers"],
                v["contracts_wage_workers"],
            )
            women = max(int(v["members_women"] * WORKERS_ABOVE_MEMBERS) + 1, v["contracts_women_workers"], 1)
            profile = UnionYearProfile(
                union=union,
                year=year,
                unit_kind=kind,
                workers=workers,
                women_workers=min(women, workers),
                has_congress=True,
                has_disclosure=True,
                has_women_committee=True,
                has_audit_committee=True,
                has_mediation_committee=True,
            )
            profile.full_clean()
            profile.save()
