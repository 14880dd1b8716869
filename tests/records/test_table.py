"""List pages write their table rows in Python (records.table): each cell must print exactly
as `{{ value }}` prints it with autoescape on, so nothing a user typed can run."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from records.table import cell, record_rows, select_options

VALUES = [
    '<script>alert("x")</script>',
    "Tom & Jerry's <b>",
    "",
    None,
    0,
    12345,
    Decimal("1234.50"),
    True,
    dt.date(2026, 3, 8),
    gettext_lazy("农民工"),
    mark_safe("<em>已核</em>"),
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_a_cell_prints_as_the_template_engine_prints_it(value):
    assert cell(value) == Template("{{ value }}").render(Context({"value": value}))


def test_record_rows_escape_values_and_links():
    html = record_rows([[("<img src=x onerror=alert(1)>", '/u/a/"x/', False), ("1,200.00", None, True)]])
    assert "<img" not in html
    assert '<a href="/u/a/&quot;x/">&lt;img src=x onerror=alert(1)&gt;</a>' in html
    assert '<td class="text-end">1,200.00</td>' in html


def test_select_options_print_as_the_template_loop_did():
    options = [("", "全部"), ("a&b", '<"分会">'), (2025, "2025年")]
    loop = Template(
        '{% for value, label in options %}<option value="{{ value }}"'
        "{% if value == chosen %} selected{% endif %}>{{ label }}</option>{% endfor %}"
    )
    for chosen in ("", "a&b", 2025, "none"):
        assert select_options(options, chosen) == loop.render(Context({"options": options, "chosen": chosen}))
