"""Gathers each app's test rules from `tests/<app>/rules.py`.

Every app's rules module declares
- URL_RULES: {url name: (permission its view requires, builder of the object its pk names or None)}
- AUDIT_CASES: {model: (factory, a field to change, a new value)}
so the project-wide URL walk and audit test cover every app without editing one shared file.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Any

_TESTS = Path(__file__).parent


def _modules() -> list[Any]:
    found = []
    for info in pkgutil.iter_modules([str(_TESTS)]):
        if info.ispkg and (_TESTS / info.name / "rules.py").exists():
            found.append(importlib.import_module(f"tests.{info.name}.rules"))
    return found


def collect(name: str) -> dict[Any, Any]:
    merged: dict[Any, Any] = {}
    for module in _modules():
        merged.update(getattr(module, name, {}))
    return merged
