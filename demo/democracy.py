"""The factory's democratic management (民主管理) over the demo's two years.

The workers' congress meets every spring (a five-year term; the last year of a term adds a
December session that adopts the election rules for the next one), delegates hand in
proposals before it and the departments answer them over the following months. Affairs
are disclosed every quarter (厂务公开). The collective contracts run for three years (the
wage agreement for one); the 劳动安全卫生 agreement is drawn to run out within weeks of
`today`, so the dashboard's renewal warning has something to show. Staff hand in
suggestions (合理化建议) through the year; management, the party branch and the union
meet each quarter (党政工联席会).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from democracy.choices import CongressKind, ContractKind, DisclosureChannel, ProposalStatus
from democracy.models import CollectiveContract, Congress, Disclosure, JointMeeting, Proposal, Suggestion
from reports.document import chinese_number

from .cast import Cast, Roster, save
from .context import DemoContext
from .holidays import workday

FIRST_TERM_YEAR = 2011  # the first congress of the factory's current numbering
TERM_YEARS = 5
DELEGATE_SHARE = 0.4


@dataclass(frozen=True)
class CongressPlan:
    session: str
    date: dt.date
    delegates_total: int
    delegates_present: int
    delegates_women: int
    items: str
    resolutions: str


@dataclass(frozen=True)
class ProposalPlan:
    session: str  # the congress it was handed in for
    number: str
    title: str
    submitted_on: dt.date
    submitter_member: str  # card number of the lead delegate
    submitter: str  # the co-signing delegates, if any
    content: str
    status: str
    department: str
    reply: str
    replied_on: dt.date | None


@dataclass(frozen=True)
class DisclosurePlan:
    date: dt.date
    topic: str
    channel: str
    content: str


@dataclass(frozen=True)
class ContractPlan:
    kind: str
    title: str
    signed_on: dt.date
    start_date: dt.date
    end_date: dt.date
    workers_covered: int
    wage_growth: Decimal | None
    negotiation_rounds: int
    notes: str


@dataclass(frozen=True)
class SuggestionPlan:
    title: str
    date: dt.date
    submitter_member: str
    content: str
    adopted: bool
    adopted_on: dt.date | None
    benefit: Decimal


@dataclass(frozen=True)
class MeetingPlan:
    date: dt.date
    topic: str
    attendees: str
    decisions: str


@dataclass(frozen=True)
class DemocracyPlan:
    union_code: str
    congresses: tuple[CongressPlan, ...]
    proposals: tuple[ProposalPlan, ...]
    disclosures: tuple[DisclosurePlan, ...]
    contracts: tuple[ContractPlan, ...]
    suggestions: tuple[SuggestionPlan, ...]
    meetings: tuple[MeetingPlan, ...]


def _anniversary(day: dt.date, years: int) -> dt.date:
    return (
        day.replace(year=day.year + years)
        if (day.month, day.day) != (2, 29)
        else day.replace(year=day.year + years, day=28)
    )


# --- congresses and proposals --------------------------------------------------------------


def term_of(year: int) -> tuple[int, int]:
    """(term, year within the term), both from 1."""
    return (year - FIRST_TERM_YEAR) // TERM_YEARS + 1, (year - FIRST_TERM_YEAR) % TERM_YEARS + 1


def session_label(term: int, number: int) -> str:
    return f"第{chinese_number(term)}届第{chinese_number(number)}次"


def plan_congresses(ctx: DemoContext, roster: Roster, rng: random.Random) -> list[CongressPlan]:
    plans = []
    for year in ctx.years:
        term, nth = term_of(year)
        spring = workday(dt.date(year, 3, rng.randint(12, 24)))
        sessions = [(spring, nth, "spring")]
        if nth == TERM_YEARS:
            sessions.append((workday(dt.date(year, 12, rng.randint(10, 20))), nth + 1, "term_end"))
        for day, number, kind in sessions:
            people = roster.on(day)
            total = round(len(people) * DELEGATE_SHARE)
            women_share = sum(p.gender == "F" for p in people) / len(people)
            items, resolutions = _agenda(kind, year, term, nth, renews_contract=year == ctx.year)
            if ctx.happened(day):
                plans.append(
                    CongressPlan(
                        session=session_label(term, number),
                        date=day,
                        delegates_total=total,
                        delegates_present=total - rng.randint(3, 9),
                        delegates_women=round(total * women_share * rng.uniform(0.95, 1.05)),
                        items=items,
                        resolutions=resolutions,
                    )
                )
    return plans


def _agenda(kind: str, year: int, term: int, nth: int, *, renews_contract: bool) -> tuple[str, str]:
    if kind == "term_end":
        items = [f"第{chinese_number(term + 1)}届职工代表选举办法", f"{year + 1}年度职工福利实施方案"]
        return "\n".join(items), (
            f"审议通过《第{chinese_number(term + 1)}届职工代表选举办法》和《{year + 1}年度职工福利实施方案》，"
            "决定于次年一季度完成职工代表换届选举。"
        )
    items = [
        "总经理工作报告",
        "工会工作报告",
        "职工福利费使用情况报告",
        f"{year}年度工资专项集体合同（草案）",
        "提案工作报告",
    ]
    resolution = "审议通过总经理工作报告、工会工作报告和职工福利费使用情况报告；审议通过本年度工资专项集体合同（草案），授权工会主席签订。"
    if nth == 1:
        items.insert(0, "职工代表资格审查报告")
        resolution += f"大会确认第{chinese_number(term)}届职工代表资格。"
    if renews_contract:  # the general contract is renewed in the last complete year
        items.insert(3, "集体合同（草案）")
        resolution += "审议通过新一期集体合同（草案）。"
    return "\n".join(items), resolution


# (title, department, reply when closed)
PROPOSALS = (
    (
        "关于改善机加工车间夏季通风降温条件的提案",
        "设备动力部",
        "已在机加工一、二车间加装工业风扇12台和冷风机4台，车间温度平均下降4℃。",
    ),
    ("关于增设夜班职工工作餐的提案", "综合办公室", "自5月起食堂为夜班职工提供夜宵，每餐补贴8元。"),
    (
        "关于完善技能等级与岗位工资挂钩办法的提案",
        "人力资源部",
        "已修订《技能人才岗位津贴办法》，高级工、技师每月分别增加津贴200元、400元。",
    ),
    ("关于增加职工电动车停车棚和充电桩的提案", "综合办公室", "已在厂区东门新建停车棚1座，安装充电桩40个。"),
    ("关于更换老旧更衣柜的提案", "综合办公室", "已为总装、部装车间更换更衣柜180组。"),
    (
        "关于开设职工子女暑期托管班的提案",
        "工会",
        "暑期与城东社区合办托管班，接收职工子女36名，工会承担部分费用。",
    ),
    ("关于提高夜班津贴标准的提案", "人力资源部", "经工资集体协商，夜班津贴由每班25元提高到30元。"),
    ("关于建设“爱心妈咪小屋”的提案", "工会", "已在综合楼二楼建成“爱心妈咪小屋”，配备冰箱、沙发和消毒设备。"),
    ("关于增设车间直饮水设备的提案", "设备动力部", "已在各车间安装直饮水机10台。"),
    ("关于优化倒班职工作息安排的提案", "生产管理部", "经试行调整为“四班三运转”，倒班职工休息时间增加。"),
    ("关于改善职工宿舍热水供应的提案", "综合办公室", "宿舍楼已改造为空气能热水系统，全天供应热水。"),
    (
        "关于开展职工技能等级认定的提案",
        "人力资源部",
        "公司已备案为职业技能等级认定机构，全年认定车工、焊工等工种86人。",
    ),
    ("关于增加职工疗休养名额的提案", "工会", "疗休养名额由每年20人增加到30人，优先安排一线职工和劳模。"),
    ("关于完善班组长津贴制度的提案", "人力资源部", "班组长津贴按班组人数分三档发放，每月增加100元至300元。"),
    (
        "关于加强厂区道路交通安全管理的提案",
        "安全环保部",
        "已在厂区主要路口设置减速带和反光镜，划定人车分流通道。",
    ),
    (
        "关于为涂装车间职工配备新型防毒面具的提案",
        "安全环保部",
        "已为涂装车间全体职工更换新型防毒面具，并按季度更换滤盒。",
    ),
    ("关于建设职工健身房的提案", "工会", "已利用原仓库改建职工健身房，配备跑步机、动感单车等器材。"),
    (
        "关于提高职工食堂饭菜质量的提案",
        "综合办公室",
        "已重新招标食堂承包单位，每月召开一次伙委会听取职工意见。",
    ),
    ("关于组织新进职工师带徒结对的提案", "人力资源部", "已签订师带徒协议42对，师傅每月享受带徒津贴。"),
    (
        "关于规范劳务派遣职工同工同酬的提案",
        "人力资源部",
        "已对劳务派遣职工岗位工资与同岗位合同制职工统一标准。",
    ),
    ("关于增设厂区通勤班车线路的提案", "综合办公室", "新增城北线通勤班车1条，早晚各一班。"),
    ("关于改善热处理车间照明条件的提案", "设备动力部", "已将热处理车间照明更换为LED工矿灯，照度提高一倍。"),
    ("关于完善职工带薪年休假落实的提案", "人力资源部", "已建立年休假台账，由各部门按季度安排职工轮休。"),
    (
        "关于设立职工创新工作室的提案",
        "技术研发部",
        "已以市级劳模名字命名设立职工创新工作室，全年完成技术革新项目6项。",
    ),
    ("关于为一线职工配备防滑劳保鞋的提案", "安全环保部", "已按岗位为一线职工统一配备防砸防滑劳保鞋。"),
    ("关于增加职工书屋图书和阅读时间的提案", "工会", "职工书屋新增图书600册，每周三延长开放至晚上八点。"),
)
NOT_ACCEPTED = "该事项不属于提案范围，已作为意见建议转交相关部门研究参考。"
DELEGATE_TITLES = (
    "班组长",
    "车间主任",
    "车间副主任",
    "工程师",
    "质检员",
    "数控车工",
    "装配工",
    "焊工",
    "钳工",
    "部长",
)


def plan_proposals(
    ctx: DemoContext, roster: Roster, congresses: list[CongressPlan], rng: random.Random
) -> list[ProposalPlan]:
    plans = []
    pool = list(PROPOSALS)
    rng.shuffle(pool)
    for congress in congresses:
        if congress.session.endswith(f"第{chinese_number(TERM_YEARS + 1)}次"):
            continue  # the term-end session takes no proposals
        count = rng.randint(12, 16) if congress.date.year == ctx.year else rng.randint(10, 13)
        taken, pool = pool[:count], pool[count:]
        rejected = set(rng.sample(range(count), 2))
        for i, (title, department, answer) in enumerate(taken):
            submitted = workday(congress.date - dt.timedelta(days=rng.randint(8, 20)))
            delegates = roster.pick(
                rng, submitted, rng.choice((1, 1, 2, 3)), lambda p: p.job_title in DELEGATE_TITLES
            )
            lead, others = delegates[0], delegates[1:]
            replied = congress.date + dt.timedelta(days=rng.randint(30, 200))
            if i in rejected:
                status, reply, replied_on, department = (
                    ProposalStatus.REJECTED,
                    NOT_ACCEPTED,
                    congress.date,
                    "",
                )
                replied_on = workday(congress.date + dt.timedelta(days=rng.randint(7, 15)))
            elif ctx.happened(replied):
                status, reply, replied_on = ProposalStatus.CLOSED, answer, workday(replied)
            else:
                status, reply, replied_on = ProposalStatus.ACCEPTED, "", None
            if replied_on is not None and not ctx.happened(replied_on):
                status, reply, replied_on = ProposalStatus.RECEIVED, "", None
            plans.append(
                ProposalPlan(
                    session=congress.session,
                    number=f"{congress.date.year}-{i + 1:02d}",
                    title=title,
                    submitted_on=submitted,
                    submitter_member=lead.card_number,
                    submitter="、".join(p.name for p in others),
                    content=f"{lead.department}职工反映：{title.removeprefix('关于').removesuffix('的提案')}，建议公司研究解决。",
                    status=status,
                    department=department,
                    reply=reply,
                    replied_on=replied_on,
                )
            )
    return plans


# --- disclosures --------------------------------------------------------------------------------

QUARTER_TOPICS = {
    1: ("年度生产经营目标和重点工作", "上年度评先评优结果公示", "职工社会保险缴纳情况"),
    2: ("安全生产责任制落实情况", "职工劳动保护用品发放标准", "夏季高温津贴发放标准"),
    3: ("职工技能等级认定结果", "中秋节职工福利发放方案", "职工教育培训经费使用情况"),
    4: ("职工年度健康体检结果汇总", "年度工资总额及增长情况", "冬季生产作息时间调整"),
}
QUARTERS = "一二三四"


def plan_disclosures(ctx: DemoContext, rng: random.Random) -> list[DisclosurePlan]:
    plans = []
    for year in ctx.years:
        for quarter in range(1, 5):
            day = workday(dt.date(year, quarter * 3, rng.randint(20, 28)))
            if not ctx.happened(day):
                continue
            plans.append(
                DisclosurePlan(
                    day,
                    f"{year}年第{QUARTERS[quarter - 1]}季度业务招待费和职工福利费使用情况",
                    DisclosureChannel.BOARD,
                    "按项目公开本季度业务招待费、职工福利费的支出金额和用途，接受职工监督。",
                )
            )
            for topic in rng.sample(QUARTER_TOPICS[quarter], 2):
                channel = rng.choice((DisclosureChannel.BOARD, DisclosureChannel.OA, DisclosureChannel.OA))
                later = workday(day - dt.timedelta(days=rng.randint(3, 40)))
                plans.append(
                    DisclosurePlan(
                        later, topic, channel, f"通过{channel.label}公开{topic}，公示期5个工作日。"
                    )
                )
    return sorted(plans, key=lambda p: (p.date, p.topic))


# --- collective contracts ------------------------------------------------------------------------

CONTRACT_TITLES = {
    ContractKind.GENERAL: "青山县机械制造有限公司集体合同",
    ContractKind.WAGE: "青山县机械制造有限公司{year}年度工资专项集体合同",
    ContractKind.WOMEN: "青山县机械制造有限公司女职工权益保护专项集体合同",
    ContractKind.SAFETY: "青山县机械制造有限公司劳动安全卫生专项集体合同",
}
RENEWAL_WARNING_DAYS = 45  # the safety agreement runs out this many days after today


def plan_contracts(
    ctx: DemoContext, roster: Roster, congresses: list[CongressPlan], rng: random.Random
) -> list[ContractPlan]:
    plans = []
    base = ctx.year
    covered = len(roster.on(dt.date(base, 3, 31))) + 9  # members plus the few staff who are not
    women = len(roster.women_on(dt.date(base, 3, 31))) + 3

    def three_years(kind: str, start: dt.date, covered: int, notes: str) -> None:
        end = _anniversary(start, 3) - dt.timedelta(days=1)
        signed = workday(start - dt.timedelta(days=rng.randint(5, 12)))
        plans.append(ContractPlan(kind, CONTRACT_TITLES[kind], signed, start, end, covered, None, 0, notes))

    # The general contract was renewed in the last complete year; its predecessor ran out then.
    three_years(
        ContractKind.GENERAL, dt.date(base - 3, 4, 1), covered - 12, "第三期集体合同，经职代会审议通过。"
    )
    three_years(
        ContractKind.GENERAL,
        dt.date(base, 4, 1),
        covered,
        "第四期集体合同，经职代会审议通过，报县人力社保局备案。",
    )
    three_years(
        ContractKind.WOMEN,
        dt.date(base - 1, 4, 1),
        women,
        "明确女职工“四期”保护、生育待遇和每年妇科检查等条款。",
    )
    safety_end = ctx.today + dt.timedelta(days=RENEWAL_WARNING_DAYS)
    safety_start = _anniversary(safety_end + dt.timedelta(days=1), -3)
    three_years(
        ContractKind.SAFETY,
        safety_start,
        covered - 6,
        "约定劳动防护用品配备、职业健康检查和高温作业防护标准。",
    )
    for year in (base - 1, *ctx.years):
        congress = next((c for c in congresses if c.date.year == year), None)
        signed = (
            _after_congress(congress.date, rng)
            if congress
            else workday(dt.date(year, 3, rng.randint(20, 28)))
        )
        start = dt.date(year, 4, 1)
        if not ctx.happened(signed) or not ctx.happened(start):
            continue
        growth = Decimal(str(round(rng.uniform(4.5, 6.0), 1)))
        plans.append(
            ContractPlan(
                ContractKind.WAGE,
                CONTRACT_TITLES[ContractKind.WAGE].format(year=year),
                signed,
                start,
                dt.date(year + 1, 3, 31),
                covered + rng.randint(-4, 4),
                growth,
                rng.randint(2, 3),
                f"经{rng.randint(2, 3)}轮协商，约定职工工资平均增长{growth}%，最低工资不低于当地最低工资标准的120%。",
            )
        )
    return plans


def _after_congress(day: dt.date, rng: random.Random) -> dt.date:
    return workday(day + dt.timedelta(days=rng.randint(3, 8)))


# --- suggestions ---------------------------------------------------------------------------------

# (title, saves money?) — a suggestion that saves money may be credited with a benefit.
SUGGESTIONS = (
    ("数控车床刀具寿命管理改进", True), ("热处理炉余热回收利用", True), ("装配线物料配送看板化", True),
    ("涂装车间喷枪清洗溶剂回收再利用", True), ("优化叉车行驶路线减少等待时间", True),
    ("焊接工装夹具改进提高定位精度", True), ("空压机群控节能改造", True), ("包装箱尺寸标准化减少纸箱用量", True),
    ("车间照明分区控制节约用电", True), ("切削液集中过滤循环使用", True), ("铸件毛坯余量优化降低加工工时", True),
    ("设备点检表电子化", False), ("总装线工位器具定置管理", False), ("热处理淬火油槽加装自动灭火装置", False),
    ("车间通道划线和安全警示标识规范", False), ("质检记录表格简化合并", False), ("新员工岗前培训视频教材", False),
    ("行车吊具定期探伤制度", False), ("涂装车间废气处理设备运行记录改进", False), ("仓库货架条码管理", True),
    ("废旧钢材边角料分类回收", True), ("加工中心换型时间缩短（快速换模）", True), ("齿轮箱装配防错工装", True),
    ("检测中心三坐标测量程序优化", True), ("冷却水塔变频改造", True), ("办公用纸双面打印和无纸化审批", True),
    ("铣床主轴润滑方式改进", True), ("减速机壳体加工工艺路线优化", True), ("喷涂挂具改进提高装挂量", True),
    ("厂区雨污分流改造建议", False), ("车间休息区增设微波炉和饮水机", False), ("夜班巡检路线优化", False),
    ("焊材领用按工单定额管理", True), ("设备备件库存ABC分类管理", True), ("液压站漏油治理", True),
    ("装配扭矩扳手定期校验提醒", False), ("物料周转箱循环使用", True), ("厂区路灯改造为太阳能路灯", True),
    ("生产日报表自动汇总", False), ("热处理工件装炉方式优化", True), ("磨床砂轮修整参数优化", True),
    ("部装车间工位照明加装护罩", False), ("来料检验抽样方案优化", True), ("油漆调配比例标准化", True),
)  # fmt: skip
SUGGESTERS = ("工程师", "助理工程师", "技术员", "工艺员", "班组长", "数控车工", "钳工", "设备维修工", "质检员",
              "装配工", "焊工", "热处理工", "喷涂工", "质量工程师", "仓管员", "会计")  # fmt: skip


def plan_suggestions(ctx: DemoContext, roster: Roster, rng: random.Random) -> list[SuggestionPlan]:
    plans = []
    pool = list(SUGGESTIONS)
    rng.shuffle(pool)
    for year in ctx.years:
        count = rng.randint(22, 28)
        taken, pool = pool[:count], pool[count:]
        for title, saves in taken:
            day = workday(dt.date(year, rng.randint(1, 12), rng.randint(3, 28)))
            if not ctx.happened(day):
                continue
            person = roster.pick(rng, day, 1, lambda p: p.job_title in SUGGESTERS)[0]
            adopted_on = workday(day + dt.timedelta(days=rng.randint(10, 60)))
            adopted = rng.random() < 0.6 and ctx.happened(adopted_on)
            benefit = Decimal("0")
            if adopted and saves:
                benefit = Decimal(round(rng.uniform(3000, 90000), -2))
            plans.append(
                SuggestionPlan(
                    title=title,
                    date=day,
                    submitter_member=person.card_number,
                    content=f"{person.department}{person.job_title}{person.name}建议：{title}。",
                    adopted=adopted,
                    adopted_on=adopted_on if adopted else None,
                    benefit=benefit,
                )
            )
    return sorted(plans, key=lambda p: (p.date, p.title))


# --- joint meetings --------------------------------------------------------------------------------

ATTENDEES = "公司党支部书记、总经理、分管副总经理、工会主席，综合办公室、人力资源部、安全环保部负责人"
MEETINGS = (
    (
        1,
        "研究春节送温暖和困难职工帮扶方案",
        "确定春节慰问标准和走访慰问困难职工、退休老职工名单，由工会牵头组织实施。",
    ),
    (3, "研究职代会筹备工作和提案征集安排", "确定职代会召开时间和审议事项，由工会负责提案征集和代表培训。"),
    (
        7,
        "研究高温季节职工劳动保护和防暑降温工作",
        "调整高温时段作息，落实高温津贴，由安全环保部牵头检查防暑降温措施。",
    ),
    (
        11,
        "研究年度评先评优方案和职工年度体检安排",
        "确定先进集体和先进个人评选名额及程序；明年职工体检增加心脏彩超和肿瘤标志物检查。",
    ),
)


def plan_meetings(ctx: DemoContext, rng: random.Random) -> list[MeetingPlan]:
    plans = []
    for year in ctx.years:
        for month, topic, decisions in MEETINGS:
            day = workday(dt.date(year, month, rng.randint(5, 20)))
            if ctx.happened(day):
                plans.append(MeetingPlan(day, topic, ATTENDEES, decisions))
    return plans


def plan_democracy(ctx: DemoContext, rosters: dict[str, Roster]) -> DemocracyPlan:
    roster = rosters["demo"]
    congresses = plan_congresses(ctx, roster, ctx.rng("democracy:congress"))
    return DemocracyPlan(
        union_code=roster.code,
        congresses=tuple(congresses),
        proposals=tuple(plan_proposals(ctx, roster, congresses, ctx.rng("democracy:proposals"))),
        disclosures=tuple(plan_disclosures(ctx, ctx.rng("democracy:disclosures"))),
        contracts=tuple(plan_contracts(ctx, roster, congresses, ctx.rng("democracy:contracts"))),
        suggestions=tuple(plan_suggestions(ctx, roster, ctx.rng("democracy:suggestions"))),
        meetings=tuple(plan_meetings(ctx, ctx.rng("democracy:meetings"))),
    )


# --- writing ----------------------------------------------------------------------------------------


def load_democracy(cast: Cast, plan: DemocracyPlan) -> None:
    code = plan.union_code
    union = cast.unions[code]
    congresses = {}
    for c in plan.congresses:
        congresses[c.session] = save(
            Congress(
                union=union,
                session=c.session,
                date=c.date,
                kind=CongressKind.WORKERS,
                delegates_total=c.delegates_total,
                delegates_present=c.delegates_present,
                delegates_women=c.delegates_women,
                items=c.items,
                resolutions=c.resolutions,
            )
        )
    for p in plan.proposals:
        save(
            Proposal(
                union=union,
                congress=congresses.get(p.session),
                number=p.number,
                title=p.title,
                submitted_on=p.submitted_on,
                submitter=p.submitter,
                submitter_member=cast.member(code, p.submitter_member),
                content=p.content,
                status=p.status,
                department=p.department,
                reply=p.reply,
                replied_on=p.replied_on,
            )
        )
    for d in plan.disclosures:
        save(Disclosure(union=union, date=d.date, topic=d.topic, channel=d.channel, content=d.content))
    for c in plan.contracts:
        save(
            CollectiveContract(
                union=union,
                kind=c.kind,
                title=c.title,
                signed_on=c.signed_on,
                start_date=c.start_date,
                end_date=c.end_date,
                workers_covered=c.workers_covered,
                wage_growth=c.wage_growth,
                negotiation_rounds=c.negotiation_rounds,
                notes=c.notes,
            )
        )
    for s in plan.suggestions:
        save(
            Suggestion(
                union=union,
                title=s.title,
                date=s.date,
                submitter_member=cast.member(code, s.submitter_member),
                content=s.content,
                adopted=s.adopted,
                adopted_on=s.adopted_on,
                benefit=s.benefit,
            )
        )
    for m in plan.meetings:
        save(
            JointMeeting(
                union=union, date=m.date, topic=m.topic, attendees=m.attendees, decisions=m.decisions
            )
        )
