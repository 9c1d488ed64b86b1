from pathlib import Path

import pytest

from fabrique.accounts.models import Role

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def staff_client(client, users):
    client.force_login(users[Role.INCUBATOR])
    return client


@pytest.fixture
def agent_client(client, users):
    client.force_login(users[Role.AGENT])
    return client
