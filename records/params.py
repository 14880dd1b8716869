"""Reading query and form parameters: the one place where a request's raw strings become values.

Two kinds of bad input, two answers, never a 500:
- characters no page of ours sends (NUL and other control characters) in the path, the query
  string or a urlencoded form: `ControlCharacterMiddleware` refuses the request with a 400 page
  (PostgreSQL cannot even compare a string holding NUL);
- a value of the wrong shape for its parameter (year 99999, "²" or "١٢" where a number goes, an
  id past the database's range, a search text of 10,000 characters): the parsers below treat
  the parameter as absent and the page says so in Chinese.

Numbers are ASCII digits only: `str.isdigit()` also accepts "²", which `int()` then refuses,
and `int()` accepts " 1", "١٢" and "1_0", which no link of ours contains.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from records.periods import Period, period_for, period_from_code

if TYPE_CHECKING:
    from django.utils.datastructures import MultiValueDict

    from unions.models import Union

# Years a page may ask for; outside them a date cannot be built (year 0, 10000) or means nothing.
YEAR_MIN = 1900
YEAR_MAX = 2100
ID_MAX = 2**63 - 1  # BigAutoField: a larger id overflows the database's integer
PAGE_MAX = 1_000_000
TEXT_MAX = 100  # search boxes and name filters
_DIGITS = re.compile(r"[0-9]{1,19}")
# Tab, line feed and carriage return are ordinary in textareas; other control characters are not.
_FORM_ALLOWED_CONTROLS = frozenset("\t\n\r")


class BadParameter(BadRequest):
    """A request Django answers with templates/400.html; the message is shown to the user."""


def has_control_characters(text: str, *, allowed: frozenset[str] = frozenset()) -> bool:
    return any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in text)


# --- values ----------------------------------------------------------------------------------


def int_value(value: str | None, *, min_value: int = 0, max_value: int = ID_MAX) -> int | None:
    """The integer `value` spells in ASCII digits within the bounds, else None."""
    if value is None or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if min_value <= number <= max_value else None


def year_value(value: str | None) -> int | None:
    return int_value(value, min_value=YEAR_MIN, max_value=YEAR_MAX)


_ISO_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def date_value(value: str | None) -> dt.date | None:
    """The day an ISO text (2025-12-31) names within the year bounds, else None."""
    match = _ISO_DAY.fullmatch(value or "")
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    if not YEAR_MIN <= year <= YEAR_MAX:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def period_value(union: Union, value: str | None) -> Period | None:
    """The period a `Period.code` names for `union` (2025, 2025-H1, 2025-Q3, 2025-11-30)
    within the year bounds, else None: how a list filter and a dashboard link name a period."""
    text = text_value(value, max_length=20) if value else None
    if not text:
        return None
    return period_from_code(union, text, min_year=YEAR_MIN, max_year=YEAR_MAX)


def id_value(value: str | None) -> int | None:
    return int_value(value, min_value=1)


def text_value(value: str | None, *, max_length: int = TEXT_MAX, multiline: bool = False) -> str | None:
    allowed = _FORM_ALLOWED_CONTROLS if multiline else frozenset()
    if value is None or len(value) > max_length or has_control_characters(value, allowed=allowed):
        return None
    return value.strip()


# --- parameters of one request ---------------------------------------------------------------


def _source(request: HttpRequest, data: QueryDict | None) -> QueryDict:
    return request.GET if data is None else data


def ignored(request: HttpRequest, name: str, value: str) -> None:
    """Tell the user (once per parameter) that a value was dropped, so a page that shows more
    than they asked for does not look like an answer to their question."""
    noted: set[str] = request.__dict__.setdefault("_ignored_params", set())
    if name in noted:
        return
    noted.add(name)
    shown = value if len(value) <= 20 else f"{value[:20]}…"
    messages.warning(request, f"参数“{name}”的值“{shown}”无效，已忽略。")


def _parsed(
    request: HttpRequest, name: str, data: QueryDict | None, parse: Callable[[str], object], quiet: bool
) -> object:
    raw = _source(request, data).get(name)
    if raw is None or raw == "":
        return None
    value = parse(raw)
    if value is None and not quiet:
        ignored(request, name, raw)
    return value


def int_param(
    request: HttpRequest,
    name: str,
    *,
    default: int | None = None,
    min_value: int = 0,
    max_value: int = ID_MAX,
    data: QueryDict | None = None,
    quiet: bool = False,
) -> int | None:
    value = _parsed(
        request, name, data, lambda v: int_value(v, min_value=min_value, max_value=max_value), quiet
    )
    return default if value is None else value  # type: ignore[return-value]


def year_param(
    request: HttpRequest, name: str = "year", *, default: int, data: QueryDict | None = None
) -> int:
    value = int_param(request, name, min_value=YEAR_MIN, max_value=YEAR_MAX, data=data)
    return default if value is None else value


def period_param(
    request: HttpRequest,
    union: Union,
    name: str = "period",
    *,
    default: Period,
    latest: Period | None = None,
    data: QueryDict | None = None,
) -> Period:
    """The period a page is asked for: `period` as a `Period.code` (2025, 2025-H1, 2025-Q3,
    2025-11-30), else a bare `year` (older links), else `default`. A period that ends after
    `latest` (a future one) is dropped with a notice like any other bad value."""

    def parse(value: str) -> Period | None:
        text = text_value(value, max_length=20)
        period = None if text is None else period_from_code(union, text, min_year=YEAR_MIN, max_year=YEAR_MAX)
        if period is not None and latest is not None and period.end > latest.end:
            return None
        return period

    value = _parsed(request, name, data, parse, quiet=False)
    if value is not None:
        return value  # type: ignore[return-value]
    year = int_param(request, "year", min_value=YEAR_MIN, max_value=YEAR_MAX, data=data)
    if year is not None and (latest is None or year <= latest.year):
        return period_for(union, year)
    return default


def id_param(request: HttpRequest, name: str, *, data: QueryDict | None = None) -> int | None:
    return int_param(request, name, min_value=1, data=data)


def id_list_param(request: HttpRequest, name: str, *, data: QueryDict | None = None) -> list[int]:
    """Every valid id given under `name`, in order, without repeats; bad ones are dropped."""
    ids: list[int] = []
    for raw in _source(request, data).getlist(name):
        value = id_value(raw)
        if value is None:
            ignored(request, name, raw)
        elif value not in ids:
            ids.append(value)
    return ids


def filter_param(request: HttpRequest, name: str, *, default: str, clean: Callable[[str], str | None]) -> str:
    """A list filter's value. Absent means the filter's default; present but empty is the
    filter's 全部 option; `clean` returns None for a value no option means."""
    raw = request.GET.get(name)
    if raw is None:
        return default
    text = text_value(raw)
    value = None if text is None else clean(text)
    if value is None:
        ignored(request, name, raw)
        return default
    return value


def page_param(request: HttpRequest, name: str = "page") -> int:
    """The page number for `Paginator.get_page` (which itself turns a too-large one into the last)."""
    return int_param(request, name, default=1, min_value=1, max_value=PAGE_MAX) or 1


def text_param(
    request: HttpRequest,
    name: str,
    *,
    default: str = "",
    max_length: int = TEXT_MAX,
    multiline: bool = False,
    data: QueryDict | None = None,
    quiet: bool = False,
) -> str:
    value = _parsed(
        request, name, data, lambda v: text_value(v, max_length=max_length, multiline=multiline), quiet
    )
    return default if value is None else value  # type: ignore[return-value]


def choice_param(
    request: HttpRequest,
    name: str,
    choices: Iterable[str],
    *,
    default: str = "",
    data: QueryDict | None = None,
) -> str:
    allowed = set(choices)
    value = _parsed(request, name, data, lambda v: v if v in allowed else None, quiet=False)
    return default if value is None else value  # type: ignore[return-value]


# --- the request as a whole ------------------------------------------------------------------


def _bad_pairs(data: MultiValueDict, allowed: frozenset[str]) -> bool:
    return any(
        has_control_characters(key, allowed=allowed) or has_control_characters(value, allowed=allowed)
        for key, values in data.lists()
        for value in values
        if isinstance(value, str)
    )


class ControlCharacterMiddleware:
    """Refuse (400) a request whose path, query string or urlencoded form holds NUL or another
    control character, before any view, form or query sees it.

    Multipart bodies are left to the forms (Django's CharField refuses NUL, `text_param` refuses
    control characters): reading them here would parse uploads before the view can choose how.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if has_control_characters(request.path_info):
            raise BadParameter("网址中含有不允许的字符。")
        if _bad_pairs(request.GET, frozenset()):
            raise BadParameter("网址的查询参数中含有不允许的控制字符。")
        urlencoded = request.content_type == "application/x-www-form-urlencoded"
        if request.method == "POST" and urlencoded and _bad_pairs(request.POST, _FORM_ALLOWED_CONTROLS):
            raise BadParameter("提交的内容中含有不允许的控制字符（如空字符），请检查后重新提交。")
        return self.get_response(request)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: our own message for a refused parameter, a general one for anything else.
    The page stands alone (like 500.html): the request may not have passed sessions or auth."""
    message = exception.args[0] if isinstance(exception, BadParameter) and exception.args else ""
    return render(request, "400.html", {"message": message or "请求的网址或提交的内容有误。"}, status=400)
