from django.contrib import admin

from fabrique.core.admin_site import DeletedThroughService, HistoryAdmin, euros_column

from . import services
from .models import (
    ExpertModule,
    FollowUp,
    KnowledgePage,
    Registration,
    Session,
    Supplier,
    SupportFormat,
    SupportRequest,
)


@admin.register(SupportFormat)
class SupportFormatAdmin(HistoryAdmin):
    list_display = ["title", "kind", "theme", "audience", "is_public"]
    list_filter = ["kind", "theme"]


@admin.register(Session)
class SessionAdmin(HistoryAdmin):
    list_display = ["format", "start", "trainer", "capacity", "registered_count"]
    list_select_related = ["format", "trainer"]
    raw_id_fields = ["format", "trainer"]
    # Counted from the confirmed registrations (services.registered_count_refresh), never typed.
    readonly_fields = ["registered_count"]


@admin.register(Registration)
class RegistrationAdmin(HistoryAdmin):
    list_display = ["session", "user", "status", "attended", "score"]
    list_select_related = ["session__format", "user"]
    raw_id_fields = ["session", "user", "project", "registered_by"]

    # A registration changed or deleted here counts again in its session(s), as in the app.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        sessions = {obj.session_id: obj.session}
        if change and "session" in form.changed_data and form.initial.get("session"):
            old = Session.objects.filter(pk=form.initial["session"]).first()
            if old is not None:
                sessions[old.pk] = old
        for session in sessions.values():
            services.registered_count_refresh(session)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        services.registered_count_refresh(obj.session)

    def delete_queryset(self, request, queryset):
        sessions = list(Session.objects.filter(registrations__in=queryset).distinct())
        super().delete_queryset(request, queryset)
        for session in sessions:
            services.registered_count_refresh(session)


@admin.register(Supplier)
class SupplierAdmin(HistoryAdmin):
    list_display = ["name", "contract_reference"]


@admin.register(ExpertModule)
class ExpertModuleAdmin(HistoryAdmin):
    list_display = [
        "expertise",
        "project",
        "supplier",
        "status",
        euros_column(ExpertModule, "amount_incl_vat"),
    ]
    list_select_related = ["project", "supplier"]
    raw_id_fields = ["project", "follower", "expense", "carried_from", "attested_by"]


admin.site.register(FollowUp, HistoryAdmin)
admin.site.register(SupportRequest, HistoryAdmin)


@admin.register(KnowledgePage)
class KnowledgePageAdmin(DeletedThroughService, HistoryAdmin):
    def delete_service(self, obj):
        services.page_delete(page=obj)  # the files of its attachments too
