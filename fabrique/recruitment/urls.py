from django.urls import path

from . import views

app_name = "recruitment"
urlpatterns = [
    path("recrutement/", views.board, name="board"),
    path("recrutement/flux.atom", views.offer_feed, name="feed"),
    path("recrutement/offres.json", views.offer_json_list, name="json"),
    path("recrutement/gestion/", views.manage, name="manage"),
    path("recrutement/gestion/nouvelle/", views.offer_create, name="offer-create"),
    path("recrutement/statistiques/", views.statistics, name="statistics"),
    path("recrutement/statistiques.<str:fmt>", views.statistics_export, name="statistics-export"),
    path("recrutement/candidatures/", views.applications, name="applications"),
    path("recrutement/candidatures/<int:pk>/", views.application, name="application"),
    path("recrutement/candidatures/<int:pk>/cv/", views.application_cv, name="application-cv"),
    path(
        "recrutement/candidatures/<int:pk>/supprimer/",
        views.application_delete,
        name="application-delete",
    ),
    path("recrutement/avis/<int:pk>/supprimer/", views.review_delete, name="review-delete"),
    path("recrutement/candidature/<uuid:token>/supprimer/", views.forget, name="forget"),
    path("recrutement/offres/<slug:slug>/", views.offer, name="offer"),
    path("recrutement/offres/<slug:slug>.md", views.offer_markdown, name="offer-markdown"),
    path("recrutement/offres/<slug:slug>/modifier/", views.offer_edit, name="offer-edit"),
    path("recrutement/offres/<slug:slug>/supprimer/", views.offer_delete, name="offer-delete"),
    path("recrutement/offres/<slug:slug>/candidatures/", views.pipeline, name="pipeline"),
]
