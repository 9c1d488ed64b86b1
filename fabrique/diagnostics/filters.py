"""Filters of the team's queue of missions (django-filter)."""

from datetime import timedelta

import django_filters
from django.db.models import Q
from django.utils import timezone

from fabrique.core.filters import SortedListFilter
from fabrique.core.sorting import french
from fabrique.territories.models import EPCI, Departement, Region
from fabrique.territories.rules import territory_code

from .models import Mission, Need
from .vocabulary import MissionStatus

AGES = [("30", "Moins de 30 jours"), ("90", "Moins de 3 mois"), ("plus", "Plus de 3 mois")]


class MissionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label="Statut", choices=MissionStatus.choices, empty_label="Tous les statuts"
    )
    region = django_filters.ModelChoiceFilter(
        label="Région", queryset=Region.objects.order_by(french("name")), method="by_region",
        empty_label="Toutes les régions",
    )  # fmt: skip
    departement = django_filters.ModelChoiceFilter(
        label="Département", queryset=Departement.objects.order_by("code"),
        method="by_departement", empty_label="Tous les départements",
    )  # fmt: skip
    age = django_filters.ChoiceFilter(
        label="Ancienneté de la demande", choices=AGES, method="by_age", empty_label="Toutes"
    )

    class Meta:
        model = Mission
        fields = ["status", "region", "departement", "age"]

    def by_region(self, queryset, name, value):
        return queryset.filter(
            Q(commune__departement__region=value)
            | Q(epci__in=EPCI.objects.filter(communes__departement__region=value))
        )

    def by_departement(self, queryset, name, value):
        return queryset.filter(
            Q(commune__departement=value)
            | Q(epci__in=EPCI.objects.filter(communes__departement=value))
        )

    def by_age(self, queryset, name, value):
        today = timezone.localdate()
        if value == "plus":
            return queryset.filter(requested_on__lt=today - timedelta(days=90))
        return queryset.filter(requested_on__gte=today - timedelta(days=int(value)))


class MissionAPIFilter(django_filters.FilterSet):
    """The API list of missions: `collectivite`, the Insee code of a commune or the SIREN of an
    EPCI (an unknown code gives an empty list)."""

    collectivite = django_filters.CharFilter(method="by_collectivite")

    class Meta:
        model = Mission
        fields = ["collectivite"]

    def by_collectivite(self, queryset, name, value):
        code = territory_code(value)
        if not code:
            return queryset
        return queryset.filter(Q(commune__insee=code) | Q(epci__siren=code))


class NeedSortFilter(SortedListFilter):
    """The ranking of a mission's needs, sorted by a column (`keys`: rank, title, theme, score
    and each criterion of the mission's grid, `selectors.need_sort_keys`)."""

    model = Need

    def __init__(self, data=None, *, keys):
        self.sorts = dict.fromkeys(keys)
        super().__init__(data)
