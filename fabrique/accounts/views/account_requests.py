"""« Demander un compte » (public) and the team's queue of account requests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fabrique.core.forms import add_service_errors
from fabrique.core.ratelimit import client_address
from fabrique.core.text import of
from fabrique.core.views_helpers import breadcrumb, confirm_delete, form_page, require

from .. import services
from ..access import account_request_for_user_or_404, can_review_account_requests
from ..forms import (
    AccountRequestAcceptForm,
    AccountRequestDeclineForm,
    AccountRequestEditForm,
    AccountRequestForm,
)
from ..selectors import account_requests_for_team
from ..vocabulary import ACCOUNT_REQUEST_RETENTION_MONTHS, AccountRequestStatus

SENT_MESSAGE = (
    "Votre demande de compte est envoyée. Un courriel de confirmation part à l'adresse indiquée."
)


def _crumbs(*links, current: str) -> dict:
    return breadcrumb(
        ("Mon espace", reverse("accounts:dashboard")),
        *links,
        current=current,
    )


def _queue_link() -> tuple[str, str]:
    return ("Demandes de compte", reverse("accounts:account-requests"))


@login_not_required
@require_http_methods(["GET", "POST"])
def account_request(request):
    """The public form: anyone asks for an account. The answer is the same whether the address
    already has an account or not (the e-mail tells the difference, to that address only)."""
    if request.user.is_authenticated:
        messages.info(request, "Vous êtes connecté·e : vous avez déjà un compte.")
        return redirect("accounts:dashboard")
    form = AccountRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if form.is_robot(data):
            # A robot filled the hidden field: answer as if all went well, keep nothing.
            messages.success(request, SENT_MESSAGE)
            return redirect("accounts:account-request-sent")
        try:
            services.account_request_submit(
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                kind=data["kind"],
                collectivite=data["collectivite"],
                position=data["position"],
                message=data["message"],
                consent=data["consent"],
                address=client_address(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, SENT_MESSAGE)
            return redirect("accounts:account-request-sent")
    return render(
        request,
        "accounts/account_request_form.html",
        {
            "title": "Demander un compte",
            "form": form,
            "retention_months": ACCOUNT_REQUEST_RETENTION_MONTHS,
            "breadcrumb_data": breadcrumb(
                ("Connexion", reverse("accounts:login")), current="Demander un compte"
            ),
        },
        status=400 if form.errors else 200,
    )


@login_not_required
@require_GET
def account_request_sent(request):
    return render(
        request,
        "accounts/account_request_sent.html",
        {"title": "Demande de compte envoyée"},
    )


@require_GET
def account_requests(request):
    """The team's queue: those to examine first; filter by status."""
    require(can_review_account_requests(request.user))
    filterset, rows = account_requests_for_team(request.user, request.GET)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    status = filterset.status
    query = f"statut={status}" if status else ""
    return render(
        request,
        "accounts/account_requests.html",
        {
            "title": "Demandes de compte",
            "page": page,
            "status": status,
            "statuses": AccountRequestStatus.choices,
            "pending": AccountRequestStatus.PENDING,
            "query_string": query,
            "breadcrumb_data": _crumbs(current="Demandes de compte"),
        },
    )


def _detail(request, item, *, accept_form=None, decline_form=None, status=200):
    return render(
        request,
        "accounts/account_request.html",
        {
            "title": str(item),
            "item": item,
            "is_pending": item.status == AccountRequestStatus.PENDING,
            "accept_form": accept_form or AccountRequestAcceptForm(),
            "decline_form": decline_form or AccountRequestDeclineForm(),
            "breadcrumb_data": _crumbs(_queue_link(), current=item.full_name),
        },
        status=status,
    )


@require_GET
def account_request_detail(request, pk):
    item = account_request_for_user_or_404(request.user, pk)
    return _detail(request, item)


@require_POST
def account_request_accept(request, pk):
    """Accept: the account is created and the person gets the link to choose a password."""
    item = account_request_for_user_or_404(request.user, pk, need="edit")
    form = AccountRequestAcceptForm(request.POST)
    if form.is_valid():
        try:
            user = services.account_request_accept(
                account_request=item, role=form.cleaned_data["role"], by=request.user,
                request=request,
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Demande acceptée : le compte de {user.display_name} est créé "
                f"({user.get_role_display()}) et le lien pour choisir son mot de passe lui est "
                "envoyé.",
            )
            return redirect("accounts:account-request-detail", pk=item.pk)
    return _detail(request, item, accept_form=form, status=400)


@require_POST
def account_request_decline(request, pk):
    """Decline with a reason, which the person receives by e-mail."""
    item = account_request_for_user_or_404(request.user, pk, need="edit")
    form = AccountRequestDeclineForm(request.POST)
    if form.is_valid():
        try:
            services.account_request_decline(
                account_request=item, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"Demande refusée : {item.full_name} en reçoit le motif par courriel."
            )
            return redirect("accounts:account-request-detail", pk=item.pk)
    return _detail(request, item, decline_form=form, status=400)


@require_http_methods(["GET", "POST"])
def account_request_edit(request, pk):
    item = account_request_for_user_or_404(request.user, pk, need="edit")
    form = AccountRequestEditForm(request.POST or None, instance=item)
    detail_url = reverse("accounts:account-request-detail", args=[item.pk])

    def save(data):
        services.account_request_update(account_request=item, **data)
        return detail_url

    return form_page(
        request,
        form,
        save=save,
        title="Corriger la demande de compte",
        back_url=detail_url,
        success_message="Demande de compte corrigée.",
        breadcrumb=_crumbs(
            _queue_link(), (item.full_name, detail_url), current="Corriger la demande"
        ),
    )


@require_http_methods(["GET", "POST"])
def account_request_delete(request, pk):
    item = account_request_for_user_or_404(request.user, pk, need="edit")
    detail_url = reverse("accounts:account-request-detail", args=[item.pk])
    return confirm_delete(
        request,
        delete=lambda: services.account_request_delete(account_request=item),
        what=f"la demande de compte {of(item.full_name)}",
        back_url=detail_url,
        done_url=reverse("accounts:account-requests"),
        consequence="Le compte qu'elle a peut-être créé reste ouvert.",
        breadcrumb=_crumbs(
            _queue_link(), (item.full_name, detail_url), current="Supprimer la demande"
        ),
    )
