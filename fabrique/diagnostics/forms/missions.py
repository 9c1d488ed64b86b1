"""Forms of a mission's lifecycle: the request, its acceptance, its steps, the days logged,
comments, and the eligibility rule the team sets."""

from django import forms

from fabrique.accounts.models import Role, User
from fabrique.core.forms import DateInput, DsfrForm, PlausibleDatesMixin, set_help_text
from fabrique.territories.forms import CollectiviteField

from .. import rules
from ..vocabulary import TRANSITIONS, ActivityKind, MissionStatus


class RequestForm(DsfrForm):
    collectivite = CollectiviteField(
        label="Collectivité",
        help_text="Nom, code Insee ou SIREN, par exemple « Saint-Just-en-Chevalet ».",
    )
    contact_name = forms.CharField(label="Personne à contacter", max_length=200, required=False)
    contact_email = forms.EmailField(label="Son adresse électronique", required=False)
    hopes = forms.CharField(
        label="Ce que la collectivité espère",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
    )
    # Asked only when another request for the same collectivité is still open (the view says
    # which); hidden until then.
    confirm_second = forms.BooleanField(
        label="Je confirme : c'est une autre demande pour cette collectivité",
        required=False,
        widget=forms.HiddenInput,
    )

    def offer(self, collectivites) -> None:
        """The agent's own collectivités, to choose from a list: no hint about typing a name or a
        code."""
        self.fields["collectivite"].offer(collectivites)
        set_help_text(self, "collectivite", "")

    def add_error(self, field, error):
        super().add_error(field, error)
        if field == "confirm_second":
            self.fields["confirm_second"].widget = forms.CheckboxInput()


class RequestEditForm(RequestForm):
    """The request corrected before the team answers: the collectivité stays the same."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["collectivite"]
        del self.fields["confirm_second"]


class AcceptForm(PlausibleDatesMixin, DsfrForm):
    consultant = forms.ModelChoiceField(
        label="Consultant·e",
        queryset=User.objects.filter(role=Role.COACH, is_active=True),
        error_messages={"required": "Choisissez un·e consultant·e."},
    )
    start = forms.DateField(label="Début de la mission", widget=DateInput, required=False)
    reason = forms.CharField(
        label="Motif de l'acceptation hors critères",
        help_text="La collectivité dépasse le seuil de population : ce motif reste sur la mission.",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        error_messages={"required": rules.OUT_OF_CRITERIA_ACCEPTANCE},
    )

    def __init__(self, *args, status: str = "", requested_on=None, **kwargs):
        """The reason is asked (and required) for a request « hors critères » only. A start
        before `requested_on` is refused unless confirmed (`rules.start_before_request`)."""
        super().__init__(*args, **kwargs)
        self.requested_on = requested_on
        if status != MissionStatus.OUT_OF_CRITERIA:
            del self.fields["reason"]

    def unusual_dates(self, cleaned):
        problem = rules.start_before_request(cleaned.get("start"), self.requested_on)
        return {"start": problem} if problem else {}

    def clean(self):
        cleaned = super().clean()
        # The service refuses it too unless told it was confirmed.
        cleaned["start_confirmed"] = self.dates_confirmed
        return cleaned


class StepForm(DsfrForm):
    """The next steps a mission can take from where it is: a consultant never picks a step the
    service would refuse (only the team may decline a request)."""

    to = forms.ChoiceField(label="Nouvelle étape", choices=MissionStatus.choices)
    reason = forms.CharField(
        label="Motif (refus, abandon, clôture avant la fin du suivi)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args,
        status: str | None = None,
        can_decline: bool = True,
        closing_problem: str = "",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        # Closing before the follow-ups are recorded needs a reason: say so before it is refused.
        set_help_text(self, "reason", closing_problem)
        if status is not None:
            # « Livrée » comes from marking a deliverable final (Livrable section), « acceptée »
            # from « Accepter la demande » (with a consultant), « suivie » from recording the
            # follow-up (Suivi section), not from here.
            allowed = TRANSITIONS.get(status, set()) - {
                MissionStatus.DELIVERED,
                MissionStatus.ACCEPTED,
                MissionStatus.FOLLOWED,
            }
            if not can_decline:
                allowed = allowed - {MissionStatus.DECLINED}
            self.fields["to"].choices = [
                (value, label) for value, label in MissionStatus.choices if value in allowed
            ]


class TimeForm(PlausibleDatesMixin, DsfrForm):
    plausible_date_fields = ("day",)
    day = forms.DateField(label="Date", widget=DateInput)
    half_days = forms.TypedChoiceField(
        label="Durée",
        coerce=int,
        choices=[(n, rules.days_text(rules.days(n))) for n in (1, 2)],
    )
    kind = forms.ChoiceField(label="Activité", choices=ActivityKind.choices)
    note = forms.CharField(label="Note", max_length=300, required=False)
    approval_reason = forms.CharField(
        label="Motif du dépassement des 10 jours",
        help_text="À remplir si la saisie porte la mission au-delà de 10 jours : vous approuvez "
        "le dépassement au nom de l'équipe de l'incubateur.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, team: bool = False, for_person=None, **kwargs):
        """Only the team approves an overrun: the consultant's form has no reason to type
        (past 10 days the team logs the time on the consultant's behalf, `for_person`)."""
        super().__init__(*args, **kwargs)
        self.for_person = for_person
        if not team:
            del self.fields["approval_reason"]


class CommentForm(DsfrForm):
    body = forms.CharField(
        label="Votre commentaire",
        help_text="Visible de l'équipe, du ou de la consultant·e et des agents de la collectivité.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EligibilityRuleForm(PlausibleDatesMixin, DsfrForm):
    valid_from = forms.DateField(label="En vigueur à partir du", widget=DateInput)
    commune_threshold = forms.IntegerField(
        label="Seuil des communes (habitants)",
        help_text="Une commune est éligible sous ce nombre d'habitants (3 500 au départ).",
        min_value=1,
        max_value=1_000_000,
    )
    epci_threshold = forms.IntegerField(
        label="Seuil des EPCI (habitants)",
        help_text="Un EPCI est éligible sous ce nombre d'habitants (15 000 au départ).",
        min_value=1,
        max_value=1_000_000,
    )
