from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .client_ip import client_ip
from .context import acting_as


class AuditActorMiddleware:
    """Make the requesting user the actor of every write during the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user if request.user.is_authenticated else None
        label = user.get_username() if user else "匿名"
        with acting_as(user, label=label, ip_address=client_ip(request)):
            return self.get_response(request)
