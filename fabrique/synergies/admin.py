from django.contrib import admin

from fabrique.core.admin_site import euros_column

from .models import LocalInitiative, RecomputeState, SynergyDecision


@admin.register(LocalInitiative)
class LocalInitiativeAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "commune",
        "measure",
        "source",
        "year",
        euros_column(LocalInitiative, "amount"),
    ]
    list_filter = ["source", "measure", "year"]
    list_select_related = ["commune"]
    search_fields = ["title", "commune__name", "commune__insee"]
    raw_id_fields = ["commune"]


@admin.register(SynergyDecision)
class SynergyDecisionAdmin(admin.ModelAdmin):
    """The log of decisions; a dismissed pair is restored from the page « Paires écartées »
    (`services.restore`), which keeps the dismissal in the log."""

    list_display = ["pair_key", "status", "decided_by", "decided_at"]
    list_filter = ["status"]
    search_fields = ["pair_key", "note"]
    readonly_fields = ["pair_key", "a_key", "b_key", "decided_by", "decided_at"]


@admin.register(RecomputeState)
class RecomputeStateAdmin(admin.ModelAdmin):
    list_display = ["requested_at", "started_at", "finished_at", "items", "links", "groups"]
    readonly_fields = [
        "requested_at",
        "started_at",
        "finished_at",
        "items",
        "links",
        "groups",
        "message",
    ]
