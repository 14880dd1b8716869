from __future__ import annotations

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
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", "保存"))

    def _model_field_names(self) -> set[str]:
        return {f.name for f in self._meta.model._meta.get_fields()}
