"""Pieces the apps' django-filter FilterSets share."""

import django_filters
from django import forms


class KnownValuesField(forms.MultipleChoiceField):
    """Several values of a list of choices (`?kind=a&kind=b`). The unknown ones are dropped, so
    that an old shared link stays usable, and kept in `unknown` for an API that refuses them.
    With `free_text`, any non-empty value up to 200 characters (a licence, for instance)."""

    def __init__(self, *args, free_text=False, **kwargs):
        self.free_text = free_text
        self.unknown = []
        super().__init__(*args, **kwargs)

    def clean(self, value):
        values = [str(item) for item in value or []]
        if self.free_text:
            self.unknown = []
            return [item[:200] for item in values if item]
        self.unknown = [item for item in values if not self.valid_value(item)]
        return [item for item in values if self.valid_value(item)]


class KnownValuesFilter(django_filters.MultipleChoiceFilter):
    field_class = KnownValuesField
