"""Issue #9 items 2 and 3: a viewer without full-ID rights cannot rebuild an ID number.

The property: over a generated roster, collect everything such a viewer can see (roster and
member pages, edit forms, lookup JSON, history and audit log, the masked workbook, import
preview and error workbook), read off what it reveals of each member's number (characters at
known positions, the birth date or month) and count the valid GB 11643 numbers consistent
with it. Every member keeps at least 1,000 — and still does if the attacker already knows
the member's city (the first four digits), as anyone might for a local union.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from audit.context import acting_as
from audit.registry import build_entry
from members import services
from members.id_numbers import CHECK_CHARS, PROVINCE_CODES, WEIGHTS, compose, parse
from members.import_models import RosterImport
from members.models import Member
from records.periods import current_period
from unions import permissions
from unions.models import Role
from unions.permissions import Perm

pytestmark = pytest.mark.django_db

FLOOR = 1000
ROSTER_SIZE = 200
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许"
GIVEN = "伟芳娜敏静丽强磊军洋"


# --- counting the numbers consistent with what was seen -------------------------------------


@dataclass(frozen=True)
class Seen:
    """What a viewer learnt of one number: characters by position, and the birth date to
    the year (always shown), the month or the day."""

    known: dict[int, str]
    year: int
    month: int | None = None
    day: int | None = None


def _digits(positions: Iterable[int], known: dict[int, str]) -> list[int]:
    """How many digit strings at `positions` give each weighted sum mod 11."""
    hist = [1] + [0] * 10
    for pos in positions:
        allowed = known.get(pos, "0123456789")
        new = [0] * 11
        for residue, count in enumerate(hist):
            if count:
                for digit in allowed:
                    new[(residue + int(digit) * WEIGHTS[pos]) % 11] += count
        hist = new
    return hist


def _convolve(a: list[int], b: list[int]) -> list[int]:
    out = [0] * 11
    for i, x in enumerate(a):
        if x:
            for j, y in enumerate(b):
                out[(i + j) % 11] += x * y
    return out


def candidates(seen: Seen, today: dt.date) -> int:
    """Valid numbers (as members.id_numbers.parse accepts them) consistent with `seen`."""
    known = seen.known
    provinces = [0] * 11
    for code in PROVINCE_CODES:
        if all(known.get(i, code[i]) == code[i] for i in (0, 1)):
            provinces[(int(code[0]) * WEIGHTS[0] + int(code[1]) * WEIGHTS[1]) % 11] += 1
    area = _convolve(provinces, _digits(range(2, 6), known))
    if all(known.get(i, "0") == "0" for i in range(2, 6)):  # parse refuses county "0000"
        area = [x - p for x, p in zip(area, provinces, strict=True)]
    dates = [0] * 11
    day = dt.date(seen.year, 1, 1)
    while day.year == seen.year and day <= today:
        text = f"{day:%Y%m%d}"
        if (
            seen.month in (None, day.month)
            and seen.day in (None, day.day)
            and all(known.get(6 + i, ch) == ch for i, ch in enumerate(text))
        ):
            dates[sum(int(ch) * WEIGHTS[6 + i] for i, ch in enumerate(text)) % 11] += 1
        day += dt.timedelta(days=1)
    total = _convolve(_convolve(area, dates), _digits(range(14, 17), known))
    if 17 in known:
        return sum(n for residue, n in enumerate(total) if CHECK_CHARS[residue] == known[17])
    return sum(total)


def _brute(number: str, hidden: tuple[int, ...], seen: Seen) -> int:
    found = 0
    for k in range(10 ** len(hidden)):
        chars = list(number)
        for pos, digit in zip(hidden, f"{k:0{len(hidden)}d}", strict=True):
            chars[pos] = digit
        try:
            resident = parse("".join(chars))
        except ValidationError:
            continue
        found += resident.birth_date.year == seen.year and seen.month in (None, resident.birth_date.month)
    return found


@pytest.mark.parametrize(
    ("hidden", "month"),
    [((0, 1, 5, 13), None), ((3, 4, 11, 15), None), ((2, 3, 4, 5), 6), ((2, 4, 12, 16), None)],
)
def test_the_counter_agrees_with_brute_force(hidden, month):
    number = compose("110105", dt.date(1985, 6, 15), 2)  # ...0023
    for check in "0123456789X":  # every check character, not just the valid one
        variant = number[:17] + check
        known = {i: ch for i, ch in enumerate(variant) if i not in hidden and i != 17}
        known[17] = check
        seen = Seen(known, 1985, month)
        assert candidates(seen, dt.date.today()) == _brute(variant, hidden, seen)


# --- what the viewer sees -------------------------------------------------------------------


# Whole tokens only: a run inside a hex digest or a CSRF token is not a number shown.
ID_TOKEN = re.compile(r"(?<![0-9A-Z*])[0-9X*]{18}(?![0-9A-Z*])")
DIGIT_RUN = re.compile(r"(?<![0-9A-Z])[0-9X]{4,}(?![0-9A-Z])")
FULL_DATES = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
)
MONTHS = (
    re.compile(r"(\d{4})-(\d{1,2})(?![-\d])"),
    re.compile(r"(\d{4})/(\d{1,2})(?![/\d])"),
    re.compile(r"(\d{4})年(\d{1,2})月"),
)


def _cell_text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return "" if value is None else str(value)


def workbook_text(content: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return "\n".join(
        "\t".join(_cell_text(v) for v in row) for sheet in book for row in sheet.iter_rows(values_only=True)
    )


# A log timestamp's microseconds are six digits that say nothing about anyone's number.
TIMESTAMP = re.compile(r"(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}(\.\d+)?(\+\d{2}:\d{2}|Z)?")


@dataclass(frozen=True)
class Evidence:
    """Everything that could tell digits or dates, read once from all the viewer saw."""

    tokens: frozenset[str]  # masked (or full) numbers, 18 characters
    runs: frozenset[str]  # digit runs: parts of a number if one fits
    dates: frozenset[tuple[int, int, int]]
    months: frozenset[tuple[int, int]]

    @classmethod
    def of(cls, corpus: str) -> Evidence:
        corpus = TIMESTAMP.sub(r"\1", corpus.upper())
        return cls(
            tokens=frozenset(ID_TOKEN.findall(corpus)),
            runs=frozenset(DIGIT_RUN.findall(corpus)),
            dates=frozenset((int(y), int(m), int(d)) for p in FULL_DATES for y, m, d in p.findall(corpus)),
            months=frozenset((int(y), int(m)) for p in MONTHS for y, m in p.findall(corpus)),
        )

    def seen(self, number: str, birth: dt.date) -> Seen:
        """What was shown of `number`, counted generously: every token that fits it is taken
        as being about it."""
        known: dict[int, str] = {}
        for token in self.tokens:
            if all(ch == "*" or ch == number[i] for i, ch in enumerate(token)):
                known.update({i: ch for i, ch in enumerate(token) if ch != "*"})
        for run in self.runs:
            if len(run) < 6:  # short runs (years, counts, row numbers) only as the ID's tail
                if number.endswith(run):
                    known.update({18 - len(run) + i: ch for i, ch in enumerate(run)})
                continue
            start = number.find(run)
            while start != -1:
                known.update({start + i: ch for i, ch in enumerate(run)})
                start = number.find(run, start + 1)
        if (birth.year, birth.month, birth.day) in self.dates:
            return Seen(known, birth.year, birth.month, birth.day)
        if (birth.year, birth.month) in self.months:
            return Seen(known, birth.year, birth.month)
        return Seen(known, birth.year)


# --- the roster -----------------------------------------------------------------------------


def _random_number(rng: random.Random, taken: set[str]) -> tuple[str, dt.date]:
    while True:
        area = rng.choice(sorted(PROVINCE_CODES)) + f"{rng.randrange(1, 10_000):04d}"
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(55 * 365))
        number = compose(area, birth, rng.randrange(1000))
        if number not in taken:
            taken.add(number)
            return number, birth


@pytest.fixture
def roster(union, admin_user) -> list[Member]:
    """200 members with varied numbers, joined 2021-2023 (never a possible birth date), no
    phones (digits that could pass for parts of a number); a history with corrected numbers
    and entries written under the old mask."""
    rng = random.Random(20260911)
    taken: set[str] = set()
    members = []
    with acting_as(admin_user):
        for i in range(ROSTER_SIZE):
            number, birth = _random_number(rng, taken)
            members.append(
                services.member_create(
                    union=union,
                    name=SURNAMES[i % 20] + GIVEN[i // 20],
                    id_number=number,
                    birth_date=birth,
                    joined_on=dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365)),
                )
            )
        for member in members[:30]:  # a number corrected: both dates land in the history
            number, birth = _random_number(rng, taken)
            services.member_update(member=member, id_number=number, birth_date=birth, gender="")
        for member in members[30:40]:
            # As the log stored it before this fix (area code kept), and never rewritten.
            old_mask = member.id_number[:6] + "********" + member.id_number[-4:]
            build_entry(
                member,
                "update",
                {"id_number": [old_mask, old_mask], "birth_date": [member.birth_date.isoformat()] * 2},
            ).save()
    return members


@pytest.fixture
def viewer(leader, monkeypatch) -> Client:
    """A leader (the roster, edits, imports and the audit log) who may also export, without
    Perm.VIEW_FULL_ID: everything a role without full-ID rights can reach."""
    perms = dict(permissions.ROLE_PERMS)
    perms[Role.LEADER] = perms[Role.LEADER] | {Perm.EXPORT}
    monkeypatch.setattr(permissions, "ROLE_PERMS", perms)
    assert Perm.VIEW_FULL_ID not in perms[Role.LEADER]
    client = Client()
    client.force_login(leader)
    return client


def _xlsx(headers: list[str], rows: list[list[Any]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _pages(client: Client, url: str, params: dict[str, Any] | None = None) -> list[str]:
    texts, page = [], 1
    while True:
        response = client.get(url, {**(params or {}), "page": page})
        assert response.status_code == 200, url
        texts.append(response.content.decode())
        context_page = response.context["page"]
        if not context_page.has_next():
            return texts
        page += 1


def _import_file(members: list[Member]) -> bytes:
    """Updates (a new name) and error rows of every kind that echoes cells: a wrong gender with
    the true birth date typed, the number again in the notes, a number Excel made numeric."""
    rows = [[m.name + "新", m.id_number, "", "", "", "", ""] for m in members[50:70]]
    for m in members[70:90]:
        wrong = "男" if m.gender == "F" else "女"
        rows.append([m.name, m.id_number, wrong, m.birth_date, "2022-01-05", f"原号码 {m.id_number}", ""])
    numeric = [m for m in members[90:120] if not m.id_number.endswith("X")][:5]
    rows += [[m.name, float(m.id_number), "", "", "2022-01-05", "", m.id_number] for m in numeric]
    return _xlsx(["姓名", "身份证号", "性别", "出生日期", "入会时间", "备注", "其他证件"], rows)


def everything_seen(client: Client, union: Any, members: list[Member]) -> str:
    code = union.code
    texts = []
    roster_url = reverse("members:list", args=[code])
    for sort in ("", "birth", "-birth"):
        texts += _pages(client, roster_url, {"sort": sort})
    lookup = reverse("members:lookup", args=[code])
    for i, m in enumerate(members):
        texts.append(client.get(reverse("members:detail", args=[code, m.pk])).content.decode())
        if i % 4 == 0:  # the edit form is the same page for everyone but the member's own values
            texts.append(client.get(reverse("members:edit", args=[code, m.pk])).content.decode())
        texts.append(client.get(lookup, {"q": m.name, "all": "1"}).content.decode())
        texts.append(client.get(lookup, {"q": m.id_number[-4:], "all": "1"}).content.decode())
    texts += _pages(client, reverse("audit:list", args=[code]))

    year = current_period(union).year
    response = client.post(
        reverse("workbook:export", args=[code]), {"year": year, "masked": "", "accept_failures": "on"}
    )
    assert response.status_code == 200
    texts.append(workbook_text(b"".join(response.streaming_content)))

    upload = SimpleUploadedFile("花名册.xlsx", _import_file(members))
    assert client.post(reverse("members:import", args=[code]), {"file": upload}).status_code == 302
    roster_import = RosterImport.objects.latest("pk")
    assert roster_import.updated_count == 20 and roster_import.invalid_count == 25
    preview = reverse("members:import-preview", args=[code, roster_import.pk])
    for tab in ("adds", "updates", "errors"):
        texts += _pages(client, preview, {"tab": tab})
    response = client.get(reverse("members:import-errors", args=[code, roster_import.pk]))
    assert response.status_code == 200
    texts.append(workbook_text(b"".join(response.streaming_content)))
    return "\n".join(texts)


def test_no_member_number_can_be_narrowed_below_a_thousand(viewer, union, roster):
    corpus = everything_seen(viewer, union, roster)
    today = dt.date.today()
    evidence = Evidence.of(corpus)
    assert len(evidence.tokens) >= ROSTER_SIZE  # the (masked) numbers were seen at all
    worst: list[tuple[int, str]] = []
    for member in Member.objects.filter(union=union):
        seen = evidence.seen(member.id_number, member.birth_date)
        count = candidates(seen, today)
        assert count >= 1, member.name  # the true number is always among them
        # An attacker who knows the member's city (a local union) as well.
        local = Seen({**seen.known, **dict(enumerate(member.id_number[:4]))}, seen.year, seen.month, seen.day)
        worst.append((min(count, candidates(local, today)), member.name))
    worst.sort()
    assert worst[0][0] >= FLOOR, worst[:5]


# --- search, sorting and forms must not answer finer questions ------------------------------


def test_searching_by_more_than_the_tail_finds_nothing_without_full_id_rights(
    clerk_client, admin_client_, union, roster
):
    member = roster[0]
    roster_url = reverse("members:list", args=[union.code])
    lookup = reverse("members:lookup", args=[union.code])

    def found(client: Client, q: str) -> tuple[bool, bool]:
        on_roster = member in client.get(roster_url, {"q": q}).context["page"]
        results = client.get(lookup, {"q": q, "all": "1"}).json()["results"]
        return on_roster, any(r["id"] == member.pk for r in results)

    number = member.id_number
    assert found(clerk_client, number[-4:]) == (True, True)
    for q in (number, number.lower(), number[-5:], number[-6:], number[-10:], number[:17] + "*"):
        assert found(clerk_client, q) == (False, False), q
    assert found(admin_client_, number) == (True, True)
    assert found(admin_client_, number[-6:]) == (True, True)


def test_sorting_by_birth_date_orders_by_year_only_without_full_id_rights(
    clerk_client, admin_client_, union, roster
):
    url = reverse("members:list", args=[union.code])
    members = list(Member.objects.filter(union=union))

    def order(client: Client, sort: str) -> list[int]:
        pages = [client.get(url, {"sort": sort, "page": p}).context["page"] for p in range(1, 5)]
        return [m.pk for page in pages for m in page]

    by_year = sorted(members, key=lambda m: (m.birth_date.year, m.name, m.pk))
    assert order(clerk_client, "birth") == [m.pk for m in by_year]
    by_year_desc = sorted(members, key=lambda m: (-m.birth_date.year, m.name, m.pk))
    assert order(clerk_client, "-birth") == [m.pk for m in by_year_desc]
    by_date = sorted(members, key=lambda m: (m.birth_date, m.pk))
    assert order(admin_client_, "birth") == [m.pk for m in by_date]


def test_the_edit_form_cannot_be_used_to_find_the_birth_date(clerk_client, union):
    number = compose("330102", dt.date(1990, 6, 15), 21)
    with acting_as(None):
        member = services.member_create(
            union=union, name="王芳", id_number=number, joined_on=dt.date(2012, 1, 1)
        )
    url = reverse("members:edit", args=[union.code, member.pk])
    page = clerk_client.get(url).content.decode()
    assert "1990-06-15" not in page and "1990年" in page
    data = {"name": "王芳", "id_number": "", "gender": "", "ethnicity": "汉族", "employment": "contract"}
    data["status"] = "active"
    # 入会时间 around the 16th birthday: the answer may depend on the year, never on the day.
    answers = set()
    for joined in ("2006-01-01", "2006-06-14", "2006-06-15", "2006-06-16", "2006-12-31"):
        response = clerk_client.post(url, {**data, "joined_on": joined})
        answers.add("年满16周岁" in response.content.decode())
    assert len(answers) == 1
    member.refresh_from_db()
    assert member.birth_date == dt.date(1990, 6, 15) and member.id_number == number


# --- item 3: the import error workbook ------------------------------------------------------


def test_a_clerks_error_workbook_holds_no_full_id_number(clerk_client, admin_client_, union):
    numbers = [compose("330102", dt.date(1980 + i, 3, 12), 2 * i + 1) for i in range(6)]
    digits_only = next(n for n in numbers if not n.endswith("X"))
    rows = [
        [f"会员{'甲乙丙丁戊'[i]}", n, "女", "1980-03-12", "2022-01-05", f"旧号 {n}"]
        for i, n in enumerate(numbers[:5])
    ]
    rows.append(["会员己", float(digits_only), "", "", "2022-01-05", ""])  # Excel made it a number
    content = _xlsx(["姓名", "身份证号", "性别", "出生日期", "入会时间", "备注"], rows)
    upload = SimpleUploadedFile("花名册.xlsx", content)
    assert (
        clerk_client.post(reverse("members:import", args=[union.code]), {"file": upload}).status_code == 302
    )
    roster_import = RosterImport.objects.latest("pk")
    assert roster_import.invalid_count == 6
    url = reverse("members:import-errors", args=[union.code, roster_import.pk])

    response = clerk_client.get(url)
    assert response.status_code == 200
    text = workbook_text(b"".join(response.streaming_content))
    for number in numbers:
        assert number not in text and number[:14] not in text and number[6:14] not in text
    assert not re.search(r"[0-9]{10}", text)  # nothing like a number's first digits either
    assert "1980-03-12" not in text
    assert "已脱敏" in text and "重新填写完整的身份证号" in text
    assert "性别与身份证号不一致" in text  # what is wrong is still said
    assert f"{'*' * 14}{numbers[0][-4:]}" in text

    # Whoever may see full numbers gets the rows as they were typed.
    admin_text = workbook_text(b"".join(admin_client_.get(url).streaming_content))
    assert numbers[0] in admin_text


def test_a_masked_error_workbook_imports_again_once_the_numbers_are_typed_in(clerk_client, union):
    numbers = [compose("330102", dt.date(1985, 5, 1 + i), 2 * i + 2) for i in range(3)]
    rows = [[f"会员{'甲乙丙'[i]}", n, "男", "", "2022-01-05"] for i, n in enumerate(numbers)]
    upload = SimpleUploadedFile(
        "花名册.xlsx", _xlsx(["姓名", "身份证号", "性别", "出生日期", "入会时间"], rows)
    )
    clerk_client.post(reverse("members:import", args=[union.code]), {"file": upload})
    response = clerk_client.get(
        reverse("members:import-errors", args=[union.code, RosterImport.objects.latest("pk").pk])
    )
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.active
    for row, number in zip(sheet.iter_rows(min_row=3), numbers, strict=True):
        row[1].value = number  # re-entered from the source
        row[2].value = "女"  # and the mistake corrected
    buffer = io.BytesIO()
    book.save(buffer)
    again = SimpleUploadedFile("错误行.xlsx", buffer.getvalue())
    clerk_client.post(reverse("members:import", args=[union.code]), {"file": again})
    fixed = RosterImport.objects.latest("pk")
    assert (fixed.added_count, fixed.invalid_count) == (3, 0)
