import unicodedata

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from dsfr.forms import DsfrBaseForm

from fabrique.core.forms import DsfrForm, HoneypotMixin
from fabrique.territories.forms import CollectiviteField

from .models import Role, User
from .vocabulary import (
    ACCOUNT_REQUEST_RETENTION_MONTHS,
    GRANTABLE_ROLES,
    MAX_ACCOUNT_REQUEST_MESSAGE,
    MAX_DECLINE_REASON,
    RequesterKind,
)


class LoginForm(AuthenticationForm, DsfrBaseForm):
    username = forms.EmailField(
        label="Adresse électronique",
        help_text="Format attendu : prenom.nom@domaine.fr",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": "Adresse électronique ou mot de passe incorrect. "
        "Vérifiez-les et réessayez (le mot de passe tient compte des majuscules).",
        "inactive": "Ce compte est désactivé. Contactez l'équipe de l'incubateur.",
    }

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()


class PasswordResetForm(auth_forms.PasswordResetForm, DsfrBaseForm):
    email = forms.EmailField(
        label="Adresse électronique",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email):
        """Django's choice (active accounts with a password), plus the accounts opened from a
        request that never chose one (no password yet, never logged in): their first link may
        have expired."""
        wanted = _folded(email)
        for user in User.objects.filter(email__iexact=email, is_active=True):
            if _folded(user.email) != wanted:  # the database's iexact may fold differently
                continue
            if user.has_usable_password() or user.last_login is None:
                yield user


def _folded(email: str) -> str:
    return unicodedata.normalize("NFKC", email).casefold()


class SetPasswordForm(auth_forms.SetPasswordForm, DsfrBaseForm):
    pass


class PasswordChangeForm(auth_forms.PasswordChangeForm, DsfrBaseForm):
    pass


class DeletionRequestForm(DsfrForm):
    message = forms.CharField(
        label="Précisions (facultatif)",
        help_text="Par exemple : ce que vous souhaitez voir effacé, ou la raison de la demande. "
        "2 000 caractères au plus.",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    confirm = forms.BooleanField(
        label="Je demande l'effacement de mes données personnelles et la fermeture de mon compte.",
        error_messages={"required": "Cochez la case pour confirmer votre demande."},
    )


COLLECTIVITE_HELP = (
    "Nom, code Insee ou SIREN de votre commune ou de votre EPCI, par exemple "
    "« Saint-Just-en-Chevalet ». Obligatoire pour un·e agent·e ou élu·e."
)


class AccountRequestFieldsForm(DsfrForm):
    """What a request for an account says: the person and their collectivité."""

    first_name = forms.CharField(
        label="Prénom",
        error_messages={"required": "Indiquez votre prénom."},
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label="Nom",
        error_messages={"required": "Indiquez votre nom."},
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label="Adresse électronique",
        help_text="Format attendu : prenom.nom@domaine.fr ; de préférence votre adresse "
        "professionnelle.",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Indiquez votre adresse électronique.",
            "invalid": "Indiquez une adresse électronique valide (exemple : nom@domaine.fr).",
        },
    )
    kind = forms.ChoiceField(
        label="Vous êtes",
        choices=RequesterKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Dites qui vous êtes."},
    )
    collectivite = CollectiviteField(
        label="Collectivité", required=False, max_length=200, help_text=COLLECTIVITE_HELP
    )
    position = forms.CharField(
        label="Fonction (facultatif)",
        help_text="Par exemple : secrétaire de mairie, maire adjointe, cheffe de projet.",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    message = forms.CharField(
        label="Message (facultatif)",
        help_text=f"Ce que vous souhaitez faire sur Fabrique. {MAX_ACCOUNT_REQUEST_MESSAGE} "
        "caractères au plus.",
        max_length=MAX_ACCOUNT_REQUEST_MESSAGE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AccountRequestForm(HoneypotMixin, AccountRequestFieldsForm):
    """The public form « Demander un compte »."""

    consent = forms.BooleanField(
        label=(
            "J'accepte que ces données soient traitées par l'équipe de l'incubateur pour "
            "examiner ma demande de compte. Elles sont conservées "
            f"{ACCOUNT_REQUEST_RETENTION_MONTHS} mois après la décision, puis supprimées."
        ),
        error_messages={
            "required": "Votre accord pour le traitement de vos données est nécessaire pour "
            "demander un compte."
        },
    )


class AccountRequestEditForm(AccountRequestFieldsForm):
    """The team corrects a request (the collectivité shown as its code)."""

    def __init__(self, *args, instance=None, **kwargs):
        if instance is not None:
            collectivite = instance.collectivite
            kwargs.setdefault(
                "initial",
                {
                    "first_name": instance.first_name,
                    "last_name": instance.last_name,
                    "email": instance.email,
                    "kind": instance.kind,
                    "collectivite": getattr(collectivite, "insee", None)
                    or getattr(collectivite, "siren", ""),
                    "position": instance.position,
                    "message": instance.message,
                },
            )
        super().__init__(*args, **kwargs)


class AccountRequestAcceptForm(DsfrForm):
    role = forms.ChoiceField(
        label="Rôle du compte",
        choices=[(value, label) for value, label in Role.choices if value in GRANTABLE_ROLES],
        help_text="Un·e agent·e est rattaché·e à la collectivité de la demande, avec sa fonction.",
        error_messages={"required": "Choisissez le rôle du compte."},
    )


class AccountRequestDeclineForm(DsfrForm):
    reason = forms.CharField(
        label="Motif du refus",
        help_text="Il est écrit à la personne dans le courriel qui lui annonce le refus.",
        max_length=MAX_DECLINE_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Indiquez le motif du refus : il est écrit à la personne."},
    )
