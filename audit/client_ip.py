"""The client's address, for the audit log and for login throttling.

Behind a reverse proxy REMOTE_ADDR is the proxy; the client is then the entry that the
nearest trusted proxy appended to X-Forwarded-For. Entries further left are whatever the
client sent and are never trusted.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
