"""Form helpers shared by every app: DSFR rendering for model forms, service errors on fields."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from dsfr.forms import DsfrBaseForm


def _formfield(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class DsfrModelForm(DsfrBaseForm, forms.ModelForm):
    """A ModelForm rendered with the DSFR components; addresses typed without scheme are https."""

    class Meta:
        formfield_callback = _formfield


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item.messages)
    else:
        form.add_error(None, error.messages)


END_AFTER_START = "La fin doit être postérieure ou égale au début."


class DateRangeMixin:
    """Say at the end field, in French, that a period ends before it starts."""

    date_range = ("start", "end")

    def clean(self):
        data = super().clean()
        start_field, end_field = self.date_range
        start, end = data.get(start_field), data.get(end_field)
        if start and end and end < start:
            self.add_error(end_field, END_AFTER_START)
        return data
