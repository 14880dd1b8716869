"""`manage.py generate_province`: a province of unions for the benchmark (issue #16 item 4)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from demo.load_data import DEFAULT_SEED, LoadDataError
from demo.province import PROVINCE_CODE, ProvinceShape, generate_province


class Command(BaseCommand):
    help = (
        "生成压力测试用的一个省：省总工会、市总工会、县总工会和其下的基层工会（默认 10 个市、"
        "100 个县、2000 家基层工会、100 万名会员，大小不一），每家基层工会按比例生成全年记录。"
        "仅用于测试和基准测试，不要在真实数据库上运行。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        defaults = ProvinceShape()
        parser.add_argument("--code", default=PROVINCE_CODE, help=f"省总工会代码（默认 {PROVINCE_CODE}）。")
        parser.add_argument("--cities", type=int, default=defaults.cities, help="市总工会数。")
        parser.add_argument("--counties", type=int, default=defaults.counties, help="县总工会数（合计）。")
        parser.add_argument("--unions", type=int, default=defaults.unions, help="基层工会数（合计）。")
        parser.add_argument("--members", type=int, default=defaults.members, help="会员人数（合计）。")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="随机种子。")
        parser.add_argument("--year", type=int, default=None, help="数据所在年度，默认今年。")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            shape = ProvinceShape(
                cities=options["cities"],
                counties=options["counties"],
                unions=options["unions"],
                members=options["members"],
            )
            result = generate_province(
                shape=shape,
                year=options["year"],
                seed=options["seed"],
                code=options["code"],
                progress=lambda line: self.stdout.write(f"  {line}"),
            )
        except LoadDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"已创建 {result.province.name}（{result.province.code}）：{len(result.cities)} 个市、"
                f"{len(result.counties)} 个县、{len(result.unions)} 家基层工会、{result.members} 名会员，"
                f"用时 {result.seconds:.0f} 秒。"
            )
        )
