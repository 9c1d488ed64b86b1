from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from dsfr.forms import DsfrBaseForm


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


class SetPasswordForm(auth_forms.SetPasswordForm, DsfrBaseForm):
    pass


class PasswordChangeForm(auth_forms.PasswordChangeForm, DsfrBaseForm):
    pass


class DeletionRequestForm(DsfrBaseForm):
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
