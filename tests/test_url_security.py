"""Walk every URL pattern of the product and check who gets in.

Each union-scoped URL needs a rule in its app's tests/<app>/rules.py saying which permission it requires; a new view
without a rule fails `test_every_union_url_has_a_rule`, so nobody forgets to decide.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from tests.rules import collect
from unions.permissions import ROLE_PERMS, SUPERIOR_PERMS, Perm

pytestmark = pytest.mark.django_db

# url name -> (permission, builder of the object the URL's pk names), from tests/<app>/rules.py
_RULES = collect("URL_RULES")
RULES: dict[str, Perm] = {name: perm for name, (perm, _) in _RULES.items()}
OBJECTS: dict[str, Callable] = {name: build for name, (_, build) in _RULES.items() if build}

# URLs outside any union; all but login need a signed-in user.
PUBLIC = {"login"}
NON_UNION = {"home", "logout", "password_change", "login"}


def _walk(patterns, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.app_name == "admin":
                continue  # Django's admin has its own staff login
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _walk(p.url_patterns, ns)
        elif p.name:
            yield f"{prefix}{p.name}", p


def all_url_names() -> list[str]:
    return sorted({name for name, _ in _walk(get_resolver().url_patterns)})


def union_url_names() -> list[str]:
    return [n for n in all_url_names() if n not in NON_UNION]


def _url(name: str, union) -> str:
    kwargs = {"code": union.code}
    if name in OBJECTS:
        kwargs["pk"] = OBJECTS[name](union).pk
    return reverse(name, kwargs=kwargs)


def test_every_union_url_has_a_rule():
    missing = [n for n in union_url_names() if n not in RULES]
    assert not missing, f"URLs without a permission rule in this test: {missing}"


def test_rules_match_what_the_views_declare(union):
    for name in union_url_names():
        view = resolve(_url(name, union)).func
        assert getattr(view, "required_perm", None) == RULES[name], name


@pytest.mark.parametrize("name", union_url_names())
def test_anonymous_users_are_sent_to_login(client, union, name):
    url = _url(name, union)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))


@pytest.mark.parametrize("name", sorted(NON_UNION - PUBLIC - {"logout"}))
def test_non_union_pages_need_login_too(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))


@pytest.mark.parametrize("name", union_url_names())
def test_a_user_of_another_union_gets_404(outsider_client, union, name):
    response = outsider_client.get(_url(name, union))
    assert response.status_code == 404
    response = outsider_client.post(_url(name, union))
    assert response.status_code == 404


@pytest.mark.parametrize("name", [n for n in union_url_names() if n in OBJECTS])
def test_an_object_of_another_union_gets_404_under_ones_own_code(
    outsider_client, outsider, union, other_union, name
):
    foreign = OBJECTS[name](union)
    url = reverse(name, kwargs={"code": other_union.code, "pk": foreign.pk})
    # The outsider's own role may lack the permission: then 403 comes before any lookup.
    allowed = RULES[name] in ROLE_PERMS[outsider.union_roles.get().role]
    assert outsider_client.post(url).status_code == (404 if allowed else 403)
    assert outsider_client.get(url).status_code in ((404, 405) if allowed else (403,))


@pytest.mark.parametrize("name", union_url_names())
@pytest.mark.parametrize("who", ["clerk", "leader", "admin", "county"])
def test_each_role_is_allowed_or_refused_by_the_rule(request, union, name, who):
    client = request.getfixturevalue({"admin": "admin_client_"}.get(who, f"{who}_client"))
    perms = SUPERIOR_PERMS if who == "county" else ROLE_PERMS[who]
    response = client.get(_url(name, union))
    if RULES[name] in perms:
        assert response.status_code in (200, 302, 405), (name, who, response.status_code)
    else:
        assert response.status_code == 403, (name, who, response.status_code)
