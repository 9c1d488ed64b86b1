"""FilterSets of the list pages and the API."""

import django_filters
from dsfr.forms import DsfrBaseForm

from fabrique.core.text import search_key

from .models import Call, Problem
from .vocabulary import ProblemStatus


class ProblemFilterForm(DsfrBaseForm):
    pass


class ProblemFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label="Intitulé")
    status = django_filters.ChoiceFilter(
        choices=ProblemStatus.choices, label="Statut", empty_label="Tous"
    )
    call = django_filters.ModelChoiceFilter(
        queryset=Call.objects.all(), label="Appel", empty_label="Tous les appels"
    )
    # A list of the themes found, not a box where "mobilite" would miss "Mobilité".
    theme = django_filters.ChoiceFilter(label="Thème", empty_label="Tous les thèmes")

    class Meta:
        model = Problem
        fields = ["q", "status", "call", "theme"]
        form = ProblemFilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        found = self.queryset.exclude(theme="").values_list("theme", flat=True).distinct()
        themes = sorted(set(found), key=search_key)
        self.filters["theme"].extra["choices"] = [(theme, theme) for theme in themes]
