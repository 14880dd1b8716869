"""Every record list exports what it shows: the current filtered, searched view as xlsx,
through the workbook's one safe writer (formula characters neutralised, IDs and phones as
text, money as numbers), with the viewer's masking rules (members.privacy).

`ListExportMixin` gives a `RecordViewSet` its `export_view`; the list page links to it with
the page's own query string, so the file holds exactly the rows the filters select (every
page of them, not only the one on screen).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import FieldDoesNotExist
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from audit.registry import log_event
from members.privacy import scrub_ids
from unions.permissions import Perm, UnionRequest

from . import scratch
from .display import person_name
from .periods import current_period

if TYPE_CHECKING:
    from .viewsets import RecordViewSet

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORTED = "records.list_exported"
# A list export runs in the request: past this many rows the viewer narrows the filters (the
# year's full ledgers come from the annual workbook, which is a background task).
MAX_EXPORT_ROWS = 20_000


def _cell(obj: Any, attr: str | Callable[[Any], Any], labels: dict[str, str] | None) -> Any:
    """A cell as a value the writer types itself: dates as dates, amounts as numbers."""
    if callable(attr):
        value = attr(obj)
    elif labels is not None:
        raw = getattr(obj, attr)
        value = labels.get(raw, raw)
    else:
        value = obj
        for part in attr.split("."):
            if value is None:
                return ""
            display = getattr(value, f"get_{part}_display", None)
            value = display() if display else getattr(value, part)
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, AbstractBaseUser):
        return person_name(value)
    if value is None or isinstance(value, (bool, int, Decimal, float, dt.date)):
        return value
    return str(value)


def _labels(model: Any, attr: Any) -> dict[str, str] | None:
    if not isinstance(attr, str) or "." in attr:
        return None
    try:
        field = model._meta.get_field(attr)
    except FieldDoesNotExist:
        return None
    if not getattr(field, "choices", None):
        return None
    return {value: str(label) for value, label in field.flatchoices}


def list_rows(viewset: RecordViewSet, objects: Iterable[Any], *, full_ids: bool) -> Iterable[list[Any]]:
    """The list's columns for each record; free text masked like every other output for a
    viewer who may not see ID numbers (an ID typed into a note is still an ID)."""
    readers = [(c.attr, _labels(viewset.model, c.attr)) for c in viewset.columns]
    for obj in objects:
        row = [_cell(obj, attr, labels) for attr, labels in readers]
        if not full_ids:
            row = [scrub_ids(v) if isinstance(v, str) else v for v in row]
        yield row


def write_list(
    viewset: RecordViewSet, objects: Iterable[Any], *, union: Any, full_ids: bool, target: Any, title: str
) -> dict[str, int]:
    from workbook.exporters.base import Block, Column, ExportContext, Exporter, Kind, XlsxWriter

    columns = [Column(c.label, Kind.NUMBER if c.numeric else Kind.TEXT) for c in viewset.columns]

    class ListSheet(Exporter):
        identifier = "record_list"
        verbose_name = title

        def blocks(self) -> list[Block]:
            rows: Sequence[Any] = list_rows(viewset, objects, full_ids=full_ids)  # type: ignore[assignment]
            return [Block(columns, rows)]

    writer = XlsxWriter()
    writer.add(ListSheet(ExportContext(union=union, period=current_period(union), full_ids=full_ids)))
    writer.save(target)
    return writer.row_counts


class ListExportMixin:
    """The export half of a record viewset (see RecordViewSet.urls)."""

    def export_view(self: Any, request: UnionRequest) -> HttpResponse:
        qs, widgets = self.filtered(request)
        count = qs.count()
        if count > MAX_EXPORT_ROWS:
            messages.error(
                request,
                f"当前筛选结果共 {count:,} 条，超过单次导出上限 {MAX_EXPORT_ROWS:,} 条，"
                "请按年度或其他条件缩小范围后再导出。",
            )
            return redirect(f"{reverse(self.url_name('list'), args=[request.union.code])}?{_query(request)}")
        full_ids = request.access.can(Perm.VIEW_FULL_ID)
        fh = scratch.temporary_file()  # FileResponse closes it
        title = self.verbose_name
        write_list(
            self,
            qs.iterator(chunk_size=2_000),
            union=request.union,
            full_ids=full_ids,
            target=fh,
            title=title,
        )
        fh.seek(0)
        log_event(
            request.union,
            EXPORTED,
            {"list": title, "rows": count, "filters": _described(request, widgets), "full_ids": full_ids},
        )
        stamp = timezone.localdate().strftime("%Y%m%d")
        return FileResponse(fh, as_attachment=True, filename=f"{title}{stamp}.xlsx", content_type=XLSX)


def _described(request: UnionRequest, widgets: list[dict[str, Any]]) -> str:
    """The filters as the page names them (年度：2026年；状态：已审批), for the log."""
    parts = [f"{w['label']}：{dict(w['options']).get(w['value'], w['value'])}" for w in widgets]
    q = request.GET.get("q", "").strip()
    if q:
        parts.append(f"搜索：{scrub_ids(q[:50])}")
    if request.GET.get("void") == "1":
        parts.append("已作废记录")
    return "；".join(parts) or "（无）"


def _query(request: UnionRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
