"""Demonstration data of this app, loaded by `manage.py load_demo` (idempotent)."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from fabrique.accounts.models import User
from fabrique.core.text import folded_words
from fabrique.portfolio.models import Project

from .. import services
from ..models import (
    ExpertModule,
    FollowUp,
    KnowledgePage,
    Registration,
    Session,
    Supplier,
    SupportFormat,
)
from ..vocabulary import ModuleStatus

FORMATS = [
    ("atelier", "Atelier : mesurer l'impact de son service", "impact", "equipes", "3 heures"),
    (
        "formation",
        "Formation : l'accessibilité numérique (RGAA)",
        "accessibilite",
        "agents",
        "1 jour",
    ),
    ("atelier", "Atelier : ouvrir ses données", "donnees-ouvertes", "agents", "2 heures"),
    ("formation", "Formation : gestion de produit", "produit", "equipes", "2 jours"),
    ("suivi", "Suivi individuel : mesure d'impact", "impact", "equipes", "6 mois"),
    ("expertise", "Module d'expertise : audit de sécurité", "securite", "equipes", "5 à 10 jours"),
]
# When a session of a format runs, as its duration says (Paris time): first and last hour, and
# on how many days. The formats without one (a follow-up, an expertise) have no session.
SCHEDULES = {
    "3 heures": (time(9, 30), time(12, 30), 1),
    "1 jour": (time(9, 30), time(17, 0), 1),
    "2 heures": (time(14, 0), time(16, 0), 1),
    "2 jours": (time(9, 30), time(17, 0), 2),
}
PAGES = [
    ("Construire sa théorie du changement", "impact", True),
    ("Modèle de plan de mesure d'impact", "impact", True),
    ("Déclaration d'accessibilité : mode d'emploi", "accessibilite", True),
    ("Publier un jeu de données sur data.gouv.fr", "donnees-ouvertes", True),
    ("Retour d'expérience : un audit de sécurité", "securite", False),
]


def _session_times(day, duration: str) -> tuple[datetime, datetime]:
    """Start and end of a demo session held from `day` (moved to the Monday after a weekend),
    as long as its format says."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    first, last, days = SCHEDULES[duration]
    start = timezone.make_aware(datetime.combine(day, first))
    end = timezone.make_aware(datetime.combine(day + timedelta(days=days - 1), last))
    return start, end


def _user(email):
    return User.objects.filter(email=email).first()


@transaction.atomic
def load_demo() -> str:
    if SupportFormat.objects.filter(title=FORMATS[0][1]).exists():
        return "Accompagnement : données déjà présentes, rien à faire."
    team = _user("equipe@fabrique.localhost")
    coach = _user("coach@fabrique.localhost")
    agent = _user("agent@fabrique.localhost")
    porteur = _user("porteur@fabrique.localhost")
    projects = list(Project.objects.filter(team__user=porteur).distinct()[:2]) or list(
        Project.objects.all()[:2]
    )
    project = projects[0] if projects else None
    description = (
        "Un format de l'incubateur : **objectifs**, exercices pratiques et ressources.\n\n"
        "- pour qui : les équipes et les agents\n- ce qu'on en retire : une méthode outillée"
    )
    formats = [
        SupportFormat.objects.create(
            kind=kind,
            title=title,
            theme=theme,
            audience=audience,
            duration=duration,
            description=description,
            materials="Diaporama et fiche pratique",
        )
        for kind, title, theme, audience, duration in FORMATS
    ]
    now = timezone.now()
    today = timezone.localdate()
    sessions = []
    scheduled = [item for item in formats if item.duration in SCHEDULES]
    for index, support_format in enumerate(scheduled):
        for offset in (-40 + index, 3 + 7 * index, 30 + index):
            start, end = _session_times(today + timedelta(days=offset), support_format.duration)
            sessions.append(
                Session.objects.create(
                    format=support_format,
                    start=start,
                    end=end,
                    place="Maison des services, Saint-Just-en-Chevalet" if index % 2 else "",
                    video_url="" if index % 2 else "https://webconf.numerique.gouv.fr/fabrique",
                    trainer=coach,
                    capacity=3 if index == 0 else 12,
                )
            )
    people = [p for p in (porteur, agent) if p]
    registrations = 0
    for session in sessions:
        for person in people:
            Registration.objects.create(
                session=session,
                user=person,
                project=project if person == porteur else None,
                registered_by=team,
                status="inscrit",
            )
            registrations += 1
        session.registered_count = len(people)
        session.save(update_fields=["registered_count"])
    past = [s for s in sessions if s.start < now]
    for score, session in zip((5, 4, 4, 3), past, strict=False):
        Registration.objects.filter(session=session).update(attended=True)
        Registration.objects.filter(session=session, user=porteur).update(
            score=score, comment="Très concret, merci !"
        )
    pages = []
    for title, theme, public in PAGES:
        body = (
            "## La démarche\n\nLes étapes, dans l'ordre :\n\n1. cadrer\n2. mesurer\n3. partager\n\n"
            "Une méthode éprouvée par les équipes de l'incubateur, à adapter."
        )
        page = KnowledgePage.objects.create(
            title=title,
            slug=slugify(title)[:200],
            theme=theme,
            body=body,
            is_public=public,
            search_text=folded_words(title, body, max_chars=None),
        )
        page.formats.set([f for f in formats if f.theme == theme])
        pages.append(page)
    modules = 0
    if project and team:
        supplier, _ = Supplier.objects.get_or_create(
            name="Expertises numériques SAS",
            defaults={"contract_reference": "Accord-cadre 2025-ANCT-04, lot 2"},
        )
        Supplier.objects.get_or_create(
            name="Atelier Design Public", defaults={"contract_reference": "Marché 2024-17"}
        )
        if coach:
            FollowUp.objects.create(
                project=project,
                coach=coach,
                theme="impact",
                title="Coaching mesure d'impact",
                next_due=timezone.localdate() + timedelta(days=5),
            )
        closed = services.module_create(
            project=project, expertise="Audit de sécurité", theme="securite", follower=coach
        )
        services.module_quote(
            module=closed, supplier=supplier, statement_of_need="Audit avant mise en production",
            days_per_profile="Auditeur senior : 6 jours",
        )  # fmt: skip
        services.module_order(
            module=closed, by=team, order_reference="BC-2026-031",
            amount_excl_vat=Decimal("6000"), amount_incl_vat=Decimal("7200"),
            days=Decimal("6"), ordered_on=timezone.localdate() - timedelta(days=90),
            due_on=timezone.localdate() - timedelta(days=30),
        )  # fmt: skip
        services.module_mark(module=closed, target=ModuleStatus.IN_PROGRESS)
        services.module_mark(
            module=closed,
            target=ModuleStatus.DELIVERED,
            delivered_on=timezone.localdate() - timedelta(days=35),
        )
        # The whole order was delivered: the service fait is the amount ordered, TTC (7 200 €).
        services.module_attest(module=closed, by=team)
        services.module_close(module=closed, evaluation="Audit utile et clair.", score=4)
        open_module = services.module_create(
            project=projects[-1],
            expertise="Étude d'accessibilité",
            theme="accessibilite",
            reason="Préparer la déclaration d'accessibilité",
            follower=coach,
        )
        services.module_quote(
            module=open_module, supplier=supplier, statement_of_need="Audit RGAA sur 20 pages",
            days_per_profile="Auditeur : 4 jours",
        )  # fmt: skip
        modules = ExpertModule.objects.count()
    # Requests waiting for the team's triage: the queue a newcomer of the team opens first.
    requests = 0
    if porteur and project:
        services.request_create(
            requester=porteur, theme="impact", project=project,
            message="Nous voulons choisir nos premiers indicateurs d'impact : pouvez-vous nous "
            "accompagner sur deux ou trois séances ?",
        )  # fmt: skip
        requests += 1
    if agent:
        services.request_create(
            requester=agent, theme="donnees-ouvertes",
            message="La mairie souhaite publier ses délibérations en données ouvertes : "
            "existe-t-il une formation pour les agents ?",
        )  # fmt: skip
        requests += 1
    return (
        f"Accompagnement : {len(formats)} formats, {len(sessions)} sessions, "
        f"{registrations} inscriptions, {modules} modules d'expertise, {len(pages)} pages, "
        f"{requests} demandes à trier."
    )
