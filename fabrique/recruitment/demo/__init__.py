"""Demonstration data of recruitment, loaded by `manage.py load_demo` (idempotent).

The job offers of the incubator kept in `offres/` (the five offers the product was born from
and the Incubateur des Territoires' offers, Licence Ouverte 2.0, see `offres/LISEZMOI`) are
imported as they are; then two offers open today, one for the porteur's project, receive a few
fictitious applications at different stages.
"""

from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from fabrique.accounts.models import User
from fabrique.core.numbers import counted
from fabrique.portfolio.models import Project

from ..importers import import_offer_files
from ..models import Application, JobOffer, StageChange
from ..rules import stage_allowed
from ..services import offer_create
from ..vocabulary import INCUBATOR_TEAM, PIPELINE, Contract, OfferStatus, Remote, Stage

FOLDER = Path(__file__).parent / "offres"
OWNER_EMAIL = "porteur@fabrique.localhost"
TEAM_EMAIL = "equipe@fabrique.localhost"

OPEN_OFFERS = [
    {
        "title": "Développeur·se Python et Django pour un service aux collectivités",
        "role": "Développeur·se",
        "contract": Contract.FREELANCE,
        "contract_holder": "Le titulaire du marché d'expertise de l'incubateur",
        "remote": Remote.PARTIAL,
        "place": "Paris ou à distance",
        "days_per_week": "3 à 5 jours",
        "duration": "6 mois renouvelables",
        "contact": "recrutement@fabrique.localhost",
        "owner_project": True,
        "body": (
            "## La mission\n\nRejoindre l'équipe d'un service numérique public utilisé par des "
            "communes rurales : développer, tester et mettre en production de nouvelles "
            "fonctionnalités avec l'équipe produit.\n\n## Profil\n\n- Python et Django\n"
            "- Goût pour les tests et l'accessibilité\n- Curiosité pour l'action publique locale\n"
        ),
    },
    {
        "title": "Chargé·e de déploiement auprès des collectivités",
        "role": "Chargé·e de déploiement",
        "contract": Contract.EMPLOYEE,
        "contract_holder": "L'agence (contrat de trois ans)",
        "remote": Remote.PARTIAL,
        "place": "Lyon",
        "days_per_week": "4 à 5 jours",
        "duration": "3 ans",
        "contact": "recrutement@fabrique.localhost",
        "owner_project": False,
        "body": (
            "## La mission\n\nFaire connaître les services de l'incubateur aux collectivités, "
            "les accompagner dans leur adoption et faire remonter leurs besoins.\n"
        ),
    },
]
APPLICANTS = [
    ("Camille Martin", "camille.martin@example.org", Stage.RECEIVED),
    ("Yanis Bernard", "yanis.bernard@example.org", Stage.SHORTLISTED),
    ("Inès Petit", "ines.petit@example.org", Stage.INTERVIEW),
    ("Hugo Laurent", "hugo.laurent@example.org", Stage.OFFER),
    ("Léa Moreau", "lea.moreau@example.org", Stage.REJECTED),
]


@transaction.atomic
def _open_offers() -> list[JobOffer]:
    today = timezone.localdate()
    project = Project.objects.filter(team__user__email=OWNER_EMAIL).order_by("pk").first()
    offers = []
    for spec in OPEN_OFFERS:
        spec = dict(spec)
        owner_project = spec.pop("owner_project")
        offer = JobOffer.objects.filter(title=spec["title"]).first()
        if offer is None:
            offer = offer_create(
                **spec,
                project=project if owner_project else None,
                team_name="" if owner_project and project else INCUBATOR_TEAM,
                opens_on=today - timedelta(days=10),
                closes_on=today + timedelta(days=40),
                status=OfferStatus.PUBLISHED,
            )
        offers.append(offer)
    return offers


@transaction.atomic
def _applications(offers: list[JobOffer]) -> int:
    created = 0
    reviewer = User.objects.filter(email=TEAM_EMAIL).first()
    now = timezone.now()
    for offer in offers:
        for index, (name, email, stage) in enumerate(APPLICANTS):
            if offer.applications.filter(email=email).exists():
                continue
            received = now - timedelta(days=9 - index)
            application = Application.objects.create(
                offer=offer,
                name=name,
                email=email,
                message="Votre mission m'intéresse : voici mon parcours en quelques lignes.",
                links="https://example.org/portfolio",
                consent_at=received,
                stage=stage,
                stage_changed_at=received + timedelta(days=index),
                rejection_reason="Profil trop éloigné du besoin."
                if stage == Stage.REJECTED
                else "",
            )
            # `created_at` is set on creation: the demo dates the application in the past.
            Application.objects.filter(pk=application.pk).update(created_at=received)
            StageChange.objects.create(application=application, stage=Stage.RECEIVED, at=received)
            path = PIPELINE[1 : PIPELINE.index(stage) + 1] if stage in PIPELINE else [stage]
            previous = Stage.RECEIVED
            for step, following in enumerate(path, start=1):
                if stage_allowed(previous, following):
                    StageChange.objects.create(
                        application=application,
                        stage=following,
                        at=received + timedelta(days=step),
                        by=reviewer,
                    )
                    previous = following
            created += 1
    return created


def load_demo() -> str:
    report = import_offer_files([FOLDER])
    offers = _open_offers()
    created = _applications(offers)
    return (
        f"Recrutement de démonstration : {report.imported} offres importées "
        f"({report.created} créées), {len(offers)} offres ouvertes, "
        f"{counted(created, 'candidature fictive ajoutée', 'candidatures fictives ajoutées')}."
    )
