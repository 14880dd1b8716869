from reports.document import assemble
from reports.models import (
    DraftPdfJob,
    FinaliseJob,
    OfficialNumber,
    OfficialStyle,
    Report,
    ReportSection,
    ReportStatus,
)
from reports.services import report_start
from unions.permissions import Perm


def _final_report(union):
    """A finalised report (higher-level users see only those), made without a PDF for speed."""
    report = Report.objects.filter(union=union, year=2025).first()
    if report is None:
        report = report_start(union=union, year=2025, actor=None)
        report.sections.filter(key="problems").update(staff_text="制度建设还需加强。")
        snapshot = assemble(report).as_json()
        Report.objects.filter(pk=report.pk).update(status=ReportStatus.FINAL, snapshot=snapshot)
        report.refresh_from_db()
    return report


def _finalise_job(union):
    from reports.models import FinaliseJob, FinaliseStatus
    from tests.factories import UserFactory

    report = _final_report(union)
    job = FinaliseJob.objects.filter(report=report).first()
    if job is None:
        job = FinaliseJob.objects.create(
            union=union, report=report, requested_by=UserFactory(), status=FinaliseStatus.FAILED, error="测试"
        )
    return job


def _draft_pdf_job(union):
    """A draft PDF job of the finalised report: the one kind every reader may reach (a
    higher-level union sees no drafts); its pages send the reader to the final PDF."""
    from reports.models import DraftPdfJob

    report = _final_report(union)
    return DraftPdfJob.objects.filter(report=report).first() or DraftPdfJob.objects.create(
        union=union, report=report, digest="0" * 64, status="expired"
    )


def _section(union):
    return _final_report(union).sections.first()


URL_RULES = {
    "reports:list": (Perm.VIEW, None),
    "reports:start": (Perm.EDIT, None),
    "reports:edit": (Perm.VIEW, _final_report),
    "reports:preview": (Perm.VIEW, _final_report),
    "reports:pdf": (Perm.VIEW, _final_report),
    "reports:docx": (Perm.VIEW, _final_report),
    "reports:pdf-job": (Perm.VIEW, _draft_pdf_job),
    "reports:pdf-file": (Perm.VIEW, _draft_pdf_job),
    "reports:official": (Perm.APPROVE, _final_report),
    "reports:finalise": (Perm.APPROVE, _final_report),
    "reports:finalise-job": (Perm.APPROVE, _finalise_job),
    "reports:redraft": (Perm.EDIT, _final_report),
    "reports:section": (Perm.EDIT, _section),
    "reports:section-move": (Perm.EDIT, _section),
    "reports:section-add": (Perm.EDIT, _final_report),
}


def _draft():
    from tests.factories import UnionFactory

    return report_start(union=UnionFactory(), year=2025, actor=None)


def _new_finalise_job():
    from reports.models import FinaliseJob
    from tests.factories import UserFactory

    report = _draft()
    return FinaliseJob.objects.create(union=report.union, report=report, requested_by=UserFactory())


def _new_draft_pdf_job():
    from reports.models import DraftPdfJob

    report = _draft()
    return DraftPdfJob.objects.create(union=report.union, report=report, digest="a" * 64)


def _official_style():
    from tests.factories import UnionFactory

    return OfficialStyle.objects.create(union=UnionFactory(), authority="县总工会文件", code_prefix="县工")


def _official_number():
    return OfficialNumber.objects.create(report=_draft(), year=2026, serial=5)


AUDIT_CASES = {
    Report: (_draft, "title", "新标题"),
    FinaliseJob: (_new_finalise_job, "status", "failed"),
    DraftPdfJob: (_new_draft_pdf_job, "status", "failed"),
    ReportSection: (lambda: _draft().sections.first(), "staff_text", "工作人员写的内容"),
    OfficialStyle: (_official_style, "authority", "青山县总工会文件"),
    OfficialNumber: (_official_number, "serial", 6),
}
