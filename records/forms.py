from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db import models

from members.models import Member
from members.widgets import use_member_picker
from records import dates
from records.text import CleanTextFormMixin
from unions.models import Union


class DateInput(forms.DateInput):
    """The browser's date picker, limited to the dates the date policy accepts."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)
        self.attrs.setdefault("min", dates.EARLIEST.isoformat())
        self.attrs.setdefault("max", dates.latest().isoformat())


PLACEHOLDER = "请选择"
_DASHES = "---------"  # Django's empty choice


def friendly_choices(form: forms.BaseForm) -> None:
    """Empty choices read 请选择 rather than Django's dashes."""
    for form_field in form.fields.values():
        if isinstance(form_field, forms.ModelChoiceField) and form_field.empty_label == _DASHES:
            form_field.empty_label = PLACEHOLDER
        elif isinstance(form_field, forms.ChoiceField) and not isinstance(form_field, forms.ModelChoiceField):
            choices = list(form_field.choices)
            if choices and choices[0] == ("", _DASHES):
                form_field.choices = [("", PLACEHOLDER), *choices[1:]]


def _required_date(model_field: models.Field | None) -> bool:
    return (
        isinstance(model_field, models.DateField)
        and not isinstance(model_field, models.DateTimeField)
        and not model_field.blank
        and not model_field.has_default()
    )


class RecordForm(CleanTextFormMixin, forms.ModelForm):
    """Base form for union records.

    Every choice of a related object that belongs to a union (a branch, a member, another
    record) is limited to the form's union, so a crafted POST cannot link across unions.
    Date fields get the browser's date picker.
    """

    def __init__(self, *args: Any, union: Union, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.union = union
        self.instance.union = union
        new = self.instance.pk is None and not self.is_bound
        for name, form_field in self.fields.items():
            if isinstance(form_field, forms.ModelChoiceField):
                related = form_field.queryset.model
                if any(f.name == "union" for f in related._meta.get_fields()):
                    form_field.queryset = form_field.queryset.filter(union=union)
                if related is Member:
                    use_member_picker(form_field, union.code)
            model_field = (
                self._meta.model._meta.get_field(name) if name in self._model_field_names() else None
            )
            if isinstance(model_field, models.DateField) and not isinstance(
                model_field, models.DateTimeField
            ):
                form_field.widget = DateInput()
            if isinstance(form_field.widget, forms.Textarea) and form_field.widget.attrs.get("rows") == "10":
                form_field.widget.attrs["rows"] = 3  # Django's default of 10 rows is too tall here
            if new and _required_date(model_field) and name not in self.initial:
                self.initial[name] = dt.date.today()  # most records are entered on the day
        friendly_choices(self)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", "保存"))

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Subclasses often set a field's choices in their own __init__: the placeholder
        is put in after that, whatever they do."""
        super().__init_subclass__(**kwargs)
        if "__init__" not in cls.__dict__:
            return
        own_init = cls.__init__

        @functools.wraps(own_init)
        def init(self: RecordForm, *args: Any, **kw: Any) -> None:
            own_init(self, *args, **kw)
            friendly_choices(self)

        cls.__init__ = init  # type: ignore[method-assign]

    def _model_field_names(self) -> set[str]:
        return {f.name for f in self._meta.model._meta.get_fields()}
