"""Filters of the job board and of the API list (django-filter)."""

from datetime import date

import django_filters
from django.db.models import Q
from django.utils import timezone

from fabrique.core.filters import KnownValuesFilter, QueryStringFilterSet
from fabrique.core.text import search_alternatives
from fabrique.core.wordindex import matching_q

from .models import Application, JobOffer, JobOfferWord
from .rules import earliest_opening_still_open, team_name
from .vocabulary import Contract, OfferStatus, Remote, Stage

YES_NO = [("oui", "Oui"), ("non", "Non")]


def not_past_closing(today: date) -> Q:
    """SQL version of the closing rule (`rules.closing_date`): the closing day is not past (two
    months after opening when no closing date is given; never without either date)."""
    return (
        Q(closes_on__gte=today)
        | Q(closes_on__isnull=True, opens_on__gte=earliest_opening_still_open(today))
        | Q(closes_on__isnull=True, opens_on__isnull=True)
    )


def open_condition(today: date) -> Q:
    """SQL version of `rules.is_open` (tested against it): published, opened, not past its
    closing day (two months after opening when no closing date is given)."""
    return (
        Q(status=OfferStatus.PUBLISHED)
        & (Q(opens_on__isnull=True) | Q(opens_on__lte=today))
        & not_past_closing(today)
    )


def status_condition(status: str, today: date) -> Q:
    """SQL version of `rules.effective_status`: a published offer past its closing day is
    closed."""
    if status == OfferStatus.PUBLISHED:
        return Q(status=OfferStatus.PUBLISHED) & not_past_closing(today)
    if status == OfferStatus.CLOSED:
        return Q(status=OfferStatus.CLOSED) | (
            Q(status=OfferStatus.PUBLISHED) & ~not_past_closing(today)
        )
    return Q(status=status)


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
        label="Statut",
        choices=OfferStatus.choices,
        empty_label="Tous les statuts",
        method="by_status",
    )

    class Meta:
        model = JobOffer
        fields = ["q", "team", "contract", "junior", "remote", "status"]

    def search(self, queryset, name, value):
        """Every word typed starts a word of the offer (inverted index, `core.wordindex`)."""
        return queryset.filter(matching_q(JobOfferWord, "offer", search_alternatives(value)))

    def by_team(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # « Incubateur » in an old link finds the team under its one name.
        return queryset.filter(Q(team_name__iexact=team_name(value)) | Q(project__slug=value))

    def by_status(self, queryset, name, value):
        """The status a reader sees: an offer past its closing day is « fermée »."""
        return queryset.filter(status_condition(value, timezone.localdate()))

    def by_flag(self, queryset, name, value):
        return queryset.filter(junior=value == "oui")


OPEN_TO_APPLICATIONS = "ouverte"
MANAGE_STATUS_CHOICES = [(OPEN_TO_APPLICATIONS, "Ouverte aux candidatures"), *OfferStatus.choices]


class ManagedOfferFilter(django_filters.FilterSet):
    """The list of the offers a person manages: `statut`, the status a reader sees, or « open
    to applications » (an unknown value: every offer)."""

    statut = django_filters.ChoiceFilter(
        label="Statut", choices=MANAGE_STATUS_CHOICES, method="by_status"
    )

    class Meta:
        model = JobOffer
        fields = ["statut"]

    def by_status(self, queryset, name, value):
        today = timezone.localdate()
        if value == OPEN_TO_APPLICATIONS:
            return queryset.filter(open_condition(today))
        return queryset.filter(status_condition(value, today))

    def chosen(self) -> str:
        self.is_valid()  # an unbound filter (no query string) has no cleaned data
        return getattr(self.form, "cleaned_data", {}).get("statut") or ""


class StageFilter(QueryStringFilterSet):
    """The applications list: one stage or several (`?etape=a&etape=b`, « en entretien ou en
    proposition » from Mon espace); unknown stages are left out."""

    etape = KnownValuesFilter(choices=Stage.choices)

    class Meta:
        model = Application
        fields = ["etape"]

    def chosen(self) -> list[str]:
        self.is_valid()
        return getattr(self.form, "cleaned_data", {}).get("etape") or []
