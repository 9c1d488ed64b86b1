"""The e-mails of an account request: received, the account already exists, accepted (with
the single-use link to choose a password), declined."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from fabrique.core.emails import email_text
from fabrique.core.numbers import counted

from ...models import AccountRequest, User
from ...vocabulary import ACCOUNT_REQUEST_RETENTION_MONTHS


def _site_url(path: str) -> str:
    return f"{getattr(settings, 'SITE_URL', '').rstrip('/')}{path}"


def acknowledge_request(item: AccountRequest) -> None:
    send_mail(
        subject="Votre demande de compte sur Fabrique",
        message=email_text(
            f"Nous avons bien reçu votre demande de compte. "
            "L'équipe de l'incubateur l'examine et vous écrit à cette adresse : si elle est "
            "acceptée, vous recevrez un lien pour choisir votre mot de passe.\n\n"
            f"Vos données sont conservées {ACCOUNT_REQUEST_RETENTION_MONTHS} mois après la "
            "décision, puis supprimées.",
            name=item.full_name,
        ),
        from_email=None,
        recipient_list=[item.email],
        fail_silently=True,
    )


def tell_account_exists(item: AccountRequest) -> None:
    send_mail(
        subject="Votre demande de compte sur Fabrique",
        message=email_text(
            f"Une demande de compte a été faite avec cette adresse "
            "électronique, mais un compte existe déjà avec elle : inutile d'en créer un autre.\n\n"
            "Si vous avez oublié votre mot de passe, choisissez-en un nouveau ici : "
            f"{_site_url(reverse('accounts:password-reset'))}\n\n"
            "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.",
            name=item.full_name,
        ),
        from_email=None,
        recipient_list=[item.email],
        fail_silently=True,
    )


def set_password_url(user: User) -> str:
    """The single-use link to choose a password: Django's password-reset token, on the reset
    page of accounts (valid `PASSWORD_RESET_TIMEOUT` seconds, void once a password is set)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:password-reset-confirm", kwargs={"uidb64": uid, "token": token})
    return _site_url(path)


def tell_accepted(user: User, url: str) -> None:
    hours = max(1, settings.PASSWORD_RESET_TIMEOUT // 3600)
    send_mail(
        subject="Votre compte Fabrique est ouvert",
        message=email_text(
            f"Votre demande de compte est acceptée. Choisissez "
            f"votre mot de passe en suivant ce lien (valable {counted(hours, 'heure')}, une "
            "seule fois) :"
            f"\n\n{url}\n\nVous vous connecterez ensuite avec votre adresse électronique, "
            f"{user.email}. Si le lien a expiré, demandez-en un nouveau sur « Mot de passe "
            f"oublié » : {_site_url(reverse('accounts:password-reset'))}",
            name=user.display_name,
        ),
        from_email=None,
        recipient_list=[user.email],
        fail_silently=True,
    )


def tell_declined(item: AccountRequest) -> None:
    send_mail(
        subject="Votre demande de compte sur Fabrique",
        message=email_text(
            f"L'équipe de l'incubateur a examiné votre demande de "
            f"compte et ne peut pas y donner suite, pour ce motif :\n\n{item.decline_reason}\n\n"
            f"Vos données sont supprimées {ACCOUNT_REQUEST_RETENTION_MONTHS} mois après cette "
            "décision.",
            name=item.full_name,
        ),
        from_email=None,
        recipient_list=[item.email],
        fail_silently=True,
    )
