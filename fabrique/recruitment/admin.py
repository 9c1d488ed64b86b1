"""Administration of recruitment: an offer's lists (technologies, domains) are typed with commas
and the fields kept from its imported file read « clé : valeur », not as stored JSON."""

from django import forms
from django.contrib import admin
from django.utils.html import format_html_join

from fabrique.core.admin_site import HistoryAdmin

from .models import Application, JobOffer, Review

LIST_FIELDS = ("techno", "domains")


class JobOfferAdminForm(forms.ModelForm):
    techno = forms.CharField(
        label="Technologies", required=False, help_text="Séparées par des virgules."
    )
    domains = forms.CharField(
        label="Domaines", required=False, help_text="Séparés par des virgules."
    )

    # No Meta: the admin builds the form for JobOffer with all its fields but `exclude`
    # (ModelAdmin.get_form); two lists are typed here with commas.

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in LIST_FIELDS:
            self.initial[name] = ", ".join(getattr(self.instance, name) or [])

    def _words(self, name) -> list[str]:
        return [word.strip() for word in self.cleaned_data[name].split(",") if word.strip()]

    def clean_techno(self) -> list[str]:
        return self._words("techno")

    def clean_domains(self) -> list[str]:
        return self._words("domains")


@admin.register(JobOffer)
class JobOfferAdmin(HistoryAdmin):
    form = JobOfferAdminForm
    exclude = ["extra", "body_html"]
    list_display = ["title", "team_name", "contract", "status", "opens_on", "closes_on"]
    list_filter = ["status", "contract", "source_format"]
    search_fields = ["title", "team_name", "slug"]
    readonly_fields = ["extra_fields", "source_file", "review_notes"]

    @admin.display(description="Autres champs du fichier")
    def extra_fields(self, offer):
        pairs = (
            (key, ", ".join(map(str, value)) if isinstance(value, list) else value)
            for key, value in (offer.extra or {}).items()
        )
        return format_html_join("", "<p>{} : {}</p>", pairs) or "-"


@admin.register(Application)
class ApplicationAdmin(HistoryAdmin):
    list_display = ["name", "offer", "stage", "created_at"]
    list_filter = ["stage"]
    search_fields = ["name", "email", "offer__title"]
    exclude = ["source_hash"]


@admin.register(Review)
class ReviewAdmin(HistoryAdmin):
    list_display = ["application", "reviewer", "rating", "updated_at"]
