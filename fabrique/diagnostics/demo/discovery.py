"""Demonstration discovery of a mission: pre-diagnostic, answered questionnaire, people met,
interviews, tools and a training (loaded with the demo missions)."""

from datetime import timedelta
from decimal import Decimal

from ..services.discovery import (
    interview_save,
    person_save,
    prediagnostic_refresh,
    questionnaire_answer,
    tool_save,
    training_save,
)

ANSWERS = {
    "site": "oui", "site_outil": "Site fait par un prestataire local",
    "messagerie": "Fournisseur grand public", "demarches": "non",
    "logiciels": "Logiciel d'état civil\nLogiciel de comptabilité", "sauvegarde": "non",
    "attentes": "Un site à jour et une messagerie au nom de la commune.",
}  # fmt: skip


def load_discovery(mission, *, coach, agent) -> None:
    start = mission.start
    prediagnostic_refresh(mission=mission, by=coach)
    questionnaire_answer(mission=mission, raw=ANSWERS, by=agent)
    mayor = person_save(mission=mission, role="elu", name="Le maire", service="Conseil municipal",
                        name_is_public=True)  # fmt: skip
    secretary = person_save(mission=mission, role="agent", service="Secrétariat de mairie")
    residents = [person_save(mission=mission, role="habitant") for _ in range(3)]
    partner = person_save(mission=mission, role="partenaire", service="OPSN de la Loire")
    needs = {need.theme: need for need in mission.needs.all()}
    interview_save(
        mission=mission, day=start + timedelta(days=2), mode="sur-place", people=[mayor],
        needs=[n for t, n in needs.items() if t in ("site-internet", "messagerie")],
        notes="Le site n'est plus mis à jour depuis 2022.\n\n- messagerie **grand public**\n"
        "- pas de sauvegarde des postes",
    )  # fmt: skip
    interview_save(
        mission=mission, day=start + timedelta(days=3), mode="sur-place", title="Atelier usagers",
        people=[secretary, *residents], needs=list(needs.values())[:3],
        notes="Les familles demandent l'inscription à la cantine en ligne.",
    )  # fmt: skip
    interview_save(
        mission=mission, day=start + timedelta(days=6), mode="visio", people=[partner],
        notes="L'OPSN propose un socle mutualisé (site, messagerie).",
    )  # fmt: skip
    tool_save(mission=mission, name="Ordinateurs de la mairie (3)", kind="materiel",
              satisfaction=1)  # fmt: skip
    tool_save(mission=mission, name="Hébergement du site", kind="abonnement",
              cost_per_year=Decimal("240.00"), satisfaction=1)  # fmt: skip
    training_save(mission=mission, day=start + timedelta(days=9), topic="donnees-ouvertes",
                  audience="Élu·es et secrétaire de mairie", attendance=6)  # fmt: skip
    training_save(mission=mission, day=start + timedelta(days=12), topic="logiciel-libre",
                  audience="Agents de la commune", attendance=4)  # fmt: skip


def load_epci_discovery(mission, *, coach) -> None:
    """The people met and interviews of the demo EPCI mission, on its « entretiens » days."""
    president = person_save(mission=mission, role="elu", name="Le président",
                            service="Conseil communautaire", name_is_public=True)  # fmt: skip
    direction = person_save(
        mission=mission, role="agent", service="Direction générale des services"
    )
    secretaries = [
        person_save(
            mission=mission, role="agent", service="Secrétariat de mairie d'une commune membre"
        )
        for _ in range(3)
    ]
    days = sorted(entry.day for entry in mission.time_entries.filter(kind="entretiens"))
    needs = list(mission.needs.all())
    interview_save(
        mission=mission, day=days[0], mode="sur-place", people=[president, direction],
        needs=needs[:2], notes="Chaque commune a ses outils ; rien n'est partagé aujourd'hui.",
    )  # fmt: skip
    interview_save(
        mission=mission, day=days[1], mode="visio", title="Secrétaires de mairie",
        people=secretaries, needs=needs[1:3],
        notes="Les secrétaires de mairie demandent une messagerie et un agenda communs.",
    )  # fmt: skip
