"""Words that fit the kind of unit the union belongs to (writing.md, "Words by kind of unit")."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    disclosure: str  # 厂务公开 / 校务公开 / 院务公开 / 政务公开
    staff: str  # 职工 / 教职工 / 医护职工 / 干部职工
    centre: str  # the centre the work goes round
    competition: str  # 劳动竞赛 / 教学竞赛 / 技能竞赛 / 岗位练兵


WORDS = {
    "enterprise": Words("厂务公开", "职工", "围绕生产经营中心任务", "劳动竞赛"),
    "school": Words("校务公开", "教职工", "围绕教育教学中心工作", "教学竞赛"),
    "hospital": Words("院务公开", "医护职工", "围绕医疗服务中心工作", "技能竞赛"),
    "government": Words("政务公开", "干部职工", "围绕机关中心工作", "岗位练兵"),
    "institution": Words("事务公开", "职工", "围绕单位中心工作", "劳动竞赛"),
    # Its own staff are few; the workers it serves are mostly not its members (aid.models).
    "aid_centre": Words("事务公开", "困难职工", "围绕帮扶救助中心工作", "岗位练兵"),
}


def words_for(kind: str) -> Words:
    return WORDS.get(kind, WORDS["enterprise"])
