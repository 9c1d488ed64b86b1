"""What the investigation pages share: the breadcrumb under « Investigations » and the
confirmation page of every delete of the app."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.core.views_helpers import breadcrumb

from .. import access


def crumbs(*links, current: str) -> dict:
    """The breadcrumb of a page: « Investigations » (the calls, first entry of the menu), then
    `links` ((title, url) pairs; None is skipped), then the page itself."""
    return breadcrumb(("Investigations", reverse("investigations:calls")), *links, current=current)


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


def confirm_delete(
    request, *, obj, label: str, delete, back_url: str, done_url: str, breadcrumb_data: dict
):
    """GET: ask for confirmation; POST: call the delete service, say so, go to `done_url`."""
    if request.method == "POST":
        try:
            delete()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back_url)
        messages.success(request, f"{label} « {obj} » supprimé·e.")
        return redirect(done_url)
    return render(
        request,
        "investigations/confirm_delete.html",
        {
            "title": f"Supprimer {label.lower()} « {obj} »",
            "obj": obj,
            "back_url": back_url,
            "breadcrumb_data": breadcrumb_data,
        },
    )
