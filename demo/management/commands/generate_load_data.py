"""`manage.py generate_load_data`: a large union for load tests and benchmarks."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo.load_data import (
    DEFAULT_SEED,
    DEFAULT_UNION_NAME,
    EVENT_ACTION,
    PARENT_CODE,
    LoadDataError,
    generate_load_data,
)

LABELS = {
    "branches": "分会",
    "members": "会员",
    "hardship_files": "困难职工档案",
    "hardship_reviews": "档案复核",
    "disbursement_batches": "批量发放",
    "disbursements": "帮扶慰问发放",
    "donation_drives": "捐款活动",
    "activities": "活动",
    "honours": "荣誉",
    "congresses": "职代会",
    "proposals": "提案",
    "disclosures": "公开事项",
    "contracts": "集体合同",
    "suggestions": "合理化建议",
    "joint_meetings": "党政工联席会",
    "mediation_cases": "劳动争议调解",
    "legal_aid": "法律援助",
    "petitions": "来信来访",
    "fund_entries": "经费收支",
    "fund_audits": "经费审查",
}


class Command(BaseCommand):
    help = (
        "生成压力测试数据：一家大型工会（默认 5 万名会员、约 20 个分会）及按比例的全年记录"
        "（约 2 万条帮扶慰问发放、3000 份困难职工档案、5000 项活动，其余数百条），"
        "分布在指定年度及上一年度。用批量写入（bulk_create），不逐条写审计日志："
        f"只在该工会记一条汇总审计事件 {EVENT_ACTION}（含各类记录数）。"
        f"工会不存在时创建（上级为 {PARENT_CODE}，如已载入演示数据）。"
        "仅用于测试和基准测试，不要在真实数据库上运行。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--union", required=True, metavar="CODE", help="工会代码，如 loadtest。")
        parser.add_argument(
            "--members", type=int, default=50_000, help="会员人数，其余记录按比例（默认 50000）。"
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="随机种子；相同种子生成相同数据。")
        parser.add_argument("--year", type=int, default=None, help="数据所在年度（及其上一年度），默认今年。")
        parser.add_argument(
            "--name", default=DEFAULT_UNION_NAME, help=f"新建工会的名称（默认“{DEFAULT_UNION_NAME}”）。"
        )
        parser.add_argument("--append", action="store_true", help="工会已有会员时仍追加数据（否则拒绝）。")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = generate_load_data(
                code=options["union"],
                members=options["members"],
                seed=options["seed"],
                year=options["year"],
                append=options["append"],
                name=options["name"],
                progress=lambda line: self.stdout.write(f"  {line}") if options["verbosity"] > 1 else None,
            )
        except LoadDataError as exc:
            raise CommandError(str(exc)) from exc
        union = result.union
        verb = "已创建" if result.union_created else "已填充"
        self.stdout.write(
            self.style.SUCCESS(f"{verb}工会 {union.name}（{union.code}），用时 {result.seconds:.1f} 秒：")
        )
        for key, count in result.counts.items():
            self.stdout.write(f"  {LABELS.get(key, key)}：{count}")
        self.stdout.write(
            f"审计日志：批量写入不逐条记录，已记一条汇总事件 {EVENT_ACTION}。"
            f"账号 {union.code}-clerk / {union.code}-leader / {union.code}-admin 无密码，"
            "可用 manage.py changepassword 设置。"
        )
