"""What the demo consultant stumbled on in a week in the browser (walk of 06/12, second
round): the pre-diagnostic named the funding schemes, the solutions used nearby and the OPSN
of the département without a link, so the consultant had to search the catalogue by hand to
read a scheme's conditions (the path « besoin → financement / catalogue »)."""

import pytest

from fabrique.catalogue.models import SolutionUse
from fabrique.diagnostics.services import discovery
from tests.catalogue.factories import FundingSchemeFactory, OperatorFactory, SolutionFactory
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def test_prediagnostic_links_to_the_catalogue_pages_it_names(client, mission, coach):
    commune = mission.commune
    operator = OperatorFactory(name="Numérique Ain", departements=[commune.departement])
    neighbour = CommuneFactory(epci=commune.epci, departement=commune.departement)
    solution = SolutionFactory(name="Site clé en main")
    SolutionUse.objects.create(solution=solution, commune=neighbour)
    scheme = FundingSchemeFactory(name="Aide au numérique rural")
    snapshot = discovery.prediagnostic_refresh(mission=mission, by=coach)
    assert scheme.name in [f["name"] for f in snapshot.data["funding"]]
    client.force_login(coach)
    page = client.get(mission.get_absolute_url()).content.decode()
    assert f'href="/catalogue/financements/{scheme.slug}/"' in page
    assert f'href="/catalogue/operateurs/{operator.slug}/"' in page
    assert f'href="/catalogue/solutions/{solution.slug}/"' in page
