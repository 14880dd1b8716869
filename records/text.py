"""The one rule for text the product accepts and writes: no code point XML 1.0 cannot carry.

An xlsx sheet, the PDF's HTML and any later XML format break on such a character (a single
U+FFFF made the roster sheet ill-formed and LibreOffice silently dropped the rows after
it), so text is cleaned where it enters (every form, through `CleanTextFormMixin`; the
import readers) and again where it leaves (the xlsx cell writer, the PDF entry point), which
also covers rows written to the database some other way.

Removed: C0 controls other than tab, line feed and carriage return; lone surrogates;
Unicode noncharacters (U+FDD0-U+FDEF and the last two code points of every plane, U+FFFE
and U+FFFF among them).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django import forms
from django.http import QueryDict

_NONCHARACTERS = "".join(
    f"\\U{plane:04x}fffe\\U{plane:04x}ffff" for plane in range(1, 17)
)  # planes 1-16; plane 0's pair is in the class below
FORBIDDEN = re.compile(
    "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\ud800-\\udfff\\ufdd0-\\ufdef\\ufffe\\uffff" + _NONCHARACTERS + "]"
)


def clean_text(value: str) -> str:
    """`value` without the code points XML 1.0 forbids (and noncharacters)."""
    if FORBIDDEN.search(value) is None:
        return value
    return FORBIDDEN.sub("", value)


def is_clean(value: str) -> bool:
    return FORBIDDEN.search(value) is None


def _clean_value(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_clean_value(item) for item in value)
    return value


def clean_data(data: Mapping[str, Any], *, keep: frozenset[str] = frozenset()) -> Mapping[str, Any]:
    """Submitted form data with every string value cleaned, except the keys in `keep`."""
    if isinstance(data, QueryDict):
        dirty = any(
            isinstance(v, str) and not is_clean(v)
            for key, values in data.lists()
            if key not in keep
            for v in values
        )
        if not dirty:
            return data
        copy = QueryDict(mutable=True, encoding=data.encoding)
        for key, values in data.lists():
            copy.setlist(key, values if key in keep else [_clean_value(v) for v in values])
        copy._mutable = False
        return copy
    return {key: value if key in keep else _clean_value(value) for key, value in data.items()}


class CleanTextFormMixin:
    """Every form of the product cleans the submitted text before any field reads it.

    Passwords are left as typed: a password changed behind the user's back would never match
    again."""

    data: Any
    files: Any
    fields: dict[str, forms.Field]
    is_bound: bool

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            return
        keep = frozenset(
            self.add_prefix(name)  # type: ignore[attr-defined]
            for name, field in self.fields.items()
            if isinstance(field.widget, forms.PasswordInput)
        )
        self.data = clean_data(self.data, keep=keep)
        files = self.files
        uploads = (
            (f for _, group in files.lists() for f in group) if hasattr(files, "lists") else files.values()
        )
        for upload in uploads:
            if getattr(upload, "name", None):
                upload.name = clean_text(upload.name)  # kept as the upload's name in records
