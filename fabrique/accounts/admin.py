from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse

from fabrique.core.admin_site import HistoryAdmin
from fabrique.core.numbers import counted

from .access import can_access_admin
from .models import AccountRequest, DeletionRequest, Membership, SecurityEvent, User
from .services import is_erased, person_erase


def erase_people(modeladmin, request, users, *, back_label: str):
    """Erase the chosen people after a confirmation page listing what will change."""
    if not can_access_admin(request.user):
        modeladmin.message_user(
            request, "Seuls les administrateur·rices peuvent effacer une personne.", messages.ERROR
        )
        return None
    users = [user for user in users if not is_erased(user) and user.pk != request.user.pk]
    if not users:
        modeladmin.message_user(
            request,
            "Aucune personne à effacer (déjà effacée, ou votre propre compte).",
            messages.WARNING,
        )
        return None
    if request.POST.get("post") != "oui":
        previews = [
            (user, person_erase(user=user, by=request.user, dry_run=True)) for user in users
        ]
        return TemplateResponse(
            request,
            "accounts/admin_erase_confirm.html",
            {
                **modeladmin.admin_site.each_context(request),
                "title": "Effacer la personne",
                "previews": previews,
                "queryset": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
                "action": request.POST.get("action"),
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "opts": modeladmin.model._meta,
                "back_label": back_label,
            },
        )
    done = 0
    for user in users:
        try:
            person_erase(user=user, by=request.user, request=request)
            done += 1
        except ValidationError as error:
            modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
    modeladmin.message_user(
        request,
        f"{counted(done, 'personne effacée', 'personnes effacées')} ; les chiffres sont conservés.",
        messages.SUCCESS,
    )
    return None


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["commune", "epci", "departement", "region"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Identité", {"fields": ["first_name", "last_name", "organisation"]}),
        ("Rôle et droits", {"fields": ["role", "is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "role", "password1", "password2"]})
    ]
    actions = ["erase"]

    @admin.action(description="Effacer la personne (anonymiser ses données)")
    def erase(self, request, queryset):
        return erase_people(self, request, list(queryset), back_label="utilisateur·rices")


@admin.register(DeletionRequest)
class DeletionRequestAdmin(HistoryAdmin):
    list_display = ["requested_at", "email", "status", "done_at", "done_by"]
    list_filter = ["status"]
    search_fields = ["email"]
    list_select_related = ["user", "done_by"]
    readonly_fields = ["user", "email", "message", "requested_at", "done_at", "done_by"]
    fields = ["user", "email", "message", "status", "requested_at", "done_at", "done_by"]
    actions = ["erase"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Effacer la personne (anonymiser ses données)")
    def erase(self, request, queryset):
        users = [deletion.user for deletion in queryset if deletion.user is not None]
        return erase_people(self, request, users, back_label="demandes d'effacement")


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """Read-only: the log is written by the platform, never by hand."""

    list_display = ["at", "kind", "email", "actor", "ip_address", "detail"]
    list_filter = ["kind"]
    search_fields = ["email", "ip_address", "detail"]
    list_select_related = ["actor"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AccountRequest)
class AccountRequestAdmin(HistoryAdmin):
    """Read here, decided on the team's page (« Mon espace → Demandes de compte »), which
    creates the account and sends the e-mails."""

    list_display = ["created_at", "email", "last_name", "first_name", "kind", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["email", "last_name", "first_name"]
    list_select_related = ["decided_by", "user"]
    exclude = ["source_hash"]
    readonly_fields = [
        "first_name", "last_name", "email", "kind", "commune", "epci", "position", "message",
        "consent_at", "status", "created_at", "decided_at", "decided_by", "granted_role",
        "decline_reason", "user",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False
