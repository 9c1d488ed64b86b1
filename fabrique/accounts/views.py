from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.messages.views import SuccessMessageMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator

from fabrique.core import espace, exports

from .access import can_access_admin, is_incubator_staff
from .forms import LoginForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from .models import SecurityEvent, SecurityEventKind
from .security_log import record
from .selectors import memberships_for_user


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    extra_context = {"title": "Connexion"}


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
    extra_context = {"title": "Mot de passe oublié", "back_url": reverse_lazy("accounts:login")}


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
    if not can_access_admin(request.user):
        raise PermissionDenied
    events = SecurityEvent.objects.select_related("actor").order_by("-at", "-pk")
    kind = request.GET.get("type", "")
    if kind in SecurityEventKind.values:
        events = events.filter(kind=kind)
    fmt = request.GET.get("format", "")
    if fmt in exports.FORMATS:
        rows = [
            [
                f"{event.at:%Y-%m-%d %H:%M:%S}",
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
            "formats": list(exports.FORMATS),
        },
    )
