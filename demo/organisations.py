"""The fictional organisations of the demo: 青山县总工会 and two grassroots unions under it.

Each grassroots union is described as branches made of departments, with a headcount and
the make-up of its staff (women, migrant workers, party members, schooling, job titles).
`demo.people` turns these descriptions into roster rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from members.choices import ModelWorkerLevel
from unions.models import UnionLevel


@dataclass(frozen=True)
class FixedPerson:
    """Someone the demo names on purpose (the union chairman, the clerk)."""

    name: str
    gender: str
    birth_date: dt.date
    job_title: str
    political_status: str = ""
    education: str = ""


@dataclass(frozen=True)
class Department:
    name: str
    headcount: int  # including leaders and fixed people
    female_share: float
    leaders: tuple[tuple[str, int], ...] = ()  # (job title, how many)
    staff: tuple[tuple[str, int], ...] = ()  # (job title, weight) for everyone else
    migrant_share: float = 0.0  # of the staff; leaders are never migrant workers here
    education: str = "office"  # a key of demo.people.EDUCATION_PROFILES
    party_share: float = 0.12
    ages: tuple[int, int] = (22, 56)  # age range of the staff in the demo year
    fixed: tuple[FixedPerson, ...] = ()


@dataclass(frozen=True)
class BranchPlan:
    name: str
    departments: tuple[Department, ...]

    @property
    def headcount(self) -> int:
        return sum(d.headcount for d in self.departments)


@dataclass(frozen=True)
class UnionPlan:
    code: str
    name: str
    card_prefix: str
    founded: dt.date  # nobody joined before the union existed
    branches: tuple[BranchPlan, ...]
    retired: int = 0
    transferred: int = 0
    retained: int = 0
    new_share: float = 0.05  # members who joined in the demo year
    model_workers: tuple[tuple[str, int], ...] = ()  # (level, how many)
    model_worker_titles: tuple[str, ...] = ()  # who is plausibly chosen
    transfer_notes: tuple[str, ...] = ("会员关系转至新单位工会",)

    @property
    def headcount(self) -> int:
        return sum(b.headcount for b in self.branches)


@dataclass(frozen=True)
class FederationPlan:
    code: str
    name: str
    level: str


COUNTY = FederationPlan(code="demo-county", name="青山县总工会", level=UnionLevel.COUNTY)
COUNTY_NAME = "青山县"

_W = "workshop"

FACTORY = UnionPlan(
    code="demo",
    name="青山县机械制造有限公司工会",
    card_prefix="QS",
    founded=dt.date(2005, 5, 1),
    retired=4,
    transferred=4,
    retained=2,
    new_share=0.06,
    model_workers=((ModelWorkerLevel.COUNTY, 3), (ModelWorkerLevel.CITY, 1)),
    model_worker_titles=("车间主任", "班组长", "数控车工", "装配工", "焊工", "钳工", "工程师", "质检员"),
    transfer_notes=(
        "调往集团杭州分公司，会员关系随转",
        "离职，会员关系转至新单位工会",
        "随配偶迁居宁波，会员关系转出",
        "调往县属国有企业，会员关系随转",
    ),
    branches=(
        BranchPlan(
            "机加工分会",
            (
                Department(
                    "机加工一车间", 40, 0.22, (("车间主任", 1), ("车间副主任", 1), ("班组长", 4)),
                    (("数控车工", 12), ("铣工", 6), ("操作工", 10), ("钳工", 4), ("设备维修工", 2), ("统计员", 1)),
                    migrant_share=0.31, education=_W, party_share=0.07, ages=(20, 57),
                ),
                Department(
                    "机加工二车间", 35, 0.22, (("车间主任", 1), ("班组长", 3)),
                    (("数控车工", 10), ("磨工", 5), ("操作工", 10), ("钳工", 3), ("统计员", 1)),
                    migrant_share=0.31, education=_W, party_share=0.07, ages=(20, 57),
                ),
                Department(
                    "热处理车间", 20, 0.10, (("车间主任", 1), ("班组长", 2)),
                    (("热处理工", 8), ("操作工", 6), ("行车工", 2), ("设备维修工", 2)),
                    migrant_share=0.33, education=_W, party_share=0.06, ages=(21, 57),
                ),
            ),
        ),
        BranchPlan(
            "装配分会",
            (
                Department(
                    "总装车间", 45, 0.55, (("车间主任", 1), ("车间副主任", 1), ("班组长", 4)),
                    (("装配工", 20), ("操作工", 10), ("叉车工", 2), ("物料员", 3)),
                    migrant_share=0.33, education=_W, party_share=0.06, ages=(20, 55),
                ),
                Department(
                    "部装车间", 35, 0.45, (("车间主任", 1), ("班组长", 3)),
                    (("装配工", 14), ("焊工", 6), ("操作工", 8)),
                    migrant_share=0.31, education=_W, party_share=0.06, ages=(20, 55),
                ),
                Department(
                    "涂装车间", 20, 0.30, (("车间主任", 1), ("班组长", 2)),
                    (("喷涂工", 10), ("操作工", 6)),
                    migrant_share=0.35, education=_W, party_share=0.05, ages=(20, 55),
                ),
            ),
        ),
        BranchPlan(
            "技术质量分会",
            (
                Department(
                    "技术研发部", 22, 0.30, (("部长", 1), ("副部长", 1)),
                    (("工程师", 8), ("助理工程师", 5), ("技术员", 6), ("工艺员", 3)),
                    education="technical", party_share=0.22, ages=(23, 52),
                ),
                Department(
                    "质量管理部", 18, 0.55, (("部长", 1),),
                    (("质检员", 10), ("检验员", 5), ("质量工程师", 3)),
                    migrant_share=0.05, education="technical", party_share=0.15, ages=(22, 55),
                ),
                Department(
                    "检测中心", 15, 0.60, (("主任", 1),),
                    (("检验员", 8), ("计量员", 3), ("技术员", 4)),
                    migrant_share=0.05, education="technical", party_share=0.12, ages=(22, 55),
                ),
            ),
        ),
        BranchPlan(
            "综合管理分会",
            (
                Department(
                    "综合办公室", 10, 0.60, (("主任", 1),),
                    (("文员", 3), ("行政专员", 3), ("司机", 2)),
                    party_share=0.30, ages=(23, 56),
                    fixed=(
                        FixedPerson("陈建国", "M", dt.date(1971, 3, 12), "工会主席", "cpc", "bachelor"),
                        FixedPerson("王晓红", "F", dt.date(1988, 9, 23), "工会干事", "cpc", "bachelor"),
                        FixedPerson("李明", "M", dt.date(1991, 11, 5), "信息管理员", "masses", "bachelor"),
                    ),
                ),
                Department(
                    "财务部", 7, 0.75, (("部长", 1),), (("会计", 4), ("出纳", 1), ("成本会计", 2)),
                    party_share=0.25, ages=(23, 56),
                ),
                Department(
                    "人力资源部", 6, 0.65, (("部长", 1),), (("人事专员", 3), ("薪酬专员", 1), ("培训专员", 1)),
                    party_share=0.25, ages=(23, 52),
                ),
                Department(
                    "销售部", 12, 0.35, (("部长", 1),), (("销售经理", 3), ("业务员", 6), ("销售内勤", 2)),
                    party_share=0.12, ages=(23, 50),
                ),
                Department(
                    "采购物流部", 9, 0.35, (("部长", 1),), (("采购员", 3), ("仓管员", 4), ("物流专员", 2)),
                    migrant_share=0.15, party_share=0.10, ages=(23, 55),
                ),
                Department(
                    "安全环保部", 6, 0.25, (("部长", 1),), (("安全员", 4), ("环保专员", 1)),
                    party_share=0.20, ages=(25, 55),
                ),
            ),
        ),
    ),
)  # fmt: skip

HOSPITAL = UnionPlan(
    code="demo-hospital",
    name="青山县人民医院工会",
    card_prefix="QSYY",
    founded=dt.date(2001, 7, 1),
    retired=2,
    transferred=1,
    retained=1,
    new_share=0.05,
    model_workers=((ModelWorkerLevel.CITY, 1),),
    model_worker_titles=("科主任", "主任医师", "副主任医师", "护士长", "主管护师"),
    transfer_notes=("调往县中医院，会员关系随转", "离职，会员关系转至新单位工会"),
    branches=(
        BranchPlan(
            "临床医疗分会",
            (
                Department(
                    "内科", 10, 0.45, (("科主任", 1),),
                    (("主任医师", 1), ("副主任医师", 2), ("主治医师", 3), ("住院医师", 3)),
                    education="doctor", party_share=0.30, ages=(25, 57),
                ),
                Department(
                    "外科", 9, 0.25, (("科主任", 1),),
                    (("主任医师", 1), ("副主任医师", 2), ("主治医师", 3), ("住院医师", 3)),
                    education="doctor", party_share=0.30, ages=(25, 57),
                ),
                Department(
                    "妇产科", 5, 0.90, (("科主任", 1),), (("副主任医师", 1), ("主治医师", 2), ("住院医师", 1)),
                    education="doctor", party_share=0.25, ages=(25, 57),
                ),
                Department(
                    "儿科", 3, 0.60, (), (("主治医师", 2), ("住院医师", 1)),
                    education="doctor", party_share=0.25, ages=(25, 55),
                ),
                Department(
                    "急诊科", 3, 0.40, (), (("主治医师", 2), ("住院医师", 1)),
                    education="doctor", party_share=0.25, ages=(25, 50),
                ),
            ),
        ),
        BranchPlan(
            "护理分会",
            (
                Department(
                    "护理部", 3, 1.0, (("护理部主任", 1),), (("护理干事", 1), ("主管护师", 1)),
                    education="nurse", party_share=0.40, ages=(30, 55),
                ),
                Department(
                    "住院部", 29, 0.93, (("护士长", 3),), (("主管护师", 3), ("护师", 4), ("护士", 5)),
                    education="nurse", party_share=0.15, ages=(21, 52),
                ),
            ),
        ),
        BranchPlan(
            "医技后勤分会",
            (
                Department(
                    "药剂科", 4, 0.60, (("科主任", 1),), (("主管药师", 1), ("药师", 2)),
                    education="technical", party_share=0.20, ages=(24, 56),
                ),
                Department(
                    "检验科", 4, 0.55, (("科主任", 1),), (("主管技师", 1), ("检验技师", 2)),
                    education="technical", party_share=0.20, ages=(24, 56),
                ),
                Department(
                    "放射科", 3, 0.30, (), (("医师", 1), ("技师", 2)),
                    education="technical", party_share=0.20, ages=(24, 56),
                ),
                Department(
                    "院办", 3, 0.60, (("主任", 1),), (("文员", 1), ("会计", 1)),
                    party_share=0.35, ages=(25, 56),
                ),
                Department(
                    "后勤保障科", 4, 0.40, (("科长", 1),), (("电工", 1), ("保洁员", 2), ("司机", 1)),
                    migrant_share=0.50, education=_W, party_share=0.05, ages=(25, 58),
                ),
            ),
        ),
    ),
)  # fmt: skip

GRASSROOTS = (FACTORY, HOSPITAL)
