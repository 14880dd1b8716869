"""The year's activities (活动台账) and honours (荣誉) of the demo unions.

A catalogue of what a machinery factory's union (and a county hospital's) typically holds,
month by month, as the seed summaries describe it: ball games and a tug of war in spring,
安康杯 in the safety month of June, skill contests by trade, the 三八 walk, health checks,
the New Year gala. Each year draws from it with its own randomness: most events happen
every year, a few only some years, and their dates, turnout and costs vary. Contests and
matches name the members who took part, so their results read like a real ledger.

Nothing is planned after `ctx.today`: an event still running today is entered once it ends.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from activities.choices import ActivityCategory as C
from activities.choices import HonourLevel, RecipientKind
from activities.models import Activity, Honour
from audit.models import Action
from audit.registry import log_event
from reports.document import chinese_number

from .cast import Cast, Roster, aged, cards, save
from .context import DemoContext
from .holidays import mid_autumn, weekend, workday
from .organisations import COUNTY_NAME
from .people import DemoMember

Test = Callable[[DemoMember], bool]


@dataclass(frozen=True)
class ActivityPlan:
    union_code: str
    category: str
    title: str
    start_date: dt.date
    end_date: dt.date | None
    place: str
    branch: str  # branch name, "" when the union organised it
    participants: int
    women_participants: int
    cost: Decimal
    results: str
    description: str
    members: tuple[str, ...] = ()  # card numbers of the members named as taking part


@dataclass(frozen=True)
class HonourPlan:
    union_code: str
    title: str
    awarding_body: str
    level: str
    date: dt.date
    member: str = ""  # card number for an individual honour


@dataclass(frozen=True)
class Spec:
    """One kind of event in a union's year."""

    category: str
    title: str  # may name {year} and {edition}
    months: tuple[int, int]  # held some day in these months (inclusive)
    place: str
    participants: tuple[int, int] = (0, 0)  # drawn, unless members are picked
    women: tuple[float, float] = (0.3, 0.4)  # share of women among the participants
    cost: tuple[int, int] = (0, 0)  # 元, rounded to 50
    days: int = 1
    chance: float = 1.0  # share of years in which it is held
    day: int = 0  # a fixed day of the month (三八, 植树节), else drawn
    on_weekend: bool = False
    pick: Test | None = None  # members taking part are named: who qualifies
    pick_count: tuple[int, int] = (0, 0)
    results: str = ""  # "podium" (members), "teams" (branches), "workshops", or fixed text
    description: str = ""
    edition_from: int = 0  # the year of the first edition, for titles with {edition}
    branch: str = ""
    before_mid_autumn: bool = False  # held in the days before 中秋


def _trade(*titles: str) -> Test:
    return lambda p: p.job_title in titles


def _men_born_after(year: int) -> Test:
    return lambda p: p.gender == "M" and p.birth_date.year > year


_ANYONE: Test = lambda p: True  # noqa: E731

FACTORY_TEAMS = ("机加工分会", "装配分会", "技术质量分会", "综合管理分会")
FACTORY_WORKSHOPS = ("机加工一车间", "机加工二车间", "热处理车间", "总装车间", "部装车间", "涂装车间")
HOSPITAL_TEAMS = ("临床医疗分会", "护理分会", "医技后勤分会")

# fmt: off
FACTORY_CATALOGUE: tuple[Spec, ...] = (
    # 评先评优 and the year's opening
    Spec(C.COMMENDATION, "年度先进集体和先进个人表彰大会", (1, 2), "公司大会议室", (180, 230), (0.3, 0.38), (9000, 12000),
         results="表彰先进集体6个、先进个人32名",
         description="对上一年度在生产经营、技术创新、安全生产中表现突出的集体和个人进行表彰，颁发荣誉证书和奖品。"),
    Spec(C.LABOUR_COMPETITION, "一季度“开门红”劳动竞赛", (1, 1), "各生产车间", (170, 200), (0.28, 0.34), (5000, 8000),
         days=80, results="workshops", description="围绕一季度产量、质量和交付指标开展车间、班组间竞赛，按月通报、季度考核。"),
    Spec(C.SPORTS_CULTURE, "职工象棋掼蛋比赛", (1, 2), "职工活动中心", (40, 64), (0.15, 0.25), (2000, 3500),
         chance=0.7, results="podium", pick=_ANYONE, pick_count=(40, 64)),
    # spring
    Spec(C.VOLUNTEER, "“学雷锋”志愿服务进社区", (3, 3), "城东社区", (25, 40), (0.4, 0.55), (800, 1500), day=5,
         description="组织青年职工志愿者到社区开展义务维修家电、健康义诊和环境清洁活动。"),
    Spec(C.WOMEN, "三八节女职工健步走", (3, 3), "青山湖绿道", (95, 118), (1.0, 1.0), (6000, 9000), day=8,
         description="庆祝“三八”国际妇女节，组织女职工沿青山湖绿道健步走5公里，并开展趣味闯关。"),
    Spec(C.HEALTH_CHECK, "女职工“两癌”免费筛查", (3, 4), "县妇幼保健院", (88, 110), (1.0, 1.0), (9000, 12000), days=10,
         description="与县妇幼保健院合作，为女职工开展宫颈癌、乳腺癌免费筛查，工会承担筛查费用。"),
    Spec(C.VOLUNTEER, "植树节义务植树", (3, 3), "青山县城北植树基地", (30, 45), (0.3, 0.4), (1000, 2000), day=12,
         chance=0.6, on_weekend=True),
    Spec(C.STUDY_TRAINING, "新会员入会教育培训", (3, 4), "公司培训室", (12, 22), (0.3, 0.45), (800, 1500),
         description="讲解《中国工会章程》、会员的权利和义务，介绍公司工会组织和各项服务，为新会员发放会员证。"),
    Spec(C.SPORTS_CULTURE, "春季职工篮球赛", (4, 4), "公司篮球场", days=12, women=(0.0, 0.0), cost=(8000, 12000),
         pick=_men_born_after(1980), pick_count=(48, 60), results="teams",
         description="以分会为单位组队，采用单循环赛制，利用午休和下班后时间进行。"),
    Spec(C.SPORTS_CULTURE, "“迎五一”职工拔河比赛", (4, 4), "公司篮球场", (150, 180), (0.25, 0.32), (4000, 6000),
         results="teams", description="各分会、车间组队参赛，每队10人（其中女职工不少于2人）。"),
    Spec(C.HEALTH_CHECK, "职工健康体检", (4, 5), "县人民医院体检中心", (255, 285), (0.35, 0.4), (12000, 16000), days=30,
         description="组织全体职工分批体检，工会为每人补贴50元加项检查费用，体检基本费用由公司承担。"),
    Spec(C.COMMENDATION, "“最美职工”评选", (4, 4), "公司大会议室", (20, 30), (0.3, 0.45), (5000, 8000),
         results="评出“最美职工”10名", description="结合“五一”国际劳动节，由各分会推荐、职工投票评选“最美职工”。"),
    Spec(C.SPORTS_CULTURE, "职工读书月暨“书香工会”征文比赛", (4, 5), "职工书屋", (35, 55), (0.45, 0.6), (3000, 5000),
         days=30, results="评出一等奖2篇、二等奖4篇、三等奖6篇"),
    Spec(C.SAFETY, "安全生产应急救援演练", (6, 6), "热处理车间", (60, 85), (0.1, 0.2), (2000, 3000),
         description="结合“安全生产月”，模拟热处理车间淬火油槽起火，开展报警、疏散、灭火和救护演练。"),
    Spec(C.SAFETY, "“安康杯”安全知识竞赛", (6, 6), "公司大会议室", (36, 48), (0.2, 0.3), (4000, 6000),
         pick=_trade("班组长", "安全员", "操作工", "装配工", "数控车工", "质检员"), pick_count=(24, 32), results="teams",
         description="各分会选派代表队参加必答、抢答和风险题环节，全体职工在线参与知识答题。"),
    Spec(C.SAFETY, "“安全隐患随手拍”活动", (6, 7), "各车间", (90, 130), (0.15, 0.25), (2000, 3500), days=30,
         results="征集隐患照片186张，整改隐患142处"),
    Spec(C.WOMEN, "女职工权益保护知识讲座", (5, 6), "公司培训室", (70, 95), (1.0, 1.0), (1000, 2000),
         description="邀请县总工会法律顾问讲解《女职工劳动保护特别规定》和女职工专项集体合同条款。"),
    Spec(C.SPORTS_CULTURE, "“庆七一”职工红歌合唱比赛", (6, 6), "公司大礼堂", (120, 160), (0.35, 0.45), (8000, 12000),
         chance=0.6, results="teams"),
    Spec(C.SPORTS_CULTURE, "职工乒乓球比赛", (5, 5), "职工活动中心", women=(0.2, 0.3), cost=(3000, 5000), days=3,
         pick=_ANYONE, pick_count=(48, 64), results="podium"),
    Spec(C.VOLUNTEER, "职工无偿献血", (7, 7), "公司门口献血车", (38, 55), (0.3, 0.4), (1000, 2000),
         results="献血总量1.2万毫升", description="与县中心血站合作组织职工无偿献血，工会为献血职工送上营养品。"),
    # summer
    Spec(C.STUDY_TRAINING, "工会干部业务培训", (7, 8), "县职工服务中心", (22, 30), (0.4, 0.5), (3000, 5000), days=2,
         description="组织分会主席、工会小组长学习《工会法》、工会经费管理和会员服务规范。"),
    Spec(C.HEALTH_CHECK, "接触职业危害岗位职工职业健康检查", (7, 8), "县疾控中心", (80, 105), (0.1, 0.2), (0, 0), days=15,
         description="为热处理、涂装、焊接等接触职业危害因素岗位职工开展职业健康检查，费用由公司承担。"),
    Spec(C.LABOUR_COMPETITION, "“大干一百天”劳动竞赛", (8, 8), "各生产车间", (200, 240), (0.3, 0.35), (6000, 9000),
         days=100, results="workshops", description="围绕全年生产目标开展百日竞赛，设立产量、质量、安全和节能降耗四项指标。"),
    # autumn
    Spec(C.STUDY_TRAINING, "班组长管理能力提升培训", (9, 9), "公司培训室", (28, 34), (0.15, 0.25), (4000, 6000), days=2,
         pick=_trade("班组长"), pick_count=(28, 36)),
    Spec(C.LABOUR_COMPETITION, "“质量月”劳动竞赛", (9, 9), "各车间、技术质量部门", (150, 190), (0.3, 0.4), (6000, 9000),
         days=30, results="评出质量标兵班组3个、质量之星10名"),
    Spec(C.SPORTS_CULTURE, "中秋游园猜灯谜活动", (9, 9), "公司广场", (180, 230), (0.4, 0.45), (5000, 8000),
         before_mid_autumn=True),
    Spec(C.SPORTS_CULTURE, "第{edition}届职工趣味运动会", (10, 10), "县体育中心", (210, 250), (0.36, 0.42),
         (12000, 16000), on_weekend=True, results="teams", edition_from=2014,
         description="设置托球跑、同心鼓、袋鼠跳、拔河等12个集体和个人项目。"),
    Spec(C.VOLUNTEER, "重阳节敬老院志愿服务", (10, 10), "青山县社会福利院", (18, 30), (0.5, 0.6), (3000, 5000),
         description="青年志愿者为老人打扫卫生、表演节目，工会为福利院送去米、油等慰问品。"),
    Spec(C.SPORTS_CULTURE, "职工羽毛球比赛", (10, 11), "县全民健身中心", women=(0.3, 0.4), cost=(3000, 4500), days=2,
         pick=_ANYONE, pick_count=(36, 48), results="podium", chance=0.7),
    Spec(C.SPORTS_CULTURE, "职工登山健身活动", (11, 11), "青山国家森林公园", (110, 150), (0.35, 0.42), (6000, 9000),
         on_weekend=True),
    Spec(C.SAFETY, "消防安全知识培训和疏散演练", (11, 11), "公司办公楼、各车间", (240, 270), (0.35, 0.4), (1500, 2500), day=9,
         description="结合“119”消防宣传日，邀请县消防救援大队讲解灭火器使用并组织全员疏散演练。"),
    Spec(C.STUDY_TRAINING, "《劳动合同法》普法讲座", (11, 11), "公司培训室", (60, 90), (0.3, 0.4), (1500, 2500)),
    Spec(C.STUDY_TRAINING, "职工心理健康讲座", (11, 12), "公司培训室", (50, 80), (0.45, 0.6), (2000, 3000), chance=0.7),
    Spec(C.WOMEN, "“巾帼建功”岗位竞赛", (5, 5), "各车间、部门", (60, 80), (1.0, 1.0), (5000, 8000), days=150,
         results="评出“巾帼岗位能手”8名"),
    Spec(C.COMMENDATION, "优秀班组长评选", (12, 12), "公司大会议室", (30, 36), (0.15, 0.25), (3000, 5000),
         pick=_trade("班组长"), pick_count=(28, 36), results="评出优秀班组长8名"),
    Spec(C.SPORTS_CULTURE, "元旦迎新职工文艺汇演", (12, 12), "公司大礼堂", (240, 280), (0.38, 0.45), (15000, 20000),
         day=28, description="各分会自编自演舞蹈、小品、合唱等节目16个，职工家属一同观看。"),
    Spec(C.OTHER, "“夏送清凉”进车间", (7, 7), "各生产车间", (200, 230), (0.3, 0.35), (0, 0), day=10,
         description="工会和公司领导深入高温岗位，为一线职工送去防暑降温用品（发放记录见帮扶慰问台账）。"),
)

# (trade, job titles that compete, where, the branch that organises it)
SKILL_TRADES = (
    ("车工", ("数控车工",), "机加工一车间", "机加工分会"),
    ("焊工", ("焊工",), "部装车间", "装配分会"),
    ("钳工", ("钳工", "设备维修工"), "机加工二车间", "机加工分会"),
    ("装配工", ("装配工",), "总装车间", "装配分会"),
    ("叉车工", ("叉车工", "行车工", "物料员"), "总装车间", "装配分会"),
    ("质检员", ("质检员", "检验员"), "检测中心", "技术质量分会"),
    ("数控铣工", ("铣工", "磨工"), "机加工一车间", "机加工分会"),
)

HOSPITAL_CATALOGUE: tuple[Spec, ...] = (
    Spec(C.WOMEN, "三八节女职工健步走", (3, 3), "青山湖绿道", (48, 60), (1.0, 1.0), (3000, 4500), day=8),
    Spec(C.SKILL_CONTEST, "护理技能竞赛（静脉输液、心肺复苏）", (5, 5), "医院技能培训中心", (24, 32), (0.9, 1.0), (3000, 5000),
         branch="护理分会",
         pick=lambda p: p.job_title in ("护士", "护师", "主管护师"), pick_count=(14, 20), results="podium", day=10),
    Spec(C.SKILL_CONTEST, "医师急救技能比武", (9, 9), "医院技能培训中心", women=(0.4, 0.5), cost=(3000, 4500),
         pick=lambda p: p.job_title in ("住院医师", "主治医师"), pick_count=(10, 16), results="podium"),
    Spec(C.SPORTS_CULTURE, "职工羽毛球比赛", (4, 4), "县全民健身中心", women=(0.5, 0.6), cost=(2000, 3000),
         pick=_ANYONE, pick_count=(20, 30), results="podium", on_weekend=True),
    Spec(C.HEALTH_CHECK, "职工健康体检", (4, 5), "本院体检中心", (70, 78), (0.65, 0.72), (6000, 8000), days=20),
    Spec(C.STUDY_TRAINING, "医德医风专题培训", (6, 6), "医院学术报告厅", (60, 75), (0.6, 0.7), (1000, 2000)),
    Spec(C.VOLUNTEER, "“健康义诊进社区”志愿服务", (8, 8), "城西社区", (16, 24), (0.5, 0.6), (1500, 2500), day=19,
         description="结合“中国医师节”，组织医护人员到社区开展义诊和健康讲座。"),
    Spec(C.COMMENDATION, "“中国医师节”优秀医师表彰", (8, 8), "医院学术报告厅", (40, 55), (0.4, 0.5), (4000, 6000), day=19,
         results="表彰优秀医师6名"),
    Spec(C.SAFETY, "“安康杯”消防安全知识竞赛", (6, 6), "医院学术报告厅", (30, 40), (0.6, 0.7), (1500, 2500)),
    Spec(C.SPORTS_CULTURE, "职工趣味运动会", (10, 10), "县体育中心", (55, 70), (0.65, 0.72), (6000, 9000),
         results="teams", on_weekend=True),
    Spec(C.STUDY_TRAINING, "新职工入会教育", (9, 9), "医院会议室", (6, 12), (0.6, 0.8), (500, 800)),
    Spec(C.SPORTS_CULTURE, "迎新春职工文艺联欢会", (12, 12), "医院学术报告厅", (65, 78), (0.65, 0.72), (8000, 12000),
         day=26),
)
# fmt: on


def _round(value: float, step: int = 50) -> Decimal:
    return Decimal(int(round(value / step)) * step)


def _names(people: list[DemoMember]) -> str:
    return "、".join(p.name for p in people)


def _podium(people: list[DemoMember], with_department: bool = True) -> str:
    if len(people) < 6:
        return ""
    first, second, third = people[0], people[1:3], people[3:6]

    def who(p: DemoMember) -> str:
        return f"{p.name}（{p.department}）" if with_department else p.name

    return (
        f"一等奖：{who(first)}；二等奖：{'、'.join(who(p) for p in second)}；"
        f"三等奖：{'、'.join(who(p) for p in third)}"
    )


def _teams(rng: random.Random, teams: tuple[str, ...]) -> str:
    order = rng.sample(teams, 3)
    return f"{order[0]}获得第一名，{order[1]}获得第二名，{order[2]}获得第三名"


class ActivityPlanner:
    """Draws one union's activities for the demo's two years."""

    def __init__(self, ctx: DemoContext, roster: Roster, teams: tuple[str, ...]) -> None:
        self.ctx = ctx
        self.roster = roster
        self.teams = teams
        self.rng = ctx.rng(f"activities:{roster.code}")

    def year(self, year: int, catalogue: tuple[Spec, ...]) -> list[ActivityPlan]:
        plans = []
        for spec in catalogue:
            # Every spec consumes the same draws whether or not it is held, so that one
            # event's fate never shifts the dates of the next.
            held = self.rng.random() < spec.chance
            plan = self._one(spec, year)
            if held and plan is not None:
                plans.append(plan)
        return plans

    def _date(self, spec: Spec, year: int) -> dt.date:
        month = self.rng.randint(*spec.months)
        day = spec.day or self.rng.randint(3, 26)
        if spec.before_mid_autumn:
            return workday(mid_autumn(year) - dt.timedelta(days=self.rng.randint(1, 3)))
        start = dt.date(year, month, day)
        if spec.on_weekend:
            return weekend(start)
        return start if spec.day else workday(start)

    def _one(self, spec: Spec, year: int, title: str = "") -> ActivityPlan | None:
        rng = self.rng
        start = self._date(spec, year)
        end = start + dt.timedelta(days=spec.days - 1) if spec.days > 1 else None
        picked: list[DemoMember] = []
        if spec.pick is not None:
            pool_test = spec.pick
            picked = self.roster.pick(rng, start, rng.randint(*spec.pick_count), pool_test)
        women_share = rng.uniform(*spec.women)
        if picked:
            participants = len(picked)
            women = sum(p.gender == "F" for p in picked)
        else:
            participants = rng.randint(*spec.participants)
            women = round(participants * women_share)
        cost = _round(rng.uniform(*spec.cost)) if spec.cost[1] else Decimal("0")
        results = spec.results
        if results == "podium":
            results = _podium(picked)
        elif results == "teams":
            results = _teams(rng, self.teams)
        elif results == "workshops":
            results = _teams(rng, FACTORY_WORKSHOPS)
        if not self.ctx.happened(end or start):
            return None
        edition = chinese_number(year - spec.edition_from + 1) if spec.edition_from else ""
        return ActivityPlan(
            union_code=self.roster.code,
            category=spec.category,
            title=title or spec.title.format(year=year, edition=edition),
            start_date=start,
            end_date=end,
            place=spec.place,
            branch=spec.branch,
            participants=participants,
            women_participants=women,
            cost=cost,
            results=results,
            description=spec.description,
            members=cards(picked),
        )

    def skill_contests(self, year: int, how_many: int) -> list[ActivityPlan]:
        """岗位练兵技能比武 for a few trades a year, each with its own named contestants."""
        plans = []
        for trade, titles, place, branch in self.rng.sample(SKILL_TRADES, how_many):
            spec = Spec(
                C.SKILL_CONTEST,
                f"岗位练兵技能比武（{trade}）",
                (5, 10),
                place,
                women=(0, 0),
                cost=(4000, 7000),
                pick=_trade(*titles),
                pick_count=(10, 24),
                results="podium",
                description=f"理论考试与实际操作相结合，实操按{trade}中级工标准命题，优胜者推荐参加县职工职业技能大赛。",
                branch=branch,
            )
            plan = self._one(spec, year)
            if plan is not None:
                plans.append(plan)
        return plans


def plan_activities(ctx: DemoContext, rosters: dict[str, Roster]) -> tuple[ActivityPlan, ...]:
    plans: list[ActivityPlan] = []
    factory = ActivityPlanner(ctx, rosters["demo"], FACTORY_TEAMS)
    hospital = ActivityPlanner(ctx, rosters["demo-hospital"], HOSPITAL_TEAMS)
    for year in ctx.years:
        plans += factory.year(year, FACTORY_CATALOGUE)
        plans += factory.skill_contests(year, 4 if year == ctx.year else 3)
        plans += hospital.year(year, HOSPITAL_CATALOGUE)
    return tuple(sorted(plans, key=lambda p: (p.union_code, p.start_date, p.title)))


# --- honours ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _HonourSpec:
    title: str
    body: str
    level: str
    month: int
    individual: Test | None = None


_CITY = "市总工会"
_COUNTY = f"{COUNTY_NAME}总工会"
FACTORY_HONOURS = {
    "last": (
        _HonourSpec(f"{COUNTY_NAME}模范职工之家", _COUNTY, HonourLevel.COUNTY, 4),
        _HonourSpec("全市“安康杯”竞赛优胜单位", f"{_CITY}、市应急管理局", HonourLevel.CITY, 3),
        _HonourSpec(
            f"{COUNTY_NAME}五一劳动奖章", _COUNTY, HonourLevel.COUNTY, 4, _trade("数控车工", "班组长", "钳工")
        ),
        _HonourSpec(
            "全县优秀工会积极分子", _COUNTY, HonourLevel.COUNTY, 12, _trade("班组长", "质检员", "装配工")
        ),
    ),
    "this": (
        _HonourSpec(f"{COUNTY_NAME}五一劳动奖状", _COUNTY, HonourLevel.COUNTY, 4),
        _HonourSpec(
            "全市职工职业技能大赛（焊工）三等奖",
            f"{_CITY}、市人力社保局",
            HonourLevel.CITY,
            9,
            _trade("焊工"),
        ),
        _HonourSpec("全市优秀工会工作者", _CITY, HonourLevel.CITY, 5, lambda p: p.name == "王晓红"),
    ),
}
HOSPITAL_HONOURS = {
    "last": (_HonourSpec(f"{COUNTY_NAME}巾帼文明岗（住院部）", "县妇联、县总工会", HonourLevel.COUNTY, 3),),
    "this": (
        _HonourSpec("全市优秀护士", "市卫生健康委员会", HonourLevel.CITY, 5, _trade("护士长", "主管护师")),
    ),
}


def plan_honours(ctx: DemoContext, rosters: dict[str, Roster]) -> tuple[HonourPlan, ...]:
    plans = []
    for code, table in (("demo", FACTORY_HONOURS), ("demo-hospital", HOSPITAL_HONOURS)):
        rng = ctx.rng(f"honours:{code}")
        roster = rosters[code]
        for year, key in ((ctx.year, "last"), (ctx.current_year, "this")):
            for spec in table[key]:
                day = workday(dt.date(year, spec.month, rng.randint(5, 28)))
                member = ""
                if spec.individual is not None:
                    qualifies, grown = spec.individual, aged(day, 28)
                    chosen = roster.pick(rng, day, 1, lambda p, q=qualifies, g=grown: q(p) and g(p))
                    if not chosen:
                        continue
                    member = chosen[0].card_number
                if ctx.happened(day):
                    plans.append(HonourPlan(code, spec.title, spec.body, spec.level, day, member))
    return tuple(plans)


# --- writing ---------------------------------------------------------------------------------


def load_activities(cast: Cast, plans: tuple[ActivityPlan, ...]) -> int:
    for plan in plans:
        activity = save(
            Activity(
                union=cast.unions[plan.union_code],
                category=plan.category,
                title=plan.title,
                start_date=plan.start_date,
                end_date=plan.end_date,
                place=plan.place,
                branch=cast.branch(plan.union_code, plan.branch),
                participants=plan.participants,
                women_participants=plan.women_participants,
                cost=plan.cost,
                results=plan.results,
                description=plan.description,
            )
        )
        if plan.members:
            members = [cast.members[plan.union_code][card] for card in plan.members]
            activity.members.set(members)
            # As activities.services.activity_save does: the chosen members as one change line.
            log_event(activity, Action.UPDATE, {"members": ["", "、".join(sorted(m.name for m in members))]})
    return len(plans)


def load_honours(cast: Cast, plans: tuple[HonourPlan, ...]) -> int:
    for plan in plans:
        save(
            Honour(
                union=cast.unions[plan.union_code],
                recipient_kind=RecipientKind.INDIVIDUAL if plan.member else RecipientKind.COLLECTIVE,
                member=cast.member(plan.union_code, plan.member),
                title=plan.title,
                awarding_body=plan.awarding_body,
                level=plan.level,
                date=plan.date,
            )
        )
    return len(plans)
