"""Administration of the portfolio: for reading, searching and the history of every record.

The team corrects projects, phases, teams, budgets, reviews and committees on the portfolio pages
(same services, same rules); here, records are read-only except for projects and committees,
whose saves go through the same services."""

from django.contrib import admin

from fabrique.core.admin_site import HistoryAdmin, euros_column

from . import services
from .models import (
    Committee,
    CommitteeDocument,
    Decision,
    Expense,
    FundingLine,
    MaturityReview,
    Phase,
    Project,
    ServiceFait,
    TeamMember,
)


class ReadOnlyAdmin(HistoryAdmin):
    """Shown and searchable, with history; corrected on the portfolio pages only."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    can_delete = False
    readonly_fields = ["name", "start", "end", "comment"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Project)
class ProjectAdmin(HistoryAdmin):
    list_display = ["name", "slug", "kind", "manager", "updated_at"]
    list_filter = ["kind", "thematics"]
    search_fields = ["name", "slug", "mission"]
    raw_id_fields = ["manager"]
    readonly_fields = ["description_html", "postmortem_by", "postmortem_at"]
    inlines = [PhaseInline]

    def save_model(self, request, obj, form, change):
        # The admin saves the relations of `form.instance` (and the read-only phases) next.
        fields = {
            name: value
            for name, value in form.cleaned_data.items()
            if name in services.PROJECT_FIELDS
        }
        form.instance = services.project_save(project=obj if change else None, **fields)
        obj.pk = form.instance.pk  # where the admin goes next


@admin.register(Committee)
class CommitteeAdmin(HistoryAdmin):
    list_display = ["date", "kind", "title"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["title"]
    filter_horizontal = ["projects"]
    readonly_fields = ["minutes_html"]

    def save_model(self, request, obj, form, change):
        # The admin saves the agenda (projects) of `form.instance` next.
        fields = ("date", "kind", "title", "attendees", "minutes")
        form.instance = services.committee_save(
            committee=obj if change else None,
            **{name: form.cleaned_data[name] for name in fields if name in form.cleaned_data},
        )
        obj.pk = form.instance.pk  # where the admin goes next


@admin.register(CommitteeDocument)
class CommitteeDocumentAdmin(ReadOnlyAdmin):
    """Who attached or removed a committee's document, and when (its history)."""

    list_display = ["committee", "name", "size", "uploaded_at"]
    search_fields = ["name", "committee__title"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["committee", "project", "outcome", euros_column(Decision, "amount")]
    list_filter = ["outcome"]
    search_fields = ["project__name"]


@admin.register(Phase)
class PhaseAdmin(ReadOnlyAdmin):
    list_display = ["project", "name", "start", "end"]
    list_filter = ["name"]
    search_fields = ["project__name"]


@admin.register(TeamMember)
class TeamMemberAdmin(ReadOnlyAdmin):
    list_display = ["full_name", "project", "role", "start", "end", "is_freelance"]
    list_filter = ["role", "is_freelance"]
    search_fields = ["full_name", "project__name"]


@admin.register(ServiceFait)
class ServiceFaitAdmin(ReadOnlyAdmin):
    list_display = ["member", "period_start", "period_end", "attested_at"]
    search_fields = ["member__full_name"]


@admin.register(FundingLine)
class FundingLineAdmin(ReadOnlyAdmin):
    list_display = ["project", "source", euros_column(FundingLine, "amount"), "start", "end"]
    search_fields = ["project__name", "source"]


@admin.register(Expense)
class ExpenseAdmin(ReadOnlyAdmin):
    list_display = ["project", "date", "label", euros_column(Expense, "amount")]
    search_fields = ["project__name", "label"]


@admin.register(MaturityReview)
class MaturityReviewAdmin(ReadOnlyAdmin):
    list_display = ["project", "date", "impact", "deployment", "design", "open_source", "open_data"]
    search_fields = ["project__name"]
