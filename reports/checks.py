"""Warn at start-up when PDFs would come out wrong or slow.

A missing CJK font prints blanks or boxes without any error; without HarfBuzz's subset
library WeasyPrint embeds whole CJK fonts (tens of MB per PDF) and slows down.
"""

from __future__ import annotations

import ctypes.util
import shutil
import subprocess

from django.core.checks import Warning, register


def cjk_font_families() -> list[str]:
    if not shutil.which("fc-list"):
        return []
    result = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=10)  # noqa: S603,S607
    return sorted({line.split(",")[0].strip() for line in result.stdout.splitlines() if line.strip()})


def harfbuzz_subset_available() -> bool:
    return ctypes.util.find_library("harfbuzz-subset") is not None


@register()
def pdf_dependencies(app_configs, **kwargs):  # type: ignore[no-untyped-def]
    warnings = []
    if not cjk_font_families():
        warnings.append(
            Warning(
                "No CJK font is installed: PDF reports would show blanks instead of Chinese text.",
                hint="Debian/Ubuntu: apt-get install fonts-noto-cjk",
                id="reports.W001",
            )
        )
    if not harfbuzz_subset_available():
        warnings.append(
            Warning(
                "libharfbuzz-subset is missing: PDFs embed whole fonts and render slowly.",
                hint="Debian/Ubuntu: apt-get install libharfbuzz-subset0",
                id="reports.W002",
            )
        )
    return warnings
