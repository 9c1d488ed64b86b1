"""« st » typed in the territory search is « saint » and the start of a name
(`core.text.search_alternatives`): Saint-Just and Stains are both found."""

import pytest

from fabrique.core.text import search_key
from fabrique.territories.selectors import search_territories
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def commune(insee, name, population):
    return CommuneFactory(
        insee=insee, name=name, population=population, search_key=search_key(name)
    )


def test_st_finds_saint_and_names_starting_with_st():
    commune("42279", "Saint-Just-en-Chevalet", 1141)
    commune("93072", "Stains", 39000)
    commune("01004", "Ambérieu-en-Bugey", 14000)
    assert {hit.name for hit in search_territories("st")} == {"Saint-Just-en-Chevalet", "Stains"}
    assert {hit.name for hit in search_territories("saint")} == {"Saint-Just-en-Chevalet"}
    assert [hit.name for hit in search_territories("st just")] == ["Saint-Just-en-Chevalet"]
