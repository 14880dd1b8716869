from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The current union and the user's access, for the navigation bar."""
    union = getattr(request, "union", None)
    access = getattr(request, "access", None)
    return {"current_union": union, "access": access, "nav_section": _section(request, union)}


def _section(request: HttpRequest, union: object) -> str:
    """The part of a union's pages the request is in: /u/<code>/<section>/… ("" for home)."""
    if union is None:
        return ""
    parts = request.path_info.strip("/").split("/")
    return parts[2] if len(parts) > 2 and parts[0] == "u" else ""
