"""Database fixtures of the synergies tests: the fixture initiatives and two projects."""

from pathlib import Path

import pytest

from fabrique.catalogue.models import Solution
from fabrique.portfolio.models import Project, ProjectPartner
from fabrique.portfolio.vocabulary import ProjectKind
from fabrique.synergies.importers import import_initiatives
from fabrique.territories.models import Commune
from tests.portfolio.factories import ProjectFactory

FIXTURES = Path(__file__).parent / "fixtures"
INITIATIVES_CSV = FIXTURES / "initiatives.csv"
SOURCE = "Fonds vert (test)"


@pytest.fixture
def corpus(territories):
    """8 initiatives (cours d'école, éclairage LED, covoiturage) and two projects."""
    import_initiatives(INITIATIVES_CSV, source=SOURCE, year=2023)
    cour = ProjectFactory(
        name="Cours d'école végétalisées",
        slug="cours-ecole",
        mission="Accompagner la végétalisation et la désimperméabilisation des cours d'école",
    )
    ProjectPartner.objects.create(project=cour, commune=Commune.objects.get(insee="42339"))
    cantine = ProjectFactory(
        name="Cantine en ligne",
        slug="cantine",
        mission="Réserver les repas de la cantine scolaire en ligne",
    )
    return {"cour": cour, "cantine": cantine}


def unrelated_items(count: int) -> None:
    """Projects and solutions about something else. In a corpus where nearly every text says
    « cour d'école » or « éclairage public », those words are too common to explain a pair
    (`rules.reasons.COMMON_SHARE`): tests that add many alike items dilute them in these."""
    Project.objects.bulk_create(
        Project(name=f"Registre {n}", slug=f"registre-{n}", kind=ProjectKind.STARTUP_ETAT,
                mission=f"Registre n° {n}")
        for n in range(count)
    )  # fmt: skip
    origin = Solution._meta.get_field("origin").choices[0][0]
    cost_model = Solution._meta.get_field("cost_model").choices[0][0]
    Solution.objects.bulk_create(
        Solution(name=f"Archive {n}", slug=f"archive-{n}", origin=origin, cost_model=cost_model,
                 description=f"Archive n° {n}")
        for n in range(count)
    )  # fmt: skip
