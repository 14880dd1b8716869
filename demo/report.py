"""A draft annual summary for the last complete year, as the chairman would leave it.

The figures come from the records; what staff write by hand are the shortcomings and next
year's plans (and the closing), which the seeds always have and no record can generate.
They go through `reports.services`, like an edit on the report page, so the draft shows
them as staff text that survives regenerating the figures.
"""

from __future__ import annotations

from typing import Any

from reports.models import Report
from reports.services import report_start, report_update, section_save
from unions.models import Union

from .context import DemoContext
from .democracy import session_label, term_of


def problems(ctx: DemoContext) -> str:
    return "\n".join(
        (
            "一是工会干部队伍力量不足。工会干部除主席外均为兼职，日常工作与本职岗位交叉，有时力不从心，"
            "部分工作缺乏系统性；各分会工作开展不够平衡，个别工会小组活动还不够经常。",
            "二是服务一线职工和农民工还有差距。倒班职工和农民工参加文体活动、"
            "学习培训的比例偏低，活动多安排在白天和办公区域，对夜班、倒班职工的实际需求考虑不够。",
            "三是帮扶工作的精准度有待提高。帮扶以节日慰问和资金救助为主，在困难职工就业、就医、子女就学等方面的"
            "长效帮扶措施不多，困难职工档案的动态管理和跟踪回访还不够及时。",
            "四是民主管理的实效需要加强。部分提案答复周期较长，对职工满意度的反馈收集不够；合理化建议采纳后的"
            "跟踪落实和效益测算还不够规范；劳动安全卫生专项集体合同即将到期，续签协商的准备工作需抓紧。",
        )
    )


def plans(ctx: DemoContext) -> str:
    next_year = ctx.year + 1
    term, nth = term_of(next_year)
    return "\n".join(
        (
            f"{next_year}年，公司工会将紧紧围绕公司年度生产经营目标，重点做好以下工作：",
            "一是加强工会自身建设。健全分会和工会小组，全年开展工会干部轮训不少于2次；推动“职工之家”提档升级，"
            "争创市级模范职工之家。",
            "二是深化劳动竞赛和技术创新。围绕产量、质量、交付和降本增效，继续开展“开门红”“大干一百天”等劳动竞赛，"
            "扩大岗位练兵和技能比武的工种范围，发挥劳模创新工作室作用，全年征集合理化建议不少于30条。",
            f"三是推进民主管理。开好{session_label(term, nth)}职工代表大会，做好劳动安全卫生专项集体合同续签和"
            "年度工资集体协商，推动职工工资合理增长；坚持厂务公开，提高提案办理质量和答复时效。",
            "四是做实帮扶服务。完善困难职工档案动态管理，落实“两节”送温暖、金秋助学、大病救助等常态化帮扶，"
            "探索建立困难职工结对帮扶机制；办好职工健康体检和女职工“两癌”筛查。",
            "五是丰富职工文化生活。用好职工之家、职工书屋等阵地，增加面向倒班职工和农民工的夜间、周末活动场次，"
            "增强职工队伍的凝聚力。",
            "六是管好用好工会经费。严格执行经费预算，加强经费审查监督，确保经费使用规范、透明、高效。",
        )
    )


CLOSING = (
    "新的一年，公司工会将在上级工会和公司党支部的坚强领导下，团结带领广大会员职工凝心聚力、开拓进取，"
    "为公司高质量发展和构建和谐劳动关系作出新的更大贡献。"
)


def load_report(ctx: DemoContext, *, union: Union, leader: Any) -> Report:
    report = report_start(union=union, year=ctx.year, actor=leader)
    for key, text in (("problems", problems(ctx)), ("plans", plans(ctx))):
        section = report.sections.get(key=key)
        section_save(
            section=section,
            heading=section.heading,
            included=True,
            use_generated=True,
            staff_text=text,
            figures={},  # staff-only sections have no figures of their own
        )
    return report_update(report=report, closing=CLOSING)
