"""Import a member roster (.xlsx) into a union from the command line: `import_records roster`
under its old name and options.

    python manage.py import_members roster.xlsx --union CODE [--user NAME] [--dry-run]

Same checks as the web import. Prints the counts and every invalid row; with errors
nothing is written and the exit status is 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from imports.management.commands import import_records
from members.import_models import ROSTER

ACTOR_LABEL = "命令 import_members"


class Command(import_records.Command):
    help = "从 Excel（.xlsx）导入会员花名册：按身份证号新增或更新会员，有任何错误时不写入。"
    actor_label = ACTOR_LABEL

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="花名册文件（.xlsx）")
        parser.add_argument("--union", required=True, help="工会代码")
        parser.add_argument("--user", help="以该用户的名义录入")
        parser.add_argument("--dry-run", action="store_true", help="只检查并显示结果，不写入")

    def handle(self, *args: Any, **options: Any) -> None:
        self.run(ROSTER, options)
