from django.contrib import admin

from fabrique.core.admin_site import integer_column

from .models import EPCI, Commune, Departement, Region, TerritoryImport


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Departement)
class DepartementAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region", integer_column(Departement, "population")]
    list_select_related = ["region"]
    search_fields = ["code", "name"]


@admin.register(EPCI)
class EPCIAdmin(admin.ModelAdmin):
    list_display = ["siren", "name", "kind", integer_column(EPCI, "population"), "member_count"]
    list_filter = ["kind"]
    search_fields = ["siren", "name"]


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["insee", "name", integer_column(Commune, "population"), "departement", "epci"]
    list_select_related = ["departement", "epci"]
    search_fields = ["insee", "name"]
    raw_id_fields = ["epci", "departement"]


@admin.register(TerritoryImport)
class TerritoryImportAdmin(admin.ModelAdmin):
    """The log of `import_territories`, written by the command only: read here, not typed (its
    fingerprint lets a re-run skip unchanged files). Deleting the last one forces a re-import."""

    list_display = ["finished_at", "source", "communes", "created", "updated"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
