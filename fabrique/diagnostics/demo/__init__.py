"""Demonstration missions, loaded by `manage.py load_demo` (idempotent): in the demo agent's
commune (Saint-Just-en-Chevalet) and its EPCI (CC du Pays d'Urfé), followed by the demo
consultant, one of them delivered with its report; a request to triage and one out of
criteria elsewhere in the Loire."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from fabrique.accounts.models import User
from fabrique.accounts.services import DEMO_AGENT_COMMUNE
from fabrique.territories.models import Commune

from ..models import Mission
from ..services import (
    deliverable_finalize,
    deliverable_generate,
    mission_accept,
    mission_request,
    need_place,
    need_save,
    time_log,
)
from .benchmark import load_benchmark
from .discovery import load_discovery, load_epci_discovery

COACH = "coach@fabrique.localhost"
AGENT = "agent@fabrique.localhost"
TEAM = "equipe@fabrique.localhost"

# The needs of the commune's mission (its town hall) …
NEEDS = [
    ("Site internet de la mairie", "site-internet",
     {"importance": 3, "population": 3, "urgence": 2, "faisabilite": 3, "cout": 1}),
    ("Messagerie sur le domaine de la commune", "messagerie",
     {"importance": 2, "population": 1, "urgence": 3, "faisabilite": 3, "cout": 0}),
    ("Inscriptions à la cantine en ligne", "demarches-en-ligne",
     {"importance": 3, "population": 2, "urgence": 1, "faisabilite": 2, "cout": 2}),
    ("Sauvegarde des postes de la mairie", "cybersecurite",
     {"importance": 2, "population": 1, "urgence": 2, "faisabilite": 3, "cout": 1}),
]  # fmt: skip
# … and those of the intercommunalité's: shared between its member communes, on the same themes
# and scores (the benchmark compares the same catalogue solutions).
EPCI_TITLES = {
    "site-internet": "Site internet intercommunal, avec une page par commune membre",
    "messagerie": "Messagerie et agenda partagés entre les mairies membres",
    "demarches-en-ligne": "Démarches en ligne intercommunales (déchets, petite enfance)",
    "cybersecurite": "Sauvegarde mutualisée des postes des mairies membres",
}
EPCI_NEEDS = [(EPCI_TITLES[theme], theme, scores) for _, theme, scores in NEEDS]


def _work(mission, coach, days: int, today, needs=NEEDS):
    kinds = ["entretiens", "entretiens", "analyse", "benchmark", "atelier", "redaction"]
    for index in range(days):
        time_log(
            mission=mission, person=coach, day=mission.start + timedelta(days=3 * index),
            half_days=2, kind=kinds[index % len(kinds)],
        )  # fmt: skip
    for title, theme, scores in needs:
        need_save(mission=mission, title=title, theme=theme, scores=scores)


@transaction.atomic
def load_demo() -> str:
    if Mission.objects.exists():
        return f"Accompagnement sur-mesure : {Mission.objects.count()} missions déjà présentes."
    commune = Commune.objects.select_related("epci").filter(insee=DEMO_AGENT_COMMUNE).first()
    coach = User.objects.filter(email=COACH).first()
    agent = User.objects.filter(email=AGENT).first()
    team = User.objects.filter(email=TEAM).first()
    if commune is None or coach is None:
        return ""
    today = timezone.localdate()
    # In the agent's commune: in progress, 6 days used, needs ranked, one placed by hand.
    current = mission_request(
        collectivite=commune, requested_by=agent, today=today - timedelta(days=40),
        contact_name="Secrétariat de mairie", contact_email="mairie@example.org",
        hopes="Un site à jour, une messagerie à nous et moins de papier pour les familles.",
    )  # fmt: skip
    mission_accept(mission=current, consultant=coach, start=today - timedelta(days=30))
    _work(current, coach, 6, today)
    first = current.needs.get(theme="cybersecurite")
    need_place(need=first, position=2, justification="Sauvegardes absentes : risque immédiat.")
    load_discovery(current, coach=coach, agent=agent)
    load_benchmark(current, coach=coach)
    missions = [current]
    # In its EPCI: delivered, with its final report.
    if commune.epci is not None and commune.epci.population < 15_000:
        done = mission_request(
            collectivite=commune.epci, requested_by=team, today=today - timedelta(days=120),
            hopes="Mutualiser les outils numériques des communes membres.",
        )  # fmt: skip
        mission_accept(mission=done, consultant=coach, start=today - timedelta(days=110))
        _work(done, coach, 9, today, needs=EPCI_NEEDS)
        load_epci_discovery(done, coach=coach)
        load_benchmark(done, coach=coach)
        # Delivered within its two months, as the demo's past dates say (not on the load day).
        delivered = done.start + timedelta(days=58)
        deliverable = deliverable_generate(mission=done, by=coach, today=delivered)
        deliverable_finalize(deliverable=deliverable, today=delivered)
        missions.append(done)
    # Elsewhere in the Loire: a request to triage and one out of criteria.
    others = Commune.objects.filter(departement=commune.departement).exclude(pk=commune.pk)
    small = others.filter(population__lt=1000).order_by("insee").first()
    large = others.filter(population__gte=10_000).order_by("insee").first()
    for other, hopes in ((small, "Former les élus aux outils collaboratifs."),
                         (large, "Refaire le site de la ville.")):  # fmt: skip
        if other is not None:
            missions.append(
                mission_request(
                    collectivite=other,
                    requested_by=team,
                    hopes=hopes,
                    today=today - timedelta(days=5),
                )
            )
    return f"Accompagnement sur-mesure de démonstration : {len(missions)} missions."
