"""The activity ledger (活动台账) for the import framework: participants as a count (参加人次),
or by name (参加人员: 王芳、李强（机加分会）…), or both."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from imports import cells
from imports.members import MemberIndex
from imports.registry import register
from imports.spec import DATE, NUMBER, Built, Column, Question, RecordType, Row, choice_column

from .choices import ActivityCategory
from .models import Activity
from .services import activity_create

CATEGORY_ALIASES = {"文体": ActivityCategory.SPORTS_CULTURE, "文体活动类": ActivityCategory.SPORTS_CULTURE,
                    "劳动竞赛类": ActivityCategory.LABOUR_COMPETITION, "技能比武": ActivityCategory.SKILL_CONTEST,
                    "岗位练兵": ActivityCategory.SKILL_CONTEST, "培训": ActivityCategory.STUDY_TRAINING,
                    "学习": ActivityCategory.STUDY_TRAINING, "安康杯": ActivityCategory.SAFETY,
                    "体检": ActivityCategory.HEALTH_CHECK, "志愿服务": ActivityCategory.VOLUNTEER}  # fmt: skip
MAX_NAMED = 2000


@register
class ActivityImport(RecordType):
    key = "activities"
    title = "活动台账"
    model = Activity
    columns = (
        Column("title", "活动名称", cells.text(200), aliases=("活动", "名称", "活动主题", "项目名称"), required=True,
               example="职工篮球赛"),
        choice_column("category", "类别", ActivityCategory, CATEGORY_ALIASES, aliases=("活动类别", "活动类型", "类型"),
                      required=True, example="文体活动"),
        Column("start_date", "开始日期", cells.date, kind=DATE, aliases=("日期", "活动日期", "时间", "活动时间"),
               required=True, example=dt.date(2024, 5, 10)),
        Column("end_date", "结束日期", cells.date, kind=DATE),
        Column("place", "地点", cells.text(200), aliases=("活动地点",)),
        Column("branch", "组织分会", cells.text(100), aliases=("分会", "承办分会", "组织单位")),
        Column("participants", "参加人次", cells.count, kind=NUMBER, aliases=("参加人数", "人次", "参与人次", "参与人数"),
               note="可不填：按“参加人员”中的人数计。", example=48),
        Column("women_participants", "其中女职工人次", cells.count, kind=NUMBER, aliases=("女职工人次", "女职工", "其中女职工")),
        Column("member_names", "参加人员", cells.names, aliases=("参加会员", "参加人员名单", "参赛人员"),
               note="可选：会员姓名，用顿号分隔；同名的写成“王芳（机加分会）”。", width=30),
        Column("cost", "经费（元）", cells.money, kind=NUMBER, aliases=("经费", "费用", "金额", "支出金额")),
        Column("results", "成绩/奖项", cells.text(2000), aliases=("成绩", "奖项", "获奖情况")),
        Column("description", "活动内容", cells.text(5000), aliases=("内容", "活动简介", "备注")),
    )  # fmt: skip
    notes = (
        "参加人员按姓名匹配本会会员；同名会员可写成“姓名（分会）”，否则预览时逐一选择。只填参加人次也可以。",
    )
    error_columns = {"members": "member_names"}
    preview_keys = ("start_date", "title", "category", "participants", "member_names", "cost")

    def context(self, *, union: Any) -> dict[str, Any]:
        index = MemberIndex(union)
        return {"members": index, "branches": index.branch_ids}

    def build(self, row: Row, *, union: Any, context: dict[str, Any]) -> Built:
        values = dict(row.values)
        built = Built()
        members = []
        problems = []
        index = context["members"]
        for position, name in enumerate(values.pop("member_names", [])[:MAX_NAMED], start=1):
            match = index.find(name=name)
            chosen = index.get(row.choices.get(str(position))) if match.candidates else None
            if chosen is not None and chosen in match.candidates:
                members.append(chosen)
            elif match.candidates:  # namesakes: the clerk chooses in the preview
                built.questions.append(
                    Question(
                        str(position),
                        f"参加人员“{name}”有 {len(match.candidates)} 名同名会员，请选择"
                        "（以后也可写成“姓名（分会）”）。",
                        [(str(m.pk), index.label(m)) for m in match.candidates],
                    )
                )
            elif match.member is None:
                problems.append(match.error.removesuffix("。"))
            else:
                members.append(match.member)
        if problems:
            built.errors["member_names"] = "；".join(problems) + "。"
            return built
        if built.questions:
            return built
        branch_name = values.pop("branch", "")
        if branch_name:
            branch_id = context["branches"].get("".join(branch_name.split()))
            if branch_id is None:
                built.errors["branch"] = f"“{branch_name}”不是本会的分会。"
                return built
            values["branch_id"] = branch_id
        if "participants" not in values:
            values["participants"] = len(members)
        elif values["participants"] < len(members):
            built.errors["participants"] = (
                f"参加人次（{values['participants']}）少于列出的参加人员（{len(members)}人）。"
            )
            return built
        record = Activity(union=union, **values)
        built = self.checked(record, built, exclude=["branch", "union"])
        built.extra["members"] = members
        return built

    def write(self, built: Sequence[Built], *, union: Any, actor: Any) -> int:
        for item in built:
            record = item.record
            assert isinstance(record, Activity)
            fields = {f.attname: getattr(record, f.attname) for f in Activity._meta.concrete_fields
                      if f.name not in ("id", "union", "created_at", "updated_at", "voided_at", "void_reason")}  # fmt: skip
            activity_create(union=union, members=item.extra["members"], **fields)
        return len(built)
