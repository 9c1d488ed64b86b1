"""Administration of the accompagnement sur-mesure. What the site computes (eligibility, days
used, weighted scores, pre-diagnostics) is read-only here; what is stored as JSON (criteria,
scores, questions, answers, reasons) is shown in words. Missions, needs, questionnaires and
leads are created on the site, where their rules are checked; here they are read, corrected or
deleted. The contacts of a collectivité and the names of the people met are not listed."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join

from fabrique.core import numbers
from fabrique.core.admin_site import HistoryAdmin, euros_column, integer_column

from . import models, rules
from .selectors.overview import with_days
from .vocabulary import SCORE_MAX, QuestionKind


def _lines(lines) -> str:
    return format_html_join("", "<p>{}</p>", ((line,) for line in lines)) or "-"


def _criterion(key: str, criterion: dict) -> str:
    weight = criterion.get("weight", 0)
    lower = " ; plus la note est basse, mieux c'est" if criterion.get("lower_is_better") else ""
    return f"{criterion.get('label', key)} : coefficient {weight}{lower}"


class ReadOnly:
    """A record written by the site (computed, or checked by its rules): read and deleted here,
    never added nor changed by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CreatedOnTheSite:
    """A record created on the site (its rules are checked there), corrected here."""

    def has_add_permission(self, request, obj=None):
        return False


# --- Missions ----------------------------------------------------------------------------------


@admin.register(models.EligibilityRule)
class EligibilityRuleAdmin(HistoryAdmin):
    list_display = [
        "valid_from",
        integer_column(models.EligibilityRule, "commune_threshold"),
        integer_column(models.EligibilityRule, "epci_threshold"),
    ]
    date_hierarchy = "valid_from"


@admin.register(models.CriteriaGrid)
class CriteriaGridAdmin(ReadOnly, admin.ModelAdmin):
    """A grid is kept as missions were scored with it: read only."""

    list_display = ["__str__", "criteria_count"]
    exclude = ["criteria"]
    readonly_fields = ["created_at", "criteria_in_words"]

    @admin.display(description="nombre de critères")
    def criteria_count(self, grid):
        return len(grid.criteria)

    @admin.display(description=f"critères (note de 0 à {SCORE_MAX})")
    def criteria_in_words(self, grid):
        return _lines(_criterion(key, criterion) for key, criterion in grid.criteria.items())


@admin.register(models.Mission)
class MissionAdmin(CreatedOnTheSite, HistoryAdmin):
    """Requested on the site (the eligibility is computed there); its steps, the days and the
    deliverable are on its page."""

    list_display = [
        "__str__", "status", "days_used", "eligible", "consultant", "requested_on", "start",
        "delivered_on",
    ]  # fmt: skip
    list_filter = ["status", "eligible"]
    list_select_related = ["commune", "epci", "consultant"]
    search_fields = ["commune__name", "commune__insee", "epci__name", "epci__siren"]
    date_hierarchy = "requested_on"
    raw_id_fields = ["commune", "epci", "consultant", "extra_days_approved_by"]
    readonly_fields = [
        "eligible", "eligibility_reason", "rule", "grid", "requested_by", "created_at",
        "days_used", "page",
    ]  # fmt: skip

    def get_queryset(self, request):
        return with_days(super().get_queryset(request))

    @admin.display(description="jours passés (sur 10)")
    def days_used(self, mission):
        return mission.days_used_text

    @admin.display(description="sur le site")
    def page(self, mission):
        return format_html('<a href="{}">Page de la mission</a>', mission.get_absolute_url())


@admin.register(models.TimeEntry)
class TimeEntryAdmin(HistoryAdmin):
    list_display = ["day", "person", "days", "kind", "mission"]  # the long name last
    list_filter = ["kind"]
    list_select_related = ["mission__commune", "mission__epci", "person"]
    search_fields = ["mission__commune__name", "mission__epci__name", "note"]
    date_hierarchy = "day"
    raw_id_fields = ["mission", "person"]

    @admin.display(description="durée", ordering="half_days")
    def days(self, entry):
        return numbers.days_text(rules.days(entry.half_days))


@admin.register(models.Deliverable)
class DeliverableAdmin(CreatedOnTheSite, admin.ModelAdmin):
    """Produced on the mission's page (PDF and ODT of the same version)."""

    list_display = ["mission", "version", "is_final", "author", "created_at"]
    list_filter = ["is_final"]
    list_select_related = ["mission__commune", "mission__epci", "author"]
    readonly_fields = ["mission", "version", "pdf", "odt", "author", "created_at"]


@admin.register(models.Comment)
class CommentAdmin(HistoryAdmin):
    list_display = ["__str__", "mission", "author", "updated_at"]
    list_select_related = ["mission__commune", "mission__epci", "author"]
    raw_id_fields = ["mission", "author"]
    readonly_fields = ["created_at", "updated_at"]


# --- Needs and their follow-up -----------------------------------------------------------------


class FollowUpInline(admin.TabularInline):
    model = models.NeedFollowUp
    fields = ["milestone", "state", "note", "recorded_on"]
    extra = 0


@admin.register(models.Need)
class NeedAdmin(CreatedOnTheSite, HistoryAdmin):
    """Scored on the mission's page against the mission's grid; here the notes are read."""

    list_display = ["title", "mission", "theme", "score", "manual_position"]
    list_filter = ["theme"]
    list_select_related = ["mission__commune", "mission__epci", "mission__grid"]
    search_fields = ["title", "mission__commune__name", "mission__epci__name"]
    exclude = ["scores"]
    readonly_fields = ["mission", "scores_in_words", "score"]
    inlines = [FollowUpInline]

    @admin.display(description=f"notes (de 0 à {SCORE_MAX})")
    def scores_in_words(self, need):
        grid = need.mission.grid.criteria
        return _lines(
            f"{grid.get(key, {}).get('label', key)} : {value} / {SCORE_MAX}"
            for key, value in need.scores.items()
        )

    @admin.display(description="score pondéré")
    def score(self, need):
        grid = need.mission.grid.criteria
        return f"{rules.weighted_score(need.scores, grid)} / {rules.max_weighted_score(grid)}"


@admin.register(models.NeedFollowUp)
class NeedFollowUpAdmin(HistoryAdmin):
    list_display = ["need", "milestone", "state", "recorded_on", "recorded_by"]
    list_filter = ["milestone", "state"]
    list_select_related = ["need", "recorded_by"]
    search_fields = ["need__title"]
    raw_id_fields = ["need", "recorded_by"]


@admin.register(models.FollowUpReminder)
class FollowUpReminderAdmin(ReadOnly, admin.ModelAdmin):
    """Written by the reminder task, once per mission, milestone and person."""

    list_display = ["mission", "milestone", "recipient", "sent_at"]
    list_filter = ["milestone"]
    list_select_related = ["mission__commune", "mission__epci", "recipient"]


# --- Discovery ---------------------------------------------------------------------------------


@admin.register(models.Prediagnostic)
class PrediagnosticAdmin(ReadOnly, HistoryAdmin):
    """A dated snapshot computed on the mission's page."""

    list_display = ["mission", "computed_at", "computed_by"]
    list_select_related = ["mission__commune", "mission__epci", "computed_by"]
    exclude = ["data"]
    readonly_fields = ["mission", "computed_at", "computed_by", "summary"]

    @admin.display(description="résumé")
    def summary(self, prediagnostic):
        data = prediagnostic.data
        lines = []
        if place := data.get("collectivite"):
            population = place.get("population")
            lines.append(
                f"{place.get('name', '')} : {numbers.integer(population)} habitant·es"
                if population is not None
                else place.get("name", "")
            )
        if presence := data.get("digital_presence"):
            lines.append(f"Site internet : {presence.get('website') or 'aucun connu'}")
            lines.append(f"Adresse de contact : {presence.get('email') or 'aucune connue'}")
        for key, label in (
            ("nearby", "Solutions utilisées à proximité"),
            ("operators", "Opérateurs publics"),
            ("funding", "Financements possibles"),
        ):
            names = sorted({item.get("name", "") for item in data.get(key) or []})
            lines.append(f"{label} : {', '.join(names) if names else 'aucun'}")
        return _lines(lines)


@admin.register(models.Person)
class PersonAdmin(HistoryAdmin):
    # Listed by role and service: names stay on the mission's page.
    list_display = ["role", "service", "mission", "name_is_public"]
    list_filter = ["role", "name_is_public"]
    list_select_related = ["mission__commune", "mission__epci"]
    search_fields = ["service", "mission__commune__name", "mission__epci__name"]
    raw_id_fields = ["mission"]


@admin.register(models.Interview)
class InterviewAdmin(HistoryAdmin):
    list_display = ["__str__", "mission", "mode"]
    list_filter = ["mode"]
    list_select_related = ["mission__commune", "mission__epci"]
    search_fields = ["title", "mission__commune__name", "mission__epci__name"]
    date_hierarchy = "day"
    raw_id_fields = ["mission", "people", "needs"]


@admin.register(models.Tool)
class ToolAdmin(HistoryAdmin):
    list_display = [
        "name", "kind", "mission", euros_column(models.Tool, "cost_per_year"), "satisfaction",
    ]  # fmt: skip
    list_filter = ["kind"]
    list_select_related = ["mission__commune", "mission__epci"]
    search_fields = ["name", "mission__commune__name", "mission__epci__name"]
    raw_id_fields = ["mission", "solution"]


@admin.register(models.Training)
class TrainingAdmin(HistoryAdmin):
    list_display = ["__str__", "audience", "mission", integer_column(models.Training, "attendance")]
    list_filter = ["topic"]
    list_select_related = ["mission__commune", "mission__epci"]
    search_fields = ["audience", "mission__commune__name", "mission__epci__name"]
    date_hierarchy = "day"
    raw_id_fields = ["mission"]


def _question(number: int, question: dict) -> str:
    text = f"{number}. {question.get('label', '')} ({QuestionKind(question['kind']).label}"
    if question.get("choices"):
        text += " : " + " / ".join(question["choices"])
    return text + ")"


@admin.register(models.QuestionnaireVersion)
class QuestionnaireVersionAdmin(ReadOnly, HistoryAdmin):
    """Written on the site (« Questionnaire de l'état des lieux »), frozen once answered."""

    list_display = ["__str__", "question_count", "created_at", "created_by"]
    list_select_related = ["created_by"]
    exclude = ["questions"]
    readonly_fields = ["number", "created_at", "created_by", "questions_in_words"]

    @admin.display(description="nombre de questions")
    def question_count(self, version):
        return len(version.questions)

    @admin.display(description="questions")
    def questions_in_words(self, version):
        return _lines(_question(number, q) for number, q in enumerate(version.questions, 1))


@admin.register(models.QuestionnaireAnswer)
class QuestionnaireAnswerAdmin(ReadOnly, HistoryAdmin):
    """Answered on the mission's page."""

    list_display = ["mission", "version", "answered_at", "answered_by"]
    list_select_related = ["mission__commune", "mission__epci", "version", "answered_by"]
    exclude = ["answers"]
    readonly_fields = ["mission", "version", "answered_at", "answered_by", "answers_in_words"]

    @admin.display(description="réponses")
    def answers_in_words(self, answer):
        labels = {q.get("key"): q.get("label", "") for q in answer.version.questions}
        pairs = ((labels.get(key, key), value) for key, value in answer.answers.items())
        return format_html_join("", "<p>{}<br>→ {}</p>", pairs) or "-"


# --- Benchmark ---------------------------------------------------------------------------------


@admin.register(models.Candidate)
class CandidateAdmin(HistoryAdmin):
    list_display = [
        "name", "need", "provider", "recommended", "feasibility",
        euros_column(models.Candidate, "cost_once"),
        euros_column(models.Candidate, "cost_per_year"),
    ]  # fmt: skip
    list_filter = ["recommended"]
    list_select_related = ["need"]
    search_fields = ["name", "provider", "need__title"]
    raw_id_fields = ["need", "solution", "suggestion"]
    readonly_fields = ["feasibility"]

    @admin.display(description="faisabilité (sur 9)")
    def feasibility(self, candidate):
        return rules.feasibility_total(candidate)


@admin.register(models.Lead)
class LeadAdmin(CreatedOnTheSite, HistoryAdmin):
    """Chosen on the benchmark page among the funding schemes and partners that fit."""

    list_display = ["name", "kind", "kept", "candidate"]
    list_filter = ["kind", "kept"]
    list_select_related = ["candidate"]
    search_fields = ["name", "candidate__name"]
    exclude = ["reasons", "key"]
    readonly_fields = ["candidate", "kind", "scheme", "operator", "name", "reasons_in_words"]

    @admin.display(description="raisons")
    def reasons_in_words(self, lead):
        return _lines(lead.reasons)
