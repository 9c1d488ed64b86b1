"""Found while walking the sur-mesure as each demo account: no link that leads to a refusal, no
form offered to those who cannot send it."""

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FOLLOWUPS = reverse("diagnostics:followups")
NATIONAL = reverse("diagnostics:national")
REQUEST = reverse("diagnostics:request")


@pytest.mark.parametrize(
    ("role", "followups", "national", "request_form"),
    [
        (Role.INCUBATOR, True, True, True),
        (Role.COACH, True, False, False),
        (Role.AGENT, False, False, True),
        (Role.SERVICE_OWNER, False, False, False),
    ],
)
def test_the_home_page_only_links_to_pages_the_role_may_open(
    client, role, followups, national, request_form
):
    client.force_login(UserFactory(role=role))
    page = client.get(reverse("diagnostics:queue")).text
    assert (f'href="{FOLLOWUPS}"' in page) is followups
    assert (f'href="{NATIONAL}"' in page) is national
    assert (f'href="{REQUEST}"' in page) is request_form
    # Every link shown opens; every link hidden would have been refused.
    assert client.get(FOLLOWUPS).status_code == (200 if followups else 403)
    assert client.get(NATIONAL).status_code == (200 if national else 403)
    assert client.get(REQUEST).status_code == (200 if request_form else 403)
