"""Pages of the accompagnement sur-mesure: request, queue, mission (steps, days, needs,
deliverable). Thin: parse, one access call, one service or selector, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from fabrique.accounts.access import is_incubator_staff
from fabrique.accounts.models import Role
from fabrique.accounts.selectors import memberships_for_user
from fabrique.core.forms import add_service_errors
from fabrique.core.views_helpers import form_page, require

from .. import rules, selectors, services
from ..access import (
    can_answer_questionnaire,
    can_request,
    can_request_for,
    can_see_followups,
    can_see_queue,
    deliverable_for_user_or_404,
    mission_for_user_or_404,
    need_for_user_or_404,
    time_entry_for_user_or_404,
    visible_missions,
)
from ..filters import NeedSortFilter
from ..forms import (
    AcceptForm,
    CommentForm,
    NeedForm,
    PlaceForm,
    RequestEditForm,
    RequestForm,
    StepForm,
    TimeForm,
)
from ..models import Need
from ..selectors.discovery import mission_discovery
from ..selectors.followup import mission_followup
from ..selectors.prediagnostic import similar_for_viewer
from ..vocabulary import OPEN_STATUSES, MissionStatus
from .common import confirm_delete, crumbs, mission_link, not_documentable

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
               f"{rules.thresholds_text(selectors.thresholds_today())}."},
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


def mission(request, pk):
    item = mission_for_user_or_404(request.user, pk)
    can_work = is_incubator_staff(request.user) or item.consultant_id == request.user.pk
    # A request not accepted yet, or declined, is not documented (no buttons to add to it).
    documenting_problem = rules.documenting_problem(item.status)
    can_document = can_work and not documenting_problem
    keys = selectors.need_sort_keys(item.grid.criteria)
    sort = NeedSortFilter(request.GET or None, keys=keys).chosen_sort()
    context = {
        "title": str(item),
        "mission": item,
        "can_work": can_work,
        "can_document": can_document,
        "documenting_problem": documenting_problem,
        "can_log_time": can_work and item.status in OPEN_STATUSES,
        "mission_running": item.status in OPEN_STATUSES,
        "can_manage": is_incubator_staff(request.user),
        "can_answer": can_answer_questionnaire(request.user, item)
        and not rules.answering_problem(item.status),
        # A declined request has nothing to prepare.
        "can_refresh_prediagnostic": can_work and item.status != MissionStatus.DECLINED,
        "can_change_request": item.status in services.REQUEST_STATUSES
        and (is_incubator_staff(request.user) or request.user.role == Role.AGENT),
        "accept_form": AcceptForm(status=item.status, requested_on=item.requested_on),
        "comment_form": CommentForm(),
        "step_form": StepForm(status=item.status, can_decline=is_incubator_staff(request.user)),
        "time_form": TimeForm(
            team=is_incubator_staff(request.user),
            for_person=None
            if time_person(request.user, item) == request.user
            else time_person(request.user, item),
        ),
        "need_form": NeedForm(grid=item.grid.criteria),
        "breadcrumb_data": crumbs(current=str(item.collectivite)),
        "sort": sort,
        **selectors.mission_page(item, sort),
        **mission_discovery(item),
        **mission_followup(item),
    }
    if context["followup"] and context["followup"]["closing_problem"]:
        context["step_form"] = StepForm(
            status=item.status,
            can_decline=is_incubator_staff(request.user),
            closing_problem=context["followup"]["closing_problem"],
        )
    context["similar_seen"] = similar_for_viewer(context["prediagnostic"], request.user)
    # Each solution used nearby once, with its EPCI and département counts.
    snapshot = context["prediagnostic"]
    context["nearby"] = rules.nearby_once(snapshot.data.get("nearby", []) if snapshot else [])
    if not can_work:  # the collectivité reads the final versions only (access: deliverable_file)
        context["deliverables"] = [d for d in context["deliverables"] if d.is_final]
    return render(request, "diagnostics/mission.html", context)


def time_person(user, item):
    """Whose time is logged: the consultant logs their own; the team logs on the consultant's
    behalf (past 10 days, with the reason of the overrun), so the entry names who worked."""
    if is_incubator_staff(user) and item.consultant_id:
        return item.consultant
    return user


def _back(item, anchor=""):
    return redirect(item.get_absolute_url() + anchor)


@require_POST
def mission_accept(request, pk):
    """Accept from the mission page; a refusal (no consultant, a start date mistyped or before
    the request…) shows the form again with what was typed, what to fix and, for an unusual
    date, the box that confirms it."""
    item = mission_for_user_or_404(request.user, pk, need="manage")
    form = AcceptForm(request.POST, status=item.status, requested_on=item.requested_on)

    def save(data):
        services.mission_accept(mission=item, by=request.user, **data)
        return item.get_absolute_url()

    return form_page(
        request, form, save=save, title=f"Accepter la demande — {item.collectivite}",
        back_url=item.get_absolute_url(),
        success_message="Demande acceptée, consultant·e assigné·e.",
        extra={"intro": "La demande n'a pas été acceptée : corrigez ce qui est signalé."},
        breadcrumb=crumbs(mission_link(item), current="Accepter la demande"),
    )  # fmt: skip


@require_POST
def mission_step(request, pk):
    item = mission_for_user_or_404(request.user, pk, need="work")
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    else:
        to, reason = form.cleaned_data["to"], form.cleaned_data["reason"]
        try:
            if to == MissionStatus.DECLINED:
                if not is_incubator_staff(request.user):
                    raise PermissionDenied
                services.mission_decline(mission=item, reason=reason)
            else:
                services.mission_move(mission=item, to=to, reason=reason)
            messages.success(request, f"Mission passée à « {item.get_status_display()} ».")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return _back(item)


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
        extra={"intro": "Le temps n'a pas été enregistré : corrigez ce qui est signalé."},
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
            return _back(item, "#besoins")
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
            return _back(item, "#besoins")
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


@require_POST
def deliverable_generate(request, pk):
    item = mission_for_user_or_404(request.user, pk, need="work")
    try:
        deliverable = services.deliverable_generate(mission=item, by=request.user)
        messages.success(request, f"Livrable produit : version {deliverable.version} (PDF et ODT).")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back(item, "#livrable")


@require_POST
def deliverable_final(request, pk):
    deliverable = deliverable_for_user_or_404(request.user, pk)
    mission_for_user_or_404(request.user, deliverable.mission_id, need="work")
    try:
        services.deliverable_finalize(deliverable=deliverable)
        messages.success(request, f"Version {deliverable.version} finale : la mission est livrée.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back(deliverable.mission, "#livrable")


def deliverable_file(request, pk, fmt):
    deliverable = deliverable_for_user_or_404(request.user, pk)
    require(fmt in ("pdf", "odt"))
    field = deliverable.pdf if fmt == "pdf" else deliverable.odt
    return FileResponse(
        field.open("rb"), as_attachment=True,
        filename=f"accompagnement-{deliverable.mission.pk}-v{deliverable.version}.{fmt}",
    )  # fmt: skip


# --- Découverte (diaga) ---
from .discovery import (  # noqa: E402
    interview_add,
    interview_delete,
    interview_edit,
    person_add,
    person_delete,
    person_edit,
    prediagnostic_refresh,
    questionnaire_answer,
    questionnaire_edit,
    tool_add,
    tool_delete,
    tool_edit,
    training_add,
    training_delete,
    training_edit,
)

__all__ = [
    "interview_add", "interview_delete", "interview_edit", "person_add", "person_delete",
    "person_edit", "prediagnostic_refresh", "questionnaire_answer", "questionnaire_edit",
    "tool_add", "tool_delete", "tool_edit", "training_add", "training_delete", "training_edit",
]  # fmt: skip

# --- Suivi après livraison ---
from .followup import followup_record, followups  # noqa: E402

__all__ += ["followup_record", "followups"]
from .overview import national, open_data  # noqa: E402

__all__ += ["national", "open_data"]
from .benchmark import (  # noqa: E402
    candidate_add,
    candidate_delete,
    candidate_edit,
    lead_delete,
    leads,
)

__all__ += ["candidate_add", "candidate_delete", "candidate_edit", "lead_delete", "leads"]
from .comments import comment_add, comment_delete, comment_edit  # noqa: E402

__all__ += ["comment_add", "comment_delete", "comment_edit"]
from .thresholds import threshold_add, threshold_delete, threshold_edit, thresholds  # noqa: E402

__all__ += ["threshold_add", "threshold_delete", "threshold_edit", "thresholds"]
