"""What the support pages share: the breadcrumb under « Accompagnement », the delete
confirmation page and the history page."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from fabrique.core.history import object_history
from fabrique.core.views_helpers import breadcrumb

from .. import access


def crumbs(*links, current: str) -> dict:
    """The breadcrumb of a page: « Accompagnement » (the offer), then `links` ((title, url)
    pairs; None is skipped), then the page itself."""
    return breadcrumb(("Accompagnement", reverse("support:offer")), *links, current=current)


def format_link(item) -> tuple[str, str]:
    return (item.title, reverse("support:format", args=[item.pk]))


def session_links(session) -> tuple:
    """The way to a session: its format, then the session."""
    return (
        format_link(session.format),
        (str(session), reverse("support:session", args=[session.pk])),
    )


def module_links(module) -> tuple:
    """The way to an expert module: the modules list, then the module."""
    return (
        ("Modules d'expertise", reverse("support:modules")),
        (str(module), reverse("support:module", args=[module.pk])),
    )


def follow_up_links(user, item) -> tuple:
    """The way to a follow-up: the coach's board (for those who have one), then the follow-up."""
    board = ("Mon tableau", reverse("support:coach")) if access.can_view_coach_board(user) else None
    return (board, (str(item), reverse("support:follow-up", args=[item.pk])))


def requests_link() -> tuple[str, str]:
    return ("Demandes", reverse("support:requests"))


def page_links(page) -> tuple:
    """The way to a knowledge page: the knowledge base, then the page."""
    return (
        ("Base de connaissances", reverse("support:knowledge")),
        (page.title, reverse("support:page", args=[page.slug])),
    )


def confirm_page(
    request,
    *,
    title: str,
    question: str,
    back_url: str,
    action,
    done: str,
    to: str,
    breadcrumb_data: dict,
):
    """A confirmation page; on POST, run `action()` (one service), say it and go to `to`."""
    if request.method == "POST":
        action()
        messages.success(request, done)
        return redirect(to)
    return render(
        request,
        "support/confirm.html",
        {
            "title": title,
            "question": question,
            "back_url": back_url,
            "breadcrumb_data": breadcrumb_data,
        },
    )


def history_page(request, obj, *, back_url: str, breadcrumb_data: dict):
    return render(
        request,
        "components/history.html",
        {
            "title": f"Historique — {obj}",
            "rows": object_history(obj),
            "back_url": back_url,
            "back_label": "Retour",
            "breadcrumb_data": breadcrumb_data,
        },
    )
