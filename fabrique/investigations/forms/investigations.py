"""Forms of an investigation: start and staff, phases and their closing, days, the go/no-go."""

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from fabrique.accounts.models import Role, User
from fabrique.catalogue.models import Solution
from fabrique.core.forms import (
    DateInput,
    DsfrForm,
    DsfrModelForm,
    PlausibleDatesMixin,
    set_help_text,
)
from fabrique.portfolio.models import Committee

from ..models import DayEntry, InvestigationPhase
from ..rules import PLANNED_COMMITTEE_REPLACED, day_amount_problem
from ..selectors.committees import committee_label, go_no_go_committees
from ..vocabulary import GO_GRID, GRID_MAX, STEP_ARTEFACTS, Decision, Step
from .common import TEXTAREA


class GoNoGoCommitteeField(forms.ModelChoiceField):
    """The portfolio's go/no-go committees worth offering for one investigation
    (`selectors.go_no_go_committees`, set by `offer`), each told apart by its date, its title
    and its agenda (`selectors.committee_label`)."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Committee.objects.none(), **kwargs)

    def offer(self, investigation, *, held: bool = False) -> None:
        self.queryset = go_no_go_committees(investigation, timezone.localdate(), held=held)

    def label_from_instance(self, obj) -> str:
        return committee_label(obj)


def staff_and_coaches():
    return User.objects.filter(
        is_active=True, role__in=[Role.COACH, Role.INCUBATOR, Role.ADMIN]
    ).order_by("last_name", "first_name")


class InvestigationForm(PlausibleDatesMixin, DsfrForm):
    coach = forms.ModelChoiceField(label="Coach (10 jours)", queryset=User.objects.none())
    designer = forms.ModelChoiceField(
        label="Designer (6 jours)", queryset=User.objects.none(), required=False
    )
    agents = forms.CharField(
        label="Équipe d'agents de la collectivité", required=False, widget=TEXTAREA
    )
    start = forms.DateField(label="Début prévu", widget=DateInput())
    weeks = forms.IntegerField(label="Durée (semaines, de 9 à 12)", initial=10)
    committee = GoNoGoCommitteeField(label="Comité de go/no-go prévu", required=False)
    is_public = forms.BooleanField(label="Page publique", required=False)

    def __init__(self, *args, editing=False, investigation=None, can_assign=True, **kwargs):
        if not can_assign:
            # Who coaches and who designs is the team's call: shown, kept as they are (a
            # disabled field keeps its initial value whatever is posted). Changed on this
            # form's own copy of the fields, before the form renders their labels.
            self.base_fields = copy.deepcopy(type(self).base_fields)
            for name in ("coach", "designer"):
                self.base_fields[name].disabled = True
                self.base_fields[name].label += " — attribué par l'équipe de l'incubateur"
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = staff_and_coaches()
        self.fields["designer"].queryset = staff_and_coaches()
        if not editing:
            del self.fields["is_public"]
            del self.fields["committee"]
        else:
            self.fields["committee"].offer(investigation)


def phase_form_class(step: int):
    fields = list(STEP_ARTEFACTS[Step(step)])
    if step == Step.PROTOTYPE:
        fields.append("links")
    return forms.modelform_factory(
        InvestigationPhase,
        form=DsfrModelForm,
        fields=fields,
        widgets={name: TEXTAREA for name in fields if name != "exit_route"},
    )


class PhaseCloseForm(PlausibleDatesMixin, DsfrForm):
    summary = forms.CharField(label="Synthèse de la phase", widget=TEXTAREA)
    on = forms.DateField(label="Close le", widget=DateInput(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A phase closes once done: the browser offers no date after today (the service says
        # why with `rules.close_date_problem`).
        self.fields["on"].widget.attrs["max"] = timezone.localdate().isoformat()


class DayForm(PlausibleDatesMixin, DsfrModelForm):
    class Meta(DsfrModelForm.Meta):
        model = DayEntry
        fields = ["full_name", "role", "day", "days", "note"]
        widgets = {
            "day": DateInput(),
            # Half a day or a day per date: the browser offers only those.
            "days": forms.NumberInput(attrs={"step": "0.5", "min": "0.5", "max": "1"}),
        }

    def __init__(self, *args, roles=None, **kwargs):
        super().__init__(*args, **kwargs)
        if roles is not None:  # whose days this person writes (access.day_roles)
            field = self.fields["role"]
            field.choices = [(v, label) for v, label in field.choices if v in ("", *roles)]

    def clean_days(self):
        # Under the field, as the service says it (the table's constraint would say it on top).
        days = self.cleaned_data.get("days")
        if wrong := day_amount_problem(days):
            raise ValidationError(wrong)
        return days


class DecisionForm(PlausibleDatesMixin, DsfrForm):
    decision = forms.ChoiceField(
        label="Décision", choices=Decision.choices, widget=forms.RadioSelect
    )
    on = forms.DateField(label="Date du comité", widget=DateInput())
    committee = GoNoGoCommitteeField(
        label="Comité de go/no-go (portefeuille)",
        required=False,
        help_text="Le comité tenu à la date du comité. Vide : le comité prévu pour "
        "l'investigation s'il se tient ce jour-là, sinon un comité de go/no-go créé à cette date.",
    )
    replace_planned = forms.BooleanField(label=PLANNED_COMMITTEE_REPLACED, required=False)
    project_name = forms.CharField(
        label="Nom du projet (go)",
        required=False,
        max_length=200,
        help_text="Pour une investigation déjà liée à un projet, c'est ce projet qui passe en "
        "construction : il se renomme dans le portefeuille.",
    )
    learnings = forms.CharField(
        label="Ce qui a été appris (obligatoire pour un no-go)", required=False, widget=TEXTAREA
    )
    solution = forms.ModelChoiceField(
        label="Solution existante du catalogue",
        queryset=Solution.objects.order_by("name"),
        required=False,
    )

    def __init__(self, *args, investigation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].offer(investigation, held=True)
        planned = investigation.committee if investigation is not None else None
        if planned is None:
            del self.fields["replace_planned"]  # nothing planned: nothing to replace
        else:
            set_help_text(self, "replace_planned",
                f"Le comité prévu pour cette investigation est celui du {planned.date:%d/%m/%Y} ; "
                "cochez si la décision a été prise un autre jour, sans comité choisi ci-dessus.",
            )  # fmt: skip
        for key, label in GO_GRID:
            self.fields[f"grid_{key}"] = forms.IntegerField(
                label=f"{label} (0 à {GRID_MAX})", required=False
            )
        if "confirm_dates" in self.fields:  # last, not mid-grid (core.forms: when shown)
            self.fields["confirm_dates"] = self.fields.pop("confirm_dates")

    def go_scores(self) -> dict:
        return {
            key: self.cleaned_data[f"grid_{key}"]
            for key, _ in GO_GRID
            if self.cleaned_data.get(f"grid_{key}") is not None
        }
