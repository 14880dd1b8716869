"""PDF and .docx of the annual summary: time and peak memory, for a demo-sized summary
(about 4 pages) and a long one (about 40 pages), each with the two charts of the demo. Needs
no database: the Document is built in memory, as assemble() would return it. Each case runs
in a fresh process so that ru_maxrss is that case's peak (fonts loaded included), after one
warm-up render. The PDF is printed in this process (reports.pdf.print_pdf, what the render
child runs), so that its memory is counted here; the time through the bounded child
(render_document_pdf) and the part of it that 挤进 takes (reports.squeeze) are printed too.

    .venv/bin/python bench/report_docx.py
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARAGRAPH = (
    "全年共开展职工技能培训班12期，参训职工1,260人次，投入培训经费45.6万元，较上年增长18.5%；"
    "组织劳动竞赛项目8项，涌现出技术能手36人、创新成果15项，其中“五小”成果获市级奖励3项。"
    "我们坚持以职工为中心，把服务职工作为工会工作的出发点和落脚点，走访慰问困难职工家庭42户。"
)


def document(paragraphs_per_section: int):  # type: ignore[no-untyped-def]
    from reports.document import DocSection, Document

    sections = []
    for n, number in enumerate("一二三四五"):
        blocks = []
        for i in range(paragraphs_per_section):
            if i % 4 == 0:
                blocks.append(
                    {
                        "kind": "h",
                        "text": "加强职工队伍建设",
                        "number": f"（{'一二三四五六七八九十'[i // 4 % 10]}）",
                    }
                )
            blocks.append({"kind": "p", "text": PARAGRAPH, "number": ""})
        sections.append(
            DocSection(key=f"s{n}", number=number, heading="加强组织建设，壮大会员队伍", blocks=blocks)
        )
    table = {
        "caption": "困难职工帮扶情况",
        "header": ["项目", "户数", "人次", "现金", "实物", "合计"],
        "rows": [["节日慰问", "4户", "4人次", "2000.00", "800.00", "2800.00"]] * 6,
    }
    from reports.charts import column_chart, horizontal_bars

    aid = horizontal_bars([("节日慰问", 2), ("困难帮扶", 1)], unit="万元", title="各类帮扶慰问金额（万元）")
    months = column_chart([(f"{m}月", m % 4) for m in range(1, 13)], title="各月开展活动次数")
    return Document(
        title="青山县机械制造有限公司工会2025年度工作总结",
        opening=[PARAGRAPH],
        sections=sections,
        closing=[PARAGRAPH],
        signature="青山县机械制造有限公司工会",
        date_text="2026年1月10日",
        appendix=[table, table],
        charts=[
            {"title": "各类帮扶慰问金额（万元）", "svg": str(aid)},
            {"title": "各月开展活动次数", "svg": str(months)},
        ],
    )


def one(kind: str, paragraphs: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "union_reports.settings")
    os.environ.setdefault("DEBUG", "1")  # static files from the finders, as in development
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789abcdef")
    import django

    django.setup()
    from pypdf import PdfReader

    from reports.pdf import BASE_URL, _fetcher, print_pdf
    from reports.services import render_document_pdf, render_html
    from reports.squeeze import squeeze
    from reports.word import render_docx

    doc = document(paragraphs)
    extra = ""
    if kind == "pdf":
        from weasyprint import HTML

        html = render_html(doc, for_print=True)
        print_pdf(html)  # warm-up: fonts, templates
        start, cpu = time.perf_counter(), time.process_time()
        data = print_pdf(html)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        start = time.perf_counter()
        squeeze(html, lambda h: HTML(string=h, base_url=BASE_URL, url_fetcher=_fetcher()).render())
        squeezing = time.perf_counter() - start
        render_document_pdf(doc)  # starts the forkserver
        start = time.perf_counter()
        render_document_pdf(doc)
        child = time.perf_counter() - start
        pages = len(PdfReader(io.BytesIO(data)).pages)
        extra = f"{pages} pages  (挤进 {squeezing:.2f} s; via the child {child:.2f} s)"
    else:
        import docx

        render_docx(doc)  # warm-up: fonts, templates
        start, cpu = time.perf_counter(), time.process_time()
        data = render_docx(doc)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        from reports.word_charts import chart_png

        start = time.perf_counter()
        for chart in doc.charts:
            chart_png(chart["svg"])
        charting = time.perf_counter() - start
        written = docx.Document(io.BytesIO(data))
        extra = f"{len(written.paragraphs)} paragraphs, {len(written.inline_shapes)} charts ({charting:.2f} s of it)"
    print(
        f"{kind:4} {paragraphs:3} paragraphs/section  {seconds:6.2f} s (CPU {cpu:5.2f} s)  peak RSS {rss:5.0f} MB  {len(data) / 1024:6.0f} KB  {extra}",
        flush=True,
    )


def main() -> None:
    if len(sys.argv) == 3:
        one(sys.argv[1], int(sys.argv[2]))
        return
    print(f"# load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    for paragraphs in (2, 31):  # about 5 and 40 pages
        for kind in ("pdf", "docx"):
            subprocess.run([sys.executable, __file__, kind, str(paragraphs)], check=True)  # noqa: S603


if __name__ == "__main__":
    main()
