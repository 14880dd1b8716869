"""Workflow events this app writes to the audit log, with their Chinese labels."""

EXPORTED = "workbook.exported"
ROLLUP_EXPORTED = "workbook.rollup_exported"
EXPORT_FAILED = "workbook.export_failed"
EXPORT_RETRIED = "workbook.export_retried"
DOWNLOADED = "workbook.downloaded"
IMPORTED = "workbook.external_imported"
IMPORT_REFUSED = "workbook.import_refused"
CHECKS_ACCEPTED = "workbook.checks_accepted"
FINALISE_CHECKS_ACCEPTED = "workbook.checks_accepted_for_finalise"

EVENT_LABELS = {
    EXPORTED: "导出年报工作簿",
    ROLLUP_EXPORTED: "导出汇总工作簿",
    EXPORT_FAILED: "导出年报工作簿失败",
    EXPORT_RETRIED: "导出中断后自动重试",
    DOWNLOADED: "下载年报工作簿",
    IMPORTED: "导入外部工会年报",
    IMPORT_REFUSED: "拒绝导入签名无效的年报",
    CHECKS_ACCEPTED: "确认带逻辑检查错误导出",
    FINALISE_CHECKS_ACCEPTED: "确认带逻辑检查错误定稿总结",
}


def detail_labels() -> dict:
    """Labels and readable forms of the details these events log (audit.details)."""
    from audit.details import Detail, counted, file_size, numbered, rows_per_sheet, year, yes_no

    return {
        "year": Detail("年度", year),
        "period": Detail("统计期间"),
        "full_ids": Detail("身份证号", yes_no("完整", "已脱敏")),
        "sheets": Detail("各表行数", rows_per_sheet),
        "file_size": Detail("文件大小", file_size),
        "via": Detail("导出方式"),
        "job": Detail("导出任务", numbered("")),
        "error": Detail("错误"),
        "units": Detail("汇总单位", counted("个")),
        "external_reports": Detail("其中外部导入年报", counted("份")),
        "source_code": Detail("报送单位代码"),
        "source_name": Detail("报送单位"),
        "signature": Detail("数字签名"),
        "key_id": Detail("签名公钥指纹"),
        "registered_key": Detail("登记的公钥", numbered("")),
        "file_sha256": Detail("文件 SHA-256"),
        "confirmed_unverified": Detail("确认导入未验证签名的文件"),
        "check_errors": Detail("未通过的逻辑检查"),
    }
