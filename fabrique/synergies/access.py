"""Who may see and decide on synergies."""

from fabrique.accounts.access import is_incubator_staff


def can_view_synergies(user) -> bool:
    """The Synergies page (groups across collectivités): the incubator team."""
    return is_incubator_staff(user)


def can_decide_synergy(user) -> bool:
    """Confirm, dismiss a suggested pair, record that people were put in touch."""
    return is_incubator_staff(user)
