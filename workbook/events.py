"""Workflow events this app writes to the audit log, with their Chinese labels."""

EXPORTED = "workbook.exported"
ROLLUP_EXPORTED = "workbook.rollup_exported"
EXPORT_FAILED = "workbook.export_failed"
EXPORT_RETRIED = "workbook.export_retried"
DOWNLOADED = "workbook.downloaded"
IMPORTED = "workbook.external_imported"
IMPORT_REFUSED = "workbook.import_refused"

EVENT_LABELS = {
    EXPORTED: "导出年报工作簿",
    ROLLUP_EXPORTED: "导出汇总工作簿",
    EXPORT_FAILED: "导出年报工作簿失败",
    EXPORT_RETRIED: "导出中断后自动重试",
    DOWNLOADED: "下载年报工作簿",
    IMPORTED: "导入外部工会年报",
    IMPORT_REFUSED: "拒绝导入签名无效的年报",
}
