"""`manage.py load_demo`: a county federation, two unions, ~380 members, four accounts, two
years of records and a draft annual summary."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo.loader import DEMO_UNION_CODE, DemoConflictError, account_lines, demo_exists, load_demo
from demo.organisations import COUNTY, GRASSROOTS


class Command(BaseCommand):
    help = (
        "载入演示数据：青山县总工会、两家基层工会及其会员、演示账号，上一年全年和今年截至今天的"
        "工作记录，以及上一年度工作总结草稿。同一天载入的数据每次相同。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="演示数据已存在时什么也不做（供 make run 反复运行）。",
        )

    def handle(self, *args: Any, if_empty: bool = False, **options: Any) -> None:
        if demo_exists():
            if not if_empty:
                raise CommandError(
                    f"演示数据已存在（工会代码 {DEMO_UNION_CODE}），未做任何更改。"
                    "如需重新载入，请先删除数据库（SQLite 为 db.sqlite3）并重新 migrate；"
                    "如只想确保演示数据存在，请加 --if-empty。"
                )
            self.stdout.write(f"演示数据已存在（工会代码 {DEMO_UNION_CODE}），跳过载入。")
        else:
            try:
                summary = load_demo()
            except DemoConflictError as exc:
                raise CommandError(str(exc)) from exc
            names = {plan.code: plan.name for plan in GRASSROOTS}
            self.stdout.write(
                self.style.SUCCESS(f"已载入演示数据：{COUNTY.name}及下属 {len(GRASSROOTS)} 家基层工会。")
            )
            for code, count in summary.members.items():
                self.stdout.write(f"  {names[code]}（{code}）：{count} 名会员")
            self.stdout.write(f"  分会 {summary.branches} 个，演示账号 {summary.accounts} 个")
            if summary.records:
                counts = "、".join(f"{kind}{n}" for kind, n in summary.records.items())
                self.stdout.write(
                    f"  {summary.year}年全年和{summary.year + 1}年截至今天的工作记录（条）：{counts}"
                )
                self.stdout.write(f"  {summary.year}年度工作总结草稿 1 份（工会主席 leader 可编辑、定稿）")
                self.stdout.write(f"  {county_summary_line(summary.year)}")
        for line in account_lines():
            self.stdout.write(line)


def county_summary_line(year: int) -> str:
    """Where the county's summary of `year` stands: finalised, or waiting for the worker."""
    from reports.models import Report

    report = Report.objects.filter(union__code=COUNTY.code, year=year).first()
    if report is None:
        return f"{COUNTY.name}{year}年度工作总结：未生成"
    if report.is_final:
        return f"{COUNTY.name}{year}年度工作总结已定稿（县总工会账号 county 登录即见）"
    return f"{COUNTY.name}{year}年度工作总结已提交定稿，后台任务（make run 启动）完成后即见"
