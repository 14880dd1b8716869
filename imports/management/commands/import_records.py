"""Import a ledger (.xlsx) of one record type into a union from the command line.

    python manage.py import_records disbursements ledger.xlsx --union CODE [--user NAME] [--dry-run]

Same checks as the web import, with the union's remembered header mapping. Prints the
counts and every invalid or ambiguous row; then nothing is written and the exit status is 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from audit.context import acting_as
from imports import registry
from imports.reader import FileRefused
from imports.services import plan_file, record_import_run
from unions.models import Union

ACTOR_LABEL = "命令 import_records"


class Command(BaseCommand):
    help = "从 Excel（.xlsx）导入一类台账（含会员花名册 roster）；有任何错误或待确认的行时不写入。"
    actor_label = ACTOR_LABEL

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=[t.key for t in registry.all_types()], help="台账类型")
        parser.add_argument("file", type=Path, help="台账文件（.xlsx）")
        parser.add_argument("--union", required=True, help="工会代码")
        parser.add_argument("--user", help="以该用户的名义录入（帮扶发放的审批须由他人进行）")
        parser.add_argument("--dry-run", action="store_true", help="只检查并显示结果，不写入")

    def handle(self, *args: Any, **options: Any) -> None:
        self.run(options["kind"], options)

    def run(self, kind: str, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        union = Union.objects.filter(code=options["union"]).first()
        if union is None:
            raise CommandError(f"没有找到代码为“{options['union']}”的工会。")
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        user = None
        if options.get("user"):
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"没有找到用户“{options['user']}”。")
        record_type = registry.get(kind)
        with acting_as(user, label=None if user else self.actor_label):
            try:
                plan = plan_file(union=union, kind=record_type.key, source=path)
            except FileRefused as exc:
                raise CommandError(exc.message) from None
            counts = plan.counts()
            self.stdout.write(f"{union.name}（{union.code}）{record_type.counts_line(plan)}")
            if plan.layout.ignored:
                self.stdout.write(f"已忽略的列：{'、'.join(plan.layout.ignored)}")
            if plan.skipped.totals:
                self.stdout.write(f"已跳过合计行：第 {'、'.join(map(str, plan.skipped.totals))} 行")
            if plan.missing:
                raise CommandError(f"缺少必需的列：{'、'.join(plan.missing)}。未写入任何数据。")
            for bad in plan.invalid:
                for column, message in bad.problems:
                    self.stdout.write(f"第{bad.row}行\t{column}\t{message}")
            for item in plan.pending:
                options_text = "；".join(label for _, label in item.built.candidates)
                self.stdout.write(
                    f"第{item.row}行\t待确认\t{item.built.question}（{options_text}）请填写身份证号或分会。"
                )
            if plan.pending:
                raise CommandError(
                    f"文件中有 {counts['invalid'] + counts['pending']} 行需要处理，未写入任何数据。"
                )
            if plan.invalid:
                raise CommandError(f"文件中有 {counts['invalid']} 行错误，未写入任何数据。")
            if options["dry_run"]:
                self.stdout.write("试运行（--dry-run），未写入任何数据。")
                return
            created = record_import_run(union=union, plan=plan, actor=user, source_name=path.name)
        self.stdout.write(self.style.SUCCESS(record_type.done_message(plan, created)))
