"""Issue 12, item 8: a project is never paired with its own catalogue entry (« Adresses du
village ↔ Adresses du village »); other projects still find it."""

import pytest

from fabrique.synergies import services
from fabrique.synergies.models import SimilarityLink
from tests.catalogue.factories import SolutionFactory
from tests.portfolio.factories import ProjectFactory

pytestmark = pytest.mark.django_db
TEXT = "Adresses du village : nommer les voies et numéroter les maisons pour la base adresse"


def test_a_project_and_its_catalogue_entry_are_not_a_synergy():
    project = ProjectFactory(name="Adresses du village", mission=TEXT)
    own = SolutionFactory(name="Adresses du village", description=TEXT, project=project)
    other = ProjectFactory(name="Adressage communal", mission=TEXT + " en commune rurale")
    services.recompute()
    links = set(
        SimilarityLink.objects.values_list("source_kind", "source_id", "target_kind", "target_id")
    )
    assert ("projet", project.pk, "solution", own.pk) not in links
    assert ("solution", own.pk, "projet", project.pk) not in links
    assert ("projet", other.pk, "solution", own.pk) in links
