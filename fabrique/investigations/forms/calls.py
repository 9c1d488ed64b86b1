"""The form of a call for problems."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator

from fabrique.core.forms import DateInput, DateRangeMixin, DsfrModelForm, PlausibleDatesMixin
from fabrique.core.sorting import french
from fabrique.territories.models import Region

from ..models import Call
from ..rules import funded_count_problem
from ..vocabulary import GRID_MAX, CollectiviteKind


class CallForm(PlausibleDatesMixin, DateRangeMixin, DsfrModelForm):
    date_range = ("opens_on", "closes_on")
    eligible_kinds = forms.MultipleChoiceField(
        label="Types de collectivités éligibles",
        choices=CollectiviteKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Aucune case cochée : toutes les collectivités.",
    )
    grid = forms.CharField(
        label="Grille de notation",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=f"Un critère par ligne, noté de 0 à {GRID_MAX} par chaque relecteur·rice.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["eligible_kinds"] = self.instance.kinds
        self.initial["grid"] = "\n".join(label for _, label in self.instance.grid)
        # « Île-de-France » among the I, not after « Provence-Alpes-Côte d'Azur ».
        self.fields["regions"].queryset = Region.objects.order_by(french("name"))
        self.fields["grid"] = self.fields.pop("grid")  # after the eligibility
        # The call's rule (1 or more) says every count below 1, not the model's « ≥ 0 ».
        funded = self.fields["funded_count"]
        funded.validators = [v for v in funded.validators if not isinstance(v, MinValueValidator)]
        funded.widget.attrs["min"] = 1
        if "confirm_dates" in self.fields:  # last (core.forms: when shown)
            self.fields["confirm_dates"] = self.fields.pop("confirm_dates")

    def clean_funded_count(self):
        count = self.cleaned_data.get("funded_count")
        if wrong := funded_count_problem(count):
            raise ValidationError(wrong)
        return count

    def clean_eligible_kinds(self) -> str:
        return ",".join(self.cleaned_data["eligible_kinds"])

    class Meta(DsfrModelForm.Meta):
        model = Call
        fields = [
            "title",
            "description",
            "opens_on",
            "closes_on",
            "funded_count",
            "eligible_kinds",
            "regions",
        ]
        widgets = {"opens_on": DateInput(), "closes_on": DateInput()}
