from django.contrib import admin

from fabrique.core.admin_site import HistoryAdmin

from .models import Application, JobOffer, Review


@admin.register(JobOffer)
class JobOfferAdmin(HistoryAdmin):
    list_display = ["title", "team_name", "contract", "status", "opens_on", "closes_on"]
    list_filter = ["status", "contract", "source_format"]
    search_fields = ["title", "team_name", "slug"]
    readonly_fields = ["body_html", "source_file", "review_notes"]


@admin.register(Application)
class ApplicationAdmin(HistoryAdmin):
    list_display = ["name", "offer", "stage", "created_at"]
    list_filter = ["stage"]
    search_fields = ["name", "email", "offer__title"]
    exclude = ["source_hash"]


@admin.register(Review)
class ReviewAdmin(HistoryAdmin):
    list_display = ["application", "reviewer", "rating", "updated_at"]
