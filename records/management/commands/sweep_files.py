"""`manage.py sweep_files`: remove what killed processes left behind, for cron.

The same sweeps run on their own when an export starts, a job page is polled or a report is
finalised; this command runs them all, for a server where that happens rarely.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Remove temporary files of killed processes from PRIVATE_TMP_DIR (their export jobs are "
        "queued again or marked failed) and files under media/ that no row names."
    )

    def handle(self, *args: object, **options: object) -> None:
        # This shared app calls the apps' sweeps here, in the one command, rather than each
        # app shipping its own cron job.
        from reports.services import sweep_orphan_pdfs
        from workbook.jobs import sweep_interrupted

        failed = sweep_interrupted()
        pdfs = sweep_orphan_pdfs()
        self.stdout.write(
            f"已清理：{failed} 个中断的导出任务已重新排队或标记为失败，删除 {len(pdfs)} 个无主 PDF。"
        )
