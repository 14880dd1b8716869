from __future__ import annotations

from records.filters import ChoiceFilter, YearFilter
from records.viewsets import Column, RecordViewSet

from .choices import (
    CareKind,
    DuesItem,
    HomeKind,
    HomeLevel,
    InnovationKind,
    InnovationLevel,
    InspectionKind,
    OutletLevel,
    PublicityKind,
)
from .forms import (
    DuesCollectionForm,
    InnovationForm,
    ModelWorkerCareForm,
    PublicityForm,
    SafetyInspectionForm,
    WorkersHomeForm,
)
from .models import DuesCollection, Innovation, ModelWorkerCare, Publicity, SafetyInspection, WorkersHome
from .selectors import rate_of

NS = "works"


def _rate(part: int | object, whole: int | object) -> str:
    rate = rate_of(part, whole)  # type: ignore[arg-type]
    return f"{rate}%" if rate is not None else ""


publicity = RecordViewSet(
    model=Publicity,
    form_class=PublicityForm,
    namespace=NS,
    prefix="publicity",
    columns=[
        Column("日期", "date"),
        Column("主题", "title", link=True),
        Column("类型", "kind"),
        Column("参加人次", "participants", numeric=True),
        Column("报送", "submitted", numeric=True),
        Column("采用", "adopted", numeric=True),
        Column("采用级别", "outlet_level"),
    ],
    filters=[
        YearFilter(),
        ChoiceFilter(param="kind", label="类型", field_name="kind", choices=PublicityKind.choices),
        ChoiceFilter(param="level", label="采用级别", field_name="outlet_level", choices=OutletLevel.choices),
    ],
    search_fields=["title", "outlet", "notes"],
    search_placeholder="主题、报送刊物",
    ordering=["-date", "-id"],
)

homes = RecordViewSet(
    model=WorkersHome,
    form_class=WorkersHomeForm,
    namespace=NS,
    prefix="home",
    columns=[
        Column("名称", "name", link=True),
        Column("类型", "kind"),
        Column("所在单位", "unit"),
        Column("建成日期", "built_on"),
        Column("命名级别", "level"),
        Column("藏书（册）", "books", numeric=True),
    ],
    # A home stands from the day it was built: no year filter, which would hide older ones.
    filters=[
        ChoiceFilter(param="kind", label="类型", field_name="kind", choices=HomeKind.choices),
        ChoiceFilter(param="level", label="命名级别", field_name="level", choices=HomeLevel.choices),
    ],
    search_fields=["name", "unit", "notes"],
    search_placeholder="名称、所在单位",
    ordering=["-built_on", "-id"],
)

model_worker_care = RecordViewSet(
    model=ModelWorkerCare,
    form_class=ModelWorkerCareForm,
    namespace=NS,
    prefix="care",
    columns=[
        Column("日期", "date"),
        Column("事项", "title", link=True),
        Column("类型", "kind"),
        Column("劳模", lambda c: c.member.name if c.member else ""),
        Column("人次", "persons", numeric=True),
        Column("金额（元）", "amount", numeric=True),
    ],
    filters=[
        YearFilter(),
        ChoiceFilter(param="kind", label="类型", field_name="kind", choices=CareKind.choices),
    ],
    search_fields=["title", "member__name", "notes"],
    search_placeholder="事项、劳模姓名",
    select_related=["member"],
    ordering=["-date", "-id"],
)

dues = RecordViewSet(
    model=DuesCollection,
    form_class=DuesCollectionForm,
    namespace=NS,
    prefix="dues",
    columns=[
        Column("日期", "date"),
        Column("项目", lambda d: str(d), link=True),
        Column("应缴（元）", "due", numeric=True),
        Column("实缴（元）", "paid", numeric=True),
        Column("完成率", lambda d: _rate(d.paid, d.due), numeric=True),
    ],
    filters=[
        YearFilter(),
        ChoiceFilter(param="item", label="项目", field_name="item", choices=DuesItem.choices),
    ],
    search_fields=["payer", "notes"],
    search_placeholder="缴纳单位",
    ordering=["-date", "-id"],
)

inspections = RecordViewSet(
    model=SafetyInspection,
    form_class=SafetyInspectionForm,
    namespace=NS,
    prefix="inspection",
    columns=[
        Column("日期", "date"),
        Column("检查名称", "title", link=True),
        Column("类型", "kind"),
        Column("发现隐患（处）", "hazards_found", numeric=True),
        Column("已整改（处）", "hazards_fixed", numeric=True),
        Column("整改率", lambda i: _rate(i.hazards_fixed, i.hazards_found), numeric=True),
    ],
    filters=[
        YearFilter(),
        ChoiceFilter(param="kind", label="类型", field_name="kind", choices=InspectionKind.choices),
    ],
    search_fields=["title", "notes"],
    search_placeholder="检查名称",
    ordering=["-date", "-id"],
)

innovations = RecordViewSet(
    model=Innovation,
    form_class=InnovationForm,
    namespace=NS,
    prefix="innovation",
    columns=[
        Column("认定日期", "date"),
        Column("成果名称", "title", link=True),
        Column("类型", "kind"),
        Column("级别", "level"),
        Column("完成人（团队）", "team"),
        Column("经济效益（万元）", "benefit", numeric=True),
    ],
    filters=[
        YearFilter(),
        ChoiceFilter(param="level", label="级别", field_name="level", choices=InnovationLevel.choices),
        ChoiceFilter(param="kind", label="类型", field_name="kind", choices=InnovationKind.choices),
    ],
    search_fields=["title", "team", "notes"],
    search_placeholder="成果名称、完成人",
    ordering=["-date", "-id"],
)

VIEWSETS = [publicity, homes, model_worker_care, dues, inspections, innovations]
