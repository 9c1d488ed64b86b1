"""The days ledger of an investigation: add, edit, delete days."""

from django.utils import timezone

from fabrique.core.numbers import days_text
from fabrique.core.text import of
from fabrique.core.views_helpers import confirm_delete, form_page

from ... import access, services
from ...forms import DayForm
from ...vocabulary import StaffRole
from ..common import crumbs, investigation_links


def day_add(request, pk):
    investigation = access.investigation_for_user_or_404(request.user, pk, need="edit")
    form = DayForm(
        request.POST or None,
        roles=access.day_roles(request.user, investigation),
        initial={
            "full_name": request.user.get_full_name(),
            "day": timezone.localdate(),
            "days": 1,
            "role": StaffRole.DESIGNER
            if investigation.designer_id == request.user.pk
            else StaffRole.COACH,
        },
    )

    def save(data):
        person = request.user if data["full_name"] == request.user.get_full_name() else None
        services.day_add(investigation=investigation, person=person, by=request.user, **data)
        return investigation.get_absolute_url() + "#jours"

    return form_page(
        request,
        form,
        save=save,
        title="Ajouter des jours",
        back_url=investigation.get_absolute_url(),
        success_message="Jours enregistrés.",
        breadcrumb=crumbs(
            *investigation_links(request.user, investigation), current="Ajouter des jours"
        ),
    )


def day_edit(request, pk, entry_pk):
    entry = access.day_entry_for_user_or_404(request.user, pk, entry_pk, need="edit")
    investigation = entry.investigation
    initial = {"full_name": entry.full_name, "role": entry.role, "day": entry.day,
               "days": entry.days, "note": entry.note}  # fmt: skip
    form = DayForm(
        request.POST or None, initial=initial, roles=access.day_roles(request.user, investigation)
    )

    def save(data):
        # The person stays linked while the name is theirs; another name unlinks the entry.
        person = entry.person
        if person is not None and data["full_name"].strip() != entry.full_name:
            person = None
        services.day_save(
            investigation=investigation, person=person, entry=entry, by=request.user, **data
        )
        return investigation.get_absolute_url() + "#jours"

    return form_page(
        request, form, save=save, title=f"Modifier les jours du {entry.day:%d/%m/%Y}",
        back_url=investigation.get_absolute_url() + "#jours",
        success_message="Jours modifiés.",
        breadcrumb=crumbs(*investigation_links(request.user, investigation),
                          current=f"Jours du {entry.day:%d/%m/%Y}"),
    )  # fmt: skip


def day_delete(request, pk, entry_pk):
    entry = access.day_entry_for_user_or_404(request.user, pk, entry_pk, need="edit")
    investigation = entry.investigation
    return confirm_delete(
        request,
        delete=lambda: services.day_delete(entry=entry, by=request.user),
        what=f"{days_text(entry.days)} {of(entry.full_name)} le {entry.day:%d/%m/%Y}",
        back_url=investigation.get_absolute_url(),
        done_url=investigation.get_absolute_url() + "#jours",
        breadcrumb=crumbs(
            *investigation_links(request.user, investigation),
            current=f"Supprimer les jours du {entry.day:%d/%m/%Y}",
        ),
    )
