"""Pieces the apps' django-filter FilterSets share."""

import django_filters
from django import forms

from .sorting import FALSE_VALUES, Sort


class _ValuesOfNames(forms.SelectMultiple):
    """Reads every value of the parameter, or of each of several names (`categorie`,
    `category`…), as (name, value) pairs."""

    def __init__(self, *args, names=(), **kwargs):
        self.names = tuple(names)
        super().__init__(*args, **kwargs)

    def value_from_datadict(self, data, files, name):
        getlist = getattr(data, "getlist", None)
        pairs = []
        for each in self.names or (name,):
            values = getlist(each) if getlist else [data[each]] if each in data else []
            pairs += [(each, str(value)) for value in values]
        return pairs


class KnownValuesField(forms.MultipleChoiceField):
    """Several values of a list of choices (`?kind=a&kind=b`), possibly under several names.
    The unknown ones are dropped, so that an old shared link stays usable, and kept by name in
    `unknown` for an API that refuses them. With `free_text`, any non-empty value up to 200
    characters (a licence, for instance)."""

    def __init__(self, *args, names=(), free_text=False, **kwargs):
        self.free_text = free_text
        self.unknown = {}
        kwargs["widget"] = _ValuesOfNames(names=names)
        super().__init__(*args, **kwargs)

    def clean(self, value):
        pairs = list(value or [])
        self.unknown = {}
        if self.free_text:
            return [text[:200] for _, text in pairs if text]
        for name, text in pairs:
            if not self.valid_value(text):
                self.unknown.setdefault(name, []).append(text)
        return [text for _, text in pairs if self.valid_value(text)]


class KnownValuesFilter(django_filters.MultipleChoiceFilter):
    field_class = KnownValuesField


class OneFormClass:
    """A FilterSet whose filters never change builds its form class once, not per request
    (django-filter builds it for each instance: the fields and their choices)."""

    def get_form_class(self):
        cls = type(self)
        if "_form_class" not in cls.__dict__:
            cls._form_class = super().get_form_class()
        return cls._form_class


class QueryStringFilterSet(django_filters.FilterSet):
    """A FilterSet that reads and checks a query string for a read that is not a filter of a
    queryset (a search, a match): no queryset to give; the subclass defines what `qs` is."""

    def __init__(self, data=None, **kwargs):
        kwargs.setdefault("queryset", self._meta.model._default_manager.none())
        super().__init__(data, **kwargs)


def unchanged(queryset, name, value):
    """Fields that choose the order: the selector applies them after the filters."""
    return queryset


class SortedListFilter(django_filters.FilterSet):
    """A list sorted by a column: `sort` (a key of `sorts`) and `desc`; an unknown column gives
    the list's own order (`default`). Only the order is read: the selector sorts."""

    model: type
    sorts: dict = {}
    default = Sort()
    sort = django_filters.ChoiceFilter(method=unchanged)
    desc = django_filters.CharFilter(method=unchanged, strip=False)

    def __init__(self, data=None):
        super().__init__(data, queryset=self.model.objects.none())
        self.filters["sort"].extra["choices"] = [(key, key) for key in self.sorts]

    def chosen_sort(self) -> Sort:
        if not self.is_bound:
            return self.default
        self.form.is_valid()
        data = self.form.cleaned_data
        if not data.get("sort"):
            return self.default
        return Sort(data["sort"], (data.get("desc") or "").lower() not in FALSE_VALUES)
