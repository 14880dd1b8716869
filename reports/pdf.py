"""The one way this product makes PDFs: HTML from our templates, printed by WeasyPrint.

WeasyPrint fetches every URL a document names (images, stylesheets, fonts). Documents
carry text staff typed, so the fetcher serves only files from our own static folders and
refuses everything else: no file:// paths, no network, no media uploads.
"""

from __future__ import annotations

import gc
import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation

# A base URL that is not a real place: relative links resolve under it and then to static.
BASE_URL = "https://union-reports.invalid/"


class RefusedURL(Exception):
    """A document asked for something outside our static files."""


def static_path_for(url: str) -> Path | None:
    """The local file behind one of our static URLs, or None."""
    parsed = urlparse(url)
    if parsed.scheme not in ("https", "http") or parsed.netloc != urlparse(BASE_URL).netloc:
        return None
    path = unquote(parsed.path)
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if not path.startswith(prefix) or ".." in Path(path).parts:
        return None
    name = path[len(prefix) :]
    found = finders.find(name)
    if found:
        return Path(found)
    # In production {% static %} names the collected, hashed copy (css/gbt9704.<hash>.css),
    # which only the storage knows.
    try:
        if staticfiles_storage.exists(name):
            return Path(staticfiles_storage.path(name))
    except (SuspiciousFileOperation, NotImplementedError):
        return None
    return None


def fetch_static(url: str) -> tuple[bytes, str]:
    """The bytes and type of one of our static files; RefusedURL for anything else."""
    local = static_path_for(url)
    if local is None:
        raise RefusedURL(f"refused: {url[:200]}")
    mime_type, _ = mimetypes.guess_type(local.name)
    return local.read_bytes(), mime_type or "application/octet-stream"


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            body, mime_type = fetch_static(url)
            return URLFetcherResponse(url, body, {"Content-Type": mime_type})

    return StaticOnlyFetcher()


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    from .typesetting import justify

    try:
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).render()
        justify(document)  # Chinese lines end at the margin; WeasyPrint justifies only at spaces
        return document.write_pdf()
    finally:
        # The fonts HarfBuzz loads for subsetting (20+ MB each) are freed only when the cyclic
        # collector runs; without this a worker grows by ~250 MB a PDF until it happens to.
        gc.collect()
