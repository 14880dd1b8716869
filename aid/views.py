from __future__ import annotations

from records.filters import ChoiceFilter, YearFilter
from records.money import format_yuan
from records.viewsets import Column, RecordViewSet

from .choices import ServiceKind
from .forms import AidServiceForm
from .models import AidService

services = RecordViewSet(
    model=AidService,
    form_class=AidServiceForm,
    namespace="aid",
    prefix="service",
    columns=[
        Column("日期", "date"),
        Column("项目", "title", link=True),
        Column("服务类型", "kind"),
        Column("人数", "persons", numeric=True),
        Column("数量", "items", numeric=True),
        Column("安置就业", "placed", numeric=True),
        Column("金额", lambda s: format_yuan(s.amount), numeric=True),
    ],
    filters=[
        YearFilter(),
        ChoiceFilter(param="kind", label="服务类型", field_name="kind", choices=ServiceKind.choices),
    ],
    search_fields=["title", "notes"],
    search_placeholder="项目名称、备注",
    ordering=["-date", "-id"],
)

VIEWSETS = [services]
