"""Sections fed by welfare and funds records."""

from __future__ import annotations

from decimal import Decimal

from django.utils.safestring import SafeString

from funds.choices import Category
from funds.selectors import audits_for_year, fund_summary
from records.money import format_yuan
from welfare.choices import FundingSource, HardshipCategory
from welfare.counted import AID_KINDS
from welfare.selectors import (
    Totals,
    TypeTotal,
    disbursement_totals,
    disbursement_totals_by_funding_source,
    disbursement_totals_by_type,
    disbursement_totals_split,
    disbursement_totals_to_non_members,
    disbursements_paid_from_union_funds,
    donation_titles,
    donation_totals,
    hardship_file_counts,
    hardship_households_helped,
    union_funds_unpaid,
)

from ..charts import horizontal_bars
from ..figures import Figure, Figures, money_text, percent
from .base import Block, Section, SectionContext, Table, h, join_clauses, p
from .phrases import name_list
from .typical import disbursement_cases, hardship_cases

TEN_THOUSAND = Decimal("10000")


# Universal comfort (every member in the same situation gets it) apart from aid to need.


def kind_phrase(row: TypeTotal) -> str:
    """ "节日慰问15人、30人次，9000元"; when nobody had it twice one count says it: visits in
    人次 as the seeds count them ("慰问…16人次"), aid in 人 ("金秋助学2人")."""
    if row.person_times != row.households:
        people = f"{row.households}人、{row.person_times}人次"
    else:
        people = f"{row.households}人" if row.kind in AID_KINDS else f"{row.person_times}人次"
    return f"{row.label.replace('/', '、')}{people}，{money_text(row.total)}"


class WelfareSection(Section):
    key = "welfare"
    title = "开展帮扶救助，把温暖送到职工心坎上"

    def _by_type(self, ctx: SectionContext):  # type: ignore[no-untyped-def]
        return ctx.once(
            "welfare-by-type", lambda: disbursement_totals_by_type(union=ctx.union, period=ctx.period)
        )

    def figures(self, ctx: SectionContext) -> Figures:
        now, aid, comfort = _welfare_totals(ctx)
        before = disbursement_totals(union=ctx.union, period=ctx.previous)
        files = hardship_file_counts(union=ctx.union, period=ctx.period)
        files_before = hardship_file_counts(union=ctx.union, period=ctx.previous)
        donations = donation_totals(union=ctx.union, period=ctx.period)
        donations_before = donation_totals(union=ctx.union, period=ctx.previous)
        by_category = {c.category: c.count for c in files.open_by_category}
        # 脱困率: of the households in the files this period (open at its start, or opened in it).
        in_files = files_before.open_at_end + files.opened
        figures = {
            "帮扶人数": Figure("帮扶人数", now.households, "人", before.households or None),
            "帮扶人次": Figure("帮扶人次", now.person_times, "人次", before.person_times or None),
            "帮扶金额": Figure("帮扶金额", now.total, "元", before.total or None),
            "慰问金": Figure("慰问金", now.cash, "元"),
            "慰问品折价": Figure("慰问品折价", now.goods_value, "元"),
            "慰问人数": Figure("慰问人数", comfort.households, "人"),
            "慰问金额": Figure("慰问金额", comfort.total, "元"),
            "救助人数": Figure("救助人数", aid.households, "人"),
            "救助金额": Figure("救助金额", aid.total, "元"),
            "帮扶困难户": Figure(
                "帮扶困难户", hardship_households_helped(union=ctx.union, period=ctx.period), "户"
            ),
            "在档困难职工": Figure("在档困难职工", files.open_at_end, "户", files_before.open_at_end or None),
            "深度困难": Figure("深度困难", by_category.get(HardshipCategory.DEEP, 0), "户"),
            "新建档": Figure("新建档", files.opened, "户"),
            "脱困": Figure("脱困", files.closed, "户"),
            "脱困率": Figure("脱困率", percent(files.closed, in_files) or 0, "%"),
            "捐款活动": Figure("捐款活动", donations.drives, "次"),
            "捐款人次": Figure("捐款人次", donations.participants, "人次"),
            "捐款金额": Figure("捐款金额", donations.amount, "元", donations_before.amount or None),
            "捐款名称": Figure("捐款名称", name_list(donation_titles(union=ctx.union, period=ctx.period))),
        }
        # Aid to people who are not members (retirees, families, the workers an aid centre
        # serves) is counted as such: "其中非会员受助N人次".
        other = disbursement_totals_to_non_members(union=ctx.union, period=ctx.period)
        figures["非会员受助人次"] = Figure("非会员受助人次", other.person_times, "人次")
        figures["非会员受助金额"] = Figure("非会员受助金额", other.total, "元")
        for row in self._by_type(ctx):
            figures[f"{row.label}人数"] = Figure(f"{row.label}人数", row.households, "人")
            figures[f"{row.label}人次"] = Figure(f"{row.label}人次", row.person_times, "人次")
            figures[f"{row.label}金额"] = Figure(f"{row.label}金额", row.total, "元")
        for row in _by_funding_source(ctx):
            figures[f"资金来源{row.label}"] = Figure(f"资金来源{row.label}", row.total, "元")
        return figures

    def has_records(self, f: Figures) -> bool:
        return any(f[k].value for k in ("帮扶人次", "在档困难职工", "新建档", "脱困", "捐款活动"))

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        blocks: list[Block] = []
        kinds = [row for row in self._by_type(ctx) if row.person_times]
        if kinds:
            blocks.append(h("扎实开展送温暖和帮扶救助"))
            blocks.append(
                p(
                    join_clauses(
                        f"{ctx.period_words}走访慰问、帮扶救助{ctx.words.staff}【帮扶人数】"
                        + ("、【帮扶人次】" if f["帮扶人次"].value != f["帮扶人数"].value else ""),
                        "发放慰问金和慰问品合计【帮扶金额】",
                        "【帮扶金额同比】" if f["帮扶金额"].change else "",
                        "救助、慰问非会员【非会员受助人次】、【非会员受助金额】"  # its own clause: the total may be stated already
                        if f["非会员受助人次"].value and f["非会员受助人次"].value < f["帮扶人次"].value
                        else "",
                    )
                )
            )
            comfort = [r for r in kinds if r.kind not in AID_KINDS]
            aid = [r for r in kinds if r.kind in AID_KINDS]
            if len(kinds) == 1:  # one kind: its figures are the totals, said once already
                what = "慰问" if comfort else "救助"
                households = (
                    "救助对象中有在档困难职工家庭【帮扶困难户】。" if aid and f["帮扶困难户"].value else ""
                )
                blocks.append(p(f"全部{what}均为{kinds[0].label.replace('/', '、')}。{households}", "kinds"))
                comfort = aid = []
            if comfort:
                blocks.append(p("坚持常态化慰问：" + "；".join(kind_phrase(r) for r in comfort) + "。"))
            if aid:
                blocks.append(
                    p(
                        "对遇到困难的职工及时救助："
                        + "；".join(kind_phrase(r) for r in aid)
                        + "。"
                        + ("救助对象中有在档困难职工家庭【帮扶困难户】。" if f["帮扶困难户"].value else "")
                    )
                )
            blocks += [p(t) for t in disbursement_cases(ctx)]
            sources = [(k.removeprefix("资金来源"), fig) for k, fig in f.items() if k.startswith("资金来源")]
            if len(sources) > 1:
                listed = "、".join(f"{name}{fig.text}" for name, fig in sources)
                blocks.append(p(f"从资金来源看，{listed}。"))
        if f["在档困难职工"].value or f["新建档"].value or f["脱困"].value:
            blocks.append(h("精准做好困难职工帮扶"))
            blocks.append(p(self._hardship(ctx, f), "hardship"))
            blocks += [p(t) for t in hardship_cases(ctx)]
        if f["捐款活动"].value:
            names = str(f["捐款名称"].value)
            blocks.append(
                p(
                    join_clauses(
                        f"组织开展{names}" if names else "组织开展爱心捐款【捐款活动】",
                        f"参与{ctx.words.staff}【捐款人次】" if f["捐款人次"].value else "",
                        "募集善款【捐款金额】",
                        "【捐款金额同比】" if f["捐款金额"].change else "",
                    )
                )
            )
        return blocks

    def _hardship(self, ctx: SectionContext, f: Figures) -> str:
        files = f["在档困难职工"]
        if files.previous and files.value != files.previous:
            way = "减少" if files.value < files.previous else "增加"
            stock = f"{ctx.as_of}，在档困难职工从{ctx.period.compared_with}的{files.previous}户{way}到【在档困难职工】"
        elif files.value:
            stock = f"{ctx.as_of}，在档困难职工【在档困难职工】"
        else:
            stock = ""
        return join_clauses(
            stock,
            "其中深度困难职工【深度困难】" if f["深度困难"].value else "",
            "新建档【新建档】" if f["新建档"].value else "",
            "帮助【脱困】困难职工家庭实现脱困，脱困率【脱困率】" if f["脱困"].value else "",
            "做到精准识别、动态管理",
        )

    def tables(self, ctx: SectionContext, f: Figures) -> list[Table]:
        rows = [
            [
                row.label,
                f"{row.households}人",
                f"{row.person_times}人次",
                format_yuan(row.cash),
                format_yuan(row.goods_value),
                format_yuan(row.total),
            ]
            for row in self._by_type(ctx)
        ]
        if not rows:
            return []
        totals = _welfare_totals(ctx)[0]
        rows.append(
            [
                "合计",
                f"{totals.households}人",
                f"{totals.person_times}人次",
                format_yuan(totals.cash),
                format_yuan(totals.goods_value),
                format_yuan(totals.total),
            ]
        )
        return [Table("帮扶慰问分类统计", ["类型", "人数", "人次", "慰问金", "慰问品折价", "合计"], rows)]

    def charts(self, ctx: SectionContext) -> list[tuple[str, SafeString]]:
        rows = [row for row in self._by_type(ctx) if row.total]
        if not rows:
            return []
        title = "各类帮扶慰问金额（万元）"
        bars = [(row.label, (row.total / TEN_THOUSAND).quantize(Decimal("0.01"))) for row in rows]
        return [(title, horizontal_bars(bars, unit="万元", title=title))]


def _welfare_totals(ctx: SectionContext) -> tuple[Totals, Totals, Totals]:
    """The period's disbursement totals: all, 救助 (AID_KINDS) and 慰问 (the others)."""
    return disbursement_totals_split(union=ctx.union, period=ctx.period)


def _by_funding_source(ctx: SectionContext) -> list[TypeTotal]:
    return ctx.once(
        "welfare-by-source", lambda: disbursement_totals_by_funding_source(union=ctx.union, period=ctx.period)
    )


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

    def _reconcile(self, ctx: SectionContext, f: Figures) -> str:
        """Why the welfare section's total and the funds' welfare line differ, when they do:
        other funding sources, approved but unpaid records, payment in another period."""
        welfare = _welfare_totals(ctx)[0].total
        if not welfare:
            return ""
        # fund_summary's welfare line is disbursements_paid_from_union_funds of the period.
        union_paid = ctx.once("funds", lambda: fund_summary(union=ctx.union, period=ctx.period))
        union_paid = union_paid.welfare_disbursements
        if welfare == union_paid:
            return ""
        sources = _by_funding_source(ctx)
        others = [row for row in sources if row.kind != FundingSource.UNION_FUNDS and row.total]
        other_total = sum((row.total for row in others), Decimal("0"))
        own = welfare - other_total
        unpaid = union_funds_unpaid(union=ctx.union, period=ctx.period)
        shifted = own - unpaid - union_paid
        parts = []
        if others:
            parts.append(
                f"{'、'.join(row.label for row in others)}承担{money_text(other_total)}，不在工会经费中列支"
            )
        if unpaid:
            parts.append(f"已审批尚待发放{money_text(unpaid)}")
        if shifted:
            parts.append(
                f"{money_text(abs(shifted))}因发放日期与慰问日期不在同一期间而计入{'其他期间' if shifted > 0 else '本期'}"
            )
        # Both sums were stated before (the welfare total, the funds' welfare line): referred to.
        paid = "的部分即上述帮扶慰问支出" if union_paid == f["帮扶支出"].value else money_text(union_paid)
        return f"前述帮扶慰问资金中，由工会经费列支并已发放{paid}；" + "，".join(parts) + "。"

    def _welfare_spending(self, ctx: SectionContext, f: Figures) -> str:
        """The welfare line; when it is the welfare section's total, said by reference to it."""
        if not f["帮扶支出"].value:
            return ""
        welfare = _welfare_totals(ctx)[0]
        if welfare.total == f["帮扶支出"].value:
            return "帮扶慰问支出即前述慰问金和慰问品"
        union_share = disbursements_paid_from_union_funds(union=ctx.union, period=ctx.period)
        sources = _by_funding_source(ctx)
        if union_share == f["帮扶支出"].value and len([r for r in sources if r.total]) > 1:
            return "帮扶慰问支出即前述由工会经费承担的部分"
        return "帮扶慰问【帮扶支出】"

    def has_records(self, f: Figures) -> bool:
        return bool(f["经费收入"].value or f["经费支出"].value or f["经审次数"].value)

    def blocks(self, ctx: SectionContext, f: Figures) -> list[Block]:
        blocks = []
        if f["经费收入"].value or f["经费支出"].value:
            blocks.append(
                p(
                    join_clauses(
                        f"严格执行工会经费收支管理规定，{ctx.period_words}经费收入【经费收入】"
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
                        "经费支出【经费支出】" if f["经费支出"].value else "",
                        "【经费支出同比】" if f["经费支出"].value and f["经费支出"].change else "",
                        "主要用于职工活动【职工活动支出】" if f["职工活动支出"].value else "",
                        self._welfare_spending(ctx, f),
                        "做到取之于职工、用之于职工",
                    )
                )
            )
            reconciled = self._reconcile(ctx, f)
            if reconciled:
                blocks.append(p(reconciled))
        if f["经审次数"].value:
            blocks.append(p("工会经费审查委员会对经费收支情况开展审查【经审次数】，确保经费使用规范、透明。"))
        return blocks

    def tables(self, ctx: SectionContext, f: Figures) -> list[Table]:
        summary = ctx.once("funds", lambda: fund_summary(union=ctx.union, period=ctx.period))
        rows = [["收入", line.label, format_yuan(line.amount)] for line in summary.income if line.amount]
        rows.append(["收入", "合计", format_yuan(summary.income_total)])
        rows += [["支出", line.label, format_yuan(line.amount)] for line in summary.spending if line.amount]
        rows.append(["支出", "合计", format_yuan(summary.spending_total)])
        return [Table("经费收支情况", ["方向", "科目", "金额"], rows)]
