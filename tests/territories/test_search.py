import pytest

from fabrique.territories.selectors import search_territories

pytestmark = pytest.mark.django_db


def first(query):
    hits = search_territories(query)
    assert hits, f"aucun résultat pour {query!r}"
    return hits[0]


@pytest.mark.parametrize(
    ("query", "kind", "code"),
    [
        ("saint etienne", "commune", "42218"),
        ("SAINT-ÉTIENNE", "commune", "42218"),
        ("st etienne", "commune", "42218"),
        ("st malo", "commune", "35288"),
        ("Saint Malo", "commune", "35288"),
        ("2A004", "commune", "2A004"),
        ("2a004", "commune", "2A004"),
        ("200046977", "epci", "200046977"),
        ("42", "departement", "42"),
        ("loire", "departement", "42"),
        ("st romain d urfe", "commune", "42282"),
        ("saint-romain-d'urfé", "commune", "42282"),
        ("lyon", "commune", "69123"),
        # The kinds of intercommunalité as civil servants write them.
        ("CC du Pays d'Urfé", "epci", "244200820"),
        ("cc pays urfe", "epci", "244200820"),
        ("CA du Pays Ajaccien", "epci", "242010056"),
    ],
)
def test_issue_examples_and_normalisation(territories, query, kind, code):
    hit = first(query)
    assert (hit.kind, hit.code) == (kind, code)


def test_exact_match_first_then_by_population(territories):
    hits = search_territories("saint etienne")
    assert [hit.code for hit in hits] == ["42218", "244200770", "76575"]
    assert hits[0].exact and not hits[1].exact
    populations = [hit.population for hit in hits[1:]]
    assert populations == sorted(populations, reverse=True)


def test_every_word_must_start_a_word_of_the_name(territories):
    assert [hit.code for hit in search_territories("saint jus")] == ["42279", "42248"]
    assert search_territories("tienne") == []


def test_hit_carries_what_the_api_returns(territories):
    hit = first("Saint-Malo")
    assert hit.name == "Saint-Malo"
    assert hit.departement == "35"
    assert hit.population == 46097
    assert hit.url == "/territoires/communes/35288/"


def test_unknown_code_falls_back_to_names(territories):
    assert search_territories("99999") == []


@pytest.mark.parametrize(
    "query",
    ["", "   ", "x" * 10_000, "'; DROP TABLE territories_commune; --", "🙂🏛️", "%", "_", "\\"],
)
def test_odd_queries_return_a_list_without_error(territories, query):
    assert isinstance(search_territories(query), list)


def test_search_runs_three_queries_at_most(territories, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        search_territories("saint")


def test_a_lone_abbreviation_is_still_the_start_of_a_name(territories):
    """« ca » typed alone may be the start of a name: it is not read as « communauté
    d'agglomération » until another word follows."""
    from fabrique.territories.rules import expand_epci_kinds

    assert expand_epci_kinds(["ca"]) == ["ca"]
    assert expand_epci_kinds(["cc", "urfe"]) == ["communaute", "communes", "urfe"]
    assert expand_epci_kinds(["cucuron", "ca"]) == ["cucuron", "communaute", "agglomeration"]
