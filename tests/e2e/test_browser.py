"""Parcours réels dans Chromium : connexion, recherche htmx, autocomplétion, 404, CSP, axe."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.factories import TEST_PASSWORD

from .conftest import normalise_spaces

pytestmark = pytest.mark.browser

SAINT_ETIENNE = "Saint-Étienne"
BLOCKING_IMPACTS = {"serious", "critical"}


def assert_dsfr_css_applied(page):
    """The DSFR stylesheet is served by live_server (WhiteNoise + finders) and applied.

    Without it axe's colour-contrast rule would judge unstyled browser defaults.
    """
    font_family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Marianne" in font_family, f"CSS DSFR non appliquée (font-family : {font_family!r})"
    header_display = page.evaluate(
        "getComputedStyle(document.querySelector('.fr-header__body-row')).display"
    )
    assert header_display == "flex", "CSS DSFR non appliquée à l'en-tête"


def test_login_with_email_and_password(page, live_server, agent):
    page.goto(f"{live_server.url}/connexion/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion à Fabrique")

    page.locator("input[name='username']").fill(agent.email)
    page.locator("input[name='password']").fill(TEST_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()

    expect(page).to_have_url(f"{live_server.url}/mon-espace/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")
    expect(page.get_by_role("main")).to_contain_text("Bonjour")
    expect(page.get_by_role("button", name="Se déconnecter")).to_be_visible()


def test_login_with_wrong_password_stays_on_form(page, live_server, agent):
    page.goto(f"{live_server.url}/connexion/")
    page.locator("input[name='username']").fill(agent.email)
    page.locator("input[name='password']").fill("pas-le-bon-mot-de-passe")
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()

    expect(page.get_by_role("alert")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/connexion/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion à Fabrique")


def test_search_then_open_saint_etienne(page, live_server, live_territories):
    page.goto(f"{live_server.url}/territoires/")
    assert_dsfr_css_applied(page)
    results = page.locator("#search-results")
    expect(results).to_contain_text("Saisissez au moins un mot")

    # Typed key by key: htmx fires on `input` (250 ms debounce) and swaps #search-results in place.
    page.locator("#territory-search-input").press_sequentially("saint etienne", delay=20)

    rows = results.locator("table tbody tr")
    expect(rows.first.locator("td").first).to_have_text(SAINT_ETIENNE)
    expect(rows).to_have_count(3)
    expect(rows.nth(2)).to_contain_text("Saint-Étienne-du-Rouvray")
    # hx-push-url: the address bar follows, so the result page can be bookmarked or shared.
    expect(page).to_have_url(re.compile(r"/territoires/\?q=saint(\+|%20)etienne$"))

    rows.first.get_by_role("link", name=SAINT_ETIENNE, exact=True).click()

    expect(page).to_have_url(f"{live_server.url}/territoires/communes/42218/")
    expect(page.get_by_role("heading", level=1)).to_have_text(SAINT_ETIENNE)
    population = normalise_spaces(page.locator("#commune-population").inner_text())
    assert "172 565" in population, f"population affichée : {population!r}"


def test_header_autocomplete_with_the_keyboard(page, live_server, live_territories):
    page.goto(f"{live_server.url}/")
    search_input = page.locator("#header-search-input")
    suggestions = page.locator("#header-search-suggestions")

    search_input.focus()
    page.keyboard.type("saint etienne", delay=20)

    suggestion = suggestions.get_by_role("link", name=SAINT_ETIENNE, exact=True)
    expect(suggestion).to_be_visible()
    expect(suggestions.get_by_role("link").first).to_have_text(SAINT_ETIENNE)
    expect(suggestions).to_contain_text("172 565")

    # Échap ferme la liste (fabrique.js ; Chromium vide aussi le champ de type search)…
    page.keyboard.press("Escape")
    expect(suggestions.get_by_role("link")).to_have_count(0)

    # …et tout se fait au clavier : nouvelle saisie, Tab jusqu'à la suggestion, Entrée.
    expect(search_input).to_be_focused()
    page.keyboard.type("saint etienne", delay=20)
    expect(suggestion).to_be_visible()
    for _ in range(5):
        page.keyboard.press("Tab")
        if suggestion.evaluate("link => link === document.activeElement"):
            break
    expect(suggestion).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{live_server.url}/territoires/communes/42218/")
    expect(page.get_by_role("heading", level=1)).to_have_text(SAINT_ETIENNE)


@pytest.mark.parametrize("width", [375, 1280])
def test_search_skip_link_reaches_the_field_on_every_width(page, live_server, width):
    """The « Recherche » skip link puts the cursor in the header search field; below 992 px the
    field sits in the closed search window, which the link opens first."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    skip = page.locator(".fr-skiplinks").get_by_role("link", name="Recherche")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    search_input = page.locator("#header-search-input")
    expect(search_input).to_be_visible()
    expect(search_input).to_be_focused()


def test_search_skip_link_does_not_leave_the_focus_on_close(page, live_server):
    """Leftovers round 7: on a phone the search window opened by the skip link put the focus
    on « Fermer » (the DSFR focuses the window's first button once it shows it) and moved it to
    the field only 400 ms later, a fixed wait a slow phone could outlast. The field takes it at
    the next animation frame after the window shows, and keeps it."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/")
    page.wait_for_selector("#modal-search[data-fr-js-modal]", state="attached")  # DSFR started
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator(".fr-skiplinks").get_by_role("link", name="Recherche")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)  # less than the 400 ms the page used to wait
    assert page.evaluate("document.activeElement.id") == "header-search-input"
    page.wait_for_timeout(1000)  # the DSFR's focus trap has run: the field kept the focus
    expect(page.locator("#header-search-input")).to_be_focused()


def test_unknown_commune_shows_french_404(page, live_server, live_territories):
    response = page.goto(f"{live_server.url}/territoires/communes/99999/")

    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page introuvable")
    expect(page).to_have_title(re.compile(r"^Page introuvable"))
    expect(page.get_by_role("main")).to_contain_text("Erreur 404")
    expect(page.get_by_role("link", name="Rechercher un territoire")).to_be_visible()


def test_home_page_has_no_csp_violation(page, live_server, live_territories):
    """The real CSP is enforced here: DSFR and htmx must load thanks to 'self' and the nonce."""
    console_errors = []
    page_errors = []
    # Belt and braces: also record the DOM's securitypolicyviolation events (an init script
    # injected by Playwright is not subject to the page's CSP).
    page.add_init_script(
        "window.__cspViolations = [];"
        "document.addEventListener('securitypolicyviolation', (event) =>"
        " window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`));"
    )
    page.on(
        "console",
        lambda message: console_errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: page_errors.append(str(error)))

    response = page.goto(f"{live_server.url}/", wait_until="load")
    assert response is not None
    assert response.ok
    csp = response.headers.get("content-security-policy", "")
    assert "script-src 'self' 'nonce-" in csp, f"CSP absente ou inattendue : {csp!r}"

    # Scripts really ran: the DSFR API and htmx are defined on window.
    page.wait_for_function("() => window.dsfr !== undefined && window.htmx !== undefined")
    assert_dsfr_css_applied(page)

    csp_errors = [text for text in console_errors if "Content Security Policy" in text]
    assert not csp_errors, "Violations CSP dans la console :\n" + "\n".join(csp_errors)
    assert page.evaluate("window.__cspViolations") == []
    assert not page_errors, "Erreurs JavaScript :\n" + "\n".join(page_errors)


def format_violations(violations):
    lines = []
    for violation in violations:
        targets = [", ".join(map(str, node["target"])) for node in violation["nodes"]]
        lines.append(
            f"- {violation['id']} ({violation['impact']}) : {violation['help']}\n"
            + "\n".join(f"    • {target}" for target in targets)
        )
    return "\n".join(lines)


@pytest.mark.parametrize(
    "path",
    ["/", "/territoires/?q=saint+etienne", "/territoires/communes/42218/"],
    ids=["accueil", "resultats-recherche", "commune"],
)
def test_no_serious_accessibility_violation(page, live_server, live_territories, path):
    response = page.goto(f"{live_server.url}{path}", wait_until="load")
    assert response is not None
    assert response.ok
    assert_dsfr_css_applied(page)
    # DSFR's JS finishes setting up components (header, theme) before the audit.
    page.wait_for_function("() => window.dsfr !== undefined")

    results = Axe().run(page)

    # The contrast rule did evaluate styled text (DSFR links drawn with background gradients stay
    # "incomplete" for axe: to be reviewed by hand, they are not violations).
    assert "color-contrast" in {rule["id"] for rule in results.response["passes"]}

    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, (
        f"axe-core : {len(blocking)} violation(s) grave(s) ou critique(s) sur {path}\n"
        + format_violations(blocking)
    )
