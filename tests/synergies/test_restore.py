"""Restoring a dismissed pair (« Rétablir »): the service, who may, the page « Paires écartées »."""

import pytest
from django.core.exceptions import ValidationError

from fabrique.accounts.models import Role
from fabrique.synergies import access, selectors, services
from fabrique.synergies.models import LocalInitiative, SynergyDecision, SynergyPair
from fabrique.synergies.vocabulary import DecisionStatus
from tests.breadcrumbs import trail

pytestmark = pytest.mark.django_db

LIST = "/synergies/ecartees/"
ALL_KINDS = ["projet", "initiative", "solution"]


def shown_pairs():
    return {
        pair.pair_key
        for group in selectors.synergy_groups(kinds=ALL_KINDS)
        for pair in selectors.group_pairs(group)
    }


@pytest.fixture
def dismissed(corpus, users):
    """The best pair, dismissed by the team."""
    services.recompute()
    pair = SynergyPair.objects.order_by("-score", "pair_key").first()
    decision = services.decide(
        a=pair.a_key, b=pair.b_key, status="ecartee", by=users[Role.INCUBATOR], note="Hors sujet"
    )
    return pair, decision


def test_a_dismissal_keeps_both_labels(dismissed):
    pair, decision = dismissed
    assert (decision.a_label, decision.b_label) == (pair.a_label, pair.b_label)


def test_restore_brings_the_pair_back_and_keeps_the_history(dismissed, users):
    pair, decision = dismissed
    assert pair.pair_key not in shown_pairs()
    restored = services.restore(decision=decision, by=users[Role.ADMIN])
    assert restored.status == DecisionStatus.RESTORED
    assert restored.decided_by == users[Role.ADMIN]
    assert (restored.a_label, restored.b_label) == (pair.a_label, pair.b_label)
    # The log is the history: the dismissal stays, the restoration follows it.
    assert list(
        SynergyDecision.objects.filter(pair_key=pair.pair_key).values_list("status", flat=True)
    ) == [DecisionStatus.RESTORED, DecisionStatus.DISMISSED]
    assert pair.pair_key not in selectors.dismissed_pair_keys()
    assert pair.pair_key in shown_pairs()  # recomputed after commit (immediate backend)
    assert selectors.dismissed_decisions() == []


def test_restore_twice_is_refused(dismissed, users):
    _, decision = dismissed
    services.restore(decision=decision, by=users[Role.INCUBATOR])
    with pytest.raises(ValidationError):
        services.restore(decision=decision, by=users[Role.INCUBATOR])
    assert SynergyDecision.objects.filter(status=DecisionStatus.RESTORED).count() == 1


def test_dismissed_again_after_restore(dismissed, users):
    pair, decision = dismissed
    services.restore(decision=decision, by=users[Role.INCUBATOR])
    again = services.decide(a=pair.a_key, b=pair.b_key, status="ecartee", by=users[Role.ADMIN])
    assert pair.pair_key in selectors.dismissed_pair_keys()
    assert [row.pk for row in selectors.dismissed_decisions()] == [again.pk]


def test_restoring_is_not_a_decision_of_the_page(dismissed, users):
    pair, _ = dismissed
    with pytest.raises(ValidationError):
        services.decide(a=pair.a_key, b=pair.b_key, status="retablie", by=users[Role.ADMIN])


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.ADMIN, True),
        (Role.INCUBATOR, True),
        (Role.COACH, False),
        (Role.AGENT, False),
        (Role.SERVICE_OWNER, False),
    ],
)
def test_access_is_the_rule_of_dismissing(users, role, allowed):
    user = users[role]
    assert access.can_restore_synergy(user) is allowed
    assert access.can_restore_synergy(user) == access.can_decide_synergy(user)


def test_anonymous_may_not_restore():
    from django.contrib.auth.models import AnonymousUser

    assert access.can_restore_synergy(AnonymousUser()) is False


@pytest.mark.parametrize("role", [Role.COACH, Role.AGENT, Role.SERVICE_OWNER])
def test_other_roles_are_refused_the_page_and_the_button(client, users, dismissed, role):
    _, decision = dismissed
    client.force_login(users[role])
    assert client.get(LIST).status_code == 403
    assert client.post(f"{LIST}{decision.pk}/retablir/").status_code == 403
    assert not SynergyDecision.objects.filter(status=DecisionStatus.RESTORED).exists()
    if role != Role.AGENT:  # the agent does not see the Synergies page at all
        assert LIST not in client.get("/synergies/").content.decode()


def test_anonymous_is_sent_to_login(client, dismissed):
    _, decision = dismissed
    for response in (client.get(LIST), client.post(f"{LIST}{decision.pk}/retablir/")):
        assert response.status_code == 302 and "/connexion/" in response["Location"]
    assert not SynergyDecision.objects.filter(status=DecisionStatus.RESTORED).exists()


def test_the_team_lists_and_restores_through_the_pages(client, users, dismissed):
    pair, decision = dismissed
    client.force_login(users[Role.INCUBATOR])
    assert f'href="{LIST}"' in client.get("/synergies/").content.decode()
    response = client.get(LIST)
    html = response.content.decode()
    assert "<h1>Paires écartées</h1>" in html
    assert f'data-pair="{pair.pair_key}"' in html
    assert "Hors sujet" in html and "Rétablir" in html
    assert trail(client, LIST) == [("/synergies/", "Synergies"), (None, "Paires écartées")]
    response = client.post(f"{LIST}{decision.pk}/retablir/", follow=True)
    assert response.redirect_chain[-1][0] == LIST
    html = response.content.decode()
    assert "Synergie rétablie" in html and "fr-alert--success" in html
    assert f'data-pair="{pair.pair_key}"' not in html
    assert "Aucune paire n'est écartée." in html
    # Restored already, or never a dismissal: 404, nothing written.
    assert client.post(f"{LIST}{decision.pk}/retablir/").status_code == 404
    assert client.post(f"{LIST}999999/retablir/").status_code == 404
    assert client.get(f"{LIST}{decision.pk}/retablir/").status_code == 405
    assert SynergyDecision.objects.filter(status=DecisionStatus.RESTORED).count() == 1


def test_an_item_deleted_since_is_said_so(client, users, dismissed):
    pair, _ = dismissed
    kind, pk = pair.a_key.split(":")
    if kind != "initiative":
        kind, pk = pair.b_key.split(":")
    assert kind == "initiative"
    LocalInitiative.objects.filter(pk=pk).delete()
    client.force_login(users[Role.ADMIN])
    html = client.get(LIST).content.decode()
    assert html.count("Cet élément n'existe plus") == 1
    label = pair.a_label if pair.a_key == f"initiative:{pk}" else pair.b_label
    assert label.replace("'", "&#x27;") in html  # the label kept with the decision


def test_list_query_count_is_constant(client, users, dismissed, django_assert_max_num_queries):
    client.force_login(users[Role.INCUBATOR])
    client.get(LIST)
    with django_assert_max_num_queries(12):
        assert client.get(LIST).status_code == 200
