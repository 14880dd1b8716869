from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from members.cadres import cadre_figures
from members.models import Cadre
from records.periods import period_of
from reports.document import assemble
from reports.services import render_html, report_start
from tests.factories import CadreFactory, MemberFactory

pytestmark = pytest.mark.django_db


def test_clerk_records_a_cadre_and_ends_the_post(clerk_client, union):
    member = MemberFactory(union=union, name="高凤英")
    url = reverse("members:cadre-create", args=[union.code])
    data = {
        "member": member.pk,
        "post": "chair",
        "full_time": "on",
        "term": "第五届",
        "start_date": "2023-06-01",
    }
    assert clerk_client.post(url, data).status_code == 302
    cadre = Cadre.objects.get()
    assert (cadre.member, cadre.post, cadre.full_time, cadre.union) == (member, "chair", True, union)
    edit = reverse("members:cadre-edit", args=[union.code, cadre.pk])
    assert clerk_client.post(edit, {**data, "end_date": "2026-05-31"}).status_code == 302
    cadre.refresh_from_db()
    assert cadre.end_date == dt.date(2026, 5, 31)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"end_date": "2020-01-01"}, "离任日期不能早于任职日期"),
        ({"post": "chair"}, "该会员在这段时间已担任此职务"),
    ],
)
def test_bad_posts_are_refused(clerk_client, union, extra, message):
    member = MemberFactory(union=union)
    CadreFactory(union=union, member=member, post="chair", start_date=dt.date(2022, 1, 1))
    data = {"member": member.pk, "post": "committee", "term": "第五届", "start_date": "2023-06-01", **extra}
    response = clerk_client.post(reverse("members:cadre-create", args=[union.code]), data)
    assert message in response.content.decode()
    assert Cadre.objects.count() == 1


def test_a_member_of_another_union_cannot_be_picked(clerk_client, union, other_union):
    stranger = MemberFactory(union=other_union)
    data = {"member": stranger.pk, "post": "committee", "start_date": "2023-06-01"}
    clerk_client.post(reverse("members:cadre-create", args=[union.code]), data)
    assert not Cadre.objects.exists()


def test_cadre_figures_at_the_periods_end(union):
    women = MemberFactory(union=union, gender="F")
    CadreFactory(
        union=union, member=women, post="chair", full_time=True, term="第六届", start_date=dt.date(2025, 6, 1)
    )
    CadreFactory(union=union, member=women, post="women_chair", start_date=dt.date(2025, 6, 1))  # same person
    CadreFactory(union=union, post="committee", term="第六届", start_date=dt.date(2025, 6, 1))
    CadreFactory(union=union, post="group_leader", start_date=dt.date(2020, 1, 1))
    CadreFactory(
        union=union,
        post="committee",
        term="第五届",
        start_date=dt.date(2020, 6, 1),
        end_date=dt.date(2025, 6, 1),
    )
    CadreFactory(union=union, post="committee", start_date=dt.date(2026, 2, 1))  # after the period
    voided = CadreFactory(union=union, post="committee", start_date=dt.date(2024, 1, 1))
    voided.void("录错")

    figures = cadre_figures(union=union, period=period_of(2025))

    assert (figures.total, figures.full_time, figures.part_time) == (3, 1, 2)
    assert figures.women == 1
    assert figures.committee == 2
    assert figures.new_terms == ("第六届",)


def test_the_report_states_the_cadres_and_the_election(union):
    MemberFactory(union=union, joined_on=dt.date(2015, 1, 1))
    CadreFactory(union=union, post="chair", full_time=True, term="第六届", start_date=dt.date(2025, 6, 1))
    CadreFactory(union=union, post="committee", term="第六届", start_date=dt.date(2025, 6, 1))
    html = render_html(assemble(report_start(union=union, year=2025, actor=None)))
    assert "本年度顺利完成第六届工会委员会换届选举，新一届工会委员会由2人组成" in html
    assert "现有工会干部2人，其中专职1人、兼职1人。" in html  # no women among them: not mentioned


def test_the_list_puts_the_chair_first(clerk_client, union):
    CadreFactory(union=union, post="audit_member", member=MemberFactory(union=union, name="经审甲"))
    CadreFactory(union=union, post="chair", member=MemberFactory(union=union, name="主席乙"))
    rows = clerk_client.get(reverse("members:cadre-list", args=[union.code])).context["rows"]
    assert [row[0][0] for row in rows] == ["主席乙", "经审甲"]
