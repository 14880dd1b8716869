"""One date policy for every record (issue #9, item 9).

Web forms took record dates in year 0001, 1899 and 9999 (one such disbursement was approved
and paid) while the import refused years outside 1900-2100. Every date field of every model
and every form now asks records.dates.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from records import dates
from tests.security.test_cross_union_ids import EXTRA_KWARGS, _subclasses
from tests.welfare.factories import DisbursementFactory
from welfare.choices import DisbursementStatus
from welfare.models import Disbursement

pytestmark = pytest.mark.django_db

IMPLAUSIBLE = ["0001-01-01", "1899-12-31", "9999-12-31", f"{dt.date.today().year + 11}-01-01"]


def _date_fields(model: type[models.Model]) -> list[str]:
    return [
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField)
    ]


PROJECT_MODELS = [
    m
    for m in apps.get_models()
    if m.__module__.split(".")[0]
    in {a.name for a in apps.get_app_configs() if Path(a.path).parent == Path(settings.BASE_DIR)}
    and _date_fields(m)
    and m._meta.managed  # a table the database keeps itself (members_name_char) is no record
]


def test_the_window_is_1900_to_ten_years_ahead():
    assert dates.refusal(dt.date(1900, 1, 1)) == ""
    assert dates.refusal(dates.latest()) == ""
    assert "1900年1月1日" in dates.refusal(dt.date(1899, 12, 31))
    assert dates.refusal(dates.latest() + dt.timedelta(days=1))


@pytest.mark.parametrize("model", PROJECT_MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("value", ["0001-01-01", "1899-12-31", "9999-12-31"])
def test_every_date_field_of_every_model_refuses_an_implausible_date(model, value):
    for name in _date_fields(model):
        instance = model(**{name: dt.date.fromisoformat(value)})
        others = [f.name for f in model._meta.fields if f.name != name]
        with pytest.raises(ValidationError) as caught:
            instance.clean_fields(exclude=others)
        assert "不合理" in str(caught.value.message_dict[name]), (model, name)


def _model_forms() -> list[type[forms.ModelForm]]:
    found = []
    for cls in {*_subclasses(forms.ModelForm)}:
        meta = getattr(cls, "_meta", None)
        if meta is None or meta.model is None or cls.__module__.startswith("tests"):
            continue
        if any(n in cls.base_fields for n in _date_fields(meta.model)):
            found.append(cls)
    return sorted(found, key=lambda c: c.__name__)


@pytest.mark.parametrize("form_class", _model_forms(), ids=lambda c: c.__name__)
def test_every_form_with_a_date_refuses_year_9999(form_class, union):
    kwargs = {"union": union, **EXTRA_KWARGS.get(form_class.__name__, {})}
    if form_class.__name__ == "HardshipReviewForm":
        from tests.welfare.factories import HardshipFileFactory

        kwargs["file"] = HardshipFileFactory(union=union)
    if form_class.__name__ in ("ReportForm", "OfficialNumberForm"):
        kwargs.pop("union")
    for name in _date_fields(form_class._meta.model):
        if name not in form_class.base_fields:
            continue
        form = form_class(data={name: "9999-12-31"}, **kwargs)
        form.is_valid()
        assert name in form.errors, (form_class.__name__, name)
        assert any("不合理" in e for e in form.errors[name]), form.errors[name]


@pytest.mark.parametrize("value", IMPLAUSIBLE)
def test_the_disbursement_page_refuses_the_date(clerk_client, union, value):
    data = {
        "date": value,
        "kind": "living",
        "recipient_name": "王某",
        "cash_amount": "500",
        "goods_value": "0",
        "funding_source": "union_funds",
    }
    response = clerk_client.post(reverse("welfare:disbursement-create", args=[union.code]), data)
    assert response.status_code == 200
    assert "日期" in response.content.decode() and "不合理" in response.content.decode()
    assert not Disbursement.objects.exists()


def test_marking_paid_refuses_year_0001(leader_client, union):
    record = DisbursementFactory(union=union, status=DisbursementStatus.APPROVED, cash_amount=Decimal("100"))
    url = reverse("welfare:disbursement-pay", args=[union.code, record.pk])
    response = leader_client.post(url, {"paid_on": "0001-01-01"}, follow=True)
    assert "不合理" in response.content.decode()
    record.refresh_from_db()
    assert record.status == DisbursementStatus.APPROVED and record.paid_on is None
