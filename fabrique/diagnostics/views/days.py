"""The days logged on a mission: whose they are, add, edit, delete."""

from django.views.decorators.http import require_POST

from fabrique.accounts.access import is_incubator_staff
from fabrique.core.views_helpers import form_page

from .. import services
from ..access import mission_for_user_or_404, time_entry_for_user_or_404
from ..forms import TimeForm
from .common import confirm_delete, crumbs, mission_link


def time_person(user, item):
    """Whose time is logged: the consultant logs their own; the team logs on the consultant's
    behalf (past 10 days, with the reason of the overrun), so the entry names who worked."""
    if is_incubator_staff(user) and item.consultant_id:
        return item.consultant
    return user


@require_POST
def time_add(request, pk):
    """Log time from the mission page; a refusal (11th day without approval, a day before the
    start…) shows the form again with what was typed and what to fix."""
    item = mission_for_user_or_404(request.user, pk, need="work")
    back = item.get_absolute_url() + "#temps"
    team = is_incubator_staff(request.user)
    person = time_person(request.user, item)

    def save(data):
        data = dict(data)
        reason = data.pop("approval_reason", "")
        services.time_log(
            mission=item, person=person, **data,
            approved_by=request.user if team else None, approval_reason=reason,
        )  # fmt: skip
        return back

    form = TimeForm(request.POST, team=team, for_person=person if person != request.user else None)
    return form_page(
        request, form, save=save, title=f"Saisir le temps — {item.collectivite}",
        back_url=back, success_message="Temps enregistré.",
        extra={"intro": "Le temps n'a pas été enregistré : corrigez ce qui est signalé.",
               "submit_label": "Saisir le temps"},  # the button of the mission page's form
        breadcrumb=crumbs(mission_link(item), current="Saisir le temps"),
    )  # fmt: skip


def time_edit(request, pk):
    entry = time_entry_for_user_or_404(request.user, pk)
    item = entry.mission
    back = item.get_absolute_url() + "#temps"
    initial = {"day": entry.day, "half_days": entry.half_days, "kind": entry.kind,
               "note": entry.note}  # fmt: skip
    team = is_incubator_staff(request.user)
    form = TimeForm(request.POST or None, initial=initial, team=team)

    def save(data):
        data = dict(data)
        reason = data.pop("approval_reason", "")
        services.time_save(
            mission=item, person=entry.person, entry=entry, **data,
            approved_by=request.user if team else None, approval_reason=reason,
        )  # fmt: skip
        return back

    return form_page(
        request, form, save=save, title=f"Modifier le temps « {entry} »", back_url=back,
        success_message="Temps modifié.",
        extra={"intro": "Mêmes règles qu'à la saisie : des demi-journées, pas avant le début de "
               "la mission, et au-delà de 10 jours l'accord de l'équipe avec un motif."},
        breadcrumb=crumbs(mission_link(item), current="Modifier le temps"),
    )  # fmt: skip


def time_delete(request, pk):
    entry = time_entry_for_user_or_404(request.user, pk)
    item = entry.mission
    return confirm_delete(
        request, delete=lambda: services.time_delete(entry=entry, by=request.user),
        what=f"le temps « {entry} »",
        back_url=item.get_absolute_url() + "#temps", done_url=item.get_absolute_url() + "#temps",
    )  # fmt: skip
