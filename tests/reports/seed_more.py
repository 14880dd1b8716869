"""Three more seed summaries as records, entered through the services and the models'
validation like seed_unions: the county federation (篇3), the hardship-aid centre (篇5) and
the half-year company report (篇6).

A seed figure written approximately ("800多人", "20余万元") is listed as the number the records
hold ("800人"); one whose unit the records count differently stays as the seed writes it and
is counted as missed ("27000名" — competitions are counted in 人次).
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

from activities.choices import ActivityCategory as A
from activities.choices import HonourLevel
from aid.choices import ServiceKind as S
from aid.models import AidService
from demo.workbooks import indicator_workbook
from democracy.choices import ContractKind, ContractScope, DisclosureChannel
from democracy.models import CollectiveContract, Disclosure, Suggestion
from profiles.services import own_profile_save, profile_from_external_report
from records.periods import half_of
from rights.choices import DisputeType, LegalAidKind, MediationOutcome, PetitionChannel
from rights.models import LegalAid, MediationCase, Petition
from tests.reports.seed_unions import Book, Seed, Y, _saved
from unions.models import UnionLevel
from welfare.choices import DisbursementKind as K
from workbook.importing import import_external_report


def _contract(union: Any, title: str, workers: int, **fields: Any) -> CollectiveContract:
    fields.setdefault("signed_on", dt.date(Y, 4, 20))
    fields.setdefault("start_date", fields["signed_on"])
    fields.setdefault("end_date", dt.date(Y + 3, 4, 19))
    return _saved(CollectiveContract, union=union, title=title, workers_covered=workers, **fields)


def _profile(book: Book, **fields: Any) -> None:
    own_profile_save(union=book.union, year=Y, actor=book.clerk, **fields)


def _imported(county: Book, name: str, code: str, **values: Any) -> None:
    content = indicator_workbook(name=name, code=code, year=Y, values=values)
    report = import_external_report(
        union=county.union,
        upload=io.BytesIO(content),
        original_name=f"{name}{Y}年度统计年报.xlsx",
        user=county.clerk,
        accept_unverified=True,
    )
    profile_from_external_report(report=report, actor=county.clerk)


def county() -> Seed:
    """篇3: a county federation — contracts over the county (区域性、行业性 among them), the
    system's aid by kind, its own aid, training and events, units off the system by workbook."""
    c = Book("XX县总工会", "seed-county")
    c.union.level = UnionLevel.COUNTY
    c.union.save()

    def below(name: str, code: str) -> Book:
        b = Book(name, code)
        b.union.parent = c.union
        b.union.save()
        return b

    machine = below("中大机械有限公司工会", "seed-zhongda")
    machine.members(24, women=6)
    for i in range(6):
        machine.member(joined_on=dt.date(Y, 3 + i, 1))
    _profile(
        machine, unit_kind="private", workers=32, women_workers=8, has_congress=True, has_disclosure=True
    )
    machine.honour("模范职工之家", "县总工会", HonourLevel.COUNTY, dt.date(Y, 4, 28))
    _contract(machine.union, "中大机械集体合同", 30)

    pipes = below("正大制管有限公司工会", "seed-zhengda")
    pipes.members(20, women=4)
    _profile(pipes, unit_kind="joint_stock", workers=25, women_workers=5, has_congress=True)
    _contract(pipes.union, "正大制管工资专项集体合同", 20, kind=ContractKind.WAGE)

    town = below("城关镇联合工会", "seed-chengguan")
    town.members(15, women=7)
    _profile(town, unit_kind="private", workers=16, women_workers=7, joint_units=12)
    _contract(town.union, "城关镇区域性集体合同", 300, scope=ContractScope.REGIONAL, units_covered=12)

    for trade in ("建筑业", "商贸流通业", "餐饮业"):
        _contract(
            c.union,
            f"全县{trade}行业性工资专项集体合同",
            800,
            kind=ContractKind.WAGE,
            scope=ContractScope.INDUSTRY,
            units_covered=40,
        )
    _imported(
        c,
        "县建筑业联合工会",
        "ext-building",
        members=3000,
        members_joined=120,
        contracts_signed=50,
        contracts=50,
        contract_workers=3000,
        welfare_person_times=350,
        welfare_total=120000,
        welfare_living_times=350,
        welfare_living_amount=120000,
        hardship_opened=50,
        hardship_open=50,
        competitions=3,
        competition_participants=15000,
    )
    _imported(
        c,
        "县商贸流通企业联合工会",
        "ext-trade",
        members=2100,
        members_joined=80,
        contracts_signed=36,
        contracts=36,
        contract_workers=2000,
        welfare_person_times=250,
        welfare_total=85000,
        welfare_living_times=250,
        welfare_living_amount=85000,
        hardship_opened=30,
        hardship_open=30,
        competitions=2,
        competition_participants=12000,
    )
    for i in range(13):
        c.given(K.MEDICAL, dt.date(Y, 2 + i % 10, 10), "3000" if i < 10 else "2000", name=f"患病职工{i + 1}")
    for i in range(16):
        c.given(K.STUDENT, dt.date(Y, 8, 25), "1000" if i < 6 else "1700", name=f"困难职工子女{i + 1}")
    c.activity(A.STUDY_TRAINING, "全县工会干部培训班", dt.date(Y, 5, 15), participants=160)
    c.activity(A.SPORTS_CULTURE, "全县女职工文艺汇演", dt.date(Y, 3, 6), participants=300)
    c.activity(A.SPORTS_CULTURE, "“劳动者风采”文艺晚会", dt.date(Y, 4, 30), participants=500)
    c.activity(A.SPORTS_CULTURE, "“五一”职工篮球友谊比赛", dt.date(Y, 5, 1), participants=120)
    c.activity(A.OTHER, "劳模座谈会", dt.date(Y, 4, 25), participants=30)
    c.activity(A.SAFETY, "“安康杯”竞赛", dt.date(Y, 6, 1), participants=30000)
    figures = [
        "92份",
        "4份",
        "13人",
        "3.6万元",
        "600人次",
        "80户",
        "16人",
        "2.3万元",
        "27000名",  # competitions count 人次
        "160人次",
        "女职工文艺汇演",
        "文艺晚会",
        "篮球友谊比赛",
        "劳模座谈会",
        "安康杯",
    ]
    return Seed("篇3 县总工会", c.union, figures)


def aid_centre() -> Seed:
    """篇5: a hardship-aid centre — aid to thousands who are not its members, visits and calls
    apart, wages recovered for migrant workers, training, placement and small loans."""
    b = Book("市总工会困难职工帮扶中心", "seed-aid", "aid_centre")
    b.members(28, women=15)  # the centre's own staff

    def service(kind: str, title: str, day: dt.date, **fields: Any) -> None:
        _saved(AidService, union=b.union, kind=kind, title=title, date=day, **fields)

    service(S.RELIEF, "困难职工救助", dt.date(Y, 12, 31), persons=21357, amount=Decimal("15110000"))
    service(S.TEMPORARY, "日常临时救助", dt.date(Y, 12, 31), persons=68, amount=Decimal("50000"))
    service(S.STUDENT, "困难大学生助学", dt.date(Y, 8, 30), persons=90, amount=Decimal("185000"))
    service(S.SKILL_TRAINING, "家政服务、计算机、营养配餐培训", dt.date(Y, 11, 30), persons=800, items=16)
    service(S.STARTUP_TRAINING, "SYB学员", dt.date(Y, 6, 30), persons=75)
    service(S.STARTUP_TRAINING, "GYB学员", dt.date(Y, 9, 30), persons=42)
    service(S.PLACEMENT, "免费职业介绍", dt.date(Y, 12, 31), persons=1108, items=610, placed=510)
    service(S.JOB_BASE, "工会再就业基地", dt.date(Y, 10, 1), items=4, placed=255)
    service(S.SMALL_LOAN, "创业小额借款", dt.date(Y, 7, 1), persons=20, amount=Decimal("790000"), placed=423)
    _saved(
        Petition,
        union=b.union,
        date=dt.date(Y, 12, 31),
        channel=PetitionChannel.VISIT,
        cases=768,
        persons=768,
        subject="职工来访",
    )
    for i, persons in enumerate((60, 48, 36, 22, 18)):
        _saved(
            Petition,
            union=b.union,
            date=dt.date(Y, 3 + i, 8),
            channel=PetitionChannel.VISIT,
            cases=1,
            persons=persons,
            collective=True,
            subject=f"集体反映拖欠工资{i + 1}",
        )
    _saved(
        Petition,
        union=b.union,
        date=dt.date(Y, 12, 31),
        channel=PetitionChannel.PHONE,
        cases=1042,
        persons=1042,
        subject="来电求助",
    )
    for i, (workers, amount) in enumerate(((120, "702000"), (88, "467000"))):
        _saved(
            LegalAid,
            union=b.union,
            date=dt.date(Y, 5 + i, 10),
            kind=LegalAidKind.REPRESENTATION,
            subject=f"农民工追讨拖欠工资案{i + 1}",
            workers_represented=workers,
            migrant_workers=workers,
            amount_recovered=Decimal(amount),
        )
    _saved(
        MediationCase,
        union=b.union,
        received_on=dt.date(Y, 6, 3),
        parties="农民工陈庆春与某企业",
        subject="陈庆春工伤赔偿",
        dispute_type=DisputeType.INJURY,
        outcome=MediationOutcome.SUCCESS,
        closed_on=dt.date(Y, 7, 20),
        amount_recovered=Decimal("57000"),
        is_typical=True,
        typical_note="中心协同区安监局调查取证，企业赔偿伤残金和医药费",
    )
    _saved(
        MediationCase,
        union=b.union,
        received_on=dt.date(Y, 9, 3),
        parties="工亡、工伤农民工与用工单位",
        subject="工亡工伤经济赔偿",
        dispute_type=DisputeType.INJURY,
        workers_involved=9,
        outcome=MediationOutcome.SUCCESS,
        closed_on=dt.date(Y, 10, 20),
        amount_recovered=Decimal("280000"),
    )
    b.given(
        K.LIVING,
        dt.date(Y, 6, 5),
        "200",
        name="陈庆春",
        recipient_relation="工伤住院的农民工",
        is_typical=True,
        typical_note="因工伤住院",
    )
    for i in range(40):
        _saved(
            Suggestion,
            union=b.union,
            title="节约电话费" if i == 0 else f"改进服务建议{i}",
            date=dt.date(Y, 5, 10),
            submitter=f"中心职工{i + 1}",
            adopted=i == 0,
            adopted_on=dt.date(Y, 6, 1) if i == 0 else None,
            benefit=Decimal("6000") if i == 0 else Decimal("0"),
        )
    b.honour("市十大青年标杆集体", "团市委", HonourLevel.CITY, dt.date(Y, 5, 4))
    b.honour(
        "民办职业介绍机构信用等级评定AA信用等级单位",
        "辽宁省劳动和社会保障厅",
        HonourLevel.PROVINCIAL,
        dt.date(Y, 8, 20),
    )
    b.honour("再就业先进集体", "省劳动厅和省总工会", HonourLevel.PROVINCIAL, dt.date(Y, 9, 20))
    figures = [
        "21357人",
        "1511万元",
        "68人",
        "5万元",
        "90名",
        "18.5万元",
        "952人次",
        "1042次",
        "5起",
        "184人",
        "208名",
        "116.9万元",
        "33.7万元",
        "5.7万元",
        "陈庆春",
        "200元",
        "800人",
        "75人",
        "42人",
        "1108人",
        "610条",
        "510人",
        "4家",
        "255人",
        "20名",
        "79万元",
        "423人",
        "40条",
        "市十大青年标杆集体",
        "AA信用等级单位",
        "再就业先进集体",
    ]
    return Seed("篇5 帮扶中心", b.union, figures)


def half_year() -> Seed:
    """篇6: a company union's first half — visits and a forum for hardship families, 工人先锋号,
    safety, disclosure by board and intranet, 巾帼 contests, women's reading, cadre training."""
    b = Book("xx建设公司工会", "seed-half")
    staff = b.members(120, women=30)
    b.activity(A.OTHER, "困难职工子弟座谈会", dt.date(Y, 1, 26), participants=24)
    b.activity(A.LABOUR_COMPETITION, "“工人先锋号”创建劳动竞赛", dt.date(Y, 3, 10), participants=260)
    b.activity(A.SAFETY, "“一法三卡”安全活动", dt.date(Y, 4, 18), participants=180)
    b.activity(A.WOMEN, "“巾帼建功立业竞赛”", dt.date(Y, 3, 8), participants=30)
    b.activity(A.WOMEN, "“三八”女职工读书活动", dt.date(Y, 3, 8), participants=28)
    b.activity(A.STUDY_TRAINING, "工会干部培训", dt.date(Y, 5, 20), participants=36)
    b.activity(A.SPORTS_CULTURE, "公司职工篮球比赛", dt.date(Y, 9, 20), participants=80)  # 下半年: not in
    for i in range(8):
        b.given(K.FESTIVAL, dt.date(Y, 1, 20), "500", member=staff[i], festival="spring")
    for topic in ("企业改制改革", "重大投资决策", "工程项目管理", "物资设备采购"):
        _saved(Disclosure, union=b.union, date=dt.date(Y, 4, 1), topic=topic, channel=DisclosureChannel.BOARD)
    for topic in ("业务招待费使用", "薪酬分配办法"):
        _saved(Disclosure, union=b.union, date=dt.date(Y, 5, 1), topic=topic, channel=DisclosureChannel.OA)
    for i in range(12):
        _saved(
            Suggestion,
            union=b.union,
            title=f"生产经营建议{i + 1}",
            date=dt.date(Y, 2 + i % 4, 1),
            submitter=f"职工{i + 1}",
        )
    figures = [
        "上半年",
        "困难职工子弟座谈会",
        "工人先锋号",
        "一法三卡",
        "合理化建议",
        "企业改制改革",
        "重大投资决策",
        "工程项目管理",
        "物资设备采购",
        "业务招待费使用",
        "薪酬分配办法",
        "巾帼建功立业竞赛",
        "读书活动",
        "干部培训",
    ]
    seed = Seed("篇6 上半年", b.union, figures)
    seed.period = half_of(b.union, Y, 1)
    return seed


MORE_SEEDS = (county, aid_centre, half_year)
