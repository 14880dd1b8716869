"""The summary as an official document (红头文件, GB/T 9704-2012 版头 and 版记), optional.

A union that sends its summary upward as a document turns this on once (`OfficialStyle`:
发文机关标志 in red, its 机关代字, 抄送, 印发机关); each report then carries its own 发文字号
and 印发日期 (`OfficialNumber`). `official_header` gives what the document prints; the
PDF and the .docx lay it out from there, and a finalised report keeps it in its snapshot.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from records.dates import PlausibleDates

MISSING_NUMBER = "【未填写发文字号】"


class OfficialStyle(models.Model):
    """A union's red header and colophon, used by every summary it prints while enabled."""

    union = models.OneToOneField(
        "unions.Union", verbose_name=_("工会"), on_delete=models.CASCADE, related_name="official_style"
    )
    enabled = models.BooleanField(_("按红头文件格式印制总结"), default=False)
    authority = models.CharField(
        _("发文机关标志"), max_length=30, help_text=_("印在首页的红色机关名称，如：青山县总工会文件")
    )
    code_prefix = models.CharField(
        _("发文机关代字"), max_length=12, help_text=_("发文字号中的代字，如“青工”，字号印作 青工〔2026〕5号")
    )
    copies_to = models.CharField(
        _("抄送"), max_length=200, blank=True, help_text=_("抄送机关，用顿号或逗号分隔；不抄送则留空")
    )
    issuer = models.CharField(
        _("印发机关"),
        max_length=40,
        blank=True,
        help_text=_("一般为办公室，如：青山县总工会办公室；留空则用工会名称"),
    )

    class Meta:
        verbose_name = _("红头文件格式")
        verbose_name_plural = _("红头文件格式")

    def __str__(self) -> str:
        return self.authority


class OfficialNumber(PlausibleDates, models.Model):
    """One report's 发文字号 (代字〔年份〕序号) and 印发日期."""

    report = models.OneToOneField(
        "reports.Report", verbose_name=_("总结"), on_delete=models.CASCADE, related_name="official_number"
    )
    year = models.PositiveSmallIntegerField(
        _("发文年份"), validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    serial = models.PositiveIntegerField(
        _("发文序号"),
        validators=[MinValueValidator(1), MaxValueValidator(99999)],
        help_text=_("不编虚位：5号，不是05号"),
    )
    issued_on = models.DateField(_("印发日期"), null=True, blank=True, help_text=_("留空则用总结的落款日期"))

    class Meta:
        verbose_name = _("发文字号")
        verbose_name_plural = _("发文字号")

    def __str__(self) -> str:
        return f"〔{self.year}〕{self.serial}号"

    def clean(self) -> None:
        super().clean()
        if self.issued_on and self.year and abs(self.issued_on.year - self.year) > 1:
            raise ValidationError({"issued_on": _("印发日期与发文年份相差超过一年，请核对。")})


def doc_number(prefix: str, year: int, serial: int) -> str:
    """青工〔2026〕5号: the year in 六角括号, the serial without leading zeros or 第."""
    return f"{prefix}〔{year}〕{serial}号"


def _copies_to(text: str) -> str:
    names = [n.strip() for n in text.replace("，", "、").replace(",", "、").split("、") if n.strip()]
    return "，".join(names) + "。" if names else ""  # 最后一个抄送机关名称后标句号


def official_header(report: Any, signed_on: dt.date) -> dict[str, str] | None:
    """What the document prints as its red header and colophon, or None when the union
    does not send its summaries as official documents."""
    style = OfficialStyle.objects.filter(union_id=report.union_id, enabled=True).first()
    if style is None:
        return None
    number = OfficialNumber.objects.filter(report=report).first()
    issued = (number.issued_on if number else None) or signed_on
    return {
        "authority": style.authority,
        "size": authority_size(style.authority),
        "number": doc_number(style.code_prefix, number.year, number.serial) if number else MISSING_NUMBER,
        "copies_to": _copies_to(style.copies_to),
        "issuer": style.issuer or report.union.name,
        "issued": f"{issued.year}年{issued.month}月{issued.day}日印发",
    }


def authority_size(authority: str) -> str:
    """A size class for the 发文机关标志 so that a long name still fits the 156 mm measure."""
    length = len(authority)
    return "long" if length > 14 else "medium" if length > 10 else "short"


COLOPHON_ANCHOR = 'class="colophon-anchor"'


def colophon_on_odd_page(document: Any) -> bool:
    """Whether a rendered WeasyPrint document has its 版记 on an odd page: it belongs on the
    last page of a sheet's back (an even page), so then it moves to the next page."""
    for number, page in enumerate(document.pages, start=1):
        for box in page._page_box.descendants():
            element = getattr(box, "element", None)
            # The colophon's own lines, not the (invisible) footnote call: a colophon with no
            # room left on the page of its call is carried to the next one.
            if element is not None and "colophon-issue" in (element.get("class") or "").split():
                return number % 2 == 1
    return False


def colophon_to_next_page(html: str) -> str:
    return html.replace(COLOPHON_ANCHOR, 'class="colophon-anchor next-page"', 1)
