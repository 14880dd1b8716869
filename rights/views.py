from __future__ import annotations

from records.filters import BoolFilter, ChoiceFilter, YearFilter
from records.money import format_yuan
from records.viewsets import Column, RecordViewSet

from .choices import DisputeType, LegalAidKind, MediationOutcome, PetitionChannel
from .forms import LegalAidForm, MediationCaseForm, PetitionForm
from .models import LegalAid, MediationCase, Petition

NS = "rights"

mediations = RecordViewSet(
    model=MediationCase,
    form_class=MediationCaseForm,
    namespace=NS,
    prefix="mediation",
    columns=[
        Column("受理日期", "received_on"),
        Column("争议事项", "subject", link=True),
        Column("当事人", "parties"),
        Column("争议类型", "dispute_type"),
        Column("涉及职工", "workers_involved", numeric=True),
        Column("处理结果", "outcome"),
        Column("追讨金额", lambda c: format_yuan(c.amount_recovered), numeric=True),
    ],
    filters=[
        YearFilter(date_field="received_on"),
        ChoiceFilter(param="type", label="争议类型", field_name="dispute_type", choices=DisputeType.choices),
        ChoiceFilter(
            param="outcome", label="处理结果", field_name="outcome", choices=MediationOutcome.choices
        ),
    ],
    search_fields=["subject", "parties", "notes"],
    search_placeholder="争议事项、当事人",
    ordering=["-received_on", "-id"],
)

legal_aid = RecordViewSet(
    model=LegalAid,
    form_class=LegalAidForm,
    namespace=NS,
    prefix="legalaid",
    columns=[
        Column("日期", "date"),
        Column("事项", "subject", link=True),
        Column("类型", "kind"),
        Column("人次", "persons", numeric=True),
        Column("追讨金额", lambda a: format_yuan(a.amount_recovered), numeric=True),
    ],
    filters=[
        YearFilter(),
        ChoiceFilter(param="kind", label="类型", field_name="kind", choices=LegalAidKind.choices),
    ],
    search_fields=["subject", "outcome"],
    search_placeholder="事项、处理结果",
    ordering=["-date", "-id"],
)

petitions = RecordViewSet(
    model=Petition,
    form_class=PetitionForm,
    namespace=NS,
    prefix="petition",
    columns=[
        Column("日期", "date"),
        Column("反映事项", "subject", link=True),
        Column("方式", "channel"),
        Column("件次", "cases", numeric=True),
        Column("人次", "persons", numeric=True),
        Column("办结", lambda p: "是" if p.resolved else "否"),
    ],
    filters=[
        YearFilter(),
        ChoiceFilter(param="channel", label="方式", field_name="channel", choices=PetitionChannel.choices),
        BoolFilter(param="resolved", label="是否办结", field_name="resolved"),
    ],
    search_fields=["subject", "handling"],
    search_placeholder="反映事项、办理情况",
    ordering=["-date", "-id"],
)

VIEWSETS = [mediations, legal_aid, petitions]
