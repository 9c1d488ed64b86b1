"""FilterSets of the list pages and the API."""

import django_filters
from dsfr.forms import DsfrBaseForm

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
    theme = django_filters.CharFilter(lookup_expr="iexact", label="Thème")

    class Meta:
        model = Problem
        fields = ["q", "status", "call", "theme"]
        form = ProblemFilterForm
