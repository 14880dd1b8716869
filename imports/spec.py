"""What a record type declares to be importable: its columns and how a row becomes a record.

A record type is a small class: `key`, `title`, `model`, `columns`, and two methods —
`build` (a row's parsed values → an unsaved record, validated as the web form validates it)
and `write` (the built records → the database, through the app's service). The framework
does everything else: template, reading, header mapping, preview, errors, apply, audit.

A type with needs of its own (the roster: update-or-create by ID number, bulk writes, its
own pages and wording) overrides the hooks below the declarations; the defaults serve the
ledgers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

from . import cells
from .errors import FileRefused

TEXT = "text"
DATE = "date"
CHOICE = "choice"
BOOL = "bool"
NUMBER = "number"


@dataclass(frozen=True)
class Column:
    key: str  # the key of the parsed value; a model field name unless the type says otherwise
    header: str
    parse: cells.Parser
    kind: str = TEXT
    aliases: tuple[str, ...] = ()
    required: bool = False  # the column must be mapped, and (unless cell_required=False) filled
    cell_required: bool | None = None  # None: as `required`; False: the type checks blanks itself
    required_text: str = ""  # the template's 必填 cell for a column required only sometimes
    allowed: tuple[str, ...] = ()  # labels offered in the template's dropdowns and notes
    note: str = ""
    width: int = 12
    as_text: bool = False  # formatted as text ('@') so Excel keeps every digit
    example: Any = None
    personal: bool = False  # an ID number: masked for viewers without full-ID rights
    hidden_when_masked: bool = False  # left blank in a masked error workbook (a birth date)

    @property
    def must_fill(self) -> bool:
        return self.required if self.cell_required is None else self.cell_required


def choice_column(
    key: str, header: str, choices: Any, value_aliases: dict[str, str] | None = None, **kw: Any
) -> Column:
    """A column of a fixed vocabulary: labels, stored values, and `value_aliases` accepted."""
    return Column(
        key,
        header,
        cells.choice(choices.choices if isinstance(choices, type) else choices, value_aliases),
        kind=CHOICE,
        allowed=tuple(cells.labels_of(choices)),
        **kw,
    )


@dataclass(slots=True)
class Row:
    """One data row as the record type sees it."""

    number: int  # the spreadsheet's row number
    values: dict[str, Any]  # column key -> parsed value, for filled cells that were read
    resolution: str | None = None  # the clerk's choice for an ambiguous row: a member id or NONMEMBER
    # the clerk's choices for the row's several questions (Built.questions): suffix -> value
    choices: dict[str, str] = field(default_factory=dict)
    # cell messages, handed to `build` only for types with build_with_errors
    errors: dict[str, str] | None = None


NONMEMBER = "nonmember"


@dataclass
class Question:
    """One thing the clerk is asked to choose in a row with several (a namesake among the
    participants of an activity); `suffix` tells the row's questions apart."""

    suffix: str
    text: str
    candidates: list[tuple[str, str]]


@dataclass(slots=True)
class Built:
    """What `build` made of a row: a record to write, or messages, or a question for the clerk."""

    record: models.Model | None = None
    errors: dict[str, str] = field(default_factory=dict)  # column key (or "") -> message
    extra: dict[str, Any] = field(default_factory=dict)  # what `write` needs beside the record
    shown: dict[str, str] = field(default_factory=dict)  # preview cells: label -> text
    # or how to make them: called only for the rows the preview keeps (imports.plan.SHOWN_ROWS)
    show: Callable[[], dict[str, str]] | None = None
    candidates: list[tuple[str, str]] = field(default_factory=list)  # ambiguous: (value, label)
    question: str = ""  # what the clerk is asked to choose for an ambiguous row
    questions: list[Question] = field(default_factory=list)  # when a row asks several things
    item: Any = None  # what `write` needs for types that write rows without model instances
    writes: bool = True  # False: a valid row that changes nothing (a member as already recorded)
    is_update: bool = False  # the row changes a record that exists

    @property
    def asks(self) -> bool:
        return bool(self.candidates or self.questions)

    def keyed_questions(self, row: int) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """(resolution key, question, candidates) for each question of the row."""
        if self.questions:
            return [(f"{row}-{q.suffix}", q.text, q.candidates) for q in self.questions]
        return [(str(row), self.question, self.candidates)]


class RecordType:
    key: ClassVar[str]
    title: ClassVar[str]  # 帮扶慰问发放
    model: ClassVar[type[models.Model]]
    columns: ClassVar[tuple[Column, ...]]
    notes: ClassVar[tuple[str, ...]] = ()
    # model field -> column key, where a model error belongs to a column of another name
    error_columns: ClassVar[dict[str, str]] = {}
    # columns of which at least one must be mapped (e.g. 身份证号 or 姓名)
    one_of: ClassVar[tuple[tuple[str, ...], ...]] = ()
    # columns shown in the preview, in order (column keys)
    preview_keys: ClassVar[tuple[str, ...]] = ()
    # --- hooks for a type with needs of its own (the roster) ----------------------------
    max_rows_setting: ClassVar[str] = "RECORD_IMPORT_MAX_ROWS"
    build_with_errors: ClassVar[bool] = False  # `build` sees rows with cell errors too
    empty_message: ClassVar[str] = ""  # when set, a file without data rows is refused with it
    import_action: ClassVar[str] = "imports.records.imported"
    # the type's own pages (URL names taking code[, pk]); empty: the imports pages
    upload_url: ClassVar[str] = ""
    preview_url: ClassVar[str] = ""
    # the template
    template_sheet: ClassVar[str] = ""  # default: the title
    template_example_row: ClassVar[bool] = False  # an example on row 2 (refused when left in)
    template_freeze: ClassVar[str] = "A2"
    general_notes: ClassVar[tuple[str, ...] | None] = None  # None: imports.template's

    # --- to declare ---------------------------------------------------------------------

    def context(self, *, union: Any) -> Any:
        """Lookups made once per file (members, congresses …), handed to every `build`."""
        return None

    def build(self, row: Row, *, union: Any, context: Any) -> Built:
        """By default: the model with the parsed values, checked by `full_clean` as the form's save is."""
        record = self.model(union=union, **self.model_values(row.values))
        return self.checked(record)

    def write(self, built: Sequence[Built], *, union: Any, actor: Any) -> int:
        """By default what the record pages do on save: full_clean, save (the audit log listens)."""
        for item in built:
            assert item.record is not None
            item.record.full_clean()
            item.record.save()
        return len(built)

    def check_layout(self, layout: Any) -> None:
        """Raise FileRefused for a header the type cannot work with; by default only none."""
        if not layout.mapping:
            raise FileRefused(
                "没有找到表头：文件的前几行中没有可识别的列名。请下载导入模板填写，或检查是否选错了文件。"
            )

    def summarize(self, plan: Any, limit: int) -> dict[str, Any]:
        """Keys added to the preview summary."""
        return {}

    def event_extra(self, plan: Any) -> dict[str, Any]:
        """Keys added to the import's audit event."""
        return {}

    def done_message(self, plan: Any, created: int) -> str:
        return f"导入完成：新增{self.title} {created} 条。"

    def counts_line(self, plan: Any) -> str:
        """The command line's count of a checked file."""
        counts = plan.counts()
        return (
            f"{self.title}：共 {counts['rows']} 行；可导入 {counts['valid']} 行，"
            f"错误 {counts['invalid']} 行，待确认 {counts['pending']} 行。"
        )

    def template_allowed(self, column: Column, *, union: Any) -> list[str]:
        """The values a column's dropdown offers (the roster's branches are the union's)."""
        return list(column.allowed) if column.kind in (CHOICE, BOOL) else []

    def template_example(self, column: Column, *, union: Any) -> Any:
        return column.example

    def template_notes(self, *, union: Any) -> tuple[str, ...]:
        return self.notes

    def masked_note(self, hidden: bool) -> str:
        """The first row of an error workbook with masked ID numbers."""
        note = "说明：您的角色不能查看完整身份证号，本文件中的身份证号已脱敏（只保留末4位）"
        if hidden:
            note += "，出生日期已隐藏"
        note += "。请按原始资料重新填写完整的身份证号后再上传"
        return note + ("；出生日期可留空，按身份证号自动识别。" if hidden else "。")

    # --- helpers ------------------------------------------------------------------------

    def model_values(self, values: dict[str, Any]) -> dict[str, Any]:
        names = {f.name for f in self.model._meta.concrete_fields}
        return {k: v for k, v in values.items() if k in names}

    def checked(self, record: models.Model, built: Built | None = None, **clean: Any) -> Built:
        built = built or Built()
        try:
            record.full_clean(**clean)
        except ValidationError as exc:
            built.errors.update(self.column_errors(exc))
            return built
        built.record = record
        return built

    def column_errors(self, exc: ValidationError) -> dict[str, str]:
        keys = {c.key for c in self.columns}
        errors: dict[str, str] = {}
        for name, messages in getattr(exc, "message_dict", {NON_FIELD_ERRORS: exc.messages}).items():
            key = self.error_columns.get(name, name)
            errors.setdefault(key if key in keys else "", "；".join(messages))
        return errors

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    def header_of(self, key: str) -> str:
        if not key:
            return "整行"
        try:
            return self.column(key).header
        except KeyError:
            return key
