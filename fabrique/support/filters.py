"""FilterSets of the support lists: the modules page and its export, the knowledge base."""

import django_filters
from django import forms
from django.db.models import Q

from fabrique.core.queries import text_query
from fabrique.core.text import fold, search_alternatives

from .models import ExpertModule, KnowledgePage, Supplier
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


QUERY_MAX_LENGTH = 200  # a longer search is cut, not refused


def themes_named(forms: tuple[str, ...]) -> list[str]:
    """The themes whose French name has a word starting with one of `forms` (folded words of a
    query): « ouvertes » is the theme « Données ouvertes »."""
    return [
        value
        for value, label in Theme.choices
        if any(word.startswith(form) for word in fold(label).split() for form in forms)
    ]


class KnowledgeFilter(django_filters.FilterSet):
    """The knowledge base: `q` (accent-insensitive, each word typed starts a word of the title,
    the body or the name of the theme shown beside the page) and `theme` (an unknown theme is
    ignored)."""

    q = django_filters.CharFilter(method="search", label="Rechercher")
    theme = django_filters.ChoiceFilter(
        label="Thème", choices=Theme.choices, widget=SELECT, empty_label="Tous les thèmes"
    )

    class Meta:
        model = KnowledgePage
        fields = ["q", "theme"]

    def search(self, queryset, name, value):
        query = Q()
        for token in search_alternatives(value[:QUERY_MAX_LENGTH]):
            query &= text_query([token]) | Q(theme__in=themes_named(token))
        return queryset.filter(query)

    def chosen(self) -> tuple[str, str]:
        """(query, theme) as the page shows them back: the query cut, an unknown theme left out."""
        self.is_valid()  # an unbound filter (no query string) has no cleaned data
        data = getattr(self.form, "cleaned_data", {})
        return (data.get("q") or "")[:QUERY_MAX_LENGTH], data.get("theme") or ""
