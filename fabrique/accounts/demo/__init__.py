"""Demonstration data of accounts beyond the demo accounts: two requests for an account waiting
in the team's queue (« Mon espace → Demandes de compte à examiner »). Idempotent: a request
already there (same address, still to examine) is left as it is."""

from django.db import transaction
from django.utils import timezone

from fabrique.core.numbers import counted
from fabrique.territories.models import Commune

from ..models import AccountRequest
from ..services import DEMO_AGENT_COMMUNE
from ..vocabulary import AccountRequestStatus, RequesterKind

DEMO_REQUESTS = (
    {
        "email": "secretariat.demande@fabrique.localhost",
        "first_name": "Maëlle",
        "last_name": "Garnier",
        "kind": RequesterKind.AGENT,
        "position": "Secrétaire de mairie",
        "message": "Pour déposer la demande d'accompagnement de la commune depuis notre compte.",
        "commune_insee": DEMO_AGENT_COMMUNE,
    },
    {
        "email": "porteuse.demande@fabrique.localhost",
        "first_name": "Inès",
        "last_name": "Lambert",
        "kind": RequesterKind.SERVICE_OWNER,
        "position": "Intrapreneuse",
        "message": "Je porte un service de prise de rendez-vous en mairie.",
        "commune_insee": "",
    },
)


@transaction.atomic
def load_demo() -> str:
    created = 0
    for data in DEMO_REQUESTS:
        values = dict(data)
        insee = values.pop("commune_insee")
        if AccountRequest.objects.filter(
            email=values["email"], status=AccountRequestStatus.PENDING
        ).exists():
            continue
        commune = Commune.objects.filter(insee=insee).first() if insee else None
        if values["kind"] == RequesterKind.AGENT and commune is None:
            continue  # the territories are not imported: an agent needs their commune
        AccountRequest.objects.create(**values, commune=commune, consent_at=timezone.now())
        created += 1
    pending = AccountRequest.objects.filter(status=AccountRequestStatus.PENDING).count()
    return (
        f"Demandes de compte de démonstration : {counted(created, 'créée')}, {pending} à examiner."
    )
