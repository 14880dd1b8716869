"""职工董事/监事, 劳动保护监督检查委员会 and 职工技协: facts of the union per year, entered on
its profile page, printed in the return under their tables with their codes, checked as the
survey checks them and summed by the county's roll-up."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from profiles.models import UnionYearProfile
from tests.profiles.factories import ProfileFactory
from tests.workbook.factories import ExternalReportFactory
from workbook.codes import TABLE_OF
from workbook.indicators import INDICATORS, indicator_values, to_text
from workbook.rollup import rollup
from workbook.services import export_annual_workbook
from workbook.survey.review import review_union

pytestmark = pytest.mark.django_db
Y = 2025
FACTS = {
    "has_board": True,
    "worker_directors": 2,
    "has_supervisory_board": True,
    "worker_supervisors": 1,
    "has_safety_committee": True,
    "safety_inspectors": 6,
    "tech_associations": 1,
    "tech_association_members": 35,
}
FORM = {
    "unit_kind": "joint_stock",
    "workers": "120",
    "women_workers": "40",
    "joint_units": "0",
    "has_board": "on",
    "worker_directors": "2",
    "has_supervisory_board": "on",
    "worker_supervisors": "1",
    "has_safety_committee": "on",
    "safety_inspectors": "6",
    "tech_associations": "1",
    "tech_association_members": "35",
}


def _period(union):  # type: ignore[no-untyped-def]
    from records.periods import period_for

    return period_for(union, Y)


def test_the_union_enters_them_on_its_profile_page_and_sees_them(clerk_client, union):
    url = reverse("profiles:own", args=[union.code]) + f"?year={Y}"
    form = clerk_client.get(url).content.decode()
    for label in ("设有董事会", "职工董事人数", "职工监事人数", "劳动保护监督检查员人数", "职工技协会员人数"):
        assert label in form
    assert clerk_client.post(url, FORM).status_code == 302
    profile = UnionYearProfile.objects.get(union=union, year=Y)
    assert {name: getattr(profile, name) for name in FACTS} == FACTS
    page = clerk_client.get(reverse("profiles:list", args=[union.code]), {"year": Y}).content.decode()
    assert "设有董事会，职工董事2人" in page and "设有监事会，职工监事1人" in page
    assert "已建立劳动保护监督检查委员会，劳动保护监督检查员6人" in page
    assert "1个，会员35人" in page


def test_a_unit_without_them_leaves_them_blank(clerk_client, union):
    url = reverse("profiles:own", args=[union.code]) + f"?year={Y}"
    blank = {k: v for k, v in FORM.items() if k not in FACTS}
    assert clerk_client.post(url, blank).status_code == 302
    profile = UnionYearProfile.objects.get(union=union, year=Y)
    assert (profile.worker_directors, profile.safety_inspectors, profile.tech_associations) == (0, 0, 0)
    assert not profile.has_board


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"worker_directors": 2}, "worker_directors"),
        ({"worker_supervisors": 1}, "worker_supervisors"),
        ({"safety_inspectors": 101}, "safety_inspectors"),
        ({"tech_association_members": 5}, "tech_associations"),
        ({"tech_associations": 1, "tech_association_members": 101}, "tech_association_members"),
    ],
)
def test_the_profile_refuses_what_the_return_would_refuse(union, fields, field):
    profile = ProfileFactory.build(union=union, year=Y, workers=100, women_workers=40, **fields)
    with pytest.raises(ValidationError) as raised:
        profile.full_clean()
    assert field in raised.value.message_dict


def test_the_form_says_why_in_chinese(clerk_client, union):
    url = reverse("profiles:own", args=[union.code]) + f"?year={Y}"
    response = clerk_client.post(url, {**FORM, "has_board": ""})
    assert response.status_code == 200
    assert "有职工董事的单位应设有董事会" in response.content.decode()
    assert not UnionYearProfile.objects.exists()


def test_the_return_carries_them_under_their_tables_with_their_codes(union):
    ProfileFactory(union=union, year=Y, **FACTS)
    values = indicator_values(union=union, period=_period(union))
    assert {key: values[key] for key in FACTS} == {k: int(v) for k, v in FACTS.items()}
    assert {key: TABLE_OF[key] for key in FACTS} == {
        "has_board": "民主管理",
        "worker_directors": "民主管理",
        "has_supervisory_board": "民主管理",
        "worker_supervisors": "民主管理",
        "has_safety_committee": "劳动保护和法律监督",
        "safety_inspectors": "劳动保护和法律监督",
        "tech_associations": "经济技术",
        "tech_association_members": "经济技术",
    }
    buffer = io.BytesIO()
    export_annual_workbook(union=union, year=Y, full_ids=False, target=buffer)
    sheet = load_workbook(io.BytesIO(buffer.getvalue()))["统计指标"]
    rows = {r[0]: r[1:] for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]}
    assert rows["412"] == ("职工董事", "人", 2) and rows["414"] == ("职工监事", "人", 1)
    assert rows["609"] == ("建立劳动保护监督检查委员会的单位", "个", 1)
    assert rows["610"] == ("劳动保护监督检查员", "人", 6)
    assert rows["808"] == ("职工技协组织", "个", 1) and rows["809"] == ("职工技协会员", "人", 35)
    captions = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] and r[1] is None]
    order = list(rows)
    assert order.index("410") < order.index("411") < order.index("501")  # inside 四、民主管理
    assert "四、民主管理" in captions


def test_a_failing_fact_links_to_the_profile_page(union, clerk_client):
    # A profile saved past its checks (as an old row might be): the return's check finds it.
    ProfileFactory(union=union, year=Y, worker_directors=3)
    review = review_union(union=union, period=_period(union))
    failure = next(f for f in review.failures if f.finding.check.key == "worker_directors_need_board")
    assert failure.message.startswith("职工董事为3人，但设有董事会的单位为0。")
    urls = {figure.key: figure.url for figure in failure.figures}
    assert urls["worker_directors"] == reverse("profiles:own", args=[union.code]) + f"?year={Y}"
    assert clerk_client.get(urls["worker_directors"]).status_code == 200


def test_the_county_roll_up_sums_them_over_its_subtree(county, union, other_union):
    ProfileFactory(union=union, year=Y, **FACTS)
    ProfileFactory(union=other_union, year=Y, has_board=True, worker_directors=1, safety_inspectors=4)
    imported = {d.key: to_text(d, d.zero) for d in INDICATORS} | {
        "workers": "300",
        "has_supervisory_board": "1",
        "worker_supervisors": "3",
        "tech_associations": "2",
        "tech_association_members": "50",
    }
    ExternalReportFactory(union=county, values=imported)
    totals = rollup(union=county, year=Y).totals
    assert (totals["has_board"], totals["worker_directors"]) == (2, 3)
    assert (totals["has_supervisory_board"], totals["worker_supervisors"]) == (2, 4)
    assert (totals["has_safety_committee"], totals["safety_inspectors"]) == (1, 10)
    assert (totals["tech_associations"], totals["tech_association_members"]) == (3, 85)
