"""Catalogue pages of the public digital-service operators (OPSN): list, one operator, edits and
history."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import reverse

from fabrique.core.views_helpers import confirm_delete, form_page, require

from .. import access, selectors, services
from ..filters import OperatorFilter
from ..forms import OperatorForm
from ..models import Operator
from .common import catalogue_crumbs, history_page


@login_not_required
def operators(request):
    filterset = OperatorFilter(request.GET, queryset=selectors.operators_list())
    return render(
        request,
        "catalogue/operator_list.html",
        {
            "title": "Opérateurs publics de services numériques",
            "operators": filterset.qs,
            "departement": filterset.code,
            "can_edit": access.can_edit_operator(request.user),
        },
    )


@login_not_required
def operator(request, slug):
    operator = access.entry_for_user_or_404(request.user, Operator, slug)
    return render(
        request,
        "catalogue/operator.html",
        {
            "title": operator.name,
            "operator": operator,
            "can_edit": access.can_edit_operator(request.user, operator),
            "breadcrumb_data": catalogue_crumbs(
                ("Opérateurs", reverse("catalogue:operators")),
                current=operator.name,
            ),
        },
    )


def _operator_form_page(request, operator: Operator | None):
    form = OperatorForm(request.POST or None, instance=operator)

    def save(data):
        values = dict(data)
        values["departements"] = values.pop("departements_codes")
        values["solutions"] = values.pop("solutions_slugs")
        return services.operator_save(**values, operator=operator).get_absolute_url()

    if operator is None:
        title, back = "Nouvel opérateur", reverse("catalogue:operators")
    else:
        title, back = f"Modifier « {operator} »", operator.get_absolute_url()
    return form_page(
        request, form, save=save, title=title, back_url=back,
        success_message="Opérateur enregistré.",
    )  # fmt: skip


def operator_create(request):
    require(access.can_edit_operator(request.user))
    return _operator_form_page(request, None)


def operator_edit(request, slug):
    operator = access.entry_for_user_or_404(request.user, Operator, slug, need="edit")
    return _operator_form_page(request, operator)


def operator_history(request, slug):
    return history_page(request, Operator, slug)


def operator_delete(request, slug):
    operator = access.entry_for_user_or_404(request.user, Operator, slug, need="edit")
    return confirm_delete(
        request,
        delete=lambda: services.operator_delete(operator=operator),
        what=f"la structure « {operator} »",
        back_url=operator.get_absolute_url(),
        done_url=reverse("catalogue:operators"),
    )
