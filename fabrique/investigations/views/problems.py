"""Problems: submission with « déjà vu ailleurs », page, scoring, selection, merge and undo."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from fabrique.core import pending_uploads
from fabrique.core.forms import add_service_errors, ask_files_again
from fabrique.core.views_helpers import confirm_action, confirm_delete, form_page, require

from .. import access, selectors, services
from ..filters import ProblemFilter
from ..forms import (
    AttachmentForm,
    MergeForm,
    ProblemForm,
    ReviewForm,
    SelectionForm,
    on_grid_fields,
)
from ..models import Call
from ..rules import (
    NOTHING_TO_MERGE,
    scores_locked_problem,
    scoring_wait_problem,
    territory_profile,
)
from ..vocabulary import ProblemStatus
from .common import crumbs, problem_links, problems_link

PAGE_SIZE = 50
# The hidden field that brings back the attachment kept at the « déjà vu ailleurs » step.
PENDING_FIELD = "piece_gardee"


def problem_list(request):
    require(access.can_list_problems(request.user))
    visible = access.visible_problems(request.user)
    filters = ProblemFilter(
        request.GET or None, queryset=visible.select_related("call"), request=request
    )
    filters.form.fields["call"].queryset = access.visible_calls(request.user)
    problems = filters.qs if filters.is_bound and filters.is_valid() else filters.queryset
    page = Paginator(problems, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "investigations/problem_list.html",
        {
            "title": "Problèmes",
            "page": page,
            "can_submit": access.can_submit_problem(request.user),
            "filters": filters,
            "breadcrumb_data": crumbs(current="Problèmes"),
        },
    )


def problem_create(request):
    require(access.can_submit_problem(request.user))
    form = ProblemForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        calls=selectors.open_calls(),
        initial={"call": request.GET.get("appel")},
    )
    similar = []
    # A browser never sends a chosen file twice: at the « déjà vu ailleurs » step a valid file is
    # kept for this session (`core.pending_uploads`) and taken back, checked again, on saving.
    pending = request.POST.get(PENDING_FIELD, "")
    if not pending_uploads.name(request.session, pending):
        pending = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        text = f"{data['title']}\n{data['statement']}"
        similar = selectors.similar_for_text(
            text, user=request.user, territories=data["territories"]
        )
        if "verifier" in request.POST or (similar and "confirmer" not in request.POST):
            if data.get("attachment"):
                try:
                    services.attachments_check([data["attachment"]])
                except ValidationError as error:
                    form.add_error("attachment", error.message_dict["attachments"])
                else:
                    pending_uploads.drop(request.session, pending)
                    pending = pending_uploads.keep(request.session, data["attachment"])
            if not similar and not form.errors:
                messages.info(request, "Rien de semblable n'a été trouvé ailleurs.")
        else:
            attachment = data.get("attachment") or pending_uploads.take(request.session, pending)
            try:
                problem = services.problem_submit(
                    by=request.user,
                    title=data["title"],
                    statement=data["statement"],
                    collectivites=data["territories"],
                    call=data.get("call"),
                    sufferers=data["sufferers"],
                    sufferers_count=data["sufferers_count"],
                    current_practice=data["current_practice"],
                    tried=data["tried"],
                    team=data["team"],
                    theme=data["theme"],
                    heard_elsewhere=data.get("heard_elsewhere", False),
                    attachments=[attachment] if attachment else [],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                pending_uploads.drop(request.session, pending)
                messages.success(request, f"Problème « {problem} » déposé.")
                return redirect(problem)
            finally:
                if attachment and attachment is not data.get("attachment"):
                    attachment.close()
    if request.method == "POST":
        ask_files_again(form)  # refused: the attachment must be chosen again
    return render(
        request,
        "investigations/problem_form.html",
        {
            "title": "Déposer un problème",
            "form": form,
            "similar": similar,
            "checked": request.method == "POST" and form.is_valid(),
            "pending": pending,
            "pending_field": PENDING_FIELD,
            "pending_name": pending_uploads.name(request.session, pending),
            "without_collectivite": not ({"collectivites", "codes"} & set(form.fields)),
            "back_url": reverse("investigations:problems"),
            "breadcrumb_data": crumbs(problems_link(), current="Déposer un problème"),
        },
    )


def problem_detail(request, pk):
    problem = access.problem_for_user_or_404(request.user, pk)
    with_scores = access.can_see_reviews(request.user)
    # Scoring and the decision come after the call closes, on a problem not merged elsewhere:
    # the buttons are offered then; before, the page says when (the same sentence as the
    # forms and the services refuse with).
    scoring_waits = scoring_wait_problem(problem.call, timezone.localdate())
    open_to_decide = not scoring_waits and problem.status != ProblemStatus.MERGED
    # Once decided, the scores stay as the decision took them (the service refuses, in French).
    scores_locked = scores_locked_problem(problem.status)
    return render(
        request,
        "investigations/problem_detail.html",
        {
            "title": f"Problème : {problem.title}",
            "problem": problem,
            "collectivites": [
                (link, territory_profile(link.commune.population) if link.commune_id else "")
                for link in problem.collectivites.select_related(
                    "commune", "epci", "departement", "region"
                )
            ],
            "reviews": problem.reviews.select_related("reviewer") if with_scores else None,
            "with_scores": with_scores,
            "can_edit": access.can_edit_problem(request.user, problem),
            "can_review": access.can_review(request.user) and open_to_decide and not scores_locked,
            "scores_locked": scores_locked if access.can_review(request.user) else "",
            "scoring_waits": scoring_waits
            if access.can_select(request.user) and problem.status != ProblemStatus.MERGED
            else "",
            "my_review": problem.reviews.filter(reviewer=request.user).exists()
            if access.can_review(request.user)
            else False,
            "can_select": access.can_select(request.user),
            "can_decide": access.can_select(request.user) and open_to_decide,
            "can_cancel_decision": access.can_select(request.user)
            and problem.status in (ProblemStatus.SELECTED, ProblemStatus.DECLINED)
            and not hasattr(problem, "investigation"),
            # « Fusionner » only when some other problem can be merged into this one.
            "can_merge": access.can_select(request.user)
            and problem.status != ProblemStatus.MERGED
            and services.mergeable_sources(access.visible_problems(request.user), problem).exists(),
            "can_undo_merge": access.can_select(request.user)
            and problem.status == ProblemStatus.MERGED,
            "similar": selectors.similar_for_problem(problem, user=request.user),
            "investigation": getattr(problem, "investigation", None),
            # The problems merged into this one, with their own pages and history.
            "merged": access.visible_problems(request.user).filter(merged_into=problem),
            "history": problem.history.select_related("history_user")[:10] if with_scores else None,
            "Status": ProblemStatus,
            "breadcrumb_data": crumbs(problems_link(), current=problem.title),
        },
    )


def problem_edit(request, pk):
    problem = access.problem_for_user_or_404(request.user, pk, need="edit")
    links = list(problem.collectivites.select_related("commune", "epci", "departement", "region"))
    codes = ", ".join(
        link.commune.insee if link.commune_id else link.epci.siren
        for link in links
        if link.commune_id or link.epci_id
    )
    form = ProblemForm(
        request.POST or None,
        user=request.user,
        calls=selectors.open_calls() | Call.objects.filter(pk=problem.call_id),
        editing=True,
        territories=[link.territory for link in links],
        initial={
            **{f: getattr(problem, f) for f in services.problems.TEXT_FIELDS},
            "sufferers_count": problem.sufferers_count,
            "codes": codes,
            "call": problem.call_id,
        },
    )

    def save(data):
        fields = {f: data[f] for f in services.problems.TEXT_FIELDS}
        if "call" in form.fields:
            fields["call"] = data["call"]
        services.problem_update(
            problem=problem,
            by=request.user,
            collectivites=data["territories"],
            sufferers_count=data["sufferers_count"],
            **fields,
        )
        return problem.get_absolute_url()

    return form_page(
        request,
        form,
        save=save,
        title=f"Modifier « {problem} »",
        back_url=problem.get_absolute_url(),
        success_message="Problème modifié.",
        breadcrumb=crumbs(*problem_links(problem), current="Modifier"),
    )


def problem_delete(request, pk):
    problem = access.problem_for_user_or_404(request.user, pk, need="edit")
    return confirm_delete(
        request,
        delete=lambda: services.problem_delete(problem=problem),
        what=f"le problème « {problem} »",
        back_url=problem.get_absolute_url(),
        done_url=reverse("investigations:problems"),
        breadcrumb=crumbs(*problem_links(problem), current="Supprimer"),
    )


def _scoring_open_or_back(request, problem):
    """None when the call is closed (scoring and the decision open), else the way back to the
    problem's page with the French reason: the form does not open before the rule allows."""
    waits = scoring_wait_problem(problem.call, timezone.localdate())
    if not waits:
        return None
    messages.error(request, waits)
    return redirect(problem)


def problem_review(request, pk):
    problem = access.problem_for_user_or_404(request.user, pk)
    require(access.can_review(request.user))
    if back := _scoring_open_or_back(request, problem):
        return back
    existing = problem.reviews.filter(reviewer=request.user).first()
    initial = {f"score_{k}": v for k, v in (existing.scores if existing else {}).items()}
    if existing:  # corrected, not retyped: the comment comes back with the scores
        initial["comment"] = existing.comment
    form = ReviewForm(request.POST or None, grid=problem.call.grid, initial=initial)

    def save(data):
        try:
            services.review_record(
                problem=problem,
                reviewer=request.user,
                scores=form.scores(),
                comment=data["comment"],
            )
        except ValidationError as error:
            raise on_grid_fields(error, "score_", form.grid_keys) from error
        return problem.get_absolute_url()

    return form_page(
        request,
        form,
        save=save,
        title=f"Noter « {problem} »",
        back_url=problem.get_absolute_url(),
        success_message="Notation enregistrée.",
        breadcrumb=crumbs(*problem_links(problem), current="Noter"),
    )


def review_delete(request, pk):
    """The reviewer withdraws their own scores: asked first."""
    problem = access.problem_for_user_or_404(request.user, pk)
    require(access.can_review(request.user))
    if back := _scoring_open_or_back(request, problem):
        return back
    review = get_object_or_404(problem.reviews, reviewer=request.user)

    def act():
        services.review_delete(review=review)
        return problem.get_absolute_url()

    return confirm_action(
        request,
        act=act,
        title=f"Supprimer ma notation de « {problem} »",
        intro=f"Votre total ({review.total} / {problem.call.max_total}) et votre commentaire "
        "sont retirés de la moyenne et de l'écart type ; l'historique est conservé.",
        submit_label="Supprimer ma notation",
        back_url=problem.get_absolute_url(),
        success_message="Votre notation est supprimée ; la moyenne ne la compte plus.",
        breadcrumb=crumbs(*problem_links(problem), current="Supprimer ma notation"),
    )


def problem_select(request, pk):
    problem = access.problem_for_user_or_404(request.user, pk)
    require(access.can_select(request.user))
    if back := _scoring_open_or_back(request, problem):
        return back
    decided = problem.status in (ProblemStatus.SELECTED, ProblemStatus.DECLINED)
    initial = (
        {"selected": "1" if problem.status == ProblemStatus.SELECTED else "0",
         "reason": problem.decision_reason}
        if decided
        else {}
    )  # fmt: skip
    form = SelectionForm(request.POST or None, initial=initial)

    def save(data):
        services.selection_decide(problem=problem, selected=data["selected"], reason=data["reason"])
        return problem.get_absolute_url()

    return form_page(
        request,
        form,
        save=save,
        title=f"Décision sur « {problem} »",
        back_url=problem.get_absolute_url(),
        success_message="Décision enregistrée.",
        breadcrumb=crumbs(*problem_links(problem), current="Décision"),
    )


def problem_select_cancel(request, pk):
    """The team cancels its decision on a problem (asked first): the scores open again."""
    problem = access.problem_for_user_or_404(request.user, pk)
    require(access.can_select(request.user))

    def act():
        services.selection_cancel(problem=problem)
        return problem.get_absolute_url()

    return confirm_action(
        request,
        act=act,
        title=f"Annuler la décision sur « {problem} »",
        intro=f"La décision « {problem.get_status_display()} » et son motif "
        f"(« {problem.decision_reason} ») sont retirés ; la collectivité ne les voit plus. "
        "Les notes des relecteurs peuvent de nouveau être modifiées. L'historique est conservé.",
        submit_label="Oui, annuler la décision",
        back_url=problem.get_absolute_url(),
        success_message="Décision annulée : le problème est de nouveau « Soumis », ses notes "
        "peuvent être corrigées avant de décider de nouveau.",
        breadcrumb=crumbs(*problem_links(problem), current="Annuler la décision"),
    )


def problem_merge(request, pk):
    problem = access.problem_for_user_or_404(request.user, pk)
    require(access.can_select(request.user))
    candidates = services.mergeable_sources(access.visible_problems(request.user), problem)
    if problem.status == ProblemStatus.MERGED:
        messages.info(request, f"« {problem} » est lui-même fusionné dans un autre problème : "
                      "fusionnez plutôt dans celui-ci.")  # fmt: skip
        return redirect(problem)
    if not candidates.exists():
        messages.info(request, NOTHING_TO_MERGE)
        return redirect(problem)
    form = MergeForm(request.POST or None, candidates=candidates)

    def save(data):
        services.problems_merge(target=problem, sources=list(data["sources"]))
        return problem.get_absolute_url()

    return form_page(
        request,
        form,
        save=save,
        title=f"Fusionner d'autres problèmes dans « {problem} »",
        back_url=problem.get_absolute_url(),
        success_message="Problèmes fusionnés.",
        breadcrumb=crumbs(*problem_links(problem), current="Fusionner"),
    )


def problem_merge_undo(request, pk):
    """Undoes a merge (the people who merge): asked first, refused in French when the problem
    it joined has moved on."""
    problem = access.problem_for_user_or_404(request.user, pk)
    require(access.can_select(request.user))
    if problem.status != ProblemStatus.MERGED:
        messages.info(request, "Ce problème n'est pas fusionné : il n'y a pas de fusion à annuler.")
        return redirect(problem)
    target = problem.merged_into
    brought = (
        ", ".join(str(link) for link in target.collectivites.filter(merged_from=problem))
        if target
        else ""
    )
    intro = (
        f"« {problem} » redevient un problème à part entière, avec le statut qu'il avait avant "
        "la fusion."
    )
    if target:
        intro += (
            f" Les collectivités que la fusion avait ajoutées à « {target} » le quittent : "
            f"{brought}."
            if brought
            else f" La fusion n'avait ajouté aucune collectivité à « {target} »."
        )
    intro += " L'historique des deux problèmes garde la fusion et son annulation."

    def act():
        services.problem_merge_undo(problem=problem)
        return problem.get_absolute_url()

    return confirm_action(
        request,
        act=act,
        title=f"Annuler la fusion de « {problem} »",
        intro=intro,
        submit_label="Annuler la fusion",
        back_url=problem.get_absolute_url(),
        success_message="Fusion annulée : le problème est de nouveau séparé.",
        template="investigations/merge_undo.html",
        extra={"refused": services.problems.merge_undo_problem(problem)},
        breadcrumb=crumbs(*problem_links(problem), current="Annuler la fusion"),
    )


def attachment_download(request, pk):
    attachment = access.attachment_for_user_or_404(request.user, pk)
    if not attachment.file:
        raise Http404
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


def attachment_add(request, pk):
    problem = access.problem_for_user_or_404(request.user, pk, need="edit")
    form = AttachmentForm(request.POST or None, request.FILES or None)

    def save(data):
        services.attachment_add(problem=problem, upload=data["file"])
        return problem.get_absolute_url()

    return form_page(
        request,
        form,
        save=save,
        title=f"Ajouter une pièce jointe à « {problem} »",
        back_url=problem.get_absolute_url(),
        success_message="Pièce jointe ajoutée.",
        breadcrumb=crumbs(*problem_links(problem), current="Ajouter une pièce jointe"),
    )


def attachment_delete(request, pk):
    attachment = access.attachment_for_user_or_404(request.user, pk, need="edit")
    problem = attachment.problem
    return confirm_delete(
        request,
        delete=lambda: services.attachment_delete(attachment=attachment),
        what=f"la pièce jointe « {attachment} »",
        back_url=problem.get_absolute_url(),
        done_url=problem.get_absolute_url(),
        breadcrumb=crumbs(*problem_links(problem), current="Supprimer une pièce jointe"),
    )
