"""A province for the benchmark (issue #16 item 4): one provincial federation, its city and
county federations, and grassroots unions under the counties with a year's records each.

Members are spread over the grassroots unions the way they are in life: a few large
enterprises, many small units (a Zipf-like law, every union at least `MIN_MEMBERS`), so the
benchmark's largest union is the size of a group company and the median one is a school.
Each grassroots union is made by `generate_load_data` (bulk writes, proportional records);
planner statistics are refreshed once at the end.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from unions.models import Role, Union, UnionLevel, UnionRole

from .load_data import DEFAULT_SEED, LoadDataError, analyze_tables, generate_load_data

PROVINCE_CODE = "prov"
MIN_MEMBERS = 20
SKEW = 0.9  # the Zipf exponent: the largest union is ~2% of the province at 2,000 unions


@dataclass(frozen=True)
class ProvinceShape:
    cities: int = 10
    counties: int = 100  # in all, spread evenly over the cities
    unions: int = 2000  # grassroots, spread evenly over the counties
    members: int = 1_000_000

    def __post_init__(self) -> None:
        if not (1 <= self.cities <= self.counties <= self.unions):
            raise LoadDataError("市、县、基层工会的数量应依次不减，且至少为1。")
        if self.members < self.unions * MIN_MEMBERS:
            raise LoadDataError(f"会员人数至少为基层工会数的{MIN_MEMBERS}倍。")


@dataclass(frozen=True)
class ProvinceResult:
    province: Union
    cities: list[Union]
    counties: list[Union]
    unions: list[Union]
    members: int
    seconds: float


def union_sizes(*, unions: int, members: int) -> list[int]:
    """Members of each grassroots union, largest first, summing to `members` exactly."""
    weights = [1 / (rank + 1) ** SKEW for rank in range(unions)]
    spare = members - unions * MIN_MEMBERS
    total = sum(weights)
    sizes = [MIN_MEMBERS + int(spare * w / total) for w in weights]
    for i in range(members - sum(sizes)):  # what flooring left, one each from the top
        sizes[i % unions] += 1
    return sizes


def _federation(code: str, name: str, level: str, parent: Union | None) -> Union:
    union = Union(code=code, name=name, level=level, parent=parent)
    union.full_clean()
    union.save()
    user = get_user_model()(username=f"{code}-admin", first_name=f"{name}管理员")
    user.set_unusable_password()
    user.save()
    UnionRole.objects.create(user=user, union=union, role=Role.ADMIN)
    return union


def generate_province(
    *,
    shape: ProvinceShape,
    year: int | None = None,
    seed: int = DEFAULT_SEED,
    code: str = PROVINCE_CODE,
    progress: Callable[[str], None] | None = None,
) -> ProvinceResult:
    """Create the province under code `code`; refuses, writing nothing, if it exists."""
    if Union.objects.filter(code=code).exists():
        raise LoadDataError(f"工会代码 {code} 已存在，未做任何更改。")
    say = progress or (lambda message: None)
    started = time.perf_counter()
    with transaction.atomic():
        province = _federation(code, "压测省总工会", UnionLevel.PROVINCE, None)
        cities = [
            _federation(f"{code}-c{i:02d}", f"压测第{i}市总工会", UnionLevel.CITY, province)
            for i in range(1, shape.cities + 1)
        ]
        counties = [
            _federation(
                f"{code}-k{i:03d}", f"压测第{i}县总工会", UnionLevel.COUNTY, cities[(i - 1) % shape.cities]
            )
            for i in range(1, shape.counties + 1)
        ]
    unions = []
    sizes = union_sizes(unions=shape.unions, members=shape.members)
    for i, size in enumerate(sizes, start=1):
        # Round-robin, so every county has large and small units alike.
        result = generate_load_data(
            code=f"{code}-u{i:04d}",
            name=f"压测第{i}基层工会",
            members=size,
            seed=seed,
            year=year,
            parent=counties[(i - 1) % shape.counties],
            analyze=False,
        )
        unions.append(result.union)
        if i % 100 == 0 or i == len(sizes):
            say(f"基层工会 {i}/{len(sizes)}（{time.perf_counter() - started:.0f} 秒）")
    analyze_tables()
    return ProvinceResult(
        province=province,
        cities=cities,
        counties=counties,
        unions=unions,
        members=sum(sizes),
        seconds=time.perf_counter() - started,
    )
