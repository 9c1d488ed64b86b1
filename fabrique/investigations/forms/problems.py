"""Forms of the problems: submission (with its call and collectivités), scores, selection,
merge, attachments."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from fabrique.accounts.models import Membership, Role
from fabrique.core.forms import DsfrForm

from ..models import Call, Problem
from ..rules import closed_call_problem
from ..vocabulary import GRID_MAX, MAX_SUFFERERS
from .common import TEXTAREA, territory_from_code


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


class AttachmentForm(DsfrForm):
    file = forms.FileField(label="Pièce jointe", help_text="PDF, ODT, PNG ou JPEG, 10 Mo au plus.")
