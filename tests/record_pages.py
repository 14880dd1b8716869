"""The tests every record kind's pages must pass: a clerk creates and edits through the pages,
a higher-level union reads but cannot write, another union's user gets 404.

An app's test module states its cases and takes the tests:

    test_a, test_b, test_c = record_page_tests("rights", CASES, BUILDERS)

CASES: {url prefix: (model, valid form data, (field to edit, posted value, stored value))};
BUILDERS: {url prefix: a function union -> a stored record}.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from audit.models import AuditEntry


def record_page_tests(
    namespace: str, cases: dict[str, tuple], builders: dict[str, Callable]
) -> tuple[Any, ...]:
    def url(name: str, union: Any, *args: Any) -> str:
        return reverse(f"{namespace}:{name}", args=[union.code, *args])

    @pytest.mark.django_db
    @pytest.mark.parametrize("prefix", cases)
    def test_clerk_creates_and_edits_a_record(clerk_client, clerk, union, prefix):
        model, data, (field, posted, stored) = cases[prefix]
        response = clerk_client.post(url(f"{prefix}-create", union), data)
        assert response.status_code == 302, response.content.decode()
        obj = model.objects.get()
        assert obj.union == union
        assert response["Location"] == url(f"{prefix}-detail", union, obj.pk)
        assert str(obj) in clerk_client.get(response["Location"]).content.decode()

        response = clerk_client.post(url(f"{prefix}-edit", union, obj.pk), {**data, field: posted})
        assert response.status_code == 302, response.content.decode()
        obj.refresh_from_db()
        assert getattr(obj, field) == stored
        assert AuditEntry.objects.for_object(obj).get(action="update").actor == clerk

    @pytest.mark.django_db
    @pytest.mark.parametrize("prefix", cases)
    def test_the_county_reads_but_cannot_write(county_client, union, prefix):
        model, data, (field, posted, stored) = cases[prefix]
        obj = builders[prefix](union)
        assert county_client.get(url(f"{prefix}-detail", union, obj.pk)).status_code == 200
        assert county_client.post(url(f"{prefix}-create", union), data).status_code == 403
        edit = url(f"{prefix}-edit", union, obj.pk)
        assert county_client.post(edit, {**data, field: posted}).status_code == 403
        assert model.objects.count() == 1
        obj.refresh_from_db()
        assert getattr(obj, field) != stored

    @pytest.mark.django_db
    @pytest.mark.parametrize("prefix", cases)
    def test_another_unions_user_gets_404(outsider_client, union, prefix):
        model, data, _ = cases[prefix]
        obj = builders[prefix](union)
        assert outsider_client.get(url(f"{prefix}-list", union)).status_code == 404
        assert outsider_client.get(url(f"{prefix}-detail", union, obj.pk)).status_code == 404
        assert outsider_client.post(url(f"{prefix}-create", union), data).status_code == 404
        assert outsider_client.post(url(f"{prefix}-edit", union, obj.pk), data).status_code == 404
        assert model.objects.count() == 1

    return (
        test_clerk_creates_and_edits_a_record,
        test_the_county_reads_but_cannot_write,
        test_another_unions_user_gets_404,
    )
