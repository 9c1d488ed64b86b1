"""The needs of a mission: add, edit (scores and rank), delete."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render

from fabrique.core.forms import add_service_errors

from .. import rules, selectors, services
from ..access import mission_for_user_or_404, need_for_user_or_404
from ..forms import NeedForm, PlaceForm
from ..models import Need
from .common import confirm_delete, crumbs, mission_link, not_documentable
from .missions import back_to_mission


def need_add(request, pk):
    item = mission_for_user_or_404(request.user, pk, need="work")
    if closed := not_documentable(request, item):
        return closed
    suggested = {key: request.GET[key][:300] for key in ("title", "theme") if key in request.GET}
    form = NeedForm(request.POST or None, grid=item.grid.criteria, initial=suggested)
    if request.method == "POST" and form.is_valid():
        try:
            services.need_save(mission=item, **form.service_data())
            messages.success(request, "Besoin ajouté au classement.")
            return back_to_mission(item, "#besoins")
        except ValidationError as error:
            add_service_errors(form, error)
    return render(request, "components/form_page.html", {
        "form": form, "title": f"Nouveau besoin — {item.collectivite}",
        "back_url": item.get_absolute_url() + "#besoins",
        "breadcrumb_data": crumbs(mission_link(item), current="Nouveau besoin"),
    })  # fmt: skip


def _need(request, pk) -> tuple[Need, object]:
    need = need_for_user_or_404(request.user, pk)
    return need, need.mission


def need_edit(request, pk):
    need, item = _need(request, pk)
    if closed := not_documentable(request, item):
        return closed
    initial = {"title": need.title, "theme": need.theme, "description": need.description,
               **{f"score_{key}": value for key, value in need.scores.items()}}  # fmt: skip
    form = NeedForm(request.POST or None, grid=item.grid.criteria, initial=initial)
    placed = {"position": need.manual_position, "justification": need.justification}
    place = PlaceForm(request.POST or None, prefix="rang", initial=placed)
    if request.method == "POST" and form.is_valid() and place.is_valid():
        try:
            services.need_update(need=need, **form.service_data(), **place.cleaned_data)
            messages.success(request, "Besoin modifié.")
            return back_to_mission(item, "#besoins")
        except ValidationError as error:
            placing = {"position", "justification"} & set(getattr(error, "error_dict", {}))
            add_service_errors(place if placing else form, error)
    return render(request, "diagnostics/need_form.html", {
        "form": form, "place": place, "title": f"Modifier le besoin « {need} »",
        "back_url": item.get_absolute_url() + "#besoins",
        "breadcrumb_data": crumbs(mission_link(item), current="Modifier le besoin"),
    })  # fmt: skip


def need_delete(request, pk):
    need, item = _need(request, pk)
    back = item.get_absolute_url() + "#besoins"
    return confirm_delete(
        request, delete=lambda: services.need_delete(need=need), what=f"le besoin « {need} »",
        consequence=selectors.need_deletion_consequence(need),
        back_url=back, done_url=back, blocked=rules.documenting_problem(item.status),
    )  # fmt: skip
