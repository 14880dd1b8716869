"""Sections fed by welfare and funds records."""

from __future__ import annotations

from decimal import Decimal

from django.utils.safestring import SafeString

from funds.choices import Category
from funds.selectors import audits_for_year, fund_summary
from records.money import format_yuan
from welfare.choices import HardshipCategory
from welfare.selectors import (
    disbursement_totals,
    disbursement_totals_by_type,
    donation_totals,
    hardship_file_counts,
)

from ..charts import horizontal_bars
from ..figures import Figure, Figures
from .base import Block, Section, SectionContext, Table, h, join_clauses, p

TEN_THOUSAND = Decimal("10000")


class WelfareSection(Section):
    key = "welfare"
    title = "开展帮扶救助，把温暖送到职工心坎上"

    def _by_type(self, ctx: SectionContext):  # type: ignore[no-untyped-def]
        return ctx.once(
            "welfare-by-type", lambda: disbursement_totals_by_type(union=ctx.union, period=ctx.period)
        )

    def figures(self, ctx: SectionContext) -> Figures:
        now = disbursement_totals(union=ctx.union, period=ctx.period)
        before = disbursement_totals(union=ctx.union, period=ctx.previous)
        files = hardship_file_counts(union=ctx.union, period=ctx.period)
        donations = donation_totals(union=ctx.union, period=ctx.period)
        by_category = {c.category: c.count for c in files.open_by_category}
        figures = {
            "帮扶户数": Figure("帮扶户数", now.households, "户", before.households or None),
            "帮扶人次": Figure("帮扶人次", now.person_times, "人次", before.person_times or None),
            "帮扶金额": Figure("帮扶金额", now.total, "元", before.total or None),
            "慰问金": Figure("慰问金", now.cash, "元"),
            "慰问品折价": Figure("慰问品折价", now.goods_value, "元"),
            "在档困难职工": Figure("在档困难职工", files.open_at_end, "户"),
            "深度困难": Figure("深度困难", by_category.get(HardshipCategory.DEEP, 0), "户"),
            "新建档": Figure("新建档", files.opened, "户"),
            "脱困": Figure("脱困", files.closed, "户"),
            "捐款活动": Figure("捐款活动", donations.drives, "次"),
            "捐款人次": Figure("捐款人次", donations.participants, "人次"),
            "捐款金额": Figure("捐款金额", donations.amount, "元"),
        }
        for row in self._by_type(ctx):
            figures[f"{row.label}人次"] = Figure(f"{row.label}人次", row.person_times, "人次")
            figures[f"{row.label}金额"] = Figure(f"{row.label}金额", row.total, "元")
        return figures

    def has_records(self, f: Figures) -> bool:
        return any(f[k].value for k in ("帮扶人次", "在档困难职工", "新建档", "脱困", "捐款活动"))

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        blocks: list[Block] = []
        if f["帮扶人次"].value:
            blocks.append(h("扎实开展送温暖和帮扶救助"))
            blocks.append(
                p(
                    join_clauses(
                        f"{ctx.words}共走访慰问、帮扶救助职工【帮扶户数】、【帮扶人次】",
                        "发放慰问金和慰问品合计【帮扶金额】",
                        "【帮扶金额同比】" if f["帮扶金额"].change else "",
                    )
                )
            )
            kinds = [row for row in self._by_type(ctx) if row.person_times]
            if kinds:
                parts = "；".join(f"{row.label}【{row.label}人次】、【{row.label}金额】" for row in kinds)
                blocks.append(p(f"其中：{parts}。"))
        if f["在档困难职工"].value or f["新建档"].value or f["脱困"].value:
            blocks.append(h("精准做好困难职工帮扶"))
            blocks.append(
                p(
                    join_clauses(
                        f"{ctx.as_of}，建立困难职工档案【在档困难职工】" if f["在档困难职工"].value else "",
                        "其中深度困难职工【深度困难】" if f["深度困难"].value else "",
                        f"{ctx.this_words}新建档【新建档】" if f["新建档"].value else "",
                        "帮助【脱困】困难职工家庭实现脱困" if f["脱困"].value else "",
                        "做到精准识别、动态管理",
                    )
                )
            )
        if f["捐款活动"].value:
            blocks.append(
                p(
                    join_clauses(
                        "组织开展“一日捐”等爱心捐款活动【捐款活动】，参与职工【捐款人次】，募集善款【捐款金额】",
                    )
                )
            )
        return blocks

    def tables(self, ctx: SectionContext, f: Figures) -> list[Table]:
        rows = [
            [
                row.label,
                f"{row.households}户",
                f"{row.person_times}人次",
                format_yuan(row.cash),
                format_yuan(row.goods_value),
                format_yuan(row.total),
            ]
            for row in self._by_type(ctx)
        ]
        if not rows:
            return []
        totals = disbursement_totals(union=ctx.union, period=ctx.period)
        rows.append(
            [
                "合计",
                f"{totals.households}户",
                f"{totals.person_times}人次",
                format_yuan(totals.cash),
                format_yuan(totals.goods_value),
                format_yuan(totals.total),
            ]
        )
        return [Table("帮扶慰问分类统计", ["类型", "户数", "人次", "慰问金", "慰问品折价", "合计"], rows)]

    def charts(self, ctx: SectionContext) -> list[tuple[str, SafeString]]:
        rows = [row for row in self._by_type(ctx) if row.total]
        if not rows:
            return []
        title = "各类帮扶慰问金额（万元）"
        bars = [(row.label, (row.total / TEN_THOUSAND).quantize(Decimal("0.01"))) for row in rows]
        return [(title, horizontal_bars(bars, unit="万元", title=title))]


class FundsSection(Section):
    key = "funds"
    title = "规范经费管理，提高经费使用效益"

    def figures(self, ctx: SectionContext) -> Figures:
        now = ctx.once("funds", lambda: fund_summary(union=ctx.union, period=ctx.period))
        before = fund_summary(union=ctx.union, period=ctx.previous)
        audits = audits_for_year(union=ctx.union, year=ctx.period.year)
        return {
            "经费收入": Figure("经费收入", now.income_total, "元", before.income_total or None),
            "经费支出": Figure("经费支出", now.spending_total, "元", before.spending_total or None),
            "经费结余": Figure("经费结余", now.balance, "元"),
            "会费收入": Figure("会费收入", now.line(Category.DUES).amount, "元"),
            "拨缴经费": Figure("拨缴经费", now.line(Category.ALLOCATION).amount, "元"),
            "行政补助": Figure("行政补助", now.line(Category.ADMIN_SUBSIDY).amount, "元"),
            "职工活动支出": Figure("职工活动支出", now.line(Category.ACTIVITIES).amount, "元"),
            "帮扶支出": Figure(
                "帮扶支出", now.line(Category.ASSISTANCE).amount + now.welfare_disbursements, "元"
            ),
            "经审次数": Figure("经审次数", len(audits), "次"),
        }

    def has_records(self, f: Figures) -> bool:
        return bool(f["经费收入"].value or f["经费支出"].value or f["经审次数"].value)

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        blocks = []
        if f["经费收入"].value or f["经费支出"].value:
            blocks.append(
                p(
                    join_clauses(
                        f"严格执行工会经费收支管理规定，{ctx.words}经费收入【经费收入】"
                        if f["经费收入"].value
                        else "",
                        "【经费收入同比】" if f["经费收入"].value and f["经费收入"].change else "",
                        "其中会费收入【会费收入】" if f["会费收入"].value else "",
                        "拨缴经费【拨缴经费】" if f["拨缴经费"].value else "",
                        "行政补助【行政补助】" if f["行政补助"].value else "",
                    )
                )
            )
            blocks.append(
                p(
                    join_clauses(
                        f"{ctx.words}经费支出【经费支出】" if f["经费支出"].value else "",
                        "主要用于职工活动【职工活动支出】" if f["职工活动支出"].value else "",
                        "帮扶慰问【帮扶支出】" if f["帮扶支出"].value else "",
                        "做到取之于职工、用之于职工",
                    )
                )
            )
        if f["经审次数"].value:
            blocks.append(
                p(
                    f"工会经费审查委员会对{ctx.words}经费收支情况开展审查【经审次数】，确保经费使用规范、透明。"
                )
            )
        return blocks

    def tables(self, ctx: SectionContext, f: Figures) -> list[Table]:
        summary = ctx.once("funds", lambda: fund_summary(union=ctx.union, period=ctx.period))
        rows = [["收入", line.label, format_yuan(line.amount)] for line in summary.income if line.amount]
        rows.append(["收入", "合计", format_yuan(summary.income_total)])
        rows += [["支出", line.label, format_yuan(line.amount)] for line in summary.spending if line.amount]
        rows.append(["支出", "合计", format_yuan(summary.spending_total)])
        return [Table("经费收支情况", ["方向", "科目", "金额"], rows)]
