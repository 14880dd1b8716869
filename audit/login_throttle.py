"""Login throttling with two limits: per username and address, and per address alone.

django-axes counts failures per lockout parameter (AXES_LOCKOUT_PARAMETERS: the pair
username + address, and the address alone) but compares each count with one limit. An
office behind one NAT address would then be locked out by a few typos of different people,
so the address alone gets its own, higher limit (AXES_IP_FAILURE_LIMIT): password spraying,
one try for each of many usernames, is stopped there. The address is the client's as
`audit.client_ip` finds it behind the reverse proxy (AXES_CLIENT_IP_CALLABLE).
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit, get_lockout_parameters
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def _address_only(parameter: Any) -> bool:
    return parameter == "ip_address" or (not isinstance(parameter, str) and list(parameter) == ["ip_address"])


class LoginThrottleHandler(AxesDatabaseHandler):
    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """The largest count, the address-only one scaled onto the per-user limit, so that
        axes' single comparison (failures >= AXES_FAILURE_LIMIT) applies both limits."""
        limit = get_failure_limit(request, credentials)
        address_limit = max(1, settings.AXES_IP_FAILURE_LIMIT)
        failures = 0
        parameters = get_lockout_parameters(request, credentials)
        for parameter, attempts in zip(parameters, self.get_user_attempts(request, credentials), strict=True):
            count = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            if _address_only(parameter):
                count = count * limit // address_limit
            failures = max(failures, count)
        return failures

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """On a successful login, forget that user's own failures only: resetting the
        address's count too would let anyone with one account clear a spraying run."""
        parameters = get_lockout_parameters(request, credentials)
        count = 0
        for parameter, attempts in zip(
            parameters, self.filter_user_attempts(request, credentials), strict=True
        ):
            if not _address_only(parameter):
                deleted, _ = attempts.delete()
                count += deleted
        return count
