"""Logic checks (逻辑检查) of the statistics return, as a registry (see `base`, `rules`).

`run_checks` runs every check on one set of indicator values: a union's own, an imported
workbook's, or a federation's totals. They run on the dashboard, before an export and before
a summary is finalised.
"""

from __future__ import annotations

from collections.abc import Mapping

from ...indicators import Value
from . import rules  # noqa: F401  (registers the checks)
from .base import AtMost, Check, Finding, Needs, Severity, SumOf
from .registry import all_checks, get


def run_checks(values: Mapping[str, Value]) -> list[Finding]:
    """The findings of every failing check, errors first."""
    findings = [f for f in (check.run(values) for check in all_checks()) if f is not None]
    return sorted(findings, key=lambda f: not f.is_error)


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.is_error]


__all__ = [
    "AtMost",
    "Check",
    "Finding",
    "Needs",
    "Severity",
    "SumOf",
    "all_checks",
    "errors",
    "get",
    "run_checks",
]
