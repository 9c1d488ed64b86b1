"""Writes on accounts: demo accounts, one per role, re-creatable at will."""

from dataclasses import dataclass

from django.db import transaction

from fabrique.territories.models import EPCI, Commune

from .models import Membership, Role, User

DEMO_PASSWORD = "fabrique-demo-2026"  # noqa: S105 - demo data only, printed on purpose


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    first_name: str
    last_name: str
    organisation: str


DEMO_ACCOUNTS = (
    DemoAccount("admin@fabrique.localhost", Role.ADMIN, "Alix", "Martin", "Incubateur"),
    DemoAccount("equipe@fabrique.localhost", Role.INCUBATOR, "Camille", "Durand", "Incubateur"),
    DemoAccount("coach@fabrique.localhost", Role.COACH, "Sacha", "Bernard", "Incubateur"),
    DemoAccount("agent@fabrique.localhost", Role.AGENT, "Dominique", "Petit", "Mairie"),
    DemoAccount("porteur@fabrique.localhost", Role.SERVICE_OWNER, "Lou", "Robert", "Service"),
)
# The demo agent works for a small commune of the Loire and its (small) intercommunality.
DEMO_AGENT_COMMUNE = "42248"  # Saint-Just-en-Chevalet, CC du Pays d'Urfé


@transaction.atomic
def ensure_user(
    *, email: str, role: str, password: str, first_name="", last_name="", organisation=""
) -> tuple[User, bool]:
    """Create the account or bring it back to the given state; return (user, created)."""
    is_admin = role == Role.ADMIN
    user, created = User.objects.update_or_create(
        email=email.lower(),
        defaults={
            "role": role,
            "first_name": first_name,
            "last_name": last_name,
            "organisation": organisation,
            "is_active": True,
            "is_staff": is_admin,
            "is_superuser": is_admin,
        },
    )
    if created or not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    return user, created


@transaction.atomic
def attach_to_commune_and_epci(user: User, commune: Commune) -> None:
    Membership.objects.get_or_create(user=user, commune=commune)
    if commune.epci_id:
        Membership.objects.get_or_create(user=user, epci=EPCI(pk=commune.epci_id))


@transaction.atomic
def load_demo_accounts() -> list[tuple[DemoAccount, bool]]:
    results = []
    for account in DEMO_ACCOUNTS:
        user, created = ensure_user(
            email=account.email,
            role=account.role,
            password=DEMO_PASSWORD,
            first_name=account.first_name,
            last_name=account.last_name,
            organisation=account.organisation,
        )
        if account.role == Role.AGENT:
            commune = Commune.objects.filter(insee=DEMO_AGENT_COMMUNE).first()
            if commune:
                attach_to_commune_and_epci(user, commune)
        results.append((account, created))
    return results
