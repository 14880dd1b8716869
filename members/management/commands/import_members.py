"""Import a member roster (.xlsx) into a union from the command line.

    python manage.py import_members roster.xlsx --union CODE [--dry-run]

Same checks as the web import. Prints the counts and every invalid row; with errors
nothing is written and the exit status is 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from audit.context import acting_as
from members.importing.reader import RosterFileError
from members.importing.services import plan_file, roster_import_run
from unions.models import Union

ACTOR_LABEL = "命令 import_members"


class Command(BaseCommand):
    help = "从 Excel（.xlsx）导入会员花名册：按身份证号新增或更新会员，有任何错误时不写入。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="花名册文件（.xlsx）")
        parser.add_argument("--union", required=True, help="工会代码")
        parser.add_argument("--dry-run", action="store_true", help="只检查并显示结果，不写入")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        union = Union.objects.filter(code=options["union"]).first()
        if union is None:
            raise CommandError(f"没有找到代码为“{options['union']}”的工会。")
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")

        with acting_as(None, label=ACTOR_LABEL):
            try:
                plan = plan_file(union=union, source=path)
            except RosterFileError as exc:
                raise CommandError(exc.message) from None

            counts = plan.counts()
            self.stdout.write(
                f"{union.name}（{union.code}）：共 {counts['rows']} 行；新增 {counts['added']} 人，"
                f"更新 {counts['updated']} 人，无变化 {counts['unchanged']} 人，错误 {counts['invalid']} 行。"
            )
            if plan.layout.ignored:
                self.stdout.write(f"已忽略的列：{'、'.join(plan.layout.ignored)}")
            for bad in plan.invalid:
                for column, message in bad.problems:
                    self.stdout.write(f"第{bad.row}行\t{column}\t{message}")
            if plan.has_errors:
                raise CommandError(f"文件中有 {counts['invalid']} 行错误，未写入任何数据。")
            if options["dry_run"]:
                self.stdout.write("试运行（--dry-run），未写入任何数据。")
                return
            result = roster_import_run(union=union, plan=plan, source_name=path.name)
        self.stdout.write(self.style.SUCCESS(f"导入完成：新增 {result.added} 人，更新 {result.updated} 人。"))
