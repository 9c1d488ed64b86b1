"""Who may see the reference territories, and the pages that load one and check it in one call.

The rule itself is `accounts.access.can_view_territory` (territories are open data)."""

from fabrique.accounts.access import can_view_territory
from fabrique.core.views_helpers import require

from . import selectors

LOADERS = {
    "commune": selectors.commune_detail,
    "epci": selectors.epci_detail,
    "departement": selectors.departement_detail,
}


def territory_for_user_or_404(user, kind: str, code: str):
    """A commune (INSEE code), EPCI (SIREN) or département (code): 404 when unknown, 403 when
    the rule refuses it."""
    territory = LOADERS[kind](code)
    require(can_view_territory(user, territory))
    return territory
