"""import_startups on phase names and ids written by hand: French words (« transfert »,
« Succès », « Abandonnée », « Pérennisé »), a typo in the accents (« Accéleration »), an
incubator written as a path (`/incubators/anct/`)."""

from datetime import date
from pathlib import Path

import pytest

from fabrique.portfolio.importers.startups import import_startup_files
from fabrique.portfolio.models import Phase, Project

HAND_WRITTEN = Path(__file__).parent / "fixtures" / "startups" / "hand_written"

pytestmark = pytest.mark.django_db


def phases_of(slug):
    return list(
        Phase.objects.filter(project__slug=slug)
        .order_by("start")
        .values_list("name", "start", "end")
    )


def test_phase_names_written_in_french_or_with_accents_are_read():
    """« Accéleration », « transfert », « Succès », « Abandonnée » were « phase inconnue »:
    the phase was left out, and the project looked still in construction."""
    report = import_startup_files([HAND_WRITTEN])
    assert report.skipped == []
    assert phases_of("cantine-locale") == [
        ("investigation", date(2020, 1, 6), date(2020, 3, 16)),
        ("acceleration", date(2021, 1, 4), date(2022, 2, 1)),
        ("transfere", date(2022, 2, 1), None),
    ]
    assert phases_of("registre-arbres") == [
        ("construction", date(2019, 5, 2), date(2021, 9, 1)),
        ("opere", date(2021, 9, 1), None),
    ]
    assert phases_of("bourse-locaux") == [
        ("investigation", date(2020, 9, 1), date(2020, 12, 1)),
        ("abandon", date(2020, 12, 1), None),
    ]
    for slug in ("cantine-locale", "registre-arbres", "bourse-locaux"):
        assert "Phase inconnue" not in Project.objects.get(slug=slug).review_notes


def test_an_old_single_status_in_french_is_read():
    """`status: Pérennisé` refused the whole file (« statut inconnu »)."""
    report = import_startup_files([HAND_WRITTEN])
    assert report.skipped == []
    assert phases_of("guichet-sentiers") == [("opere", date(2018, 4, 3), None)]


def test_an_incubator_written_as_a_path_is_its_id():
    import_startup_files([HAND_WRITTEN])
    assert Project.objects.get(slug="cantine-locale").incubator == "anct"
    again = import_startup_files([HAND_WRITTEN])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
