from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from reports.document import assemble
from reports.models import Report, ReportStatus
from reports.pdf import RenderFailed
from reports.services import render_document_pdf, render_html
from unions.models import Union


class Command(BaseCommand):
    help = "Render a union's annual summary to PDF or HTML: the current draft, or with --final the latest finalised version."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--union", required=True, help="union code")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--format", choices=["pdf", "html"], default="pdf")
        parser.add_argument("--output", required=True, help="file to write")
        parser.add_argument(
            "--final", action="store_true", help="the latest finalised version (its stored PDF)"
        )

    def handle(self, *args: object, **options: object) -> None:
        union = Union.objects.filter(code=options["union"]).first()
        if union is None:
            raise CommandError(f"没有代码为 {options['union']} 的工会。")
        status = ReportStatus.FINAL if options["final"] else ReportStatus.DRAFT
        report = (
            Report.objects.filter(union=union, year=options["year"], status=status)
            .order_by("-finalised_at", "-id")
            .first()
        )
        if report is None:
            kind = "定稿" if options["final"] else "草稿"
            raise CommandError(
                f"{union.name}{options['year']}年度没有{kind}总结。请先在网页上开始撰写，或去掉/加上 --final。"
            )
        output = Path(str(options["output"]))
        if options["format"] == "html":
            output.write_text(render_html(assemble(report)), encoding="utf-8")
        elif report.is_final and report.pdf:
            output.write_bytes(report.pdf.read())
        else:
            try:
                output.write_bytes(render_document_pdf(assemble(report)))
            except RenderFailed as exc:
                raise CommandError(exc.message) from exc
        self.stdout.write(f"已写入 {output}（{output.stat().st_size} 字节）")
