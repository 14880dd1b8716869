"""A demo-like summary for measuring the printed page: every heading kind, long paragraphs
with numbers and units, punctuation where a naive line break would put it at a line start."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

import pdfplumber

from activities.choices import ActivityCategory
from reports.models import Report
from reports.services import report_start, section_save
from reports.squeeze import BLANK_RIGHT, COMPRESSIBLE
from reports.typesetting import NO_LINE_START
from tests.activities.factories import ActivityFactory
from tests.factories import MemberFactory
from tests.welfare.factories import DisbursementFactory
from welfare.choices import DisbursementKind, DisbursementStatus

MM = 72 / 25.4  # points per millimetre
LEFT, RIGHT, TOP, BOTTOM = 28 * MM, (210 - 26) * MM, 37 * MM, (297 - 35) * MM
CELL = 156 * MM / 28  # one character of the grid: 15.79 pt

LONG = (
    "全年共开展职工技能培训班12期，参训职工1,260人次，投入培训经费45.6万元，"
    "较上年增长18.5%；组织劳动竞赛项目8项，涌现出技术能手36人、创新成果15项，"
    "其中“五小”成果获市级奖励3项。我们坚持以职工为中心，把服务职工作为工会工作的"
    "出发点和落脚点，走访慰问困难职工家庭42户，发放慰问金8.4万元；开展“金秋助学”"
    "活动，资助职工子女17名（其中大学新生9名），切实把党和政府的温暖送到职工心坎上。"
)


def demo_like_report(union) -> Report:  # type: ignore[no-untyped-def]
    for _ in range(6):
        MemberFactory(union=union, gender="F", joined_on=dt.date(2015, 1, 1))
    for _ in range(4):
        person = MemberFactory(union=union, gender="M", joined_on=dt.date(2025, 3, 1))
        DisbursementFactory(  # gives the appendix a table
            union=union,
            member=person,
            kind=DisbursementKind.FESTIVAL,
            date=dt.date(2025, 1, 20),
            cash_amount=Decimal("500"),
            status=DisbursementStatus.PAID,
            paid_on=dt.date(2025, 2, 1),
        )
    for i, (title, people, cost) in enumerate(
        [("春季篮球赛", 120, Decimal("20000")), ("演讲比赛", 80, Decimal("16000"))]
    ):
        ActivityFactory(
            union=union,
            category=ActivityCategory.SPORTS_CULTURE,
            title=title,
            participants=people,
            cost=cost,
            start_date=dt.date(2025, 3 + i, 10),
        )
    report = report_start(union=union, year=2025, actor=None)
    for key, text in {
        "organisation": f"## 健全组织体系\n{LONG}\n## 加强会员管理\n{LONG}{LONG}",
        "problems": f"{LONG}\n## 存在的不足\n{LONG}",
        "plans": "\n".join([LONG] * 4),
    }.items():
        section = report.sections.get(key=key)
        section_save(
            section=section,
            heading=section.heading,
            included=True,
            use_generated=True,
            staff_text=text,
            figures={},
        )
    return report


@dataclass
class Line:
    page: int
    top: float
    chars: list[dict]

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def x0(self) -> float:
        return self.chars[0]["x0"]

    @property
    def x1(self) -> float:
        return self.chars[-1]["x1"]


def body_lines(pdf: bytes) -> list[Line]:
    """Lines of the text block, each its characters left to right (footer left out)."""
    lines = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for number, page in enumerate(doc.pages, start=1):
            rows: dict[int, list[dict]] = {}
            for char in page.chars:
                if TOP - 1 <= char["top"] < BOTTOM and char["text"].strip():
                    rows.setdefault(round(char["bottom"]), []).append(char)
            for bottom in sorted(rows):
                chars = sorted(rows[bottom], key=lambda c: c["x0"])
                lines.append(Line(number, chars[0]["top"], chars))
    return lines


# 挤进 read back. pdfplumber gives every glyph its full width whatever its advance: a mark set
# in half width shows as a step of half a cell from one character's start to the next, and
# one at the line end as a glyph reaching half a cell past the margin.


def squeezed_end(line: Line) -> bool:
    """The line ends in a mark set in half width."""
    return line.text[-1] in BLANK_RIGHT and line.x1 - RIGHT > CELL / 4


def line_end(line: Line) -> float:
    """Where the line's last character's cell ends (its advance, not its glyph box)."""
    return line.x1 - (CELL / 2 if squeezed_end(line) else 0)


def cells(line: Line) -> float:
    """How many cells of the grid the characters of an all-CJK line take."""
    halves = 0
    for a, b in zip(line.chars, line.chars[1:], strict=False):
        halves += max(0, round((CELL - (b["x0"] - a["x0"])) / (CELL / 2)))
    return len(line.chars) - halves / 2 - (0.5 if squeezed_end(line) else 0)


def could_squeeze(line: Line, after: Line) -> bool:
    """Whether `line`, pushed (推出), had punctuation enough to take back the character that
    went down with the marks after it: each mark gives up half a cell, the marks taken back
    and the line's own but its first character (an opening mark there would leave the grid)."""
    cluster = after.text[:1]
    for ch in after.text[1:]:
        if ch not in NO_LINE_START:
            break
        cluster += ch
    need = 2 * (len(cluster) - 1)
    have = sum(ch in COMPRESSIBLE for ch in line.text[1:] + cluster[1:])
    return have >= need
