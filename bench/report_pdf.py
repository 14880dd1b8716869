"""Stage 2: the annual report of the large union: assembly (all figures from the records)
and the PDF. Runs in a process of its own so that ru_maxrss shows what the PDF adds.

The draft for the year is started with reports.services.report_start the first time and
reused afterwards. The PDF is rendered twice untraced (the first render loads fonts, as
the first PDF of a fresh server worker does) and once under tracemalloc for its peak.

    .venv/bin/python bench/report_pdf.py
"""

from __future__ import annotations

import gc
import io
import resource
import time
import tracemalloc
from pathlib import Path

from common import ADMIN_USERNAME, UNION_CODE, line, percentile, setup_django

setup_django()

from database import bench_year  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from reports import pdf as reports_pdf  # noqa: E402
from reports.document import assemble  # noqa: E402
from reports.models import Report, ReportStatus  # noqa: E402
from reports.pdf import print_pdf  # noqa: E402
from reports.services import render_html, render_report_pdf, report_start  # noqa: E402
from unions.models import Union  # noqa: E402

MB = 1024 * 1024


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def check_stylesheet() -> None:
    """With DEBUG off, {% static %} names the hashed copy (gbt9704.<hash>.css) that only
    STATIC_ROOT holds, and reports.pdf looks files up with the finders, which know only the
    unhashed sources: the PDF then comes out without its GB/T 9704 stylesheet. Say so, and
    let the stylesheet through for the measurement so that the figures are for the real
    layout."""
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.templatetags.static import static

    url = reports_pdf.BASE_URL.rstrip("/") + static("css/gbt9704.css")
    if reports_pdf.static_path_for(url) is not None:
        return
    print(
        "# WARNING: reports.pdf refuses the hashed stylesheet with DEBUG off "
        f"({url.rsplit('/', 1)[-1]}): production PDFs lack the GB/T 9704 layout. "
        "Measured with the stylesheet served from STATIC_ROOT instead.",
        flush=True,
    )
    original = reports_pdf.static_path_for
    prefix = "/" + reports_pdf.settings.STATIC_URL.strip("/") + "/"

    def static_path_for(url: str) -> Path | None:
        found = original(url)
        if found is None and url.startswith(reports_pdf.BASE_URL.rstrip("/") + prefix):
            name = url[len(reports_pdf.BASE_URL.rstrip("/") + prefix) :]
            if ".." not in name and staticfiles_storage.exists(name):
                return Path(staticfiles_storage.path(name))
        return found

    reports_pdf.static_path_for = static_path_for


def draft_report(union: Union, year: int) -> Report:
    report = Report.objects.filter(union=union, year=year, status=ReportStatus.DRAFT).first()
    if report is None:
        admin = get_user_model().objects.get(username=ADMIN_USERNAME)
        report = report_start(union=union, year=year, actor=admin)
    return report


def main() -> None:
    union = Union.objects.get(code=UNION_CODE)
    year = bench_year()
    report = draft_report(union, year)

    with CaptureQueriesContext(connection) as queries:
        assemble(report)
    times = []
    for _ in range(5):
        started = time.perf_counter()
        document = assemble(report)
        times.append((time.perf_counter() - started) * 1000)
    p95 = percentile(times, 95)
    line(
        f"report assembly ({year})",
        f"p50 {percentile(times, 50):6.1f} ms  max {max(times):6.1f} ms  {len(queries)} queries  "
        f"{len(document.sections)} sections",
        "< 300 ms",
        p95 < 300,
    )

    check_stylesheet()
    rss_before = maxrss_mb()
    started = time.perf_counter()
    pdf = render_report_pdf(report)
    first = time.perf_counter() - started
    one_render = maxrss_mb() - rss_before  # the first render: fonts loaded, nothing left over
    warm_times = []
    for _ in range(3):
        started = time.perf_counter()
        render_report_pdf(report)
        warm_times.append(time.perf_counter() - started)
    warm = percentile(warm_times, 50)
    after_four = maxrss_mb()
    gc.collect()
    tracemalloc.start()
    render_report_pdf(report)
    peak = tracemalloc.get_traced_memory()[1] / MB
    tracemalloc.stop()
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    line(
        "report PDF",
        f"{warm:5.2f} s (first {first:.2f} s)  +{one_render:.0f} MB RSS for one render, "
        f"{peak:.0f} MB traced  {pages} pages  {len(pdf) // 1024} KB",
        "< 1 s, < 300 MB",
        warm < 1 and max(peak, one_render) < 300,
    )
    # The renders above run in the bounded child, whose memory this process does not see:
    # print the same HTML here once, as the child does, for the memory a render takes.
    html = render_html(document, for_print=True)
    rss_here = maxrss_mb()
    started, cpu = time.perf_counter(), time.process_time()
    print_pdf(html)
    print(
        f"# the same PDF printed in this process (what the render child runs): "
        f"{time.perf_counter() - started:.2f} s, CPU {time.process_time() - cpu:.2f} s, "
        f"peak RSS {maxrss_mb():.0f} MB (+{maxrss_mb() - rss_here:.0f} MB, fonts loaded included)",
        flush=True,
    )
    print(
        f"# PDF memory: process {rss_before:.0f} MB before, {after_four:.0f} MB after 4 renders "
        "without gc.collect(): the native HarfBuzz font data of a render is freed only when the cyclic "
        "GC collects the render's objects",
        flush=True,
    )


if __name__ == "__main__":
    main()
