"""No copy of a signed-in user's pages or downloads in any cache.

Every page and file the product serves to a signed-in user may hold personal data (rosters,
ID numbers, photos, workbooks, PDFs), so one middleware marks every such response
`Cache-Control: no-store` (with Django's never-cache headers), whatever the view: a browser,
a shared proxy or the back button's disk cache keeps nothing. Static files never get here
(WhiteNoise answers them earlier), and a view whose response is safe to keep opts out with
`@cache_allowed`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers

V = TypeVar("V", bound=Callable[..., HttpResponseBase])


def cache_allowed(view: V) -> V:
    """Let the view's responses be cached (they hold nothing personal)."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(*args, **kwargs)
        response.cache_allowed = True  # type: ignore[attr-defined]
        return response

    return wrapped  # type: ignore[return-value]


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not getattr(response, "cache_allowed", False):
            # Replaces whatever a view set (a photo's `private, max-age=…` included).
            if "Cache-Control" in response:
                del response["Cache-Control"]
            add_never_cache_headers(response)
        return response
