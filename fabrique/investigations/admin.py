from django.contrib import admin

from fabrique.core.admin_site import HistoryAdmin

from .models import Call, DayEntry, Investigation, InvestigationPhase, Problem, Review


@admin.register(Call)
class CallAdmin(HistoryAdmin):
    list_display = ["title", "opens_on", "closes_on", "funded_count"]


@admin.register(Problem)
class ProblemAdmin(HistoryAdmin):
    list_display = ["title", "call", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["title"]


@admin.register(Review)
class ReviewAdmin(HistoryAdmin):
    list_display = ["problem", "reviewer", "total"]


class PhaseInline(admin.TabularInline):
    model = InvestigationPhase
    fields = ["step", "planned_start", "planned_end", "closed_on"]
    extra = 0


@admin.register(Investigation)
class InvestigationAdmin(HistoryAdmin):
    list_display = ["problem", "coach", "start", "decision", "is_public"]
    list_filter = ["decision", "is_public"]
    inlines = [PhaseInline]


@admin.register(DayEntry)
class DayEntryAdmin(HistoryAdmin):
    list_display = ["investigation", "full_name", "role", "day", "days"]
