"""The registry of exporters, found by identifier, and the sheets of the annual workbook.

An exporter module registers its classes with `@register`; `workbook.exporters` imports
every module, so looking anything up here sees them all.
"""

from __future__ import annotations

from typing import TypeVar

from .base import Exporter

_REGISTRY: dict[str, type[Exporter]] = {}

E = TypeVar("E", bound=type[Exporter])


def register(cls: E) -> E:
    if cls.identifier in _REGISTRY and _REGISTRY[cls.identifier] is not cls:
        raise ValueError(f"exporter identifier {cls.identifier!r} is already registered")
    _REGISTRY[cls.identifier] = cls
    return cls


def get(identifier: str) -> type[Exporter]:
    return _REGISTRY[identifier]


def all_exporters() -> dict[str, type[Exporter]]:
    return dict(_REGISTRY)


# The annual workbook for the higher-level union: the return (its cover, then the indicators
# table by table), then one sheet per ledger (台账), then the 说明 sheet an import reads to
# recognise the file.
ANNUAL_WORKBOOK: tuple[str, ...] = (
    "survey_cover",
    "indicators",
    "roster",
    "hardship_files",
    "disbursements",
    "activities",
    "congresses",
    "disclosures",
    "contracts",
    "rights",
    *("publicity", "workers_homes", "model_worker_care", "safety", "innovation"),  # issue #11 item 5
    "funds",
    "dues",
    "about",
)

# A higher-level union's roll-up: the summed indicators (the same sheet an import reads),
# the per-union breakdown, and the 说明 sheet.
ROLLUP_WORKBOOK: tuple[str, ...] = (
    "survey_cover",
    "indicators",
    "rollup_breakdown",
    "rollup_checks",
    "about",
)


def sheets(identifiers: tuple[str, ...]) -> list[type[Exporter]]:
    return [get(identifier) for identifier in identifiers]
