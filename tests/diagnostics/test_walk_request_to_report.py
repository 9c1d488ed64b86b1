"""Found while walking a mission from the request to the report read by the élu, as the agent,
the team and the consultant (an EPCI, a large city, the days ledger, the deliverable)."""

import re
from datetime import date

import pytest

from fabrique.accounts.models import Role
from fabrique.diagnostics import services
from fabrique.diagnostics.exports import deliverable_odt, deliverable_pdf
from tests.documents import odt_text, pdf_text
from tests.factories import CommuneFactory, DepartementFactory, EPCIFactory, UserFactory

pytestmark = pytest.mark.django_db


def _flat(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


@pytest.fixture
def epci_mission():
    coach = UserFactory(role=Role.COACH, first_name="Sacha", last_name="Bernard")
    epci = EPCIFactory(name="Communauté de communes du Pays d'Urfé", population=5212)
    loire = DepartementFactory(code="42", name="Loire")
    CommuneFactory(epci=epci, departement=loire, population=1500)
    mission = services.mission_request(collectivite=epci, hopes="Un site", today=date(2026, 9, 1))
    mission = services.mission_accept(mission=mission, consultant=coach, start=date(2026, 9, 1))
    services.need_save(mission=mission, title="Site", theme="site-internet",
                       scores={"importance": 3, "population": 2, "urgence": 1,
                               "faisabilite": 3, "cout": 1})  # fmt: skip
    return mission


def test_the_report_of_an_epci_names_its_departement_author_and_days_in_french(epci_mission):
    coach = epci_mission.consultant
    for day in (1, 2, 3):
        services.time_log(mission=epci_mission, person=coach, day=date(2026, 9, day),
                          half_days=2, kind="analyse")  # fmt: skip
    services.time_log(mission=epci_mission, person=coach, day=date(2026, 9, 4), half_days=1,
                      kind="redaction")  # fmt: skip
    pdf = _flat(pdf_text(deliverable_pdf(epci_mission)))
    odt = _flat(odt_text(deliverable_odt(epci_mission)))
    for text in (pdf, odt):
        assert "Département : Loire." in text
        assert "par Sacha Bernard." in text
        assert "3,5 jours utilisés sur 10." in text
        assert "3.5" not in text
