"""The one way this product makes PDFs: HTML from our templates, printed by WeasyPrint.

WeasyPrint fetches every URL a document names (images, stylesheets, fonts). Documents
carry text staff typed, so the fetcher serves only files from our own static folders and
refuses everything else: no file:// paths, no network, no media uploads.

Staff text can make a document that takes minutes and gigabytes to lay out, so every PDF is
printed in a child process with a wall-clock timeout and an address-space limit
(PDF_RENDER_TIMEOUT_SECONDS, PDF_RENDER_MAX_MEMORY_MB); past either the child is killed and
the caller gets `RenderFailed` with a message for the user. The child gets the finished HTML
and gives back bytes: it never touches the database. Children fork from a forkserver that
has Django and WeasyPrint loaded (reports.pdf_preload), so a render costs a fork, not an
interpreter start.
"""

from __future__ import annotations

import gc
import logging
import mimetypes
import multiprocessing
import os
import resource
import threading
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation

from records.text import clean_text

logger = logging.getLogger(__name__)

# A base URL that is not a real place: relative links resolve under it and then to static.
BASE_URL = "https://union-reports.invalid/"


class RefusedURL(Exception):
    """A document asked for something outside our static files."""


class RenderFailed(Exception):
    """The PDF could not be printed within its bounds; `message` is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RenderTimeout(RenderFailed):
    pass


class RenderOutOfMemory(RenderFailed):
    pass


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


def print_pdf(html: str, base_url: str = BASE_URL, *, collect: bool = True) -> bytes:
    """Print in this process, without bounds: for the child (and measurements)."""
    from weasyprint import HTML

    from .official import colophon_on_odd_page, colophon_to_next_page
    from .squeeze import squeeze
    from .typesetting import justify

    def render(html: str) -> Any:
        return HTML(string=html, base_url=base_url, url_fetcher=_fetcher()).render()

    html = clean_text(html)  # one stray U+FFFF or control character must not break the document
    try:
        try:
            html = squeeze(html, render)  # 挤进: full lines keep 28 characters before a mark
        except MemoryError:
            raise
        except Exception:  # a refinement of the layout: never a reason for no PDF
            logger.exception("挤进 failed; the PDF is printed with 推出 only")
        document = render(html)
        if colophon_on_odd_page(document):  # a red-header document's 版记 goes on an even page
            html = colophon_to_next_page(html)
            document = render(html)
        justify(document)  # Chinese lines end at the margin; WeasyPrint justifies only at spaces
        return document.write_pdf()
    finally:
        # The fonts HarfBuzz loads for subsetting (20+ MB each) are freed only when the cyclic
        # collector runs; without this a process grows by ~250 MB a PDF until it happens to.
        # A child that exits right after skips it.
        if collect:
            gc.collect()


# The child says how it ended by its exit code where it cannot send a message.
_EXIT_OUT_OF_MEMORY = 75
_context_lock = threading.Lock()


def _context() -> multiprocessing.context.BaseContext:
    """Forkserver: the server is a fresh interpreter (no threads, no database connections of
    the web process) and each child a cheap fork of it."""
    with _context_lock:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["__main__", "reports.pdf_preload"])
        return context


def _limit_memory(limit: int) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _child_main(conn: Any, html: str, base_url: str, memory_limit: int, settings_module: str) -> None:
    try:
        _limit_memory(memory_limit)
        from django.apps import apps

        if not apps.ready:  # the preload could not set Django up
            import django

            os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
            django.setup()
        conn.send(("ok", print_pdf(html, base_url, collect=False)))
    except MemoryError:
        os._exit(_EXIT_OUT_OF_MEMORY)  # allocates nothing more
    except BaseException as exc:
        try:
            conn.send(("error", f"{exc.__class__.__name__}: {exc}"[:500]))
        except MemoryError:
            os._exit(_EXIT_OUT_OF_MEMORY)
    finally:
        conn.close()


def render_pdf(html: str) -> bytes:
    """The PDF of `html`, printed in a child process bounded in time and memory."""
    timeout = float(settings.PDF_RENDER_TIMEOUT_SECONDS)
    memory_mb = int(settings.PDF_RENDER_MAX_MEMORY_MB)
    context = _context()
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(
        target=_child_main,
        args=(writer, html, BASE_URL, memory_mb * 1024 * 1024, settings.SETTINGS_MODULE),
        name="pdf-render",
        daemon=True,
    )
    outcome: tuple[str, Any] | None = None
    try:
        process.start()
    except Exception as exc:
        logger.exception("PDF render process could not start")
        raise RenderFailed("生成 PDF 失败，请稍后重试；如仍失败，请联系系统管理员。") from exc
    finally:
        writer.close()  # the child holds the only writer: its end is our EOF
    try:
        if not reader.poll(timeout):
            process.kill()
            logger.warning("PDF render stopped after %s s (%s characters of HTML)", timeout, len(html))
            raise RenderTimeout(
                f"生成 PDF 超过 {timeout:g} 秒仍未完成，已停止。请精简总结的文字或附表后重试；"
                "如仍失败，请联系系统管理员。"
            )
        try:
            outcome = reader.recv()
        except EOFError:
            outcome = None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        reader.close()
    if outcome is not None and outcome[0] == "ok":
        return outcome[1]
    code = process.exitcode
    # Out of address space, GLib and other C libraries abort (SIGABRT, SIGTRAP) or crash
    # rather than raise MemoryError; the kernel's OOM killer sends SIGKILL.
    if code == _EXIT_OUT_OF_MEMORY or (code is not None and code < 0):
        logger.warning("PDF render out of memory (limit %s MB, exit code %s)", memory_mb, code)
        raise RenderOutOfMemory(
            f"生成 PDF 所需内存超过上限（{memory_mb} MB）或打印进程异常终止，已停止。"
            "请精简总结的文字或附表后重试；如仍失败，请联系系统管理员。"
        )
    logger.error("PDF render failed (exit code %s): %s", code, outcome[1] if outcome else "no answer")
    raise RenderFailed("生成 PDF 失败，请稍后重试；如仍失败，请联系系统管理员。")
