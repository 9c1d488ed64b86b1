"""A request for an account, as the person files it: its fields checked, the rate limit, and the
same answer whether the address has an account or not."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from fabrique.core.ratelimit import Limit, check_rate, source_hash
from fabrique.territories.models import EPCI, Commune

from ...models import AccountRequest, User
from ...vocabulary import (
    MAX_ACCOUNT_REQUEST_MESSAGE,
    MAX_ACCOUNT_REQUESTS_PER_EMAIL_PER_HOUR,
    MAX_ACCOUNT_REQUESTS_PER_IP_PER_HOUR,
    AccountRequestStatus,
    RequesterKind,
)
from .emails import acknowledge_request, tell_account_exists

EDITABLE_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "kind",
    "collectivite",
    "position",
    "message",
)


def validate_account_request(
    *, first_name, last_name, email, kind, collectivite, position, message
) -> tuple[dict, dict]:
    """The cleaned values of a request and the French errors, per field."""
    errors = {}
    values = {
        "first_name": (first_name or "").strip(),
        "last_name": (last_name or "").strip(),
        "email": (email or "").strip().lower(),
        "kind": kind,
        "position": (position or "").strip(),
        "message": (message or "").strip(),
        "commune": collectivite if isinstance(collectivite, Commune) else None,
        "epci": collectivite if isinstance(collectivite, EPCI) else None,
    }
    if not values["first_name"]:
        errors["first_name"] = "Indiquez votre prénom."
    elif len(values["first_name"]) > 150:
        errors["first_name"] = "Prénom trop long : 150 caractères au plus."
    if not values["last_name"]:
        errors["last_name"] = "Indiquez votre nom."
    elif len(values["last_name"]) > 150:
        errors["last_name"] = "Nom trop long : 150 caractères au plus."
    try:
        validate_email(values["email"])
    except ValidationError:
        errors["email"] = "Indiquez une adresse électronique valide (exemple : nom@domaine.fr)."
    if kind not in RequesterKind.values:
        errors["kind"] = "Dites qui vous êtes : agent·e ou élu·e, porteur·se de service, autre."
    if collectivite is not None and not isinstance(collectivite, (Commune, EPCI)):
        errors["collectivite"] = "Choisissez une commune ou un EPCI."
    elif kind == RequesterKind.AGENT and collectivite is None:
        errors["collectivite"] = (
            "Indiquez votre collectivité (nom, code Insee ou SIREN) : un compte d'agent·e est "
            "rattaché à sa collectivité."
        )
    if len(values["position"]) > 200:
        errors["position"] = "Fonction trop longue : 200 caractères au plus."
    if len(values["message"]) > MAX_ACCOUNT_REQUEST_MESSAGE:
        errors["message"] = (
            f"Message trop long ({len(values['message'])} caractères) : "
            f"{MAX_ACCOUNT_REQUEST_MESSAGE} au plus."
        )
    return values, errors


def _check_rate(*, email: str, source: str, now: datetime) -> None:
    check_rate(
        AccountRequest.objects.all(),
        since_field="created_at",
        now=now,
        limits=[
            Limit(
                {"email__iexact": email},
                MAX_ACCOUNT_REQUESTS_PER_EMAIL_PER_HOUR,
                "Trop de demandes envoyées pour cette adresse électronique en une heure : "
                "réessayez plus tard.",
            ),
            Limit(
                {"source_hash": source},
                MAX_ACCOUNT_REQUESTS_PER_IP_PER_HOUR,
                "Trop de demandes envoyées depuis ce réseau en une heure : réessayez plus tard.",
            ),
        ],
    )


@transaction.atomic
def account_request_submit(
    *,
    first_name: str,
    last_name: str,
    email: str,
    kind: str,
    collectivite=None,
    position: str = "",
    message: str = "",
    consent: bool,
    address: str = "",
) -> AccountRequest:
    """Record a request and acknowledge it by e-mail.

    When the address already has an account, the request is kept as « compte déjà existant »
    (so that it counts in the rate limit) and the e-mail says so, with the link to recover the
    password; the caller answers exactly as for any other request.
    """
    now = timezone.now()
    values, errors = validate_account_request(
        first_name=first_name,
        last_name=last_name,
        email=email,
        kind=kind,
        collectivite=collectivite,
        position=position,
        message=message,
    )
    if not consent:
        errors["consent"] = (
            "Votre accord pour le traitement de vos données est nécessaire pour demander un compte."
        )
    if errors:
        raise ValidationError(errors)
    source = source_hash(address) if address else ""
    _check_rate(email=values["email"], source=source, now=now)
    exists = User.objects.filter(email__iexact=values["email"]).exists()
    item = AccountRequest(
        **values,
        consent_at=now,
        source_hash=source,
        status=AccountRequestStatus.EXISTING if exists else AccountRequestStatus.PENDING,
        decided_at=now if exists else None,
    )
    item.full_clean()
    item.save()
    if exists:
        transaction.on_commit(lambda: tell_account_exists(item))
    else:
        transaction.on_commit(lambda: acknowledge_request(item))
    return item
