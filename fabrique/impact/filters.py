"""Filters of the impact view of the portfolio (django-filter).

The statuses of indicators are evaluated in NumPy by `rules.evaluate_many` (each rule once, no
SQL twin): the FilterSet reads and checks the query string — its choices, labels and French
names of the parameters (`statut`, `tri`) — and `selectors.overview.impact_portfolio` applies
the chosen values to the evaluated rows. A value it does not know is dropped, as django-filter
does for every FilterSet of the project: `?statut=n-importe-quoi` shows every project, never a
500.
"""

import django_filters

from fabrique.portfolio.models import Project

from .vocabulary import Status

WITHOUT_INDICATORS = "sans-indicateur"
STATUS_CHOICES = [*Status.choices, (WITHOUT_INDICATORS, "Sans indicateur")]
SORT_ATTENTION, SORT_NAME = "attention", "nom"
SORT_CHOICES = [(SORT_ATTENTION, "À surveiller d'abord"), (SORT_NAME, "Par nom")]


class ImpactPortfolioFilter(django_filters.FilterSet):
    statut = django_filters.ChoiceFilter(
        label="Statut des indicateurs", choices=STATUS_CHOICES, empty_label="Tous",
        method="evaluated_by_the_selector",
    )  # fmt: skip
    tri = django_filters.ChoiceFilter(
        label="Trier", choices=SORT_CHOICES, empty_label=None,
        method="evaluated_by_the_selector",
    )  # fmt: skip

    class Meta:
        model = Project
        fields = ["statut", "tri"]

    def evaluated_by_the_selector(self, queryset, name, value):
        """Statuses are not columns: `chosen()` hands the values to the selector."""
        return queryset

    def chosen(self) -> tuple[str, str]:
        """(status, sort) asked for and valid: ("", "attention") by default."""
        self.form.is_valid()
        data = self.form.cleaned_data
        return data.get("statut") or "", data.get("tri") or SORT_ATTENTION
