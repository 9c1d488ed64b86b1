"""The public offer, formats, the coach's and team's views, reach and exports."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from fabrique.core import exports as core_exports
from fabrique.core.markdown import markdown_html
from fabrique.core.views_helpers import form_page, require

from .. import access, exports, selectors, services
from ..forms import FormatForm
from ..vocabulary import Theme
from .common import confirm_page, crumbs, format_link, history_page


@login_not_required
def offer(request):
    return render(
        request,
        "support/offer.html",
        {
            "title": "Offre d'accompagnement",
            "formats": selectors.offer(request.user),
            "sessions": selectors.upcoming_sessions(request.user, limit=20),
            "can_manage": access.can_manage_offer(request.user),
            "can_request": access.can_request_support(request.user),
        },
    )


@login_not_required
def format_detail(request, pk):
    item = access.format_for_user_or_404(request.user, pk)
    return render(
        request,
        "support/format.html",
        {
            "title": item.title,
            "format": item,
            "description": markdown_html(item.description),
            "sessions": selectors.format_sessions(item, request.user),
            "can_manage": access.can_manage_offer(request.user),
            "can_request": access.can_request_support(request.user),
            "breadcrumb_data": crumbs(current=item.title),
        },
    )


def _format_save(item=None):
    def save(data):
        target = item or FormatForm.Meta.model()
        for name, value in data.items():
            setattr(target, name, value)
        return reverse("support:format", args=[services.format_save(support_format=target).pk])

    return save


def format_create(request):
    require(access.can_manage_offer(request.user))
    form = FormatForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        save=_format_save(),
        title="Nouveau format d'accompagnement",
        back_url=reverse("support:offer"),
        success_message="Le format est ajouté à l'offre.",
        breadcrumb=crumbs(current="Nouveau format"),
    )


def format_edit(request, pk):
    item = access.format_for_user_or_404(request.user, pk, need="edit")
    form = FormatForm(request.POST if request.method == "POST" else None, instance=item)
    return form_page(
        request,
        form,
        save=_format_save(item),
        title=f"Modifier « {item.title} »",
        back_url=reverse("support:format", args=[item.pk]),
        success_message="Le format est modifié.",
        breadcrumb=crumbs(format_link(item), current="Modifier"),
    )


def format_delete(request, pk):
    item = access.format_for_user_or_404(request.user, pk, need="edit")
    return confirm_page(
        request,
        title=f"Supprimer « {item.title} »",
        question="Le format et toutes ses sessions (avec leurs inscriptions) seront supprimés.",
        back_url=reverse("support:format", args=[item.pk]),
        action=lambda: services.format_delete(support_format=item),
        done="Le format est supprimé.",
        to=reverse("support:offer"),
        breadcrumb_data=crumbs(format_link(item), current="Supprimer"),
    )


def format_history(request, pk):
    item = access.format_for_user_or_404(request.user, pk, need="edit")
    return history_page(
        request,
        item,
        back_url=reverse("support:format", args=[item.pk]),
        breadcrumb_data=crumbs(format_link(item), current="Historique"),
    )


def coach(request):
    require(access.can_view_coach_board(request.user))
    return render(
        request,
        "support/coach.html",
        {
            "title": "Mon tableau d'accompagnement",
            "view": selectors.coach_view(request.user),
            "breadcrumb_data": crumbs(current="Mon tableau"),
        },
    )


def team(request):
    require(access.can_manage_offer(request.user))
    return render(
        request,
        "support/team.html",
        {
            "title": "Portée de l'offre d'accompagnement",
            "reach": selectors.reach()["rows"],
            "themes": dict(Theme.choices),
            "satisfaction": selectors.satisfaction_by_format(),
            "board": selectors.modules_board(),
            "breadcrumb_data": crumbs(current="Portée de l'offre"),
        },
    )


def reach_export(request, fmt):
    require(access.can_manage_offer(request.user))
    if fmt not in core_exports.SPREADSHEETS:
        raise Http404
    rows = exports.reach_rows(selectors.reach()["rows"], dict(Theme.choices))
    return core_exports.response(
        rows, fmt, exports.REACH_COLUMNS, "Portée de l'offre", "portee-accompagnement"
    )
