"""Filters of the Synergies page (django-filter): kinds of item, département and région."""

import django_filters

from fabrique.core.filters import KnownValuesFilter, QueryStringFilterSet
from fabrique.territories.rules import territory_code

from . import selectors
from .models import SynergyGroup


class SynergyFilter(QueryStringFilterSet):
    """`?kind=…&kind=…&departement=42&region=84`: unknown kinds are dropped (none left: the
    default kinds); a département or région code is at most 3 characters. `qs` gives the groups
    seen by the person (`projects`: theirs only; None: all of them)."""

    kind = KnownValuesFilter(label="Types d'éléments", choices=[])
    departement = django_filters.CharFilter(label="Département", strip=False)
    region = django_filters.CharFilter(label="Région", strip=False)

    class Meta:
        model = SynergyGroup
        fields = []

    def __init__(self, data=None, *, projects: set[int] | None = None, readable=None, **kwargs):
        super().__init__(data, **kwargs)
        self.projects = projects
        self.readable = readable
        self.filters["kind"].extra["choices"] = selectors.kind_choices(readable)

    @property
    def criteria(self) -> dict:
        """What the page shows as chosen: kinds, département and région codes."""
        data = self.form.cleaned_data if self.is_valid() else {}
        return {
            "kinds": data.get("kind") or selectors.default_kinds(self.readable),
            "departement": territory_code((data.get("departement") or "")[:3]),
            "region": territory_code((data.get("region") or "")[:3]),
        }

    @property
    def qs(self):
        if not hasattr(self, "_groups"):
            self._groups = selectors.synergy_groups(
                **self.criteria, projects=self.projects, readable=self.readable
            )
        return self._groups
