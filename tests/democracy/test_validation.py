"""Bad input gets a Chinese message and saves nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from democracy.models import CollectiveContract, Congress, Proposal, Suggestion

from .test_views import CASES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("prefix", "overrides", "message"),
    [
        ("congress", {"session": "   "}, "请填写届次"),
        ("congress", {"delegates_present": "121"}, "出席代表人数不能多于代表总数"),
        ("congress", {"delegates_women": "130"}, "女代表人数不能多于代表总数"),
        (
            "congress",
            {"delegates_total": "0", "delegates_present": "0", "delegates_women": "0"},
            "代表总数应大于0",
        ),
        ("proposal", {"submitter": ""}, "请填写提案人或选择会员"),
        ("proposal", {"status": "closed"}, "办结的提案须填写答复意见"),
        ("proposal", {"status": "closed", "reply": "已解决"}, "办结的提案须填写答复日期"),
        ("proposal", {"reply": "已解决", "replied_on": "2024-03-01"}, "答复日期不能早于提出日期"),
        ("contract", {"end_date": "2023-12-31"}, "终止日期应晚于生效日期"),
        ("contract", {"end_date": "2024-01-01"}, "终止日期应晚于生效日期"),
        ("contract", {"wage_growth": "120"}, "工资增幅应在0至100之间"),
        ("contract", {"wage_growth": "-1"}, "工资增幅应在0至100之间"),
        ("contract", {"workers_covered": "0"}, "覆盖职工人数应大于0"),
        ("suggestion", {"benefit": "500"}, "未采纳的建议不能填写创造效益"),
        ("suggestion", {"adopted_on": "2024-06-01"}, "未采纳的建议不能填写采纳日期"),
        ("suggestion", {"adopted": "on", "adopted_on": "2024-05-01"}, "采纳日期不能早于提出日期"),
        ("suggestion", {"submitter": ""}, "请填写建议人或选择会员"),
        ("disclosure", {"topic": ""}, "这个字段是必填项"),
        ("meeting", {"date": "2024-02-30"}, "输入一个有效的日期"),
    ],
)
def test_bad_input_is_refused_in_chinese(clerk_client, union, prefix, overrides, message):
    model = CASES[prefix][0]
    data = {**CASES[prefix][1], **overrides}
    response = clerk_client.post(reverse(f"democracy:{prefix}-create", args=[union.code]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not model.objects.exists()


def test_good_edge_values_are_accepted(clerk_client, union):
    """All delegates present and women, growth of exactly 0 and 100, adopted with a benefit."""
    cases = [
        ("congress", {"delegates_present": "120", "delegates_women": "120"}, Congress),
        ("contract", {"wage_growth": "100"}, CollectiveContract),
        ("contract", {"wage_growth": "0", "title": "零增长"}, CollectiveContract),
        ("contract", {"wage_growth": "", "title": "未约定"}, CollectiveContract),
        ("suggestion", {"adopted": "on", "adopted_on": "2024-06-01", "benefit": "12000.50"}, Suggestion),
        (
            "proposal",
            {"status": "closed", "reply": "已增设", "replied_on": "2024-04-01", "department": "后勤处"},
            Proposal,
        ),
    ]
    for prefix, overrides, model in cases:
        before = model.objects.count()
        data = {**CASES[prefix][1], **overrides}
        response = clerk_client.post(reverse(f"democracy:{prefix}-create", args=[union.code]), data)
        assert response.status_code == 302, (prefix, overrides, response.content.decode())
        assert model.objects.count() == before + 1
    assert CollectiveContract.objects.filter(wage_growth__isnull=True).count() == 1
    assert str(Suggestion.objects.get().benefit) == "12000.50"
