"""Each kind of logged value reads in Chinese: labels from verbose_name, display forms of
choices, people, records, moments, amounts, mappings and lists; no internal key or repr."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from audit.context import acting_as
from audit.models import AuditEntry
from audit.presentation import describe, history_for
from audit.registry import log_event
from reports.models import Report, ReportSection
from tests.factories import UserFactory
from tests.welfare.factories import DisbursementFactory
from welfare.services import disbursement_approve, disbursement_submit

pytestmark = pytest.mark.django_db

RAW = re.compile(r"[{}\[\]']|\d{2}:\d{2}:\d{2}|\+00:00|\bTrue\b|\bFalse\b|\bNone\b")


def _lines(entry: AuditEntry) -> dict[str, tuple[str | None, str]]:
    return {line.label: (line.old, line.new) for line in describe(entry)}


def test_a_change_reads_with_field_labels_choice_labels_and_local_moments(union, clerk, leader):
    clerk.first_name, leader.first_name = "李明", "王芳"
    clerk.save(), leader.save()
    d = DisbursementFactory(union=union, cash_amount=Decimal("12345.50"))
    d = disbursement_submit(disbursement=d, actor=clerk)
    d = disbursement_approve(disbursement=d, actor=leader)
    created = AuditEntry.objects.for_object(d).get(action="create")
    lines = _lines(created)
    assert lines["现金（元）"] == (None, "12,345.5")
    assert lines["类型"][1] == d.get_kind_display()
    assert lines["资金来源"][1] == d.get_funding_source_display()
    approved = AuditEntry.objects.for_object(d).get(action="welfare.disbursement.approved")
    lines = _lines(approved)
    assert lines["状态"][1] == d.get_status_display() == "已审批"
    assert lines["审批人"][1] == "王芳"
    assert approved.actor_name == "王芳"
    for label, (old, new) in [*_lines(created).items(), *lines.items()]:
        assert not re.search(r"[a-z_]{3,}", label), label
        assert not RAW.search(f"{old or ''} {new}"), (label, old, new)


def test_a_logged_moment_reads_in_local_time(union):
    d = DisbursementFactory(union=union)
    entry = log_event(d, "update", {"submitted_at": ["", "2026-12-01T07:55:00.289010+00:00"]})
    assert _lines(entry)["提交时间"] == ("（空）", "2026-12-01 15:55")


def test_event_details_have_chinese_labels_and_readable_values(union, clerk):
    clerk.first_name = "李明"
    clerk.save()
    with acting_as(clerk):
        entry = log_event(
            union,
            "workbook.exported",
            {
                "year": 2026,
                "period": "2026-01-01至2026-12-31",
                "full_ids": False,
                "sheets": {"统计指标": 97, "会员": 300},
                "file_size": 20480,
                "via": "网页",
                "job": 7,
            },
        )
    lines = _lines(entry)
    assert lines["年度"][1] == "2026年"
    assert lines["身份证号"][1] == "已脱敏"
    assert lines["各表行数"][1] == "统计指标 97 行、会员 300 行"
    assert lines["文件大小"][1] == "20.0\xa0KB"
    assert lines["导出任务"][1] == "第 7 号"
    assert entry.actor_name == "李明"


def test_an_unregistered_mapping_or_list_never_shows_a_repr(union):
    entry = log_event(union, "custom.event", {"明细": {"甲": True, "乙": [1, 2]}, "名单": ["张三", "李四"]})
    lines = _lines(entry)
    assert lines["明细"][1] == "甲：是，乙：1、2"
    assert lines["名单"][1] == "张三、李四"


def test_a_report_section_reads_by_its_title_not_its_key(union, clerk):
    report = Report.objects.create(union=union, year=2026, title="2026年工作总结")
    section = ReportSection.objects.create(report=report, key="self_building", heading="自身建设")
    lines = _lines(AuditEntry.objects.for_object(section).get(action="create"))
    assert lines["章节"][1] == "加强工会自身建设，提升服务水平"


def test_a_user_named_in_a_change_reads_by_name(union, clerk):
    other = UserFactory(username="zhangsan", first_name="张三")
    d = DisbursementFactory(union=union)
    entry = log_event(d, "update", {"submitted_by": [None, other.pk]})
    assert _lines(entry)["提交人"] == ("（空）", "张三")


def test_history_names_the_actor(union, clerk):
    clerk.first_name = "李明"
    clerk.save()
    with acting_as(clerk):
        d = DisbursementFactory(union=union)
    (item,) = history_for(d)
    assert item.entry.actor_name == "李明"
