"""Factories for welfare records. Each builds its member in the record's own union."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.core.files.base import ContentFile

from tests.factories import MemberFactory, UnionFactory
from welfare.choices import (
    DisbursementKind,
    DisbursementStatus,
    DonationKind,
    Festival,
    FundingSource,
    HardshipCategory,
    HardshipCause,
    ReviewConclusion,
)
from welfare.models import (
    Disbursement,
    DisbursementBatch,
    DonationDrive,
    HardshipFamilyMember,
    HardshipFile,
    HardshipReview,
    LocalLivingLine,
    WelfareAttachment,
    WelfareStandard,
)


class HardshipFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HardshipFile

    union = factory.SubFactory(UnionFactory)
    member = factory.SubFactory(MemberFactory, union=factory.SelfAttribute("..union"))
    category = HardshipCategory.RELATIVE
    main_cause = HardshipCause.SERIOUS_ILLNESS
    household_size = 3
    annual_household_income = Decimal("36000.00")
    opened_on = dt.date(2024, 3, 1)


class HardshipReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HardshipReview

    union = factory.SubFactory(UnionFactory)
    file = factory.SubFactory(HardshipFileFactory, union=factory.SelfAttribute("..union"))
    reviewed_on = dt.date(2025, 3, 1)
    category = HardshipCategory.RELATIVE
    household_size = 3
    annual_household_income = Decimal("30000.00")
    conclusion = ReviewConclusion.CONTINUE


class DisbursementBatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DisbursementBatch

    union = factory.SubFactory(UnionFactory)
    title = "2025年春节慰问"
    date = dt.date(2025, 1, 20)
    kind = DisbursementKind.FESTIVAL
    festival = Festival.SPRING
    cash_amount = Decimal("500.00")
    goods_description = "米、油"
    goods_value = Decimal("200.00")
    funding_source = FundingSource.UNION_FUNDS


class DisbursementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Disbursement

    union = factory.SubFactory(UnionFactory)
    date = dt.date(2025, 1, 20)
    kind = DisbursementKind.LIVING
    member = factory.SubFactory(MemberFactory, union=factory.SelfAttribute("..union"))
    cash_amount = Decimal("1000.00")
    funding_source = FundingSource.UNION_FUNDS
    status = DisbursementStatus.DRAFT


class DonationDriveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DonationDrive

    union = factory.SubFactory(UnionFactory)
    title = "爱心一日捐"
    kind = DonationKind.ONE_DAY
    date = dt.date(2025, 4, 22)
    participants = 120
    amount_raised = Decimal("13100.00")


class WelfareStandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WelfareStandard
        django_get_or_create = ("union", "kind", "festival")  # one live rule per kind

    union = factory.SubFactory(UnionFactory)
    kind = DisbursementKind.FESTIVAL
    festival = Festival.SPRING
    standard_amount = Decimal("500.00")
    yearly_cap = None


class WelfareAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WelfareAttachment

    union = factory.SubFactory(UnionFactory)
    disbursement = factory.SubFactory(DisbursementFactory, union=factory.SelfAttribute("..union"))
    kind = "receipt"
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4\n%%EOF\n", name="attachment.pdf"))
    content_type = "application/pdf"
    original_name = "收据.pdf"


class HardshipFamilyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HardshipFamilyMember

    file = factory.SubFactory(HardshipFileFactory)
    name = "李强"
    relation = "spouse"
    birth_year = 1980
    health = "healthy"
    employment = "unemployed"
    annual_income = Decimal("0")


class LocalLivingLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalLivingLine

    union = factory.SubFactory(UnionFactory)
    amount = Decimal("850.00")
    basis = "市民政局2026年标准"
