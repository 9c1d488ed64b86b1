"""Submitting a problem, with the « déjà vu ailleurs » step (and the attachment kept across
it)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from fabrique.core import pending_uploads
from fabrique.core.forms import add_service_errors, ask_files_again
from fabrique.core.views_helpers import require

from ... import access, selectors, services
from ...forms import ProblemForm
from ..common import crumbs, problems_link

# The hidden field that brings back the attachment kept at the « déjà vu ailleurs » step.
PENDING_FIELD = "piece_gardee"


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
