from django.urls import path, register_converter

from . import views, views_export, views_records
from .models import PROJECT_ID_PATTERN


class ProjectIdConverter:
    """`<project:slug>`: a project id as the model accepts it (`aides.jeunes`, `Pass'Sport`…)."""

    regex = PROJECT_ID_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


class RecordKindConverter:
    """`<record:kind>`: one of the record kinds a project page lets its editors correct."""

    regex = "|".join(views_records.KINDS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


register_converter(ProjectIdConverter, "project")
register_converter(RecordKindConverter, "record")
# Every route that takes a project id uses it, here and in the impact and API URLs.
PROJECT = "<project:slug>"

app_name = "portfolio"
urlpatterns = [
    path("projets/", views.project_list, name="list"),
    path("projets/nouveau/", views.project_create, name="project-create"),
    path(f"projets/{PROJECT}/", views.project, name="project"),
    path(f"projets/{PROJECT}/modifier/", views.project_edit, name="project-edit"),
    path(f"projets/{PROJECT}/phases/ajouter/", views.phase_add, name="phase-add"),
    path(f"projets/{PROJECT}/partenaires/ajouter/", views.partner_add, name="partner-add"),
    path(f"projets/{PROJECT}/equipe/ajouter/", views.team_member_add, name="team-add"),
    path(f"projets/{PROJECT}/financements/ajouter/", views.funding_add, name="funding-add"),
    path(f"projets/{PROJECT}/depenses/ajouter/", views.expense_add, name="expense-add"),
    path(f"projets/{PROJECT}/maturite/ajouter/", views.maturity_add, name="maturity-add"),
    path(f"projets/{PROJECT}/historique/", views_records.project_history, name="history"),
    path(
        f"projets/{PROJECT}/<record:kind>/<int:pk>/modifier/",
        views_records.record_edit,
        name="record-edit",
    ),
    path(
        f"projets/{PROJECT}/<record:kind>/<int:pk>/supprimer/",
        views_records.record_delete,
        name="record-delete",
    ),
    path("equipe/<int:pk>/service-fait/ajouter/", views.service_fait_add, name="service-fait-add"),
    path("portefeuille/", views.dashboard, name="dashboard"),
    path("portefeuille/export.<str:fmt>", views_export.export, name="export"),
    path("portefeuille/attestations/", views.attestations, name="attestations"),
    path("portefeuille/attestations/<int:pk>/attester/", views.attest, name="attest"),
    path("comites/", views.committee_list, name="committees"),
    path("comites/nouveau/", views.committee_create, name="committee-create"),
    path("comites/<int:pk>/", views.committee, name="committee"),
    path("comites/<int:pk>/modifier/", views.committee_edit, name="committee-edit"),
    path("comites/<int:pk>/supprimer/", views.committee_delete, name="committee-delete"),
    path("decisions/<int:pk>/supprimer/", views.decision_delete, name="decision-delete"),
    path("comites/documents/<int:pk>/", views.committee_document, name="committee-document"),
]
