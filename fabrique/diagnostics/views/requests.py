"""The requests for an accompagnement sur-mesure: the queue, a request filed, changed or
withdrawn while the team has not answered it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html

from fabrique.accounts.access import is_incubator_staff
from fabrique.accounts.selectors import memberships_for_user
from fabrique.core.views_helpers import form_page, require

from .. import rules, selectors, services
from ..access import (
    can_request,
    can_request_for,
    can_see_followups,
    can_see_queue,
    mission_for_user_or_404,
    visible_missions,
)
from ..forms import RequestEditForm, RequestForm
from .common import confirm_delete, crumbs, mission_link

PAGE_SIZE = 25


def queue(request):
    filterset, missions = selectors.queue(request.user, request.GET)
    page = Paginator(missions, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.add_days(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "diagnostics/queue.html",
        {
            "title": "Accompagnement sur-mesure",
            "filter": filterset,
            "page": page,
            "query_string": query.urlencode(),
            "is_team": can_see_queue(request.user),
            "can_see_followups": can_see_followups(request.user),
            "can_request": can_request(request.user),
        },
    )


def mission_request(request):
    require(can_request(request.user))
    form = RequestForm(request.POST or None)
    team = is_incubator_staff(request.user)
    if not team:
        # An agent asks for one of their own collectivités: chosen from the list, not typed.
        own = [
            m.commune or m.epci for m in memberships_for_user(request.user) if m.commune or m.epci
        ]
        if own:
            form.offer(own)
            if len(own) == 1:
                form.fields["collectivite"].initial = form.fields["collectivite"].widget.choices[1][
                    0
                ]
    saved = {}

    def save(data):
        if not can_request_for(request.user, data["collectivite"]):
            mine = ", ".join(str(m.territory) for m in memberships_for_user(request.user))
            raise ValidationError(
                {"collectivite": f"{data['collectivite']} n'est pas l'une de vos "
                 "collectivités : vous ne pouvez demander un accompagnement que pour vos "
                 + (f"collectivités ({mine})." if mine else "collectivités.")}
            )  # fmt: skip
        confirmed = data.pop("confirm_second", False)
        if (other := selectors.open_mission_for(data["collectivite"])) and not confirmed:
            first = (
                format_html('<a href="{}">complétez-la</a>', other.get_absolute_url())
                if visible_missions(request.user).filter(pk=other.pk).exists()
                else "complétez-la"
            )
            raise ValidationError(
                # One <span>: DSFR lays an error out as a flex row, which would cut the
                # sentence into columns around the link.
                {"confirm_second": format_html(
                    "<span>Une demande pour {} est déjà ouverte depuis le {} (« {} ») : si c'est "
                    "la même, {} plutôt ; s'il s'agit bien d'une autre demande, cochez cette "
                    "case et envoyez de nouveau.</span>",
                    data["collectivite"], f"{other.requested_on:%d/%m/%Y}",
                    other.get_status_display().lower(), first,
                )}
            )  # fmt: skip
        mission = services.mission_request(requested_by=request.user, **data)
        saved["mission"] = mission
        return mission.get_absolute_url()

    def success_message():
        # One message, that says what comes next to the one who filed it (the page then says
        # whether the collectivité is eligible, and why).
        mission = saved["mission"]
        if not mission.eligible:
            messages.warning(
                request,
                "Demande enregistrée « hors critères » : "
                + ("acceptez-la à titre exceptionnel ou refusez-la avec un motif."
                   if team else "l'équipe de l'incubateur l'examine et vous répond."),
            )  # fmt: skip
            return ""
        if team:
            return (f"Demande enregistrée pour {mission.collectivite} : acceptez-la en confiant "
                    "la mission à un·e consultant·e, ou refusez-la avec un motif.")  # fmt: skip
        return "Demande enregistrée : l'équipe de l'incubateur vous répond."

    return form_page(
        request, form, save=save, title="Demander un accompagnement sur-mesure",
        back_url=reverse("diagnostics:queue"),
        success_message=success_message,
        extra={"intro": "Dix jours d'accompagnement sur deux mois pour les "
               f"{rules.thresholds_text(selectors.thresholds_today())}.",
               "submit_label": "Envoyer ma demande"},  # a request sent; its edit form saves
        breadcrumb=crumbs(current="Demander un accompagnement"),
    )  # fmt: skip


def _answered(request, item):
    """A request the team has answered is no longer changed here: say so on the mission."""
    if item.status in services.REQUEST_STATUSES:
        return None
    messages.error(
        request,
        f"La demande a déjà reçu une réponse (mission « {item.get_status_display().lower()} ») "
        ": écrivez un commentaire à l'équipe.",
    )
    return redirect(item)


def request_edit(request, pk):
    item = mission_for_user_or_404(request.user, pk, need="request")
    if answered := _answered(request, item):
        return answered
    initial = {"hopes": item.hopes, "contact_name": item.contact_name,
               "contact_email": item.contact_email}  # fmt: skip
    form = RequestEditForm(request.POST or None, initial=initial)

    def save(data):
        services.mission_request_update(mission=item, **data)
        return item.get_absolute_url()

    return form_page(
        request, form, save=save, title=f"Modifier la demande — {item.collectivite}",
        back_url=item.get_absolute_url(), success_message="Demande modifiée.",
        breadcrumb=crumbs(mission_link(item), current="Modifier la demande"),
    )  # fmt: skip


def request_withdraw(request, pk):
    item = mission_for_user_or_404(request.user, pk, need="request")
    if answered := _answered(request, item):
        return answered
    return confirm_delete(
        request, delete=lambda: services.mission_request_withdraw(mission=item),
        what=f"la demande d'accompagnement de {item.collectivite}",
        consequence="Les réponses au questionnaire et les commentaires de la demande "
        "sont supprimés avec elle.",
        back_url=item.get_absolute_url(), done_url=reverse("diagnostics:queue"),
        breadcrumb=crumbs(mission_link(item), current="Retirer la demande"),
    )  # fmt: skip
