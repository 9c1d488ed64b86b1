"""Administration of the catalogue: mostly for reading and history. The team edits solutions,
schemes and operators on the catalogue pages; saves made here go through the same services."""

from django.contrib import admin

from fabrique.core.admin_site import HistoryAdmin, integer_column

from . import services, vocabulary
from .models import FundingScheme, Operator, Solution, SolutionSuggestion, SolutionUse


class CatalogueAdmin(HistoryAdmin):
    pass


@admin.register(Solution)
class SolutionAdmin(CatalogueAdmin):
    list_display = [
        "name",
        "origin",
        "cost_model",
        "licence",
        "maturity",
        integer_column(Solution, "user_count"),
    ]
    list_filter = ["origin", "cost_model", "maturity"]
    search_fields = ["name", "slug", "licence"]
    readonly_fields = ["categories", "hosting", "user_count"]
    raw_id_fields = ["project"]
    filter_horizontal = ["similar"]

    def save_model(self, request, obj, form, change):
        # The admin saves the relations of `form.instance` (similar solutions) next.
        fields = {name: value for name, value in form.cleaned_data.items()
                  if name in services.SOLUTION_FIELDS}  # fmt: skip
        form.instance = services.solution_save(solution=obj if change else None, **fields)
        obj.pk = form.instance.pk  # where the admin goes next


@admin.register(SolutionUse)
class SolutionUseAdmin(CatalogueAdmin):
    list_display = ["solution", "territory", "since"]
    list_select_related = ["solution", "commune", "epci", "departement", "region"]
    raw_id_fields = ["solution", "commune", "epci", "departement", "region"]
    search_fields = ["solution__name", "commune__name", "epci__name"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.recount_users(solution_ids=[obj.solution_id])

    def delete_model(self, request, obj):
        services.solution_use_remove(use=obj)


@admin.register(Operator)
class OperatorAdmin(CatalogueAdmin):
    list_display = ["name", "status", "website"]
    list_filter = ["status"]
    search_fields = ["name", "siret"]
    filter_horizontal = ["departements", "solutions"]


@admin.register(FundingScheme)
class FundingSchemeAdmin(CatalogueAdmin):
    list_display = ["name", "deadline", "is_closed", "source"]
    list_filter = ["is_closed", "source", "recurrence"]
    search_fields = ["name", "funders", "url"]
    readonly_fields = ["aid_types", "beneficiaries", "themes"]
    filter_horizontal = ["departements", "regions"]

    def save_model(self, request, obj, form, change):
        # The admin saves the relations of `form.instance` (departements, regions) next.
        fields = {name: value for name, value in form.cleaned_data.items()
                  if name in services.SCHEME_FIELDS}  # fmt: skip
        form.instance = services.scheme_save(
            scheme=obj if change else None,
            aid_types=vocabulary.decode(obj.aid_types),
            beneficiaries=vocabulary.decode(obj.beneficiaries),
            themes=vocabulary.decode(obj.themes),
            **fields,
        )
        obj.pk = form.instance.pk  # where the admin goes next


@admin.register(SolutionSuggestion)
class SolutionSuggestionAdmin(CatalogueAdmin):
    list_display = ["name", "status", "submitted_by", "submitted_at"]
    list_filter = ["status"]
    search_fields = ["name"]
    readonly_fields = ["submitted_by", "moderated_by", "moderated_at", "solution"]
