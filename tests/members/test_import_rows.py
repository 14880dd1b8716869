"""Row by row: how cells are read, which rules apply, and what an update changes."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest

from imports.plan import Plan as ImportPlan
from imports.services import plan_file
from members.importing.apply import roster_import_apply
from members.importing.rows import adds, updates
from members.models import Member
from tests.factories import BranchFactory, MemberFactory, make_id_number

from .test_import import xlsx

pytestmark = pytest.mark.django_db


def plan_of(union: Any, rows: list[list[Any]], headers: list[Any]) -> ImportPlan:
    return plan_file(union=union, kind="roster", source=io.BytesIO(xlsx(rows, headers=headers)))


def problems(plan: ImportPlan) -> dict[int, dict[str, str]]:
    return {bad.row: dict(bad.problems) for bad in plan.invalid}


def test_dates_in_every_accepted_form(union):
    rows = [
        ["甲", make_id_number(), value]
        for value in (
            dt.datetime(2020, 1, 5),
            "2020-01-05",
            "2020/1/5",
            "2020.1.5",
            "20200105",
            20200105,
            "2020年1月5日",
        )
    ]
    plan = plan_of(union, rows, ["姓名", "身份证号", "入会时间"])
    assert plan.invalid == []
    assert {add.values["joined_on"] for add in adds(plan)} == {dt.date(2020, 1, 5)}


def test_dates_that_are_not_dates(union):
    rows = [
        ["甲", make_id_number(), "2020-02-30"],
        ["乙", make_id_number(), "去年"],
        ["丙", make_id_number(), 43831],
    ]
    found = problems(plan_of(union, rows, ["姓名", "身份证号", "入会时间"]))
    assert found[2] == {"入会时间": "“2020-02-30”不是有效日期（月份或日期超出范围）。"}
    assert found[3] == {"入会时间": "“去年”不是可识别的日期，请填写如 2020-01-05 的日期。"}
    assert "不是日期" in found[4]["入会时间"]


def test_labels_aliases_and_yes_no(union):
    headers = ["姓名", "身份证号", "入会时间", "政治面貌", "学历", "用工形式", "农民工", "会籍状态", "民族"]
    rows = [
        ["甲", make_id_number(), "2020-01-05", "党员", "本科", "劳务派遣", "是", "保留", "回"],
        ["乙", make_id_number(), "2020-01-05", "中共预备党员", "中专/高中", "合同制", "否", "在册", "汉族"],
    ]
    plan = plan_of(union, rows, headers)
    assert plan.invalid == []
    first, second = (add.values for add in adds(plan))
    assert (first["political_status"], first["education"], first["employment"]) == (
        "cpc",
        "bachelor",
        "dispatched",
    )
    assert (first["is_migrant_worker"], first["status"], first["ethnicity"]) == (True, "retained", "回族")
    assert (second["political_status"], second["education"], second["is_migrant_worker"]) == (
        "cpc_probation",
        "secondary",
        False,
    )


def test_values_outside_the_vocabularies(union):
    headers = ["姓名", "身份证号", "入会时间", "性别", "是否农民工", "劳模级别"]
    found = problems(
        plan_of(union, [["甲", make_id_number(), "2020-01-05", "未知", "也许", "国家级"]], headers)
    )
    assert found[2]["性别"] == "“未知”不是可选值，可填：男、女。"
    assert found[2]["是否农民工"] == "“也许”无法识别，请填写“是”或“否”。"
    assert found[2]["劳模级别"] == "“国家级”不是可选值，可填：全国、省部级、市级、县级。"


def test_headers_by_alias_in_any_order_and_unknown_columns_ignored(union, branch):
    headers = ["工号", "联系电话", "部门", "分会名称", "身份证号码", "姓名", "入会日期"]
    plan = plan_of(
        union, [["A01", "0571-87654321", "质检科", "机加分会", make_id_number(), "甲", "2020-01-05"]], headers
    )
    assert plan.invalid == []
    values = adds(plan)[0].values
    assert (values["phone"], values["department"], values["branch_id"], values["name"]) == (
        "0571-87654321",
        "质检科",
        branch.pk,
        "甲",
    )
    assert plan.layout.ignored == ["工号"]


def test_branches_must_exist_and_be_in_use(union):
    BranchFactory(union=union, name="一车间")
    BranchFactory(union=union, name="老车间", is_active=False)
    rows = [
        ["甲", make_id_number(), "2020-01-05", "二车间"],
        ["乙", make_id_number(), "2020-01-05", "老车间"],
    ]
    found = problems(plan_of(union, rows, ["姓名", "身份证号", "入会时间", "分会"]))
    assert found[2]["分会"] == "分会“二车间”不存在。现有分会：一车间。如需新分会，请先在系统中添加。"
    assert found[3]["分会"] == "分会“老车间”已停用，请选择在用的分会。"
    assert union.branches.count() == 2  # nothing created


def test_a_union_without_branches_says_so(union):
    found = problems(
        plan_of(
            union,
            [["甲", make_id_number(), "2020-01-05", "一车间"]],
            ["姓名", "身份证号", "入会时间", "分会"],
        )
    )
    assert "本工会尚未设置分会" in found[2]["分会"]


def test_joined_on_and_name_are_required_for_new_members_only(union):
    existing = MemberFactory(union=union, name="老会员")
    rows = [["", make_id_number(), ""], ["", existing.id_number, ""]]
    plan = plan_of(union, rows, ["姓名", "身份证号", "入会时间"])
    assert problems(plan) == {2: {"姓名": "新会员须填写姓名。", "入会时间": "新会员须填写入会时间。"}}
    assert plan.unchanged == 1


def test_the_form_rules_across_fields_apply(union):
    headers = ["姓名", "身份证号", "性别", "出生日期", "入会时间", "会籍状态", "状态日期"]
    man = make_id_number(dt.date(1990, 1, 1), gender="M")
    rows = [
        ["甲", man, "女", "1991-01-01", "2020-01-05", "", ""],
        ["乙", make_id_number(dt.date(1990, 1, 1)), "", "", "2000-01-01", "", ""],
        ["丙", make_id_number(), "", "", "2020-01-05", "转出", ""],
        ["丁", make_id_number(), "", "", "2020-01-05", "退休", "2019-01-01"],
    ]
    found = problems(plan_of(union, rows, headers))
    assert found[2] == {
        "性别": "性别与身份证号不一致（身份证号为男）。",
        # The ID's date is not echoed: the preview reaches clerks who may not see it.
        "出生日期": "出生日期与身份证号不一致（请核对身份证号第7-14位）。",
    }
    assert found[3] == {"入会时间": "入会时间早于年满16周岁，请核对。"}
    assert found[4] == {"状态日期": "会籍转出、退休或除名时须填写状态日期。"}
    assert found[5] == {"状态日期": "状态日期不能早于入会时间。"}


def test_id_numbers_are_cleaned_before_matching(union):
    number = make_id_number()
    wide = number.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    existing = MemberFactory(union=union, id_number=number, phone="13800000000")
    rows = [["甲", f" {wide[:6]} {wide[6:]} ", "13911112222"]]
    plan = plan_of(union, rows, ["姓名", "身份证号", "手机"])
    assert plan.invalid == []
    assert [update.pk for update in updates(plan)] == [existing.pk]


def test_an_update_shows_only_changed_fields_and_keeps_blanks(union, branch):
    existing = MemberFactory(union=union, name="老会员", phone="13800000000", department="车间", branch=None)
    rows = [["老会员", existing.id_number, "", "机加分会", "科室"]]
    plan = plan_of(union, rows, ["姓名", "身份证号", "手机", "分会", "单位/部门"])
    (update,) = updates(plan)
    assert update.changes == {"branch_id": (None, branch.pk), "department": ("车间", "科室")}


def test_an_active_newcomer_has_no_status_date(union):
    plan = plan_of(
        union,
        [["甲", make_id_number(), "2020-01-05", "在册", "2021-01-01"]],
        ["姓名", "身份证号", "入会时间", "会籍状态", "状态日期"],
    )
    assert "status_date" not in adds(plan)[0].values


def test_excel_error_values_and_long_text(union):
    rows = [["甲" * 51, make_id_number(), "2020-01-05", "#N/A"]]
    found = problems(plan_of(union, rows, ["姓名", "身份证号", "入会时间", "手机"]))
    assert found[2] == {
        "姓名": "内容过长：最多50个字，当前51个字。",
        "手机": "单元格显示错误值 #N/A，请改为正确的内容。",
    }


def test_blank_rows_are_skipped_and_row_numbers_stay_real(union):
    rows = [
        ["甲", make_id_number(), "2020-01-05"],
        [None, None, None],
        ["  ", "", None],
        ["乙", "bad", "2020-01-05"],
    ]
    plan = plan_of(union, rows, ["姓名", "身份证号", "入会时间"])
    assert [add.row for add in adds(plan)] == [2]
    assert [bad.row for bad in plan.invalid] == [5]


def test_everything_a_plan_writes_passes_the_models_own_validation(union, branch):
    existing = MemberFactory(union=union)
    headers = [
        "姓名",
        "身份证号",
        "手机",
        "分会",
        "入会时间",
        "政治面貌",
        "会籍状态",
        "状态日期",
        "户籍类型",
        "民族",
    ]
    rows = [
        [
            "甲",
            make_id_number(gender="M"),
            "13911112222",
            "机加分会",
            "2020-01-05",
            "群众",
            "退休",
            "2024-01-01",
            "农村",
            "壮族",
        ],
        ["乙", existing.id_number, "0571-87654321", "", "", "共青团员", "", "", "城镇", ""],
    ]
    plan = plan_of(union, rows, headers)
    assert (len(adds(plan)), len(updates(plan)), len(plan.invalid)) == (1, 1, 0)
    roster_import_apply(union=union, plan=plan)
    for member in Member.objects.filter(union=union):
        member.full_clean()  # raises if the import let through anything the form would refuse
    added = Member.objects.get(name="甲")
    assert (added.status, added.status_date, added.gender, added.ethnicity) == (
        "retired",
        dt.date(2024, 1, 1),
        "M",
        "壮族",
    )
