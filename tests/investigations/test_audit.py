"""Found while walking the investigations as each demo account: no button that leads to a
refusal."""

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from tests.factories import UserFactory

from .factories import InvestigationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("role", "may_delete"), [(Role.INCUBATOR, True), (Role.COACH, False)])
def test_the_delete_button_is_shown_only_to_who_may_delete(client, role, may_delete):
    user = UserFactory(role=role)
    investigation = InvestigationFactory(coach=user if role == Role.COACH else None)
    client.force_login(user)
    page = client.get(reverse("investigations:investigation", args=[investigation.pk])).text
    delete = reverse("investigations:investigation_delete", args=[investigation.pk])
    assert reverse("investigations:investigation_edit", args=[investigation.pk]) in page
    assert (delete in page) is may_delete
    assert client.get(delete).status_code == (200 if may_delete else 403)
