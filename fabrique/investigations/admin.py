"""Administration of the programme: grids and scores are shown in words (« Réalité et ampleur du
problème : 2 / 5 »), not as the JSON they are stored in; they are scored on the site."""

from django.contrib import admin
from django.utils.html import format_html_join

from fabrique.core.admin_site import DeletedThroughService, HistoryAdmin

from . import services
from .models import Call, DayEntry, Investigation, InvestigationPhase, Problem, Review
from .vocabulary import GO_GRID, GRID_MAX


def _lines(lines) -> str:
    return format_html_join("", "<p>{}</p>", ((line,) for line in lines)) or "-"


def _scores(grid, scores: dict) -> str:
    labels = dict(grid)
    return _lines(f"{labels.get(key, key)} : {value} / {GRID_MAX}" for key, value in scores.items())


@admin.register(Call)
class CallAdmin(HistoryAdmin):
    list_display = ["title", "opens_on", "closes_on", "funded_count"]
    exclude = ["grid"]
    readonly_fields = ["grid_labels"]

    @admin.display(description="Grille de notation (se modifie sur la page de l'appel)")
    def grid_labels(self, call):
        return _lines(label for _, label in call.grid)


@admin.register(Problem)
class ProblemAdmin(DeletedThroughService, HistoryAdmin):
    list_display = ["title", "call", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["title"]

    def delete_service(self, obj):
        services.problem_delete(problem=obj)  # the files of its attachments too


@admin.register(Review)
class ReviewAdmin(HistoryAdmin):
    list_display = ["problem", "reviewer", "total"]
    exclude = ["scores"]
    readonly_fields = ["scores_in_words", "total"]

    @admin.display(description="Notes")
    def scores_in_words(self, review):
        return _scores(review.problem.call.grid if review.problem.call else [], review.scores)


class PhaseInline(admin.TabularInline):
    model = InvestigationPhase
    fields = ["step", "planned_start", "planned_end", "closed_on"]
    extra = 0


@admin.register(Investigation)
class InvestigationAdmin(HistoryAdmin):
    list_display = ["problem", "coach", "start", "decision", "is_public"]
    list_filter = ["decision", "is_public"]
    inlines = [PhaseInline]
    exclude = ["go_scores"]
    readonly_fields = ["go_scores_in_words"]

    @admin.display(description="Grille du go/no-go")
    def go_scores_in_words(self, investigation):
        return _scores(GO_GRID, investigation.go_scores)


@admin.register(DayEntry)
class DayEntryAdmin(HistoryAdmin):
    list_display = ["investigation", "full_name", "role", "day", "days"]
