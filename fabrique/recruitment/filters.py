"""Filters of the job board and of the API list (django-filter)."""

import django_filters
from django.db.models import Q

from fabrique.core.text import search_tokens
from fabrique.core.wordindex import matching_q

from .models import JobOffer, JobOfferWord
from .vocabulary import Contract, OfferStatus, Remote

YES_NO = [("oui", "Oui"), ("non", "Non")]


class OfferFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Rechercher", method="search")
    team = django_filters.CharFilter(label="Équipe", method="by_team")
    contract = django_filters.ChoiceFilter(
        label="Contrat", choices=Contract.choices, empty_label="Tous les contrats"
    )
    junior = django_filters.ChoiceFilter(
        label="Profils juniors", choices=YES_NO, method="by_flag", empty_label="Indifférent"
    )
    remote = django_filters.ChoiceFilter(
        label="Télétravail", choices=Remote.choices, empty_label="Indifférent"
    )
    status = django_filters.ChoiceFilter(
        label="Statut", choices=OfferStatus.choices, empty_label="Tous les statuts"
    )

    class Meta:
        model = JobOffer
        fields = ["q", "team", "contract", "junior", "remote", "status"]

    def search(self, queryset, name, value):
        """Every word typed starts a word of the offer (inverted index, `core.wordindex`)."""
        return queryset.filter(matching_q(JobOfferWord, "offer", search_tokens(value)))

    def by_team(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(team_name__iexact=value) | Q(project__slug=value))

    def by_flag(self, queryset, name, value):
        return queryset.filter(junior=value == "oui")
