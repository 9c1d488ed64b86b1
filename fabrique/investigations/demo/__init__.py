"""Demonstration data of this app, loaded by `manage.py load_demo` (idempotent).

A closed call with scored problems, an open call, four investigations: one in phase 1, one in
phase 3, one go that became a portfolio project in construction, one no-go. Everything is
written through the services (they validate); dates are relative to today. Nothing is created
twice: the closed call's title is the key.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from fabrique.accounts.models import Role, User
from fabrique.territories.models import Commune

from .. import services
from ..models import Call
from ..vocabulary import GO_GRID, Decision, ExitRoute

CLOSED_TITLE = "Appel à problématiques 2026 — communes et intercommunalités"
# Its former title, which spoke of rural collectivités while Saint-Étienne and Saint-Malo are among
# them and rurality is no criterion of a call: a demo loaded before is still recognised.
FORMER_CLOSED_TITLES = ["Appel à problématiques 2026 — collectivités rurales"]
OPEN_TITLE = "Appel à problématiques — automne"
# The demo agent's commune (Saint-Just-en-Chevalet) first: it sees the go and the last problem.
# The rooms problem is Montbrison's (index 2), not Saint-Malo's: Saint-Malo already builds
# Salles ouvertes (portfolio demo), which the team can point Montbrison to.
COMMUNES = ["42248", "42218", "42147", "42095", "35288"]
PROBLEMS = [
    (
        "Inscriptions à la cantine perdues",
        "Les familles inscrivent leurs enfants à la cantine sur papier ; les fiches se perdent "
        "et la mairie rappelle chaque famille à la rentrée.",
        "Éducation",
        True,
    ),
    (
        "Horaires de la déchetterie introuvables",
        "Les habitants ne trouvent pas les horaires de la déchetterie intercommunale et "
        "appellent la mairie qui ne les connaît pas toujours.",
        "Déchets",
        True,
    ),
    (
        "Réservation des salles communales",
        "Les associations réservent les salles par téléphone ; les doubles réservations sont "
        "fréquentes et le planning papier n'est tenu que par une personne.",
        "Vie associative",
        True,
    ),
    (
        "Signalements de voirie sans suite",
        "Les nids-de-poule et lampadaires en panne sont signalés oralement au secrétariat "
        "de mairie ; personne ne sait ce qui a été traité.",
        "Voirie",
        True,
    ),
    (
        "Transport à la demande méconnu",
        "Le transport à la demande existe mais les personnes âgées ne savent pas le réserver.",
        "Mobilité",
        False,
    ),
]
# The artefacts of each investigation's phases, by problem title: each tells its own story.
ARTEFACTS = {
    "Inscriptions à la cantine perdues": {
        1: {
            "figures": "1 200 familles, 300 appels de relance par rentrée",
            "sources": "Registre d'appels de la mairie, fiches papier de 2025",
            "statement": "Les fiches d'inscription papier se perdent : la mairie rappelle "
            "chaque famille à la rentrée.",
        },
        2: {"interviews": "12 familles, 3 agents (mars)", "user_needs": "S'inscrire en ligne"},
        3: {"ideas": "Formulaire, portail famille", "chosen_idea": "Formulaire en ligne"},
        4: {"tests": "20 familles", "results": "18 inscriptions sans appel"},
        5: {
            "exit_route": ExitRoute.NEW_SERVICE,
            "impact_hypothesis": "Moins d'appels à la rentrée",
            "indicators": "Appels évités\nInscriptions en ligne",
        },
    },
    "Horaires de la déchetterie introuvables": {
        1: {
            "figures": "400 appels par an à la mairie sur les horaires",
            "sources": "Registre d'appels de la mairie",
            "statement": "Les habitants ne trouvent pas les horaires de la déchetterie "
            "intercommunale, jours fériés compris.",
        },
        2: {
            "interviews": "8 habitants et 2 agents d'accueil (septembre)",
            "user_needs": "Connaître les horaires du jour avant de se déplacer",
        },
        3: {
            "ideas": "Application dédiée, SMS, lien vers la page de l'intercommunalité",
            "chosen_idea": "Lien vers la page de l'intercommunalité",
        },
        4: {
            "tests": "Lien publié sur le site et affiché en mairie pendant 3 semaines",
            "results": "Appels divisés par quatre sans nouveau service",
        },
        5: {
            "exit_route": ExitRoute.NO_DIGITAL,
            "impact_hypothesis": "Un lien suffit : pas de service à construire",
            "indicators": "Appels sur les horaires",
        },
    },
    "Réservation des salles communales": {
        1: {
            "figures": "35 associations, 6 salles, 4 doubles réservations par mois",
            "sources": "Planning papier de la mairie (2025)",
            "statement": "Les réservations par téléphone produisent des doubles "
            "réservations ; le planning n'est tenu que par une personne.",
        },
        2: {
            "interviews": "6 présidents d'association, la secrétaire de mairie (octobre)",
            "user_needs": "Voir les créneaux libres et réserver sans appeler",
        },
    },
}


# Each problem's level on the grid (the cantine first, the transport last: it is declined) and
# how the second reviewer departs from the first, so that averages and spreads differ.
LEVELS = [5, 4, 4, 3, 2]
SECOND_OPINION = [0, -1, 1, -2, 0]


def _scores(index: int, reviewer: int, keys) -> dict:
    level = LEVELS[index % len(LEVELS)] + (SECOND_OPINION[index % len(LEVELS)] if reviewer else 0)
    return {key: max(0, min(5, level - n % 2)) for n, key in enumerate(keys)}


def _run_phases(investigation, upto: int) -> None:
    for phase in investigation.phases.all():
        if phase.step > upto:
            break
        services.phase_update(phase=phase, **ARTEFACTS[investigation.problem.title][phase.step])
        services.phase_close(
            phase=phase, summary=f"Phase {phase.step} close.", on=phase.planned_end
        )


@transaction.atomic
def load_demo() -> str:
    """Create (or bring up to date) the demonstration data; return a French summary line."""
    if Call.objects.filter(title__in=[CLOSED_TITLE, *FORMER_CLOSED_TITLES]).exists():
        return "Investigations : données de démonstration déjà présentes."
    by_insee = Commune.objects.in_bulk(COMMUNES, field_name="insee")
    communes = [by_insee[insee] for insee in COMMUNES if insee in by_insee]
    team = User.objects.filter(role=Role.INCUBATOR).order_by("pk").first()
    coach = User.objects.filter(email="coach@fabrique.localhost").first()
    if not communes or team is None:
        return "Investigations : territoires ou comptes de démonstration absents, rien créé."
    today = timezone.localdate()
    closed = services.call_save(
        title=CLOSED_TITLE,
        # Said by the eligibility rules (shown as « Collectivités éligibles »), not only in prose.
        description="Pour les communes et intercommunalités, quelle que soit leur taille.",
        eligible_kinds="commune,epci",
        opens_on=today - timedelta(days=150),
        closes_on=today - timedelta(days=120),
        funded_count=4,
    )
    open_call = services.call_save(
        title=OPEN_TITLE,
        description="Déposez les problèmes publics que vous rencontrez.",
        opens_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=50),
        funded_count=3,
    )
    # The team scores (several reviewers): the demo's incubator member and its administrator.
    second = (
        User.objects.filter(role__in=[Role.INCUBATOR, Role.ADMIN], is_active=True)
        .exclude(pk=team.pk)
        .order_by("pk")
        .first()
    )
    reviewers = [team, *([second] if second else [])]
    problems = []
    for index, (title, statement, theme, selected) in enumerate(PROBLEMS):
        problem = services.problem_submit(
            by=team,
            title=title,
            statement=statement,
            theme=theme,
            collectivites=[communes[index % len(communes)]],
            call=closed,
            team="Deux agents, une demi-journée par semaine",
            today=closed.opens_on + timedelta(days=5),
        )
        for offset, reviewer in enumerate(reviewers):
            services.review_record(
                problem=problem, reviewer=reviewer, scores=_scores(index, offset, closed.grid_keys)
            )
        services.selection_decide(
            problem=problem,
            selected=selected,
            reason="Problème partagé par d'autres collectivités."
            if selected
            else "Un service de transport existe déjà : nous vous mettons en relation.",
        )
        problems.append(problem)
    starts = [110, 100, 45, 10]
    investigations = [
        services.investigation_start(
            problem=problem,
            start=today - timedelta(days=days),
            weeks=10,
            coach=coach,
            # The designer (6 days) is a member of the incubator's team in the demo.
            designer=team,
            agents="Secrétaire de mairie (1 j/sem.)",
        )
        for problem, days in zip(problems[:4], starts, strict=True)
    ]
    go, no_go, middle, _young = investigations
    for investigation in (go, no_go):
        _run_phases(investigation, 5)
    _run_phases(middle, 2)
    for investigation in investigations:
        if investigation.coach:
            services.day_add(
                investigation=investigation,
                person=coach,
                role="coach",
                day=investigation.start,
                days=1,
                note="Lancement",
            )
        services.day_add(
            investigation=investigation,
            person=team,
            role="designer",
            day=investigation.start + timedelta(days=7),
            days=1,
            note="Entretiens avec les usagers",
        )
    services.decision_record(
        investigation=go,
        decision=Decision.GO,
        on=go.start + timedelta(weeks=10),
        project_name="Cantine en ligne",
        go_scores={key: 4 for key, _ in GO_GRID},
    )
    services.decision_record(
        investigation=no_go,
        decision=Decision.NO_GO,
        on=no_go.start + timedelta(weeks=10),
        learnings="Les horaires existent sur le site de l'intercommunalité : il suffit d'un lien.",
    )
    services.investigation_update(investigation=go, is_public=True)
    # The open call already holds a problem filed by the demo agent: the team has one to examine.
    agent = User.objects.filter(email="agent@fabrique.localhost").first()
    place = agent.memberships.filter(commune__isnull=False).first() if agent else None
    services.problem_submit(
        by=agent if place else team,
        title="Arrêtés municipaux introuvables en ligne",
        statement="Les habitants appellent la mairie pour savoir si un arrêté de circulation ou "
        "de stationnement les concerne : les arrêtés ne sont affichés que sur le panneau.",
        theme="Démarches",
        collectivites=[place.commune if place else communes[0]],
        call=open_call,
        sufferers="Habitants, artisans et commerçants",
        team="La secrétaire de mairie, une demi-journée par semaine",
    )
    return (
        f"Investigations : 2 appels, {len(problems)} problèmes notés, 1 problème à examiner, "
        f"{len(investigations)} investigations (un go devenu projet, un no-go)."
    )
