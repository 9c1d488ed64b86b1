"""What the pages of the accompagnement sur-mesure share: their breadcrumb, and the way back
from a page that would change what a mission no longer takes."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from fabrique.core import views_helpers
from fabrique.core.views_helpers import breadcrumb

from .. import rules

# The mission pages have no history page: say what is true of a deletion.
DELETION_NOTE = (
    "La suppression est définitive sur le site ; elle reste enregistrée (date et auteur) dans "
    "le journal des modifications de la plateforme."
)


def confirm_delete(request, **kwargs):
    """The confirmation of a deletion (core), with what the sur-mesure pages can promise."""
    return views_helpers.confirm_delete(request, history=DELETION_NOTE, **kwargs)


def crumbs(*links, current: str) -> dict:
    """The breadcrumb of a page below the team's queue of missions."""
    home = ("Accompagnement sur-mesure", reverse("diagnostics:queue"))
    return breadcrumb(home, *links, current=current)


def mission_link(mission) -> tuple[str, str]:
    return (str(mission.collectivite), mission.get_absolute_url())


def not_documentable(request, mission):
    """Back to the top of the mission (where the message shows) with the French reason when it
    takes no more records of its documentation (`rules.documenting_problem`, also checked by
    every service); None when it does. For the add and edit pages, so that no form is filled
    in only to be refused."""
    if problem := rules.documenting_problem(mission.status):
        messages.error(request, problem)
        return redirect(mission.get_absolute_url())
    return None
