"""Database fixtures of the synergies tests: the fixture initiatives and two projects."""

from pathlib import Path

import pytest

from fabrique.portfolio.models import ProjectPartner
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
