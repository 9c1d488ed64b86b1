from django import forms
from dsfr.forms import DsfrBaseForm

from fabrique.accounts.models import Role, User

from .models import Thematic
from .selectors import SORTS, PortfolioFilters
from .vocabulary import PhaseName, ProjectKind

EMPTY = [("", "Tous")]


class PortfolioFilterForm(DsfrBaseForm):
    kind = forms.ChoiceField(label="Type", choices=EMPTY + ProjectKind.choices, required=False)
    phase = forms.ChoiceField(label="Phase", choices=EMPTY + PhaseName.choices, required=False)
    manager = forms.ModelChoiceField(
        label="Chargé·e de portefeuille",
        queryset=User.objects.filter(role__in=[Role.ADMIN, Role.INCUBATOR]),
        required=False,
        empty_label="Tous",
    )
    thematic = forms.ModelChoiceField(
        label="Thématique",
        queryset=Thematic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Toutes",
    )
    region = forms.RegexField(
        label="Région (code)", regex=r"^\d{2}$", required=False, max_length=2,
        error_messages={"invalid": "Code de région sur 2 chiffres, par exemple 84."},
    )  # fmt: skip
    departement = forms.RegexField(
        label="Département (code)", regex=r"^(\d{2,3}|2[ABab])$", required=False, max_length=3,
        error_messages={"invalid": "Code de département, par exemple 42, 2A ou 974."},
    )  # fmt: skip
    sort = forms.ChoiceField(
        label="Trier par", choices=[(key, key) for key in SORTS], required=False
    )
    desc = forms.BooleanField(label="Ordre décroissant", required=False)

    def filters(self) -> PortfolioFilters:
        """The filters to apply; invalid fields are ignored (their errors are shown)."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        manager, thematic = data.get("manager"), data.get("thematic")
        return PortfolioFilters(
            kind=data.get("kind") or "",
            phase=data.get("phase") or "",
            manager=manager.pk if manager else None,
            thematic=thematic.slug if thematic else "",
            region=data.get("region") or "",
            departement=(data.get("departement") or "").upper(),
            sort=data.get("sort") or "nom",
            descending=bool(data.get("desc")),
        )


def filters_from_request(request) -> tuple[PortfolioFilterForm, PortfolioFilters]:
    form = PortfolioFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    return form, form.filters()
