"""Ids posted in a form are looked up inside the form's union (issue #9, item 1).

A crafted POST may carry another union's member, branch, hardship file, congress… ids. The
form must refuse them and, when it is shown again, must not name them: the member picker
used to draw its chips from the posted ids alone (name, branch and ID tail of a stranger).
Every form of the product is found by walking the form classes, so a new form is covered
the day it is written.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.urls import resolve, reverse

from records.viewsets import RecordViewSet
from tests.democracy.factories import CongressFactory
from tests.factories import BranchFactory, MemberFactory
from tests.welfare.factories import DisbursementBatchFactory, HardshipFileFactory
from unions.permissions import Perm
from welfare.models import Disbursement

pytestmark = pytest.mark.django_db


def _project_modules() -> list[Any]:
    modules = []
    for app in apps.get_app_configs():
        if Path(app.path).parent != Path(settings.BASE_DIR) or app.name.startswith("tests"):
            continue
        for info in pkgutil.walk_packages([app.path], f"{app.name}."):
            if ".migrations" in info.name or ".management" in info.name:
                continue
            modules.append(importlib.import_module(info.name))
    return modules


MODULES = _project_modules()


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found += [sub, *_subclasses(sub)]
    return found


def _union_forms() -> list[type[forms.BaseForm]]:
    """Every form of the product that takes a `union` and offers a choice of related objects."""
    found = []
    for cls in {*_subclasses(forms.BaseForm)}:
        if cls.__module__.split(".")[0] not in {a.name for a in apps.get_app_configs()}:
            continue
        if cls.__module__.startswith("tests"):
            continue
        if any(isinstance(f, forms.ModelChoiceField) for f in getattr(cls, "base_fields", {}).values()):
            found.append(cls)
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__name__}")


FORMS = _union_forms()
VIEWSETS = sorted(
    {id(v): v for m in MODULES for v in vars(m).values() if isinstance(v, RecordViewSet)}.values(),
    key=lambda v: v.url_name("create"),
)


@pytest.fixture
def stranger(other_union):
    """Objects of another union, each with a name that must never show in our union's pages."""
    branch = BranchFactory(union=other_union, name="越界分会甲")
    member = MemberFactory(union=other_union, name="越界会员乙", branch=branch)
    return {
        "member": member,
        "branch": branch,
        "tail": member.id_number[-4:],
        "HardshipFile": HardshipFileFactory(union=other_union, member=member),
        "Congress": CongressFactory(union=other_union, session="越界届次丙"),
        "DisbursementBatch": DisbursementBatchFactory(union=other_union, title="越界慰问丁"),
    }


def _foreign_value(field: forms.ModelChoiceField, stranger: dict[str, Any]) -> Any:
    model = (
        field.queryset.model if field.queryset is not None else field.widget.choices.queryset.model
    ).__name__
    obj = {"Member": stranger["member"], "Branch": stranger["branch"]}.get(model) or stranger.get(model)
    assert obj is not None, f"no foreign {model} in the fixture: add one"
    return [obj.pk] if isinstance(field, forms.ModelMultipleChoiceField) else obj.pk


def _assert_names_nothing_foreign(html: str, stranger: dict[str, Any]) -> None:
    for text in ("越界会员乙", "越界分会甲", f"尾号{stranger['tail']}", "越界届次丙", "越界慰问丁"):
        assert text not in html, text


def test_the_walk_finds_the_forms_with_member_pickers():
    names = {c.__name__ for c in FORMS}
    assert {"ActivityForm", "DisbursementForm", "FestivalBatchForm", "CadreForm", "ProposalForm"} <= names
    assert len(VIEWSETS) >= 16


# What a form needs besides its union (a form missing here fails the test: add it).
EXTRA_KWARGS: dict[str, dict[str, Any]] = {"MemberForm": {"show_full_id": False}}


@pytest.mark.parametrize("form_class", FORMS, ids=lambda c: c.__name__)
def test_every_form_refuses_and_hides_another_unions_objects(form_class, union, stranger):
    kwargs = {"union": union, **EXTRA_KWARGS.get(form_class.__name__, {})}
    unbound = form_class(**kwargs)
    choice_fields = {n: f for n, f in unbound.fields.items() if isinstance(f, forms.ModelChoiceField)}
    data = {name: _foreign_value(f, stranger) for name, f in choice_fields.items()}
    data["member_ids"] = str(stranger["member"].pk)  # the batch form's confirmation field
    form = form_class(data=data, **kwargs)

    form.is_valid()
    for name, field in choice_fields.items():
        if field.disabled:
            continue
        assert name in form.errors or form.cleaned_data.get(name) in (None, [], ""), name
    html = "".join(str(form[name]) for name in form.fields)
    _assert_names_nothing_foreign(html, stranger)


@pytest.mark.parametrize("viewset", VIEWSETS, ids=lambda v: v.url_name("create"))
def test_every_record_page_answers_foreign_ids_without_naming_them(viewset, request, union, stranger):
    url = reverse(viewset.url_name("create"), args=[union.code])
    # The user whose role may create this record (慰问标准 are the admin's settings).
    needs = getattr(resolve(url).func, "required_perm", Perm.EDIT)
    client = request.getfixturevalue("admin_client_" if needs == Perm.MANAGE_UNION else "clerk_client")
    form_fields = viewset.form_class.base_fields
    data = {
        name: _foreign_value(f, stranger)
        for name, f in form_fields.items()
        if isinstance(f, forms.ModelChoiceField)
    }
    # Also the fields the form does not have: a tampered POST may add them.
    data.setdefault("member", stranger["member"].pk)
    data.setdefault("members", [stranger["member"].pk])
    before = viewset.model.objects.count()
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with its errors
    _assert_names_nothing_foreign(response.content.decode(), stranger)
    assert viewset.model.objects.count() == before


def test_the_batch_page_ignores_foreign_members_and_branches(clerk_client, union, stranger):
    data = {
        "date": "2025-01-20",
        "kind": "festival",
        "festival": "spring",
        "cash_amount": "100",
        "funding_source": "union_funds",
        "members": [stranger["member"].pk],
        "branch": stranger["branch"].pk,
        "member_ids": str(stranger["member"].pk),
        "preview": "1",
    }
    response = clerk_client.post(reverse("welfare:batch-create", args=[union.code]), data)
    assert response.status_code == 200
    _assert_names_nothing_foreign(response.content.decode(), stranger)
    assert not Disbursement.objects.filter(member=stranger["member"]).exists()


def test_an_edit_keeps_its_own_member_chip(clerk_client, union):
    """The fix must not hide the record's own member when the form is shown again."""
    member = MemberFactory(union=union, name="本会会员戊")
    file = HardshipFileFactory(union=union, member=member)
    response = clerk_client.get(reverse("welfare:hardship-edit", args=[union.code, file.pk]))
    assert "本会会员戊" in response.content.decode()


def test_the_picker_alone_names_nobody():
    """A picker that was never bound to a field's queryset fails closed."""
    from members.widgets import MemberPicker

    member = MemberFactory(name="未绑定会员己")
    html = MemberPicker().render("member", member.pk)
    assert "未绑定会员己" not in html
