"""FilterSets of the support lists: the modules page and its export."""

import django_filters
from django import forms

from .models import ExpertModule, Supplier
from .vocabulary import ModuleStatus, Theme

SELECT = forms.Select(attrs={"class": "fr-select"})


class ModuleFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label="Statut",
        choices=ModuleStatus.choices,
        widget=SELECT,
        empty_label="Tous les statuts",
    )
    theme = django_filters.ChoiceFilter(
        label="Thème", choices=Theme.choices, widget=SELECT, empty_label="Tous les thèmes"
    )
    supplier = django_filters.ModelChoiceFilter(
        label="Prestataire",
        queryset=Supplier.objects.all(),
        widget=SELECT,
        empty_label="Tous les prestataires",
    )

    class Meta:
        model = ExpertModule
        fields = ["status", "theme", "supplier"]
