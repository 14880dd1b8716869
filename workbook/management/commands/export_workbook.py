"""Export a union's annual workbook (统计年报工作簿) from the command line.

    python manage.py export_workbook --union CODE --year YYYY --output FILE [--masked]

The command runs with the server's rights, not a user's: it writes full resident ID numbers
unless --masked is given. The export is logged in the union's audit log like a web export.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from audit.context import acting_as
from unions.models import Union
from workbook.services import export_annual_workbook

ACTOR_LABEL = "命令 export_workbook"


class Command(BaseCommand):
    help = (
        "导出工会的统计年报工作簿（统计指标及各台账，.xlsx）。命令以服务器权限运行，"
        "默认写出完整的18位身份证号；如需脱敏请加 --masked。导出记入该工会的操作日志。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--union", required=True, help="工会代码")
        parser.add_argument("--year", required=True, type=int, help="统计年度，如 2025")
        parser.add_argument("--output", required=True, type=Path, help="输出文件（.xlsx）")
        parser.add_argument(
            "--masked",
            action="store_true",
            help="身份证号脱敏（只留末4位，如 **************002X；出生日期只写年份），默认写出完整号码",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        union = Union.objects.filter(code=options["union"]).first()
        if union is None:
            raise CommandError(f"没有找到代码为“{options['union']}”的工会。")
        year: int = options["year"]
        if not 2000 <= year <= 2100:
            raise CommandError("统计年度应在2000至2100年之间。")
        output: Path = options["output"]
        if output.suffix.lower() != ".xlsx":
            raise CommandError("输出文件应以 .xlsx 结尾。")
        if not output.parent.exists():
            raise CommandError(f"输出目录不存在：{output.parent}")
        full_ids = not options["masked"]
        started = time.perf_counter()
        partial = output.with_name(output.name + ".part")
        with acting_as(None, label=ACTOR_LABEL):
            try:
                result = export_annual_workbook(
                    union=union,
                    year=year,
                    full_ids=full_ids,
                    target=partial,
                    generated_by=ACTOR_LABEL,
                    via="命令",
                )
            except BaseException:
                partial.unlink(missing_ok=True)
                raise
        partial.replace(output)
        for sheet, rows in result.row_counts.items():
            self.stdout.write(f"{sheet}\t{rows} 行")
        ids = "完整身份证号" if full_ids else "身份证号已脱敏"
        self.stdout.write(
            self.style.SUCCESS(
                f"已导出 {union.name} {year}年度统计年报工作簿（{ids}）：{output}，"
                f"{result.size / 1024:.0f} KB，用时 {time.perf_counter() - started:.1f} 秒。"
            )
        )
