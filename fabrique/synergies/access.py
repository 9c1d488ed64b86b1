"""Who may see and decide on synergies."""

from fabrique.accounts.access import is_incubator_staff

from .vocabulary import PUBLIC_KINDS, known_kinds


def can_view_synergies(user) -> bool:
    """The Synergies page (groups across collectivités) and the decisions already recorded on
    a pair (badges « Synergie confirmée », « Mis en relation »): the incubator team."""
    return is_incubator_staff(user)


def can_decide_synergy(user) -> bool:
    """Confirm, dismiss a suggested pair, record that people were put in touch."""
    return is_incubator_staff(user)


def similar_kinds(user) -> frozenset[str]:
    """The kinds of item a user may see in « Similaires ailleurs », with the words they share.

    The incubator team: every kind. Everyone else, logged in or not: the kinds whose indexed
    text is public in full (`PUBLIC_KINDS`, today every kind). The reasons of a pair are shown
    only when both of its items are of these kinds (`selectors.similar_to`).
    """
    return known_kinds() if is_incubator_staff(user) else PUBLIC_KINDS
