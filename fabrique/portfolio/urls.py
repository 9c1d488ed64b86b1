from django.urls import path

from . import views, views_export

app_name = "portfolio"
urlpatterns = [
    path("projets/", views.project_list, name="list"),
    path("projets/nouveau/", views.project_create, name="project-create"),
    path("projets/<slug:slug>/", views.project, name="project"),
    path("projets/<slug:slug>/modifier/", views.project_edit, name="project-edit"),
    path("projets/<slug:slug>/phases/ajouter/", views.phase_add, name="phase-add"),
    path("projets/<slug:slug>/partenaires/ajouter/", views.partner_add, name="partner-add"),
    path("projets/<slug:slug>/equipe/ajouter/", views.team_member_add, name="team-add"),
    path("projets/<slug:slug>/financements/ajouter/", views.funding_add, name="funding-add"),
    path("projets/<slug:slug>/depenses/ajouter/", views.expense_add, name="expense-add"),
    path("projets/<slug:slug>/maturite/ajouter/", views.maturity_add, name="maturity-add"),
    path("equipe/<int:pk>/service-fait/ajouter/", views.service_fait_add, name="service-fait-add"),
    path("portefeuille/", views.dashboard, name="dashboard"),
    path("portefeuille/export.<str:fmt>", views_export.export, name="export"),
    path("portefeuille/attestations/", views.attestations, name="attestations"),
    path("portefeuille/attestations/<int:pk>/attester/", views.attest, name="attest"),
    path("comites/", views.committee_list, name="committees"),
    path("comites/nouveau/", views.committee_create, name="committee-create"),
    path("comites/<int:pk>/", views.committee, name="committee"),
    path("comites/documents/<int:pk>/", views.committee_document, name="committee-document"),
]
