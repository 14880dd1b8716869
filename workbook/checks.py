"""Warn at start-up when the workbook signing key is kept where it could leak."""

from __future__ import annotations

import stat
from pathlib import Path

from django.conf import settings
from django.core.checks import Warning, register


def _inside(path: Path, folder: str | Path | None) -> bool:
    if not folder:
        return False
    try:
        path.resolve().relative_to(Path(folder).resolve())
    except ValueError:
        return False
    return True


@register()
def signing_key_file(app_configs, **kwargs):  # type: ignore[no-untyped-def]
    path = Path(settings.WORKBOOK_SIGNING_KEY_FILE)
    warnings = []
    if _inside(path, settings.MEDIA_ROOT) or _inside(path, settings.STATIC_ROOT):
        warnings.append(
            Warning(
                f"WORKBOOK_SIGNING_KEY_FILE ({path}) is inside MEDIA_ROOT or STATIC_ROOT.",
                hint="Keep the signing key outside every folder a web server serves.",
                id="workbook.W001",
            )
        )
    if path.exists() and stat.S_IMODE(path.stat().st_mode) & 0o077:
        warnings.append(
            Warning(
                f"The workbook signing key {path} is readable by other users.",
                hint=f"chmod 600 {path}",
                id="workbook.W002",
            )
        )
    return warnings
