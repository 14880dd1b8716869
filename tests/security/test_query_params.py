"""Issue #9 item 5: no query or form value, however hostile, ends in a 500.

Every GET page of a union (found by walking the URLconf, as tests/test_url_security.py does) is
requested by each role with each parameter it reads set to each nasty value. Which parameters a
page reads is found by asking it: a first clean request records every key the view looks up in
request.GET; a fixed list of common names is fuzzed as well, in case a page reads a name only
when another one is present.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from tests.test_url_security import OBJECTS, union_url_names
from tests.welfare.factories import DisbursementFactory

pytestmark = pytest.mark.django_db

NASTY = [
    "0",
    "10000",
    "99999",
    "²",
    "١٢",
    "-1",
    "1e3",
    " 1",
    "\x00",
    "a\x00b",
    "%00",
    "9" * 10_000,
    "x" * 10_000,
    "[]",
    "../",
    "' OR 1=1",
    "\x1b[31m",
]
COMMON = [
    "year",
    "page",
    "q",
    "sort",
    "branch",
    "status",
    "kind",
    "actor",
    "action",
    "tab",
    "void",
    "all",
    "direction",
    "category",
    "gender",
    "migrant",
    "pk",
    "id",
    "ids",
    "next",
]
ROLES = {"clerk": "clerk", "leader": "leader", "admin": "admin_user", "county": "county_user"}
# Downloads that render a whole file per request; they are fuzzed with the common names only once.
HEAVY = {"reports:pdf"}


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@contextmanager
def _recording_reads(seen: set[str]):
    """Note every key looked up in a QueryDict while the block runs."""
    originals = {name: getattr(QueryDict, name) for name in ("get", "getlist", "__getitem__", "__contains__")}

    def wrap(name):
        original = originals[name]

        def recorded(self, key, *args, **kwargs):
            seen.add(key)
            return original(self, key, *args, **kwargs)

        return recorded

    for name in originals:
        setattr(QueryDict, name, wrap(name))
    try:
        yield
    finally:
        for name, original in originals.items():
            setattr(QueryDict, name, original)


def _url(name: str, union) -> str:
    kwargs = {"code": union.code}
    if name in OBJECTS:
        kwargs["pk"] = OBJECTS[name](union).pk
    return reverse(name, kwargs=kwargs)


def _get_pages() -> list[str]:
    return [n for n in union_url_names() if not n.endswith(("-start", "-move", "-confirm"))]


def _check(client: Client, url: str, data: dict[str, str], who: str) -> None:
    response = client.get(url, data)
    assert response.status_code < 500, (who, url, {k: v[:20] for k, v in data.items()}, response.status_code)


@pytest.mark.parametrize("name", _get_pages())
def test_no_query_value_makes_a_page_fail(request, union, branch, name):
    url = _url(name, union)
    fuzzed_alone = False
    for who, fixture in ROLES.items():
        client = _client(request.getfixturevalue(fixture))
        read: set[str] = set()
        with _recording_reads(read):
            first = client.get(url)
        assert first.status_code < 500, (who, url)
        if first.status_code == 403:
            continue
        if name in HEAVY and fuzzed_alone:
            break  # a whole PDF per request: one role is enough for a page that reads nothing
        # Each parameter the page reads on its own: by the first role that gets in and by the
        # county (whose read-only pages take other branches); the rest of the battery goes to
        # everyone, with every common name at once.
        alone = sorted(read - {"csrfmiddlewaretoken"}) if not fuzzed_alone or who == "county" else []
        fuzzed_alone = True
        for value in NASTY if name not in HEAVY else NASTY[:3]:
            for param in alone:
                _check(client, url, {param: value}, who)
            _check(client, url, dict.fromkeys(COMMON, value), who)
        response = client.get(f"{url}?year=%ff&q=%ff%fe&page=%c0%80")  # not UTF-8 at all
        assert response.status_code < 500, (who, url)


@pytest.mark.parametrize("name", _get_pages())
def test_nul_and_control_characters_in_the_path_do_not_fail(clerk, union, name):
    client = _client(clerk)
    url = _url(name, union)
    code_part = f"/u/{union.code}/"
    for bad in ("%00", "a%00b", "%1b", "%ff", "%ed%a0%80"):
        for variant in (url.replace(code_part, f"/u/{bad}/"), url + bad, url.rstrip("/") + bad + "/"):
            response = client.get(variant)
            assert response.status_code < 500, (variant, response.status_code)


@pytest.mark.parametrize("ids", ["²", "\x00", "١", "9" * 30, "-1", "1e3", ""])
def test_the_bulk_decision_refuses_bad_ids_without_failing(leader, union, ids):
    client = _client(leader)
    DisbursementFactory(union=union)
    url = reverse("welfare:disbursement-decide", args=[union.code])
    for extra in ({}, {"batch": ids}):
        response = client.post(url, {"action": "approve", "ids": [ids, ids], **extra})
        assert response.status_code < 500, (ids, extra, response.status_code)


def test_a_control_character_gets_the_chinese_400_page(clerk, union):
    response = _client(clerk).get(reverse("members:list", args=[union.code]), {"q": "a\x00b"})
    assert response.status_code == 400
    assert "控制字符" in response.content.decode()


def test_a_bad_year_is_ignored_with_a_chinese_notice(clerk, union):
    response = _client(clerk).get(reverse("funds:entry-list", args=[union.code]), {"year": "²"})
    assert response.status_code == 200
    assert "参数“year”的值“²”无效，已忽略。" in response.content.decode()
