"""API throttling: anonymous callers per address, accounts per account, project tokens per
token with a generous rate; a refusal is a 429 in French with the time to wait."""

import pytest
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from fabrique.accounts.models import Role
from fabrique.api.throttling import throttled_message
from fabrique.impact import services
from tests.portfolio.factories import ProjectFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/projects/"


@pytest.fixture
def rates(monkeypatch):
    """Small rates so a test reaches them in a few requests (the counts live in the cache,
    emptied before each test by tests/conftest.py)."""
    small = {"anon": "3/min", "user": "4/min", "push": "5/min"}
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", small)
    return small


def test_settings_rate_every_scope():
    assert set(api_settings.DEFAULT_THROTTLE_RATES) == {"anon", "user", "push"}
    assert api_settings.DEFAULT_THROTTLE_RATES["push"].endswith("/s")


def test_anonymous_caller_gets_french_429_with_wait(client, rates):
    answers = [client.get(URL) for _ in range(4)]
    assert [a.status_code for a in answers[:3]] == [200, 200, 200]
    refused = answers[3]
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("application/json")
    wait = int(refused["Retry-After"])
    assert 1 <= wait <= 60
    assert refused.json() == {"detail": throttled_message(wait)}
    assert refused.json()["detail"].startswith("Trop de requêtes : réessayez dans ")


def test_each_account_has_its_own_budget(client, users, rates):
    client.force_login(users[Role.INCUBATOR])
    assert [client.get(URL).status_code for _ in range(5)] == [200] * 4 + [429]
    client.force_login(users[Role.COACH])
    assert client.get(URL).status_code == 200


def test_push_token_counted_per_token_not_per_address(client, rates):
    project = ProjectFactory(slug="actes")
    secret = services.token_create(project=project, name="script")[1]
    other = services.token_create(project=project, name="autre script")[1]

    def push(token):
        return client.post(
            f"/api/v1/projects/{project.slug}/measurements/", [], content_type="application/json",
            headers={"Authorization": f"Token {token}"},
        ).status_code  # fmt: skip

    codes = [push(secret) for _ in range(6)]
    assert 429 not in codes[:5]
    assert codes[5] == 429
    assert push(other) != 429  # another token, the same address: its own budget
    # the anonymous budget of the address is untouched by token pushes
    assert client.get(URL).status_code == 200


def test_push_without_token_counts_as_anonymous(client, rates):
    project = ProjectFactory(slug="actes")
    url = f"/api/v1/projects/{project.slug}/measurements/"
    codes = [client.post(url, [], content_type="application/json").status_code for _ in range(4)]
    assert codes == [401, 401, 401, 429]


def test_message_in_french_singular_and_plural():
    assert throttled_message(0.2) == "Trop de requêtes : réessayez dans 1 seconde."
    assert throttled_message(41.5) == "Trop de requêtes : réessayez dans 42 secondes."
    assert "quelques instants" in throttled_message(None)
