"""Five seed summaries (/work/shared/seeds/annual-summaries-10.txt) as the records such a union
would have kept, entered through the services (welfare, members) or the models' validation (the
record pages' path), and the figures each seed states that the records hold.

`seed_share` measures how many of a seed's figures the generated summary states exactly. A
figure is the text as the seed writes it; money may also match in the other exact notation
(119000元 = 11.9万元), since both state the same amount exactly.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from activities.choices import ActivityCategory as A
from activities.choices import HonourLevel, RecipientKind
from activities.models import Activity, Honour
from democracy.choices import CongressKind
from democracy.models import Congress, Disclosure, Suggestion
from members.services import member_create
from reports.document import assemble
from reports.services import report_start
from tests.factories import UnionFactory, UserFactory, make_id_number
from unions.models import Role, UnionRole
from welfare.choices import DisbursementKind as K
from welfare.choices import DonationKind, Festival, FundingSource, HardshipCategory, HardshipCause
from welfare.models import DonationDrive
from welfare.services import (
    disbursement_approve,
    disbursement_create,
    disbursement_mark_paid,
    disbursement_submit,
    hardship_file_create,
)

Y = 2025


@dataclass
class Seed:
    name: str
    union: Any
    figures: list[str] = field(default_factory=list)  # as the seed writes them
    period: Any = None  # a records.periods.Period; None for the statistical year Y


def _saved(model: type, **fields: Any) -> Any:
    obj = model(**fields)
    obj.full_clean()
    obj.save()
    return obj


class Book:
    """One union's year: its people and the accounts that enter and approve."""

    def __init__(self, name: str, code: str, kind: str = "enterprise") -> None:
        self.union = UnionFactory(name=name, code=code)
        if hasattr(self.union, "kind"):
            self.union.kind = kind
            self.union.save()
        self.clerk = UserFactory(username=f"{code}-clerk")
        self.leader = UserFactory(username=f"{code}-leader")
        UnionRole.objects.create(user=self.clerk, union=self.union, role=Role.CLERK)
        UnionRole.objects.create(user=self.leader, union=self.union, role=Role.LEADER)
        self._n = 0

    def member(self, name: str = "", *, gender: str = "M", **fields: Any) -> Any:
        self._n += 1
        birth = dt.date(1975 + self._n % 20, 1 + self._n % 12, 1 + self._n % 27)
        return member_create(
            union=self.union,
            name=name or f"职工{self._n}",
            gender=gender,
            birth_date=birth,
            id_number=make_id_number(birth, gender),
            phone="13812345678",
            joined_on=fields.pop("joined_on", dt.date(2012, 3, 1)),
            **fields,
        )

    def members(self, count: int, *, women: int = 0) -> list[Any]:
        return [self.member(gender="F" if i < women else "M") for i in range(count)]

    def activity(self, category: str, title: str, day: dt.date, **fields: Any) -> Activity:
        extra = {k: v for k, v in fields.items() if hasattr(Activity, k)}
        return _saved(Activity, union=self.union, category=category, title=title, start_date=day, **extra)

    def honour(self, title: str, body: str, level: str, day: dt.date, member: Any = None) -> Honour:
        kind = RecipientKind.INDIVIDUAL if member else RecipientKind.COLLECTIVE
        return _saved(
            Honour,
            union=self.union,
            title=title,
            awarding_body=body,
            level=level,
            date=day,
            recipient_kind=kind,
            member=member,
        )

    def given(
        self, kind: str, day: dt.date, cash: str, *, member: Any = None, name: str = "", **fields: Any
    ) -> Any:
        who = {"member": member} if member else {"recipient_name": name}
        fields.setdefault("funding_source", FundingSource.UNION_FUNDS)
        record = disbursement_create(
            union=self.union, kind=kind, date=day, cash_amount=Decimal(cash), **who, **fields
        )
        record = disbursement_submit(disbursement=record, actor=self.clerk)
        record = disbursement_approve(disbursement=record, actor=self.leader)
        return disbursement_mark_paid(disbursement=record, actor=self.leader, paid_on=day)

    def hardship(self, member: Any, opened: dt.date, **fields: Any) -> Any:
        fields.setdefault("category", HardshipCategory.RELATIVE)
        fields.setdefault("main_cause", HardshipCause.SERIOUS_ILLNESS)
        fields.setdefault("household_size", 3)
        return hardship_file_create(union=self.union, member=member, opened_on=opened, **fields)


def school() -> Seed:
    """篇1: a school union — contests and their placings, 双学双比, sports, a sick teacher."""
    b = Book("实验中学工会", "seed-school", "school")
    b.members(60, women=34)
    b.activity(A.SKILL_CONTEST, "教师多媒体教学竞赛", dt.date(Y, 4, 10), participants=46)
    b.activity(A.SKILL_CONTEST, "教学能手评选", dt.date(Y, 10, 15), participants=52)
    b.activity(A.SPORTS_CULTURE, "教职工春季篮球赛", dt.date(Y, 3, 20), participants=40)
    b.activity(A.SPORTS_CULTURE, "演讲比赛", dt.date(Y, 5, 12), participants=18)
    b.activity(A.SPORTS_CULTURE, "征文比赛", dt.date(Y, 6, 2), participants=25)
    b.activity(A.SPORTS_CULTURE, "中老年教职工象棋赛", dt.date(Y, 11, 8), participants=12)
    b.activity(
        A.SPORTS_CULTURE,
        "市教工运动会",
        dt.date(Y, 9, 26),
        participants=30,
        cost=Decimal("12180"),
        results="团体总分排名第13",
    )
    b.activity(A.WOMEN, "“双学双比”立功竞赛", dt.date(Y, 3, 8), participants=34)
    b.activity(A.HEALTH_CHECK, "赴市一院体检", dt.date(Y, 5, 20), participants=58)
    teacher = b.member("季撮龙")
    b.given(K.SICKNESS, dt.date(Y, 4, 2), "2000", member=teacher, notes="患胰腺瘤住院")
    _saved(Disclosure, union=b.union, date=dt.date(Y, 3, 1), topic="校务公开方案", channel="board")
    figures = [
        "教师多媒体教学竞赛",
        "教学能手评选",
        "教职工春季篮球赛",
        "演讲比赛",
        "征文比赛",
        "中老年教职工象棋赛",
        "市教工运动会",
        "排名第13",
        "“双学双比”",
        "58人次",
        "12180元",
        "校务公开",
        "教职工",
    ]
    return Seed("篇1 学校", b.union, figures)


def hospital() -> Seed:
    """篇2: a hospital union — a hardship grant, a one-day drive, festival visits, a placing, checks."""
    b = Book("职工医院工会", "seed-hospital", "hospital")
    staff = b.members(80, women=56)
    b.given(K.LIVING, dt.date(Y, 1, 18), "200", member=staff[0])
    for i in range(15):
        for day, festival in ((dt.date(Y, 1, 20), Festival.SPRING), (dt.date(Y, 9, 15), Festival.MID_AUTUMN)):
            b.given(
                K.FESTIVAL,
                day,
                "300",
                name=f"离退休职工{i + 1}",
                recipient_relation="离退休职工",
                festival=festival,
            )
    for i in range(16):
        b.given(K.SICKNESS, dt.date(Y, 3 + i % 9, 5), "500", member=staff[10 + i])
    _saved(
        DonationDrive,
        union=b.union,
        title="救助困难职工一日捐",
        kind=DonationKind.ONE_DAY,
        date=dt.date(Y, 4, 22),
        participants=78,
        amount_raised=Decimal("1310"),
    )
    b.activity(
        A.SPORTS_CULTURE, "保运杯乒乓球比赛", dt.date(Y, 5, 20), participants=8, results="全公司第三名"
    )
    b.activity(A.HEALTH_CHECK, "一线职工体检", dt.date(Y, 3, 1), participants=3400)
    b.activity(A.HEALTH_CHECK, "总公司职工体检", dt.date(Y, 6, 1), participants=125)
    b.activity(A.HEALTH_CHECK, "军转干体检", dt.date(Y, 7, 1), participants=81)
    b.activity(A.HEALTH_CHECK, "技校学生体检", dt.date(Y, 9, 1), participants=92)
    b.activity(A.VOLUNTEER, "接种乙肝疫苗", dt.date(Y, 8, 1), participants=88)
    _saved(Disclosure, union=b.union, date=dt.date(Y, 1, 31), topic="每月各项支出明细", channel="board")
    figures = [
        "200元",
        "1310元",
        "30人次",
        "16人次",
        "全公司第三名",
        "3400人次",
        "125人次",
        "81人次",
        "92人次",
        "88人次",
        "每月各项支出明细",
        "院务公开",
    ]
    return Seed("篇2 医院", b.union, figures)


def group() -> Seed:
    """篇4: a corporate group — commendations, aid by kind and source, a health check, a film."""
    b = Book("xx集团工会", "seed-group")
    staff = b.members(260, women=100)
    b.activity(
        A.COMMENDATION,
        "年度总结表彰大会",
        dt.date(Y, 2, 20),
        participants=200,
        commended_groups=12,
        commended_people=49,
    )
    for i in range(6):
        b.given(K.FESTIVAL, dt.date(Y, 1, 20), "1200", member=staff[i], festival=Festival.SPRING)
    b.given(
        K.MEDICAL,
        dt.date(Y, 3, 3),
        "11000",
        member=b.member("林建忠"),
        funding_source=FundingSource.HIGHER_UNION,
    )
    b.given(
        K.MEDICAL,
        dt.date(Y, 3, 9),
        "5000",
        member=b.member("孙海利"),
        funding_source=FundingSource.HIGHER_UNION,
    )
    for i in range(3):
        b.given(K.LIVING, dt.date(Y, 4, 1), "1500", member=staff[10 + i])
    for i in range(2):
        b.given(K.STUDENT, dt.date(Y, 8, 20), "2500", member=staff[20 + i])
    for i in range(2):
        b.given(
            K.STUDENT, dt.date(Y, 8, 25), "5000", member=staff[30 + i], funding_source=FundingSource.DONATION
        )
    for i in range(20):
        b.hardship(staff[40 + i], dt.date(2024, 3, 1))
    b.activity(A.HEALTH_CHECK, "机关职工体检", dt.date(Y, 5, 10), participants=90, cost=Decimal("40000"))
    b.activity(A.SPORTS_CULTURE, "集体观影", dt.date(Y, 6, 1), participants=416)
    b.activity(
        A.SPORTS_CULTURE, "“社会主义核心价值观我与企业共成长”演讲比赛", dt.date(Y, 4, 28), participants=60
    )
    b.activity(A.WOMEN, "“三八”女职工跳绳比赛", dt.date(Y, 3, 8), participants=70)
    figures = [
        "先进集体12个",
        "先进个人49名",
        "262人",
        "7200元",
        "16000元",
        "4500元",
        "15000元",
        "20户",
        "4万元",
        "90人次",
        "416人次",
        "演讲比赛",
        "跳绳比赛",
    ]
    return Seed("篇4 集团", b.union, figures)


def workshop() -> Seed:
    """篇9: a workshop union — weekend sport, a hike, health checks, a drive, women's day visits."""
    b = Book("车间工会", "seed-workshop")
    staff = b.members(40, women=12)
    for i in range(3):
        b.member(joined_on=dt.date(Y, 7, 1 + i))
    b.activity(A.SPORTS_CULTURE, "周末羽毛球活动", dt.date(Y, 3, 15), participants=120)
    b.activity(A.SPORTS_CULTURE, "周末乒乓球活动", dt.date(Y, 4, 12), participants=96)
    b.activity(A.SPORTS_CULTURE, "职工爬山活动", dt.date(Y, 5, 1), participants=35)
    b.activity(A.HEALTH_CHECK, "全体职工体检", dt.date(Y, 6, 10), participants=43)
    b.activity(A.STUDY_TRAINING, "新调入职工集中培训", dt.date(Y, 7, 10), participants=3)
    _saved(
        DonationDrive,
        union=b.union,
        title="爱心一日捐",
        kind=DonationKind.ONE_DAY,
        date=dt.date(Y, 9, 5),
        participants=40,
        amount_raised=Decimal("4600"),
    )
    for i in range(11):
        b.given(K.FESTIVAL, dt.date(Y, 3, 8), "100", member=staff[i], festival=Festival.WOMENS_DAY)
    for i in range(5):
        b.given(K.RETIREMENT, dt.date(Y, 10, 9), "400", name=f"退休职工{i + 1}")
    figures = [
        "周末羽毛球活动",
        "周末乒乓球活动",
        "职工爬山活动",
        "43人次",
        "爱心一日捐",
        "4600元",
        "3人",
        "11人次",  # visits in 人次, as the seeds count them
        "1100元",
        "5人次",
    ]
    return Seed("篇9 车间", b.union, figures)


def mine() -> Seed:
    """篇10: an oil-field mine — suggestions adopted by name, 送温暖, women's training, placings."""
    b = Book("第一油矿工会", "seed-mine")
    staff = b.members(318, women=263)
    for i in range(86):
        adopted = i < 16
        _saved(
            Suggestion,
            union=b.union,
            title=f"生产改进建议{i + 1}",
            date=dt.date(Y, 3 + i % 9, 1),
            submitter=f"职工{i + 1}",
            adopted=adopted,
            adopted_on=dt.date(Y, 11, 1) if adopted else None,
            benefit=Decimal(1000 * (i + 1)) if adopted else Decimal("0"),
        )
    named = [
        ("赵勇辉", "关于在朝阳沟油田应用复合式井下固体防蜡阻垢技术的建议", "386000"),
        ("韩晓柱", "关于应用节电新技术的建议", "215000"),
        ("刘广学", "关于抽油机井口运用防倒灌工艺的建议", "98000"),
    ]
    # Three of the sixteen adopted carry the seed's names and the largest benefits.
    adopted = list(Suggestion.objects.filter(union=b.union, adopted=True).order_by("id")[:3])
    for record, (who, title, benefit) in zip(adopted, named, strict=True):
        record.submitter, record.title, record.benefit = who, title, Decimal(benefit)
        record.full_clean()
        record.save()
    for person in staff[:12]:
        b.given(K.LIVING, dt.date(Y, 1, 15), "2400", member=person)
    b.activity(A.STUDY_TRAINING, "女工岗位技能培训班", dt.date(Y, 4, 1), participants=300)
    b.activity(A.SPORTS_CULTURE, "厂灯展秧歌赛", dt.date(Y, 2, 12), participants=60, results="第一名")
    b.activity(A.SPORTS_CULTURE, "矿篮球赛", dt.date(Y, 5, 6), participants=80)
    b.activity(A.SPORTS_CULTURE, "矿拔河赛", dt.date(Y, 6, 6), participants=120)
    b.honour("厂广场文化月优秀组织单位", "厂工会", HonourLevel.INTERNAL, dt.date(Y, 8, 30))
    _saved(
        Congress,
        union=b.union,
        session="第五届第一次",
        date=dt.date(Y, 1, 20),
        kind=CongressKind.WORKERS,
        delegates_total=120,
        delegates_present=116,
        items="矿长工作报告\n《第一油矿效益奖管理考核办法》",
    )
    _saved(Disclosure, union=b.union, date=dt.date(Y, 3, 1), topic="职工疗养", channel="board")
    _saved(Disclosure, union=b.union, date=dt.date(Y, 4, 1), topic="误餐费管理", channel="board")
    figures = [
        "86条",
        "16条",
        "赵勇辉",
        "关于应用节电新技术的建议",
        "2.88万元",
        "263人",
        "300人次",
        "第一名",
        "优秀组织单位",
        "《第一油矿效益奖管理考核办法》",
        "职工疗养",
        "误餐费管理",
    ]
    return Seed("篇10 油矿", b.union, figures)


SEEDS: tuple[Callable[[], Seed], ...] = (school, hospital, group, workshop, mine)


def summary_text(union: Any, year: int = Y, period: Any = None) -> str:
    from reports.models import Report, ReportStatus

    if period is not None:
        report = report_start(union=union, period=period, actor=None)
    else:
        report = Report.objects.filter(union=union, year=year, status=ReportStatus.DRAFT).first()
        report = report or report_start(union=union, year=year, actor=None)
    doc = assemble(report)
    parts = list(doc.opening)
    for section in doc.sections:
        parts += [block["text"] for block in section.blocks]
    return "\n".join(parts + list(doc.closing))


def _wan_forms(text: str) -> list[str]:
    """12180元 also as 1.218万元, 2.88万元 also as 28800元: the same amount, exactly."""
    if text.endswith("万元"):
        amount = Decimal(text[:-2]) * 10000
    elif text.endswith("元") and text[:-1].replace(".", "").isdigit():
        amount = Decimal(text[:-1])
    else:
        return [text]
    yuan = f"{amount.normalize():f}元"
    wan = f"{(amount / 10000).normalize():f}万元"
    return [text, yuan, wan]


def stated(text: str, figure: str) -> bool:
    """The figure, not part of a longer number nor "5人" inside "5人次"."""
    for form in _wan_forms(figure):
        before = r"(?<![\d.])" if form[0].isdigit() else ""
        after = r"(?!次)" if form[-1] in "人件" else ""
        if re.search(before + re.escape(form) + after, text):
            return True
    return False


def seed_share(seed: Seed, text: str) -> tuple[int, int, list[str]]:
    missing = [f for f in seed.figures if not stated(text, f)]
    return len(seed.figures) - len(missing), len(seed.figures), missing
