from django.urls import path

from . import views

app_name = "catalogue"
urlpatterns = [
    path("catalogue/", views.search, name="search"),
    path("catalogue/solutions/nouvelle/", views.solution_create, name="solution-create"),
    path("catalogue/solutions/<slug:slug>/", views.solution, name="solution"),
    path("catalogue/solutions/<slug:slug>/modifier/", views.solution_edit, name="solution-edit"),
    path(
        "catalogue/solutions/<slug:slug>/supprimer/", views.solution_delete, name="solution-delete"
    ),
    path("catalogue/solutions/<slug:slug>/historique/", views.solution_history,
         name="solution-history"),
    path("catalogue/solutions/<slug:slug>/utilisateurs/ajouter/", views.use_add, name="use-add"),
    path("catalogue/utilisations/<int:pk>/retirer/", views.use_remove, name="use-remove"),
    path("catalogue/communes/<str:insee>/", views.commune, name="commune"),
    path("catalogue/financements/", views.schemes, name="schemes"),
    path("catalogue/financements/nouveau/", views.scheme_create, name="scheme-create"),
    path("catalogue/financements/<slug:slug>/", views.scheme, name="scheme"),
    path("catalogue/financements/<slug:slug>/modifier/", views.scheme_edit, name="scheme-edit"),
    path(
        "catalogue/financements/<slug:slug>/supprimer/", views.scheme_delete, name="scheme-delete"
    ),
    path("catalogue/financements/<slug:slug>/historique/", views.scheme_history,
         name="scheme-history"),
    path("catalogue/operateurs/", views.operators, name="operators"),
    path("catalogue/operateurs/nouveau/", views.operator_create, name="operator-create"),
    path("catalogue/operateurs/<slug:slug>/", views.operator, name="operator"),
    path("catalogue/operateurs/<slug:slug>/modifier/", views.operator_edit, name="operator-edit"),
    path(
        "catalogue/operateurs/<slug:slug>/supprimer/",
        views.operator_delete,
        name="operator-delete",
    ),
    path("catalogue/operateurs/<slug:slug>/historique/", views.operator_history,
         name="operator-history"),
    path("catalogue/suggestions/", views.suggestions, name="suggestions"),
    path("catalogue/suggestions/nouvelle/", views.suggestion_create, name="suggestion-create"),
    path("catalogue/suggestions/<int:pk>/", views.suggestion, name="suggestion"),
    path(
        "catalogue/suggestions/<int:pk>/modifier/", views.suggestion_edit, name="suggestion-edit"
    ),
    path(
        "catalogue/suggestions/<int:pk>/supprimer/",
        views.suggestion_delete,
        name="suggestion-delete",
    ),
    path("catalogue/donnees/", views.open_data, name="open-data"),
    path("catalogue/donnees/<str:name>.<str:fmt>", views.export, name="export"),
]  # fmt: skip
