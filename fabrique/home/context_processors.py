"""Context shared by every page, computed without any database query."""

from types import SimpleNamespace

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


def site(request):
    # Evaluating the lazy nonce now lets django-dsfr's `{% if nonce %}` see it on its scripts.
    nonce = str(request.csp_nonce) if hasattr(request, "csp_nonce") else ""
    return {
        "SITE_CONFIG": SITE,
        "skiplinks": SKIPLINKS,
        "csp_nonce": nonce,
        "nav_staff": is_incubator_staff(getattr(request, "user", None)),
    }
