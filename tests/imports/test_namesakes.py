"""Namesakes in activity participants and hardship files are asked about in the preview, as
disbursement recipients are, and the clerk's choice is what gets written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from activities.models import Activity
from imports.apply import apply_import
from imports.services import ImportRefusedError, record_import_resolve
from tests.factories import BranchFactory, MemberFactory
from welfare.models import HardshipFile

from .files import upload, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(union):
    one = BranchFactory(union=union, name="一车间")
    two = BranchFactory(union=union, name="二车间")
    return {
        "fang1": MemberFactory(union=union, name="王芳", branch=one),
        "fang2": MemberFactory(union=union, name="王芳", branch=two),
        "qiang": MemberFactory(union=union, name="李强", branch=one),
        "wei1": MemberFactory(union=union, name="张伟", branch=one),
        "wei2": MemberFactory(union=union, name="张伟", branch=two),
    }


ACTIVITY = ["活动名称", "类别", "开始日期", "参加人员"]


def test_each_ambiguous_participant_is_a_question_and_the_choices_are_written(union, clerk, people):
    content = xlsx([ACTIVITY, ["篮球赛", "文体活动", dt.date(2024, 5, 10), "王芳、李强、张伟"]])
    record_import = upload(union, clerk, "activities", content)
    assert (record_import.valid_count, record_import.pending_count) == (0, 1)
    questions = record_import.summary["pending"]
    assert [q["key"] for q in questions] == ["2-1", "2-3"]
    assert "王芳" in questions[0]["question"] and "张伟" in questions[1]["question"]
    assert [v for v, _ in questions[0]["candidates"]] == [str(people["fang1"].pk), str(people["fang2"].pk)]
    assert not apply_import(record_import, clerk).applied

    record_import_resolve(record_import=record_import, choices={"2-1": str(people["fang2"].pk)})
    record_import.refresh_from_db()
    assert record_import.pending_count == 1 and not record_import.can_confirm  # 张伟 still open
    record_import_resolve(record_import=record_import, choices={"2-3": str(people["wei1"].pk)})
    record_import.refresh_from_db()
    assert record_import.can_confirm
    assert apply_import(record_import, clerk).applied
    activity = Activity.objects.get()
    assert set(activity.members.all()) == {people["fang2"], people["qiang"], people["wei1"]}


def test_a_participant_choice_outside_the_namesakes_is_refused(union, clerk, people):
    content = xlsx([ACTIVITY, ["篮球赛", "文体活动", dt.date(2024, 5, 10), "王芳"]])
    record_import = upload(union, clerk, "activities", content)
    with pytest.raises(ImportRefusedError, match="选择无效"):
        record_import_resolve(record_import=record_import, choices={"2-1": str(people["qiang"].pk)})


HARDSHIP = ["姓名", "困难类别", "主要致困原因", "家庭人口", "家庭年收入（元）", "建档日期"]


def test_a_hardship_namesake_is_chosen_in_the_preview(union, clerk, people):
    content = xlsx([HARDSHIP, ["王芳", "相对困难", "重特大疾病", 3, 36000, dt.date(2024, 3, 1)],
                    ["李强", "相对困难", "重特大疾病", 2, 30000, dt.date(2024, 3, 1)]])  # fmt: skip
    record_import = upload(union, clerk, "hardship-files", content)
    assert (record_import.valid_count, record_import.pending_count) == (1, 1)
    pending = record_import.summary["pending"][0]
    assert pending["row"] == 2 and "一车间" in pending["candidates"][0][1]
    assert "nonmember" not in [v for v, _ in pending["candidates"]]  # a file is a member's
    record_import_resolve(record_import=record_import, choices={"2": str(people["fang1"].pk)})
    record_import.refresh_from_db()
    assert apply_import(record_import, clerk).applied
    assert set(HardshipFile.objects.values_list("member", flat=True)) == {
        people["fang1"].pk,
        people["qiang"].pk,
    }


def test_the_preview_page_offers_one_choice_per_question(clerk_client, union, clerk, people):
    content = xlsx([ACTIVITY, ["篮球赛", "文体活动", dt.date(2024, 5, 10), "王芳、张伟"]])
    record_import = upload(union, clerk, "activities", content)
    preview = reverse("imports:preview", args=[union.code, record_import.pk])
    page = clerk_client.get(preview + "?tab=pending").content.decode()
    assert 'name="row-2-1"' in page and 'name="row-2-2"' in page
    response = clerk_client.post(
        reverse("imports:resolve", args=[union.code, record_import.pk]),
        {"row-2-1": str(people["fang1"].pk), "row-2-2": str(people["wei2"].pk)},
    )
    assert response.status_code == 302
    record_import.refresh_from_db()
    assert record_import.can_confirm
