"""What the investigation pages share: the breadcrumb under « Investigations » and the ways
back to a problem or an investigation. (Deletes use the confirmation page of every app:
`core.views_helpers.confirm_delete`.)"""

from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.core.views_helpers import breadcrumb

from .. import access


def crumbs(*links, current: str) -> dict:
    """The breadcrumb of a page: « Investigations » (the calls, first entry of the menu), then
    `links` ((title, url) pairs; None is skipped), then the page itself."""
    return breadcrumb(("Investigations", reverse("investigations:calls")), *links, current=current)


def public_list_link() -> tuple[str, str]:
    return ("Investigations publiques", reverse("investigations:public_list"))


def problems_link() -> tuple[str, str]:
    return ("Problèmes", reverse("investigations:problems"))


def problem_links(problem) -> tuple:
    """The way to a problem: the problems list, then the problem."""
    return (problems_link(), (str(problem), problem.get_absolute_url()))


def investigation_links(user, investigation) -> tuple:
    """The way to an investigation: the list the menu gives this role (all investigations for the
    team, mine for a coach; nothing for the others), then the investigation."""
    if access.can_select(user):
        listing = ("Toutes les investigations", reverse("investigations:investigations"))
    elif getattr(user, "role", None) == Role.COACH:
        listing = ("Mes investigations", reverse("investigations:mine"))
    else:
        listing = None
    return (listing, (str(investigation), investigation.get_absolute_url()))
