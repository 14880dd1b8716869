from __future__ import annotations

from django import forms

from records.forms import DateInput, friendly_choices
from records.text import CleanTextFormMixin
from unions.models import Union

from .models import UnionYearProfile
from .services import FIELDS, OFF_SYSTEM_ONLY

OWN_FIELDS = [f for f in FIELDS if f not in OFF_SYSTEM_ONLY]
# Counts most units do not have (职工董事, 技协 …): left blank, they are 0.
BLANK_IS_ZERO = (
    "worker_directors",
    "worker_supervisors",
    "safety_inspectors",
    "tech_associations",
    "tech_association_members",
)


class _ProfileForm(CleanTextFormMixin, forms.ModelForm):
    def __init__(self, *args, union: Union | None = None, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        friendly_choices(self)
        if union is not None and not self.instance.union_id:
            self.instance.union = union
        for name in BLANK_IS_ZERO:
            self.fields[name].required = False

    def clean(self) -> dict:  # type: ignore[type-arg]
        data = super().clean()
        for name in BLANK_IS_ZERO:
            if data.get(name) is None and name not in self.errors:
                data[name] = 0
        return data


class OwnProfileForm(_ProfileForm):
    """The union's own year: its members are counted from its roster, so not asked here."""

    class Meta:
        model = UnionYearProfile
        fields = OWN_FIELDS
        widgets = {"founded_on": DateInput()}
        help_texts = {"founded_on": "本年度新建工会的，入会率和新建会统计以此为准。"}


class UnitProfileForm(_ProfileForm):
    """A unit below the federation that is not on the system."""

    class Meta:
        model = UnionYearProfile
        fields = ["unit_code", "unit_name", *FIELDS]
        widgets = {"founded_on": DateInput()}

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["unit_code"].required = True
        self.fields["unit_name"].required = True

    def validate_unique(self) -> None:
        # The service checks the unique rules (with the union and year the form does not hold).
        pass
