"""Events this app writes to the audit log, with their Chinese labels and details."""

IMPORTED = "profiles.profile.imported"
IMPORT_CONFLICT = "profiles.profile.import_conflict"
IMPORT_KEPT = "profiles.profile.import_kept"
IMPORT_REFUSED = "profiles.profile.import_refused"

EVENT_LABELS = {
    IMPORTED: "从导入的年报填写单位年度基本情况",
    IMPORT_CONFLICT: "导入的年报与已填写的单位情况不一致",
    IMPORT_KEPT: "核对导入的年报后保留已填写的单位情况",
    IMPORT_REFUSED: "导入的年报未能填写单位情况",
}


def detail_labels() -> dict:
    from audit.details import Detail, numbered

    return {
        "profile": Detail("单位年度基本情况", numbered("")),
        "external_report": Detail("导入的年报", numbered("")),
        "unit_code": Detail("单位代码"),
        "differences": Detail("不一致之处"),
        "replaced": Detail("被年报数字替换的填写"),
        "reason": Detail("原因"),
    }
