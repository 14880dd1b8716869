from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The current union and the user's access, for the navigation bar."""
    union = getattr(request, "union", None)
    access = getattr(request, "access", None)
    return {"current_union": union, "access": access}
