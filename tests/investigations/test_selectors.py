import pytest

from fabrique.investigations import selectors
from fabrique.investigations.models import ProblemCollectivite
from tests.factories import CommuneFactory, RegionFactory

from .factories import InvestigationFactory, ProblemFactory

pytestmark = pytest.mark.django_db


def test_programme_stats_by_theme_region_and_conversion():
    commune = CommuneFactory()
    region = commune.departement.region
    InvestigationFactory(problem__communes=[commune], problem__theme="Eau", decision="go")
    problem = ProblemFactory(communes=[commune], theme="Eau")
    ProblemCollectivite.objects.create(problem=problem, region=region)  # counted once
    ProblemFactory(communes=[], theme="")
    ProblemCollectivite.objects.create(problem=ProblemFactory(communes=[]), region=RegionFactory())
    stats = selectors.programme_stats()
    assert stats["problems"] == 4
    assert (stats["investigations"], stats["gos"]) == (1, 1)
    assert stats["to_investigation"] == 25.0 and stats["to_go"] == 100.0
    assert stats["themes"][0] == ("Eau", 2)
    assert stats["regions"][0] == (region.name, 2)
    assert len(stats["regions"]) == 2


def test_programme_stats_tie_themes_and_regions_in_french_alphabetical_order():
    """« Éducation » comes between « Déchets » and « Mobilité », not after « Voirie »."""
    for theme in ("Voirie", "Éducation", "Déchets", "Mobilité"):
        ProblemFactory(communes=[], theme=theme)
    for name in ("Normandie", "Île-de-France", "Bretagne"):
        ProblemCollectivite.objects.create(
            problem=ProblemFactory(communes=[], theme="Voirie"), region=RegionFactory(name=name)
        )
    stats = selectors.programme_stats()
    assert [theme for theme, n in stats["themes"] if n == 1] == ["Déchets", "Éducation", "Mobilité"]
    assert [name for name, _ in stats["regions"]] == ["Bretagne", "Île-de-France", "Normandie"]
