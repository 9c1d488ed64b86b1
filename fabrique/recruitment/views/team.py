"""The team's pages: offers it manages, the pipeline of an offer, an application, statistics."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fabrique.accounts.models import SecurityEventKind
from fabrique.accounts.services.security_log import record
from fabrique.core import exports
from fabrique.core.forms import add_service_errors
from fabrique.core.numbers import is_plural
from fabrique.core.text import of
from fabrique.core.views_helpers import breadcrumb, confirm_delete, form_page, require
from fabrique.portfolio.access import can_edit_project

from .. import selectors, services
from ..access import (
    application_for_user_or_404,
    can_delete_offer,
    can_manage_recruitment,
    managed_offers,
    offer_for_user_or_404,
    review_for_user_or_404,
)
from ..exports import STATS_COLUMNS
from ..filters import MANAGE_STATUS_CHOICES, StageFilter
from ..forms import FillForm, MoveForm, OfferForm, ReviewForm
from ..rules import posting_checklist
from ..vocabulary import Stage

CRUMB = ("Recrutement", reverse_lazy("recruitment:board"))


def manage(request):
    today = timezone.localdate()
    require(managed_offers(request.user).exists() or can_manage_recruitment(request.user))
    filterset, offers = selectors.managed_offers_with_status(request.user, request.GET)
    status = filterset.chosen()
    statuses = dict(MANAGE_STATUS_CHOICES)
    offers = list(offers.only(*selectors.BOARD_FIELDS).order_by("-opens_on", "title")[:200])
    for offer in offers:  # as the public board says it: a published offer past its day is closed
        offer.shown_status = selectors.offer_status_label(offer, today)
        offer.closing = selectors.offer_closing(offer)
    title = selectors.managed_offers_title(request.user)
    return render(
        request,
        "recruitment/manage.html",
        {
            "title": title,
            "offers": offers,
            "status": status,
            "status_label": statuses.get(status, ""),
            "status_choices": MANAGE_STATUS_CHOICES,
            "can_create": can_manage_recruitment(request.user),
            "breadcrumb_data": breadcrumb(CRUMB, current=title),
        },
    )


def _checklist(form, offer=None):
    data = form.data if form.is_bound else {}

    def value(name):
        if name in data:
            return data.get(name) or ""
        return getattr(offer, name, "") if offer else ""

    return posting_checklist(
        closes_on=value("closes_on"),
        contract=value("contract"),
        contract_holder=value("contract_holder"),
        days_per_week=value("days_per_week"),
        body=value("body"),
    )


def offer_create(request):
    require(can_manage_recruitment(request.user))
    form = OfferForm(request.POST or None, user=request.user)

    def save(data):
        return services.offer_create(by=request.user, **data).get_absolute_url()

    return form_page(
        request,
        form,
        save=save,
        title="Nouvelle offre d'emploi",
        back_url=reverse("recruitment:manage"),
        success_message="L'offre a été créée.",
        template="recruitment/offer_form.html",
        extra={"checklist": _checklist(form)},
    )


def offer_edit(request, slug):
    offer = offer_for_user_or_404(request.user, slug, need="manage")
    form = OfferForm(request.POST or None, instance=offer, user=request.user)

    def save(data):
        return services.offer_update(offer=offer, by=request.user, **data).get_absolute_url()

    return form_page(
        request,
        form,
        save=save,
        title=f"Modifier l'offre « {offer.title} »",
        back_url=offer.get_absolute_url(),
        success_message="L'offre a été enregistrée.",
        template="recruitment/offer_form.html",
        extra={
            "checklist": _checklist(form, offer),
            "offer": offer,
            "can_delete": can_delete_offer(request.user, offer),
        },
    )


def _applications_consequence(count: int) -> str:
    if count == 0:
        return "Elle n'a aucune candidature."
    if is_plural(count):
        return f"Ses {count} candidatures et leurs CV aussi."
    return "Sa candidature et son CV aussi."


def offer_delete(request, slug):
    offer = offer_for_user_or_404(request.user, slug, need="manage")
    require(can_delete_offer(request.user, offer))
    return confirm_delete(
        request,
        delete=lambda: services.offer_delete(offer=offer),
        what=f"l'offre « {offer.title} »",
        consequence=_applications_consequence(offer.applications.count()),
        back_url=offer.get_absolute_url(),
        done_url=reverse("recruitment:manage"),
    )


def pipeline(request, slug):
    offer = offer_for_user_or_404(request.user, slug, need="manage")
    return render(
        request,
        "recruitment/pipeline.html",
        {
            "title": f"Candidatures : {offer.title}",
            "offer": offer,
            "columns": selectors.pipeline(offer, request.user),
            "breadcrumb_data": breadcrumb(
                CRUMB, (offer.title, offer.get_absolute_url()), current="Candidatures"
            ),
        },
    )


def applications(request):
    # One stage, or several (« en entretien ou en proposition », from Mon espace).
    chosen = StageFilter(request.GET).chosen()
    stage = chosen[0] if len(chosen) == 1 else ""
    counts, listed = selectors.team_pipeline(request.user, stage=chosen)
    require(bool(counts) or managed_offers(request.user).exists())
    total = sum(counts.get(value, 0) for value in chosen) if chosen else sum(counts.values())
    return render(
        request,
        "recruitment/applications.html",
        {
            "title": "Candidatures",
            "stage": stage,
            "chosen": " ou ".join(Stage(value).label.lower() for value in chosen),
            "stages": [(s, Stage(s).label, counts.get(s, 0)) for s in Stage.values],
            "applications": listed,
            "total": total,
            "breadcrumb_data": breadcrumb(CRUMB, current="Candidatures"),
        },
    )


@require_http_methods(["GET", "POST"])
def application(request, pk):
    item = application_for_user_or_404(request.user, pk)
    move_form = MoveForm(initial={"stage": item.stage})
    own = item.reviews.filter(reviewer=request.user).first()
    review_form = ReviewForm(initial={"rating": own.rating, "note": own.note} if own else None)
    can_add = can_edit_project(request.user, item.offer.project)
    fill_form = FillForm(project=item.offer.project, can_add_to_team=can_add)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "move":
                move_form = MoveForm(request.POST)
                if move_form.is_valid():
                    data = move_form.cleaned_data
                    services.application_move(
                        application=item,
                        stage=data["stage"],
                        by=request.user,
                        reason=data["reason"],
                        send_email=data["send_email"],
                    )
                    done = f"Candidature passée à l'étape « {item.get_stage_display()} »."
                    if data["send_email"] and item.stage == Stage.REJECTED:
                        done += f" Le courriel de refus part à {item.email}."
                    messages.success(request, done)
                    return redirect(item.get_absolute_url())
            elif action == "review":
                review_form = ReviewForm(request.POST)
                if review_form.is_valid():
                    services.review_save(
                        application=item, reviewer=request.user, **review_form.cleaned_data
                    )
                    messages.success(request, "Votre avis a été enregistré.")
                    return redirect(item.get_absolute_url())
            elif action == "fill":
                fill_form = FillForm(
                    request.POST, project=item.offer.project, can_add_to_team=can_add
                )
                if fill_form.is_valid():
                    member = services.offer_fill(
                        application=item, by=request.user, **fill_form.cleaned_data
                    )
                    done = "L'offre est pourvue par cette candidature."
                    if member is not None:
                        done += (
                            f" {member.full_name} rejoint l'équipe de {member.project.name} "
                            f"({member.get_role_display()}"
                            f"{', freelance' if member.is_freelance else ''})."
                        )
                    messages.success(request, done)
                    return redirect(item.get_absolute_url())
        except ValidationError as error:
            target = {"move": move_form, "review": review_form, "fill": fill_form}[action]
            add_service_errors(target, error)
    moves, durations, others, reviews = selectors.application_details(item, user=request.user)
    return render(
        request,
        "recruitment/application.html",
        {
            "title": f"Candidature {of(item.name)}",
            "application": item,
            "moves": moves,
            "durations": [(Stage(stage).label, spent) for stage, spent in durations.items()],
            # The same address on this very offer: a candidate who sent again (a new CV?).
            "same_offer": [o for o in others if o.offer_id == item.offer_id],
            "others": [o for o in others if o.offer_id != item.offer_id],
            "reviews": reviews,
            "move_form": move_form,
            "review_form": review_form,
            "fill_form": fill_form,
            "breadcrumb_data": breadcrumb(
                CRUMB,
                (item.offer.title, reverse("recruitment:pipeline", args=[item.offer.slug])),
                current=item.name,
            ),
        },
    )


def application_cv(request, pk):
    item = application_for_user_or_404(request.user, pk)
    if not item.cv:
        raise Http404
    extension = "odt" if item.cv_content_type.endswith("text") else "pdf"
    # A candidate's CV is personal data: each download is kept in the security log.
    record(
        kind=SecurityEventKind.PERSONAL_EXPORT,
        request=request,
        email=item.email,
        detail=f"CV de la candidature n° {item.pk}",
    )
    return FileResponse(
        item.cv.open("rb"),
        as_attachment=True,
        filename=f"cv-candidature-{item.pk}.{extension}",
        content_type=item.cv_content_type or "application/octet-stream",
    )


def application_delete(request, pk):
    item = application_for_user_or_404(request.user, pk)
    return confirm_delete(
        request,
        delete=lambda: services.application_delete(application=item),
        what=f"la candidature {of(item.name)}",
        consequence="Son CV aussi." if item.cv else "",
        back_url=item.get_absolute_url(),
        done_url=reverse("recruitment:pipeline", args=[item.offer.slug]),
    )


def review_delete(request, pk):
    review = review_for_user_or_404(request.user, pk, need="edit")
    back = review.application.get_absolute_url()
    return confirm_delete(
        request,
        delete=lambda: services.review_delete(review=review, by=request.user),
        what=f"votre avis sur la candidature {of(review.application.name)}",
        back_url=back,
        done_url=back,
    )


def statistics(request):
    require(can_manage_recruitment(request.user))
    return render(
        request,
        "recruitment/statistics.html",
        {
            "title": "Statistiques du recrutement",
            "rows": selectors.statistics(),
            "breadcrumb_data": breadcrumb(CRUMB, current="Statistiques"),
        },
    )


def statistics_export(request, fmt):
    require(can_manage_recruitment(request.user))
    if fmt not in ("xlsx", "ods", "csv"):
        raise Http404
    rows = [
        [
            r.quarter,
            r.published,
            r.applications,
            r.applications_per_offer,
            r.filled,
            r.share_filled,
            r.days_to_hire,
        ]
        for r in selectors.statistics()
    ]
    return exports.response(rows, fmt, STATS_COLUMNS, "Recrutement", "recrutement-statistiques")
