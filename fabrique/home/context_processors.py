"""Context shared by every page, computed without any database query."""

from types import SimpleNamespace

from django.conf import settings

from fabrique.accounts.access import is_incubator_staff

# django-dsfr reads SITE_CONFIG in its templates; its own processor costs one query per page.
SITE = SimpleNamespace(
    site_title="Fabrique",
    site_tagline="Incubateur de services numériques publics pour les collectivités",
    header_brand_html="République<br>Française",
    footer_brand_html="République<br>Française",
    footer_description=(
        "Fabrique suit les services numériques publics que l'incubateur construit "
        "avec les collectivités territoriales, sur les données de référence de l'Insee."
    ),
    beta_tag=True,
    mourning=False,
    notice_title="",
    notice_description="",
)

SKIPLINKS = [
    {"link": "#content", "label": "Contenu"},
    {"link": "#header-search-input", "label": "Recherche"},
    {"link": "#footer", "label": "Pied de page"},
]


# The team's steering pages, under « Pilotage » in the menu (the rest of the portfolio is
# « Projets »): view names, or a prefix followed by « - » (committee-edit…).
PILOTAGE = (
    "portfolio:dashboard", "portfolio:export", "portfolio:attestations", "portfolio:attest",
    "portfolio:committee", "portfolio:committees", "portfolio:decision", "impact:portfolio",
)  # fmt: skip


def nav_section(match) -> str:
    """The menu entry a page belongs to: « pilotage », « projets », else its app's name."""
    if match is None:
        return ""
    name = match.view_name or ""
    if match.app_name == "synergies" or any(
        name == entry or name.startswith(entry + "-") for entry in PILOTAGE
    ):
        return "pilotage"
    if match.app_name == "portfolio":
        return "projets"
    return match.app_name or ""


def site(request):
    # Evaluating the lazy nonce now lets django-dsfr's `{% if nonce %}` see it on its scripts.
    nonce = str(request.csp_nonce) if hasattr(request, "csp_nonce") else ""
    return {
        "SITE_CONFIG": SITE,
        "skiplinks": SKIPLINKS,
        "contact_email": settings.CONTACT_EMAIL,
        "csp_nonce": nonce,
        "nav_staff": is_incubator_staff(getattr(request, "user", None)),
        "nav_section": nav_section(getattr(request, "resolver_match", None)),
    }
