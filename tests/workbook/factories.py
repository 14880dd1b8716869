"""Factories for the workbook app's models."""

from __future__ import annotations

import datetime as dt
import hashlib

import factory

from tests.factories import UnionFactory, UserFactory
from workbook.indicators import INDICATORS, to_text
from workbook.models import ExportJob, ExternalReport, RegisteredKey


class ExportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExportJob

    union = factory.SubFactory(UnionFactory)
    year = 2025
    requested_by = factory.SubFactory(UserFactory)


class ExternalReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExternalReport

    union = factory.SubFactory(UnionFactory)
    source_name = factory.Sequence(lambda n: f"外部工会{n}")
    source_code = factory.Sequence(lambda n: f"external-{n}")
    year = 2025
    period_start = dt.date(2025, 1, 1)
    period_end = dt.date(2025, 12, 31)
    values = factory.LazyFunction(lambda: {d.key: to_text(d, d.zero) for d in INDICATORS})
    original_name = "外部工会2025年度统计年报.xlsx"
    file_sha256 = factory.Sequence(lambda n: hashlib.sha256(str(n).encode()).hexdigest())
    indicator_digest = "0" * 64
    uploaded_by = factory.SubFactory(UserFactory)


def _public_key_pem() -> str:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from workbook.signing import public_key_pem

    return public_key_pem(Ed25519PrivateKey.generate().public_key())


class RegisteredKeyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegisteredKey

    union = factory.SubFactory(UnionFactory)
    source_code = factory.Sequence(lambda n: f"external-{n}")
    source_name = factory.Sequence(lambda n: f"外部工会{n}")
    public_key = factory.LazyFunction(_public_key_pem)
    fingerprint = factory.Sequence(lambda n: hashlib.sha256(f"key-{n}".encode()).hexdigest())
    registered_by = factory.SubFactory(UserFactory)
