"""The team dates and changes the eligibility thresholds (a mission keeps the rule it was
requested under). Thin: one access call, one service or selector, render."""

from django.shortcuts import render
from django.urls import reverse

from fabrique.core.views_helpers import form_page, require

from .. import rules, selectors, services
from ..access import can_manage_thresholds, eligibility_rule_for_user_or_404
from ..forms import EligibilityRuleForm
from .common import confirm_delete, crumbs

LIST_TITLE = "Seuils d'éligibilité"


def _list_url() -> str:
    return reverse("diagnostics:thresholds")


def thresholds(request):
    require(can_manage_thresholds(request.user))
    return render(request, "diagnostics/thresholds.html", {
        "title": LIST_TITLE,
        "rules": selectors.eligibility_rules(),
        "in_force": rules.thresholds_text(selectors.thresholds_today()),
        "breadcrumb_data": crumbs(current=LIST_TITLE),
    })  # fmt: skip


def _save_page(request, *, rule=None):
    initial = (
        {"valid_from": rule.valid_from, "commune_threshold": rule.commune_threshold,
         "epci_threshold": rule.epci_threshold}
        if rule else None
    )  # fmt: skip
    title = "Modifier une règle d'éligibilité" if rule else "Dater de nouveaux seuils"

    def save(data):
        services.eligibility_rule_save(rule=rule, **data)
        return _list_url()

    return form_page(
        request, EligibilityRuleForm(request.POST or None, initial=initial), save=save,
        title=title, back_url=_list_url(),
        success_message="Règle d'éligibilité enregistrée : les pages des territoires et les "
        "nouvelles demandes suivent les seuils en vigueur.",
        extra={"intro": "Une mission garde la règle sous laquelle elle a été demandée ; une "
               "règle datée dans le futur entre en vigueur à sa date."},
        breadcrumb=crumbs((LIST_TITLE, _list_url()), current=title),
    )  # fmt: skip


def threshold_add(request):
    require(can_manage_thresholds(request.user))
    return _save_page(request)


def threshold_edit(request, pk):
    return _save_page(request, rule=eligibility_rule_for_user_or_404(request.user, pk))


def threshold_delete(request, pk):
    rule = eligibility_rule_for_user_or_404(request.user, pk)
    return confirm_delete(
        request, delete=lambda: services.eligibility_rule_delete(rule=rule),
        what=f"la règle {rule}", back_url=_list_url(), done_url=_list_url(),
        breadcrumb=crumbs((LIST_TITLE, _list_url()), current="Supprimer une règle"),
    )  # fmt: skip
