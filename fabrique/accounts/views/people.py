import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.messages.views import SuccessMessageMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fabrique.core import espace, exports, personal_data
from fabrique.core.forms import add_service_errors
from fabrique.core.views_helpers import require

from ..access import can_access_admin, can_view_deletion_requests, is_incubator_staff
from ..filters import SecurityEventFilter
from ..forms import (
    DeletionRequestForm,
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from ..models import SecurityEvent, SecurityEventKind
from ..selectors import (
    deletion_requests_for_team,
    lockouts,
    memberships_for_user,
    pending_deletion_request,
    person_export,
)
from ..services import (
    deletion_request_cancel,
    deletion_request_create,
    lockout_release,
    person_for,
)
from ..services.security_log import password_reset_check, record


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    extra_context = {"title": "Connexion"}


@method_decorator(login_not_required, name="dispatch")
class LogoutView(auth_views.LogoutView):
    """A logout opened by a link or typed in (GET) asks « Se déconnecter ? » with the button
    that logs out (POST), instead of the « action impossible » page; POST logs out as before.
    Someone already logged out is told so, with the way to log in."""

    http_method_names = ["get", "post", "options"]
    template_name = "accounts/logout.html"


def dashboard(request):
    user = request.user
    return render(
        request,
        "accounts/dashboard.html",
        {
            "title": "Mon espace",
            "blocks": espace.blocks_for(user),
            "memberships": memberships_for_user(user),
            "is_staff_member": is_incubator_staff(user),
            "can_admin": can_access_admin(user),
        },
    )


@method_decorator(login_not_required, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-done")
    extra_context = {
        "title": "Mot de passe oublié",
        "back_url": reverse_lazy("accounts:login"),
        "submit_label": "Recevoir le lien par courriel",
    }

    def form_valid(self, form):
        """A few links per hour per address typed and per network, said in French
        (security_log.password_reset_check); each link sent is a line of the security log."""
        email = form.cleaned_data["email"]
        try:
            password_reset_check(request=self.request, email=email)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        response = super().form_valid(form)
        record(kind=SecurityEventKind.PASSWORD_RESET_ASKED, request=self.request, email=email)
        return response


@method_decorator(login_not_required, name="dispatch")
class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"
    extra_context = {"title": "Courriel envoyé"}


@method_decorator(login_not_required, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")
    extra_context = {"title": "Nouveau mot de passe"}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not context["validlink"]:
            # Django titles this page "Échec lors de la mise à jour du mot de passe": the title
            # says what the heading says (RGAA 8.6).
            context["title"] = "Lien expiré ou déjà utilisé"
        return context


@method_decorator(login_not_required, name="dispatch")
class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"
    extra_context = {"title": "Mot de passe changé"}


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    """Changing one's password keeps this session and ends the others (Django checks the
    password hash stored in each session)."""

    form_class = PasswordChangeForm
    template_name = "components/form_page.html"
    success_url = reverse_lazy("accounts:dashboard")
    success_message = "Mot de passe changé : vos autres sessions ont été fermées."
    extra_context = {
        "title": "Changer de mot de passe",
        "back_url": reverse_lazy("accounts:dashboard"),
    }


SECURITY_COLUMNS = [
    exports.Column("Date", width=20),
    exports.Column("Événement", width=28),
    exports.Column("Adresse concernée", width=32),
    exports.Column("Auteur·rice", width=32),
    exports.Column("Adresse IP", width=18),
    exports.Column("Détail", width=50),
]


def security_log(request):
    """The security log, for administrators: a page of 100 events, or the whole log exported."""
    require(can_access_admin(request.user))
    filterset = SecurityEventFilter(
        request.GET, queryset=SecurityEvent.objects.select_related("actor").order_by("-at", "-pk")
    )
    events, kind = filterset.qs, filterset.kind
    fmt = request.GET.get("format", "")
    if fmt in exports.SPREADSHEETS:  # the table as a spreadsheet (no PDF of the log)
        rows = [
            [
                # The time the page shows (local), not UTC: an hour apart in winter.
                f"{timezone.localtime(event.at):%Y-%m-%d %H:%M:%S}",
                event.get_kind_display(),
                event.email,
                event.actor.email if event.actor else "",
                event.ip_address or "",
                event.detail,
            ]
            for event in events
        ]
        record(
            kind=SecurityEventKind.PERSONAL_EXPORT, request=request, detail="journal de sécurité"
        )
        return exports.response(
            rows, fmt, SECURITY_COLUMNS, "Journal de sécurité", "journal-securite"
        )
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/security_log.html",
        {
            "title": "Journal de sécurité",
            "page": page,
            "kinds": SecurityEventKind.choices,
            "kind": kind,
            "formats": list(exports.SPREADSHEETS),
            "lockouts": lockouts(),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
    )


@require_POST
def lockout_release_view(request):
    """An administrator lifts the block of an account or of an address (security log page)."""
    require(can_access_admin(request.user))
    username = request.POST.get("username", "")
    try:
        lockout_release(
            by=request.user,
            username=username,
            ip_address=request.POST.get("ip_address", ""),
            request=request,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        what = f"Le compte {username}" if username else "L'adresse IP"
        messages.success(
            request, f"{what} peut de nouveau se connecter : les échecs récents sont effacés."
        )
    return redirect("accounts:security-log")


# --- Personal data ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def personal_data_page(request):
    """« Mes données » : download them, ask for their erasure."""
    user = request.user
    pending = pending_deletion_request(user)
    form = DeletionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            message = form.cleaned_data["message"]
            deletion_request_create(user=user, message=message, request=request)
        except ValidationError as error:
            if pending is None:
                add_service_errors(form, error)
            else:  # a second request while one is pending: said politely, nothing saved
                messages.info(request, " ".join(error.messages))
                return redirect("accounts:personal-data")
        else:
            messages.success(
                request,
                "Votre demande d'effacement est enregistrée : l'équipe de l'incubateur la traite "
                "sous un mois et vous écrit une fois l'effacement fait.",
            )
            return redirect("accounts:personal-data")
    return render(
        request,
        "accounts/personal_data.html",
        {
            "title": "Mes données personnelles",
            "form": form if request.method == "POST" else DeletionRequestForm(),
            "pending": pending,
            "sections": personal_data.sections(),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def personal_data_cancel(request):
    """Withdraw one's pending erasure request."""
    pending = pending_deletion_request(request.user)
    if pending is None:
        messages.info(request, "Vous n'avez aucune demande d'effacement en attente.")
    else:
        deletion_request_cancel(deletion=pending, request=request)
        messages.success(request, "Votre demande d'effacement est annulée.")
    return redirect("accounts:personal-data")


@require_GET
def personal_data_export(request):
    """Everything about the logged-in account, as a JSON file (the export is logged)."""
    user = request.user
    data = person_export(user, person_for(user))
    record(kind=SecurityEventKind.PERSONAL_EXPORT, request=request, user=user, detail="mes données")
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="mes-donnees-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def deletion_requests(request):
    """The team's list of erasure requests (pending first); administrators erase in the admin."""
    require(can_view_deletion_requests(request.user))
    page = Paginator(deletion_requests_for_team(), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/deletion_requests.html",
        {
            "title": "Demandes d'effacement",
            "page": page,
            "can_admin": can_access_admin(request.user),
        },
    )
