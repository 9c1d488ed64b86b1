"""Catalogue pages of suggestions: a collectivité proposes a solution, the incubator team
accepts it (it becomes a solution to complete) or refuses it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse

from fabrique.core.forms import add_service_errors
from fabrique.core.views_helpers import confirm_delete, form_page, require

from .. import access, selectors, services
from ..forms import ModerationForm, SuggestionForm
from .common import PAGE_SIZE


def suggestion_create(request):
    require(access.can_suggest_solution(request.user))
    form = SuggestionForm(request.POST or None)

    def save(data):
        return services.suggestion_submit(**data, by=request.user).get_absolute_url()

    return form_page(
        request, form, save=save, title="Proposer une solution",
        back_url=reverse("catalogue:search"),
        success_message="Merci ! L'équipe de l'incubateur va examiner votre proposition.",
        extra={"intro": "Une solution qui a fait ses preuves dans votre collectivité ? "
               "Décrivez-la : l'équipe de l'incubateur la vérifie avant de la publier."},
    )  # fmt: skip


def suggestion_edit(request, pk):
    suggestion = access.suggestion_for_user_or_404(request.user, pk, need="edit")
    form = SuggestionForm(request.POST or None, instance=suggestion)

    def save(data):
        return services.suggestion_submit(
            **data, by=request.user, suggestion=suggestion
        ).get_absolute_url()

    return form_page(
        request, form, save=save, title=f"Modifier la suggestion « {suggestion.name} »",
        back_url=suggestion.get_absolute_url(), success_message="Suggestion modifiée.",
    )  # fmt: skip


def suggestion_delete(request, pk):
    suggestion = access.suggestion_for_user_or_404(request.user, pk, need="edit")
    return confirm_delete(
        request,
        delete=lambda: services.suggestion_withdraw(suggestion=suggestion),
        what=f"la suggestion « {suggestion.name} »",
        back_url=suggestion.get_absolute_url(),
        done_url=reverse("catalogue:suggestions"),
    )


def suggestions(request):
    staff = access.can_moderate_suggestion(request.user)
    page = Paginator(selectors.suggestions_for(request.user, staff=staff), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "catalogue/suggestion_list.html",
        {
            "title": "Suggestions à modérer" if staff else "Mes suggestions",
            "page": page,
            "staff": staff,
            "query_string": "",
        },
    )


def suggestion(request, pk):
    need = "moderate" if request.method == "POST" else "view"
    suggestion = access.suggestion_for_user_or_404(request.user, pk, need=need)
    can_moderate = access.can_moderate_suggestion(request.user, suggestion)
    form = None
    if can_moderate and suggestion.status == "en-attente":
        form = ModerationForm(
            request.POST or None,
            initial={"origin": suggestion.origin or ""},
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.suggestion_moderate(
                    suggestion=suggestion, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if suggestion.solution is not None:
                    messages.success(request, "Solution publiée : complétez sa fiche.")
                    return redirect(
                        reverse("catalogue:solution-edit", args=[suggestion.solution.slug])
                    )
                messages.success(request, "Suggestion refusée.")
                return redirect(reverse("catalogue:suggestions"))
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "catalogue/suggestion.html",
        {
            "title": suggestion.name,
            "suggestion": suggestion,
            "form": form,
            "can_edit": access.can_edit_suggestion(request.user, suggestion),
        },
    )
