"""Forms of the programme: they parse; services validate the business rules."""

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from fabrique.accounts.models import Membership, Role, User
from fabrique.catalogue.models import Solution
from fabrique.core.forms import (
    DateInput,
    DateRangeMixin,
    DsfrForm,
    DsfrModelForm,
    PlausibleDatesMixin,
    set_help_text,
)
from fabrique.portfolio.models import Committee
from fabrique.territories.models import EPCI, Commune, Departement, Region
from fabrique.territories.rules import territory_code

from .models import Call, DayEntry, InvestigationPhase, Problem
from .rules import (
    PLANNED_COMMITTEE_REPLACED,
    closed_call_problem,
    day_amount_problem,
    funded_count_problem,
)
from .selectors.committees import committee_label, go_no_go_committees
from .vocabulary import (
    GO_GRID,
    GRID_MAX,
    MAX_SUFFERERS,
    STEP_ARTEFACTS,
    CollectiviteKind,
    Decision,
    Step,
)

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def on_grid_fields(error: ValidationError, prefix: str, keys) -> ValidationError:
    """A service's errors keyed by criterion (`realite`), moved onto the form's fields of those
    criteria (`score_realite`), so each message stands under the score it is about."""
    if not hasattr(error, "error_dict"):
        return error
    keys = set(keys)
    return ValidationError(
        {
            (f"{prefix}{field}" if field in keys else field): errors
            for field, errors in error.error_dict.items()
        }
    )


def territory_from_code(code: str):
    """A collectivité from its INSEE code (commune), SIREN (EPCI), or dep:/reg: code."""
    code = str(code or "").strip()
    if code.startswith("dep:"):
        return Departement.objects.filter(code=territory_code(code[4:])).first()
    if code.startswith("reg:"):
        return Region.objects.filter(code=territory_code(code[4:])).first()
    code = territory_code(code)
    if len(code) == 9 and code.isdigit():
        return EPCI.objects.filter(siren=code).first()
    if len(code) == 5:
        return Commune.objects.filter(insee=code).first()
    return None


class OfferedCallField(forms.ModelChoiceField):
    """Offers the open calls, but reads any call: a call that closed while the form was open
    (or an old link) is refused by the service with its dates, not as « choix invalide »."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return Call.objects.get(pk=value)
        except (ValueError, TypeError, Call.DoesNotExist):
            raise ValidationError(
                "Cet appel à problématiques n'existe pas : choisissez un appel ouvert ou "
                "« Hors appel ».",
                code="invalid_choice",
            ) from None


class ProblemForm(DsfrForm):
    title = forms.CharField(label="Intitulé", max_length=200)
    statement = forms.CharField(label="Le problème public, en mots simples", widget=TEXTAREA)
    collectivites = forms.MultipleChoiceField(
        label="Collectivités concernées",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    codes = forms.CharField(
        label="Autres collectivités (codes)",
        required=False,
        help_text="Codes Insee des communes ou SIREN des EPCI, séparés par des virgules.",
    )
    call = OfferedCallField(
        label="Appel à problématiques",
        queryset=Call.objects.none(),
        required=False,
        empty_label="Hors appel",
    )
    sufferers = forms.CharField(label="Qui en souffre", required=False, widget=TEXTAREA)
    sufferers_count = forms.IntegerField(
        label="Combien de personnes", required=False, min_value=0, max_value=MAX_SUFFERERS
    )
    current_practice = forms.CharField(
        label="Ce qui est fait aujourd'hui", required=False, widget=TEXTAREA
    )
    tried = forms.CharField(label="Ce qui a déjà été essayé", required=False, widget=TEXTAREA)
    team = forms.CharField(
        label="L'équipe prête à y travailler",
        required=False,
        widget=TEXTAREA,
        help_text="Les agents et le temps dont ils disposent.",
    )
    theme = forms.CharField(label="Thème", required=False, max_length=100)
    attachment = forms.FileField(
        label="Pièce jointe",
        required=False,
        help_text="PDF, ODT, PNG ou JPEG, 10 Mo au plus.",
    )
    heard_elsewhere = forms.BooleanField(label="Problème entendu ailleurs", required=False)

    def __init__(self, *args, user, calls, editing=False, territories=(), **kwargs):
        """`territories`: the problem's collectivités when editing (its boxes come ticked)."""
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = calls
        memberships = Membership.objects.filter(user=user).select_related(
            "commune", "epci", "departement", "region"
        )
        self.fields["collectivites"].choices = [(f"{m.pk}", str(m.territory)) for m in memberships]
        self._memberships = {f"{m.pk}": m.territory for m in memberships}
        is_team = user.is_superuser or user.role in (Role.ADMIN, Role.INCUBATOR)
        if not is_team:
            # An agent speaks only for their own collectivités (`can_act_for_collectivite`):
            # the boxes offer each of them; a free field of codes would offer the refused rest.
            del self.fields["heard_elsewhere"]
            del self.fields["codes"]
        if not self._memberships:  # nothing to tick: the codes say the collectivités
            del self.fields["collectivites"]
        elif "codes" not in self.fields:
            self.initial["collectivites"] = [
                key for key, territory in self._memberships.items() if territory in territories
            ]
        self._editing = editing
        if editing:
            # The team attaches a problem (heard elsewhere, or filed outside a call) to a call.
            for name in ("attachment", "heard_elsewhere", *(() if is_team else ("call",))):
                self.fields.pop(name, None)

    def clean_call(self):
        """A call that closed while the form was open is said at once (at « déjà vu
        ailleurs » too), with its dates; editing, the service says what may change."""
        call = self.cleaned_data.get("call")
        closed = call is not None and not self._editing
        if closed and (why := closed_call_problem(call, timezone.localdate())):
            raise ValidationError(why)
        return call

    def clean(self):
        data = super().clean()
        territories = [self._memberships[key] for key in data.get("collectivites") or []]
        unknown = []
        for code in (data.get("codes") or "").split(","):
            if code.strip():
                territory = territory_from_code(code)
                if territory is None:
                    unknown.append(code.strip())
                else:
                    territories.append(territory)
        if unknown:
            self.add_error("codes", f"Codes inconnus : {', '.join(unknown)}.")
        data["territories"] = territories
        return data


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
        self.fields["grid"] = self.fields.pop("grid")  # after the eligibility
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


class ReviewForm(DsfrForm):
    comment = forms.CharField(label="Commentaire", required=False, widget=TEXTAREA)

    def __init__(self, *args, grid, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in grid:
            self.fields[f"score_{key}"] = forms.IntegerField(
                label=f"{label} (0 à {GRID_MAX})", required=False
            )
        self.fields["comment"] = self.fields.pop("comment")  # after the scores
        self.grid_keys = [key for key, _ in grid]

    def scores(self) -> dict:
        return {
            key: self.cleaned_data.get(f"score_{key}")
            for key in self.grid_keys
            if self.cleaned_data.get(f"score_{key}") is not None
        }


class SelectionForm(DsfrForm):
    selected = forms.TypedChoiceField(
        label="Décision",
        choices=[("1", "Retenu"), ("0", "Non retenu")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label="Motif (visible par la collectivité)", widget=TEXTAREA)


class MergeForm(DsfrForm):
    sources = forms.ModelMultipleChoiceField(
        label="Problèmes à fusionner dans celui-ci",
        queryset=Problem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].queryset = candidates


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


class AttachmentForm(DsfrForm):
    file = forms.FileField(label="Pièce jointe", help_text="PDF, ODT, PNG ou JPEG, 10 Mo au plus.")
