"""Filters of the accounts' lists (django-filter): the security log, by kind of event."""

import django_filters

from .models import AccountRequest, SecurityEvent, SecurityEventKind
from .vocabulary import AccountRequestStatus


class SecurityEventFilter(django_filters.FilterSet):
    """`?type=<kind>`: the events of one kind; an unknown kind shows every event."""

    type = django_filters.ChoiceFilter(
        label="Événement", field_name="kind", choices=SecurityEventKind.choices
    )

    class Meta:
        model = SecurityEvent
        fields = []

    @property
    def kind(self) -> str:
        return self.form.cleaned_data.get("type") or "" if self.is_valid() else ""

    @property
    def qs(self):
        return super().qs if self.is_valid() else self.queryset.all()


class AccountRequestFilter(django_filters.FilterSet):
    """`?statut=<status>`: the account requests of one status; none or an unknown one shows
    them all (those to examine first)."""

    statut = django_filters.ChoiceFilter(
        label="Statut", field_name="status", choices=AccountRequestStatus.choices
    )

    class Meta:
        model = AccountRequest
        fields = []

    @property
    def status(self) -> str:
        return self.form.cleaned_data.get("statut") or "" if self.is_valid() else ""

    @property
    def qs(self):
        return super().qs if self.is_valid() else self.queryset.all()
