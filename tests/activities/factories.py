"""Factories and test images for the activities app."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from PIL import Image

from activities.choices import ActivityCategory, HonourLevel, RecipientKind
from activities.models import Activity, ActivityPhoto, Honour
from tests.factories import UnionFactory


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (8, 6), color: str = "red") -> bytes:
    """A real image made by Pillow, in memory."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt)
    return buffer.getvalue()


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    union = factory.SubFactory(UnionFactory)
    category = ActivityCategory.SPORTS_CULTURE
    title = factory.Sequence(lambda n: f"职工活动{n}")
    start_date = dt.date(2024, 5, 1)
    place = "职工之家"
    participants = 40
    women_participants = 15
    cost = Decimal("1200.00")


class ActivityPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityPhoto

    activity = factory.SubFactory(ActivityFactory)
    image = factory.LazyFunction(lambda: ContentFile(image_bytes(), name="photo.png"))
    content_type = "image/png"
    caption = "合影"


class HonourFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Honour

    union = factory.SubFactory(UnionFactory)
    recipient_kind = RecipientKind.COLLECTIVE
    title = factory.Sequence(lambda n: f"先进职工之家{n}")
    awarding_body = "市总工会"
    level = HonourLevel.CITY
    date = dt.date(2024, 4, 28)
