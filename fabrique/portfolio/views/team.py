"""Service fait: periods added to a team member, and the periods the incubator team attests."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from fabrique.core.views_helpers import form_page, require

from .. import access, rules, selectors, services
from ..exports import LIST_FORMATS
from ..filters import AttestationListFilter
from ..forms import ServiceFaitForm, WithdrawalForm
from . import exports as downloads
from .common import without_page


def attestations(request):
    """The periods to attest, sortable by column; `?export=xlsx|ods|csv` downloads them all."""
    require(access.can_attest_service_fait(request.user))
    sort = AttestationListFilter(request.GET or None).chosen_sort()
    pending = selectors.attestations_to_issue(sort=sort)
    sections = [("En retard", pending["late"]), ("À attester ce mois-ci", pending["due"])]
    if "export" in request.GET:
        return downloads.attestations(request, sections)
    return render(
        request,
        "portfolio/attestations.html",
        {
            "title": "Services faits à attester",
            "sections": sections,
            "sort": sort,
            "query_string": without_page(request),
            "export_formats": LIST_FORMATS.items(),
        },
    )


@require_POST
def attest(request, pk):
    period = access.service_fait_for_user_or_404(request.user, pk, need="attest")
    try:
        services.service_fait_attest(period=period, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        deadline = rules.attestation_withdrawal_deadline(timezone.localdate(period.attested_at))
        messages.success(
            request,
            f"Service fait attesté — {period} ({period.member.project.name}). En cas d'erreur, "
            f"l'attestation se retire depuis la page du projet jusqu'au {deadline:%d/%m/%Y}.",
        )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("portfolio:attestations")
    return redirect(next_url)


def withdraw(request, pk):
    """Withdraw an attestation of service fait, with a reason, after a confirmation page."""
    period = access.service_fait_for_user_or_404(request.user, pk, need="attest")
    project = period.member.project
    back_url = project.get_absolute_url() + "#equipe"
    if problem := rules.attestation_withdrawal_problem(period.attested_at, timezone.localdate()):
        messages.error(request, problem)
        return redirect(back_url)
    form = WithdrawalForm(request.POST or None)
    deadline = rules.attestation_withdrawal_deadline(timezone.localdate(period.attested_at))

    def save(data):
        services.service_fait_withdraw(period=period, reason=data["reason"])
        return back_url

    return form_page(
        request, form, save=save,
        title=f"Retirer l'attestation de service fait — {period.member.full_name}",
        back_url=back_url,
        success_message=f"Attestation retirée : {period} est de nouveau à attester.",
        extra={
            "intro": f"Période de {period}, attestée le "
            f"{timezone.localdate(period.attested_at):%d/%m/%Y} par "
            f"{period.attested_by.display_name if period.attested_by else 'un membre de l’équipe'}"
            f" ({project}). Le retrait est possible jusqu'au {deadline:%d/%m/%Y} ; la période "
            "redevient « à attester » et le motif reste dans l'historique du projet.",
            "submit_label": "Retirer l'attestation",
        },
    )  # fmt: skip


def service_fait_add(request, pk):
    member = access.team_member_for_user_or_404(request.user, pk, need="edit")
    form = ServiceFaitForm(request.POST or None)

    def save(data):
        services.service_fait_save(member=member, **data)
        return member.project.get_absolute_url() + "#equipe"

    return form_page(
        request, form, save=save, title=f"Période de service fait — {member.full_name}",
        back_url=member.project.get_absolute_url(), success_message="Période ajoutée.",
    )  # fmt: skip
