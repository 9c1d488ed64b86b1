from django.urls import path, register_converter

from .models import PROJECT_ID_PATTERN
from .views import board, committees, exports, projects, records, team


class ProjectIdConverter:
    """`<project:slug>`: a project id as the model accepts it (`aides.jeunes`, `Pass'Sport`…)."""

    regex = PROJECT_ID_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


class RecordKindConverter:
    """`<record:kind>`: one of the record kinds a project page lets its editors correct."""

    regex = "|".join(records.KINDS)

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
    path("projets/", projects.project_list, name="list"),
    path("projets/nouveau/", projects.project_create, name="project-create"),
    path(f"projets/{PROJECT}/", projects.project, name="project"),
    path(f"projets/{PROJECT}/modifier/", projects.project_edit, name="project-edit"),
    path(f"projets/{PROJECT}/supprimer/", projects.project_delete, name="project-delete"),
    path(f"projets/{PROJECT}/phases/ajouter/", projects.phase_add, name="phase-add"),
    path(f"projets/{PROJECT}/partenaires/ajouter/", projects.partner_add, name="partner-add"),
    path(f"projets/{PROJECT}/equipe/ajouter/", projects.team_member_add, name="team-add"),
    path(f"projets/{PROJECT}/financements/ajouter/", projects.funding_add, name="funding-add"),
    path(f"projets/{PROJECT}/depenses/ajouter/", projects.expense_add, name="expense-add"),
    path(f"projets/{PROJECT}/maturite/ajouter/", projects.maturity_add, name="maturity-add"),
    path(f"projets/{PROJECT}/historique/", records.project_history, name="history"),
    path(
        f"projets/{PROJECT}/<record:kind>/<int:pk>/modifier/",
        records.record_edit,
        name="record-edit",
    ),
    path(
        f"projets/{PROJECT}/<record:kind>/<int:pk>/supprimer/",
        records.record_delete,
        name="record-delete",
    ),
    path("equipe/<int:pk>/service-fait/ajouter/", team.service_fait_add, name="service-fait-add"),
    path("portefeuille/", board.dashboard, name="dashboard"),
    path("portefeuille/export.<str:fmt>", exports.export, name="export"),
    path("portefeuille/attestations/", team.attestations, name="attestations"),
    path("portefeuille/attestations/<int:pk>/attester/", team.attest, name="attest"),
    path("portefeuille/attestations/<int:pk>/retirer/", team.withdraw, name="attest-withdraw"),
    path("comites/", committees.committee_list, name="committees"),
    path("comites/nouveau/", committees.committee_create, name="committee-create"),
    path("comites/<int:pk>/", committees.committee, name="committee"),
    path("comites/<int:pk>/modifier/", committees.committee_edit, name="committee-edit"),
    path("comites/<int:pk>/supprimer/", committees.committee_delete, name="committee-delete"),
    path("decisions/<int:pk>/supprimer/", committees.decision_delete, name="decision-delete"),
    path("comites/documents/<int:pk>/", committees.committee_document, name="committee-document"),
    path(
        "comites/documents/<int:pk>/supprimer/",
        committees.committee_document_delete,
        name="committee-document-delete",
    ),
]
