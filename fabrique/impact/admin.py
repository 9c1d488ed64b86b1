"""Administration: a view on impact data for administrators. Writes that other figures depend on
go through the services, so that the copies they keep stay exact (latest value of an indicator,
penetration series)."""

from django.contrib import admin

from fabrique.core.admin_site import HistoryAdmin, integer_column, row_number_column

from .models import Deployment, DeploymentTarget, Indicator, Measurement, ProjectToken
from .rules import format_value
from .services import measurement_delete, penetration_refresh, refresh_latest


@admin.register(Indicator)
class IndicatorAdmin(HistoryAdmin):
    list_display = ["name", "project", "level", "unit", "frequency", "is_north_star", "is_public"]
    list_filter = ["level", "kind", "frequency", "is_public", "is_north_star"]
    list_select_related = ["project"]
    search_fields = ["name", "project__name", "project__slug"]
    readonly_fields = ["key", "computed", "latest_period", "latest_value"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        refresh_latest(indicator_ids=[obj.pk])  # the copy of the latest value stays exact


@admin.register(Measurement)
class MeasurementAdmin(HistoryAdmin):
    """Values are written by the forms, the import and the API (checked there); here they can
    only be read, or deleted through the service."""

    # The value in its indicator's unit, grouped: « 1 500 000 € », « 4,5 » (not « 1500000.00 »).
    list_display = [
        "indicator", "period",
        row_number_column(
            Measurement, "value", lambda row, value: format_value(value, row.indicator.unit)
        ),
        "source", "updated_at",
    ]  # fmt: skip
    list_filter = ["source"]
    list_select_related = ["indicator__project"]
    search_fields = ["indicator__name", "indicator__project__slug"]
    date_hierarchy = "period"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        measurement_delete(measurement=obj)

    def delete_queryset(self, request, queryset):
        for measurement in queryset.select_related("indicator"):
            measurement_delete(measurement=measurement)


@admin.register(ProjectToken)
class ProjectTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "name", "project", "created_at", "last_used_at", "revoked_at"]
    list_select_related = ["project"]
    readonly_fields = ["prefix", "key_hash", "created_at", "last_used_at"]
    search_fields = ["prefix", "project__slug"]

    def has_add_permission(self, request):
        return False  # created in the project's page or by `manage.py project_token`


class RefreshPenetration:
    """Any change of the target or of the deployments recomputes the penetration series."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        penetration_refresh(project=obj.project)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        penetration_refresh(project=form.instance.project)

    def delete_model(self, request, obj):
        project = obj.project
        super().delete_model(request, obj)
        penetration_refresh(project=project)

    def delete_queryset(self, request, queryset):
        projects = {item.project for item in queryset.select_related("project")}
        super().delete_queryset(request, queryset)
        for project in projects:
            penetration_refresh(project=project)


@admin.register(DeploymentTarget)
class DeploymentTargetAdmin(RefreshPenetration, admin.ModelAdmin):
    list_display = ["project", "kind", integer_column(DeploymentTarget, "max_population"), "region"]
    list_select_related = ["project", "region"]
    filter_horizontal = ["departements"]


@admin.register(Deployment)
class DeploymentAdmin(RefreshPenetration, admin.ModelAdmin):
    list_display = ["project", "commune", "epci", "since"]
    list_select_related = ["project", "commune", "epci"]
    raw_id_fields = ["commune", "epci", "departement", "region"]
