"""Exporters: one class per sheet, found through `registry`."""

from . import (  # noqa: F401  (each module registers its exporters)
    about,
    activities,
    checks,
    cover,
    democracy,
    dues,
    funds,
    indicators,
    innovation,
    members,
    model_worker_care,
    publicity,
    rights,
    safety,
    welfare,
    workers_homes,
)
from .base import Block, Column, ExportContext, Exporter, Kind, XlsxWriter, write_workbook
from .registry import ANNUAL_WORKBOOK, ROLLUP_WORKBOOK, all_exporters, get, sheets

__all__ = [
    "ANNUAL_WORKBOOK",
    "ROLLUP_WORKBOOK",
    "Block",
    "Column",
    "ExportContext",
    "Exporter",
    "Kind",
    "XlsxWriter",
    "all_exporters",
    "get",
    "sheets",
    "write_workbook",
]
