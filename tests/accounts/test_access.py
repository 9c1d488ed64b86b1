import pytest
from django.contrib.auth.models import AnonymousUser

from fabrique.accounts.access import (
    can_access_admin,
    can_act_for_collectivite,
    can_view_territory,
    is_incubator_staff,
)
from fabrique.accounts.models import Membership, Role
from fabrique.territories.models import EPCI, Commune, Departement

pytestmark = pytest.mark.django_db

EXPECTED = {
    #                   staff  admin  own commune  other commune  own EPCI
    Role.ADMIN: (True, True, True, True, True),
    Role.INCUBATOR: (True, False, True, True, True),
    Role.COACH: (False, False, False, False, False),
    Role.AGENT: (False, False, True, False, True),
    Role.SERVICE_OWNER: (False, False, False, False, False),
}


@pytest.fixture
def places(territories, users):
    own = Commune.objects.get(insee="42248")
    Membership.objects.create(user=users[Role.AGENT], commune=own)
    Membership.objects.create(user=users[Role.AGENT], epci=own.epci)
    return {"own": own, "other": Commune.objects.get(insee="42218"), "epci": own.epci}


@pytest.mark.parametrize("role", list(Role))
def test_rights_of_every_role(users, places, role):
    user = users[role]
    got = (
        is_incubator_staff(user),
        can_access_admin(user),
        can_act_for_collectivite(user, places["own"]),
        can_act_for_collectivite(user, places["other"]),
        can_act_for_collectivite(user, places["epci"]),
    )
    assert got == EXPECTED[role]
    assert can_view_territory(user, places["other"])


def test_membership_of_a_commune_does_not_give_its_departement(users, places):
    agent = users[Role.AGENT]
    assert not can_act_for_collectivite(agent, Departement.objects.get(code="42"))
    assert not can_act_for_collectivite(agent, EPCI.objects.get(siren="244200770"))


@pytest.mark.parametrize("role", list(Role))
def test_inactive_accounts_have_no_right(users, places, role):
    user = users[role]
    user.is_active = False
    assert not is_incubator_staff(user)
    assert not can_access_admin(user)
    assert not can_act_for_collectivite(user, places["own"])


def test_anonymous_reads_territories_only(places):
    anonymous = AnonymousUser()
    assert can_view_territory(anonymous, places["own"])
    assert not can_act_for_collectivite(anonymous, places["own"])
    assert not is_incubator_staff(anonymous)
    assert not can_access_admin(anonymous)


def test_a_membership_names_exactly_one_collectivite(places, users):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=users[Role.COACH])
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            user=users[Role.COACH], commune=places["own"], epci=places["epci"]
        )
