"""The collectivité typed in a form (sur-mesure request, account request): a name designates
one collectivité or the form asks for its code, naming the candidates; never a guess."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.core.text import search_key
from fabrique.territories.forms import CollectiviteField
from tests.factories import CommuneFactory, DepartementFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def homonyms():
    gers, vosges = DepartementFactory(code="32"), DepartementFactory(code="88")
    made = (
        ("32389", "Saint-Martin", gers), ("88432", "Saint-Martin", vosges),
        ("42279", "Saint-Just-en-Chevalet", DepartementFactory(code="42")),
    )  # fmt: skip
    return tuple(
        CommuneFactory(insee=insee, name=name, search_key=search_key(name), departement=where)
        for insee, name, where in made
    )


def test_two_communes_of_the_same_name_ask_for_the_code_naming_both(homonyms):
    with pytest.raises(ValidationError) as error:
        CollectiviteField().clean("saint martin")
    message = error.value.messages[0]
    assert message.startswith(
        "Plusieurs collectivités s'appellent « saint martin » : tapez le code"
    )
    assert "Saint-Martin (code Insee 32389, 32)" in message
    assert "Saint-Martin (code Insee 88432, 88)" in message
    assert CollectiviteField().clean("88432") == homonyms[1]


def test_a_single_exact_name_or_a_single_match_is_taken(homonyms):
    assert CollectiviteField().clean("Saint-Just-en-Chevalet") == homonyms[2]
    assert CollectiviteField().clean("st just en chev") == homonyms[2]


def test_a_name_begun_that_several_collectivites_bear_asks_which(homonyms):
    with pytest.raises(ValidationError, match="Plusieurs collectivités correspondent à « Saint »"):
        CollectiviteField().clean("Saint")


def test_an_agent_chooses_among_their_collectivites(client, homonyms):
    agent = UserFactory(role=Role.AGENT)
    MembershipFactory(user=agent, commune=homonyms[0])
    MembershipFactory(user=agent, commune=homonyms[2])
    client.force_login(agent)
    page = client.get(reverse("diagnostics:request")).content.decode()
    assert '<select name="collectivite"' in page
    assert '<option value="32389">Saint-Martin (32389)</option>' in page
    assert '<option value="42279">Saint-Just-en-Chevalet (42279)</option>' in page
    assert "88432" not in page  # the homonym is not theirs
    response = client.post(reverse("diagnostics:request"), {"collectivite": "32389", "hopes": "x"})
    assert response.status_code == 302


def test_a_departement_among_the_candidates_is_named_by_its_code_not_a_siren(homonyms):
    """The funding page also takes a département: « Seine-Saint-Denis (SIREN 93) » named a
    SIREN a département has not, and the codes asked were in two nested parentheses."""
    from fabrique.territories.forms import designated

    DepartementFactory(
        code="93", name="Seine-Saint-Denis", search_key=search_key("Seine-Saint-Denis")
    )
    with pytest.raises(ValidationError) as error:
        designated("Saint", kinds=("commune", "epci", "departement"))
    message = error.value.messages[0]
    assert "Seine-Saint-Denis (département 93)" in message
    assert "SIREN 93" not in message
    assert ") (" not in message and "…." not in message
    assert "ou le code du département (2 ou 3 caractères)" in message
