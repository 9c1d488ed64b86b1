"""FilterSets of the list pages and the API."""

import django_filters
from django import forms
from django.utils import timezone

from fabrique.core.forms import DsfrForm
from fabrique.core.text import search_key

from .models import Call, Investigation, Problem
from .selectors import late_only, scoring_open_q
from .vocabulary import SCORING_LATER, SCORING_OPEN, ProblemStatus


class ProblemFilterForm(DsfrForm):
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
    # What « Mon espace » counts as to examine today: a call still open cannot be scored yet.
    notation = django_filters.ChoiceFilter(
        label="Notation",
        empty_label="Toutes",
        choices=[
            (SCORING_OPEN, "Ouverte (appel clos ou problème sans appel)"),
            (SCORING_LATER, "À la clôture de l'appel"),
        ],
        method="filter_notation",
    )

    class Meta:
        model = Problem
        fields = ["q", "status", "call", "theme", "notation"]
        form = ProblemFilterForm

    def filter_notation(self, queryset, name, value):
        open_now = scoring_open_q(timezone.localdate())
        return queryset.filter(open_now) if value == SCORING_OPEN else queryset.exclude(open_now)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        found = self.queryset.exclude(theme="").values_list("theme", flat=True).distinct()
        themes = sorted(set(found), key=search_key)
        self.filters["theme"].extra["choices"] = [(theme, theme) for theme in themes]


class InvestigationListFilter(django_filters.FilterSet):
    """The team's list of investigations: `appel` (a call the viewer may see: the view sets
    the choices) and `retard` (a phase still open past its planned end)."""

    appel = django_filters.ModelChoiceFilter(
        field_name="problem__call", queryset=Call.objects.none(), label="Appel"
    )
    retard = django_filters.BooleanFilter(
        method="filter_late", label="En retard seulement", widget=forms.CheckboxInput
    )

    class Meta:
        model = Investigation
        fields = ["appel", "retard"]
        form = ProblemFilterForm

    def filter_late(self, queryset, name, value):
        return late_only(queryset) if value else queryset
