"""Importing the workbook of a union that is not on this system (外部工会年报).

Only workbooks this product exported are accepted: the 说明 sheet names the product and the
format, the 统计指标 sheet has the expected header, every indicator once with its unit and a
valid number, and the indicators match the check digest written at export. The digest is
unkeyed, so it only catches accidental edits; what tells a subordinate's figures from
figures typed into the file is the Ed25519 signature (workbook.signing), checked against
the keys the importing union registered. A bad signature is refused; an unsigned file, or
one signed with a key not registered for that union, is imported only when the user
confirms it, and is marked as unverified wherever its figures are shown. Every problem
found is reported together, in Chinese, and nothing is written unless the whole file is
right.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import models, transaction

from audit.registry import log_event
from imports.reader import FileRefused, check_magic, check_size, check_zip, limits
from records.periods import is_whole_year
from records.xlsx_upload import UploadedWorkbook, UploadRefused, open_workbook
from unions.models import Union

from . import events, signing
from . import format as fmt
from .codes import KEY_OF
from .indicators import BY_KEY, INDICATORS, IndicatorValueError, Value, digest, parse_cell, to_text
from .models import ExternalReport, RegisteredKey, SignatureStatus
from .profile_figures import unit_kind_of_label

MAX_INDICATOR_ROWS = 1_000
MAX_ABOUT_ROWS = 100
NOT_OURS = (
    "该文件不是由工会年报系统导出的统计年报工作簿，无法导入。"
    "请让填报单位在本系统的“导出年报工作簿”中导出 .xlsx 文件后再上传。"
)


class WorkbookImportError(Exception):
    """The file cannot be imported; `messages` says every reason, for the user."""

    def __init__(self, messages: list[str] | str) -> None:
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("；".join(self.messages))


class UnverifiedWorkbook(WorkbookImportError):
    """The file is fine but its signature cannot be verified: it needs the user's confirmation."""

    def __init__(self, messages: list[str] | str, status: str) -> None:
        super().__init__(messages)
        self.status = status


@dataclass(frozen=True)
class ParsedWorkbook:
    kind: str
    union_name: str
    union_code: str
    year: int
    period_start: dt.date
    period_end: dt.date
    units: int
    exported_at: str
    digest: str
    values: dict[str, Value]
    sha256: str
    signature: str = ""
    signature_key_id: str = ""
    unit_kind: str = ""  # the 说明 sheet's 单位类型, as written (its label)

    @property
    def figures(self) -> signing.SignedFigures:
        return signing.SignedFigures(
            kind=self.kind,
            union_name=self.union_name,
            union_code=self.union_code,
            year=self.year,
            period_start=self.period_start,
            period_end=self.period_end,
            units=self.units,
            exported_at=self.exported_at,
            values=self.values,
            unit_kind=self.unit_kind,
        )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(_text(value)[:10])
    except ValueError:
        return None


def _sha256(fh: IO[bytes]) -> str:
    fh.seek(0)
    digest_ = hashlib.sha256()
    for chunk in iter(lambda: fh.read(1024 * 1024), b""):
        digest_.update(chunk)
    fh.seek(0)
    return digest_.hexdigest()


def _check_file(fh: IO[bytes]) -> None:
    bounds = limits()
    try:
        fh.seek(0, 2)
        check_size(fh.tell(), bounds)
        fh.seek(0)
        check_magic(fh.read(8))
        fh.seek(0)
        check_zip(fh, bounds)
    except FileRefused as exc:
        raise WorkbookImportError(exc.message) from None
    finally:
        fh.seek(0)


def _open(fh: IO[bytes]) -> UploadedWorkbook:
    try:
        return open_workbook(fh, data_only=True)  # bounded: see records.xlsx_upload
    except UploadRefused as exc:
        raise WorkbookImportError(exc.message) from None
    except Exception:
        raise WorkbookImportError("无法读取该 Excel 文件，文件可能已损坏。" + NOT_OURS) from None


def _rows(workbook: UploadedWorkbook, name: str, limit: int) -> list[tuple[Any, ...]]:
    try:
        return [values for _, values in workbook.rows(workbook[name], max_row=limit)]
    except UploadRefused as exc:
        raise WorkbookImportError(exc.message) from None
    except Exception:
        raise WorkbookImportError(f"工作表“{name}”已损坏，无法读取。") from None


def _about(rows: list[tuple[Any, ...]]) -> dict[str, Any]:
    items: dict[str, Any] = {}
    for row in rows[1:]:
        if row and row[0] is not None:
            items.setdefault(_text(row[0]), row[1] if len(row) > 1 else None)
    return items


def _indicator_values(rows: list[tuple[Any, ...]], errors: list[str]) -> dict[str, Value]:
    header = tuple(_text(v) for v in (rows[0] if rows else ())[: len(fmt.INDICATOR_HEADER)])
    if header != fmt.INDICATOR_HEADER:
        errors.append(
            f"“{fmt.INDICATOR_SHEET}”表的表头应为“{'、'.join(fmt.INDICATOR_HEADER)}”，"
            f"文件中为“{'、'.join(h for h in header if h) or '空'}”。"
        )
        return {}
    values: dict[str, Value] = {}
    width = len(fmt.INDICATOR_HEADER)
    for number, row in enumerate(rows[1:], start=2):
        cells = (tuple(row) + (None,) * width)[:width]
        if all(c is None or _text(c) == "" for c in cells[1:]):
            continue  # a blank line, or a table's caption (一、组织建设)
        code, label, unit, raw = cells
        code = _text(code)
        key = KEY_OF.get(code, "")
        definition = BY_KEY.get(key)
        if definition is None:
            errors.append(f"第{number}行：指标代码“{code or '（空）'}”不是本系统的指标。")
            continue
        if key in values:
            errors.append(f"第{number}行：指标“{definition.label}”（{code}）重复出现。")
            continue
        if _text(unit) != definition.unit:
            errors.append(
                f"第{number}行：“{definition.label}”的单位应为“{definition.unit}”，文件中为“{_text(unit) or '空'}”。"
            )
            continue
        try:
            values[key] = parse_cell(definition, raw)
        except IndicatorValueError as exc:
            errors.append(f"第{number}行：“{definition.label}”的数值有误：{exc}。")
            values[key] = definition.zero
    missing = [d.label for d in INDICATORS if d.key not in values]
    if missing:
        shown = "、".join(missing[:10]) + ("等" if len(missing) > 10 else "")
        errors.append(f"“{fmt.INDICATOR_SHEET}”表缺少{len(missing)}项指标：{shown}。")
    return values


def read_workbook(source: IO[bytes] | str | Path) -> ParsedWorkbook:
    """Check an uploaded workbook and read its indicators; raises WorkbookImportError."""
    fh: IO[bytes] = open(source, "rb") if isinstance(source, (str, Path)) else source  # noqa: SIM115
    try:
        _check_file(fh)
        sha256 = _sha256(fh)
        workbook = _open(fh)
        try:
            names = set(workbook.sheetnames)
            if fmt.ABOUT_SHEET not in names or fmt.INDICATOR_SHEET not in names:
                raise WorkbookImportError(NOT_OURS)
            about = _about(_rows(workbook, fmt.ABOUT_SHEET, MAX_ABOUT_ROWS))
            if _text(about.get(fmt.ITEM_PRODUCT)) != fmt.PRODUCT or _text(about.get(fmt.ITEM_KIND)) not in (
                fmt.KIND_ANNUAL,
                fmt.KIND_ROLLUP,
            ):
                raise WorkbookImportError(NOT_OURS)
            version = _text(about.get(fmt.ITEM_VERSION))
            if version != fmt.FORMAT_VERSION:
                raise WorkbookImportError(
                    f"文件的格式版本为“{version or '未知'}”，本系统只能导入格式版本{fmt.FORMAT_VERSION}的工作簿。"
                    "请让填报单位升级后重新导出。"
                )
            errors: list[str] = []
            values = _indicator_values(_rows(workbook, fmt.INDICATOR_SHEET, MAX_INDICATOR_ROWS), errors)
        finally:
            workbook.close()
    finally:
        if isinstance(source, (str, Path)):
            fh.close()

    name, code = _text(about.get(fmt.ITEM_UNION_NAME)), _text(about.get(fmt.ITEM_UNION_CODE))
    if not name or not code:
        errors.append(f"“{fmt.ABOUT_SHEET}”表缺少工会名称或工会代码。")
    try:
        year = int(_text(about.get(fmt.ITEM_YEAR)))
        if not 2000 <= year <= 2100:
            raise ValueError
    except ValueError:
        year = 0
        errors.append(f"“{fmt.ABOUT_SHEET}”表中的统计年度无效。")
    start, end = _date(about.get(fmt.ITEM_PERIOD_START)), _date(about.get(fmt.ITEM_PERIOD_END))
    if start is None or end is None or end < start:
        errors.append(f"“{fmt.ABOUT_SHEET}”表中的统计期间无效。")
    elif not is_whole_year(start, end):
        # A half year's or quarter's workbook would be added up as if it were the year.
        errors.append(
            f"该文件的统计期间为{start:%Y-%m-%d}至{end:%Y-%m-%d}，不是完整的统计年度；"
            "汇总只接受全年的统计年报工作簿，请让填报单位导出全年的工作簿。"
        )
    try:
        units = max(1, int(_text(about.get(fmt.ITEM_UNITS)) or 1))
    except ValueError:
        units = 1
    unit_kind = _text(about.get(fmt.ITEM_UNIT_KIND))
    if unit_kind and unit_kind_of_label(unit_kind) is None:
        errors.append(f"“{fmt.ABOUT_SHEET}”表中的单位类型“{unit_kind[:20]}”不是统计所用的单位类型。")
    file_digest = _text(about.get(fmt.ITEM_DIGEST)).lower()
    if errors:
        raise WorkbookImportError(errors)
    if digest(union_code=code, year=year, values=values) != file_digest:
        raise WorkbookImportError(
            f"“{fmt.INDICATOR_SHEET}”表的数字与文件中的指标校验码不一致：文件导出后被修改过。"
            "请让填报单位在系统中核对数据后重新导出，不要在 Excel 中改动数字。"
        )
    assert start is not None and end is not None
    return ParsedWorkbook(
        kind=_text(about.get(fmt.ITEM_KIND)),
        union_name=name,
        union_code=code,
        year=year,
        period_start=start,
        period_end=end,
        units=units,
        exported_at=_text(about.get(fmt.ITEM_EXPORTED_AT))[:40],
        digest=file_digest,
        values=values,
        sha256=sha256,
        signature=_text(about.get(fmt.ITEM_SIGNATURE)),
        signature_key_id=_text(about.get(fmt.ITEM_SIGNATURE_KEY)).lower().replace(" ", "")[:64],
        unit_kind=unit_kind,
    )


@dataclass(frozen=True)
class Verification:
    status: str  # SignatureStatus
    key: RegisteredKey | None = None


def verify_signature(*, union: Union, parsed: ParsedWorkbook) -> Verification:
    """Check the file's signature against the keys `union` registered for the file's union.

    Only registered keys count: a key id the file names but `union` has not registered for
    that union code proves nothing, however well the signature checks out.
    """
    if not parsed.signature and not parsed.signature_key_id:
        return Verification(SignatureStatus.UNSIGNED)
    if not parsed.signature or signing.decode_signature(parsed.signature) is None:
        return Verification(SignatureStatus.INVALID)
    key = (
        RegisteredKey.objects.live()
        .filter(union=union, source_code=parsed.union_code, fingerprint=parsed.signature_key_id)
        .first()
    )
    if key is None:
        return Verification(SignatureStatus.UNKNOWN_KEY)
    public_key = signing.load_public_key(key.public_key)
    if not signing.signature_matches(public_key, parsed.figures, parsed.signature):
        return Verification(SignatureStatus.INVALID, key)
    return Verification(SignatureStatus.VERIFIED, key)


def _refuse_invalid(*, union: Union, parsed: ParsedWorkbook, verification: Verification) -> None:
    log_event(
        union,
        events.IMPORT_REFUSED,
        {
            "source_code": parsed.union_code,
            "source_name": parsed.union_name,
            "year": parsed.year,
            "signature": str(SignatureStatus.INVALID.label),
            "key_id": parsed.signature_key_id,
            "registered_key": verification.key.pk if verification.key else None,
            "file_sha256": parsed.sha256,
        },
    )
    raise WorkbookImportError(
        "文件的数字签名无效：签名之后“统计指标”或“说明”表的内容被改动过，或签名不是该单位的公钥所签。"
        "文件已被拒绝导入，此事已记入操作日志。请与填报单位联系，让其在系统中重新导出。"
    )


def _ask_confirmation(*, union: Union, parsed: ParsedWorkbook, status: str) -> None:
    registered = RegisteredKey.objects.live().filter(union=union, source_code=parsed.union_code).exists()
    if status == SignatureStatus.UNSIGNED:
        reason = "该文件没有数字签名，无法确认其中的数字来自填报单位、未被改动。"
    else:
        reason = (
            f"该文件的签名公钥（指纹 {signing.grouped(parsed.signature_key_id)}）"
            f"未在本会登记为“{parsed.union_name}”（{parsed.union_code}）的公钥，无法验证签名。"
        )
    if registered:
        reason += "本会已为该单位登记了签名公钥，此文件却不是用它签名的，请特别核实。"
    raise UnverifiedWorkbook(
        reason + "如已通过其他途径（如电话、盖章纸质报表）核实数字无误，请勾选“确认导入未验证签名的文件”"
        "后重新上传；导入后其数字在汇总中标为“未验证签名”。",
        status,
    )


def _related_unions(union: Union) -> models.Q:
    """The union, those above it and those below it: any of them importing the same report
    would count it twice in some roll-up."""
    return models.Q(union_id__in=union.ancestor_ids()) | models.Q(union__path__startswith=union.path)


def check_not_duplicate(*, union: Union, parsed: ParsedWorkbook) -> None:
    own = union.descendants(include_self=True).filter(code=parsed.union_code).first()
    if own is not None:
        raise WorkbookImportError(
            f"文件是本系统中“{own.name}”（{own.code}）的年报，其数据已自动计入汇总，无需导入。"
        )
    existing = (
        ExternalReport.objects.live()
        .filter(_related_unions(union))
        .filter(
            models.Q(source_code=parsed.union_code, year=parsed.year) | models.Q(file_sha256=parsed.sha256)
        )
        .select_related("union", "uploaded_by")
        .first()
    )
    if existing is not None:
        raise WorkbookImportError(
            f"“{existing.source_name}”{existing.year}年度的年报已由{existing.union}于"
            f"{existing.created_at:%Y-%m-%d}导入。如需更新，请先作废原记录再导入。"
        )


def import_external_report(
    *,
    union: Union,
    upload: IO[bytes],
    original_name: str,
    user: Any,
    source_name: str = "",
    accept_unverified: bool = False,
) -> ExternalReport:
    """Check and import a workbook under `union`; nothing is written when anything is wrong.
    The unit's year profile for the year is filled from it where no person's entry is in the
    way (profiles.importing).

    A bad signature is refused (and logged); an unsigned or unknown-key file needs
    `accept_unverified`, else UnverifiedWorkbook is raised."""
    parsed = read_workbook(upload)
    check_not_duplicate(union=union, parsed=parsed)
    verification = verify_signature(union=union, parsed=parsed)
    if verification.status == SignatureStatus.INVALID:
        _refuse_invalid(union=union, parsed=parsed, verification=verification)
    if SignatureStatus.needs_confirmation(verification.status) and not accept_unverified:
        _ask_confirmation(union=union, parsed=parsed, status=verification.status)
    report = ExternalReport(
        union=union,
        source_name=(source_name or parsed.union_name).strip()[:100],
        source_code=parsed.union_code[:40],
        year=parsed.year,
        period_start=parsed.period_start,
        period_end=parsed.period_end,
        units_included=parsed.units,
        unit_kind=unit_kind_of_label(parsed.unit_kind) or "",
        values={d.key: to_text(d, parsed.values[d.key]) for d in INDICATORS},
        original_name=(original_name or "")[:255],
        file_sha256=parsed.sha256,
        indicator_digest=parsed.digest,
        exported_at=parsed.exported_at,
        signature_status=verification.status,
        signature_key_id=parsed.signature_key_id,
        signing_key=verification.key,
        uploaded_by=user,
    )
    with transaction.atomic():
        report.full_clean()
        report.save()
        log_event(
            report,
            events.IMPORTED,
            {
                "signature": str(SignatureStatus(verification.status).label),
                "key_id": parsed.signature_key_id,
                "confirmed_unverified": SignatureStatus.needs_confirmation(verification.status),
            },
        )
        # The unit's year profile from the same figures; what a person entered is kept
        # (profiles.importing). The import stands whatever the profile's outcome.
        from profiles.importing import profile_sync_from_report

        profile_sync_from_report(report=report, actor=user)
    return report


def max_upload_mb() -> int:
    return settings.MAX_UPLOAD_BYTES // (1024 * 1024)
