from django.urls import path

from fabrique.portfolio.urls import PROJECT

from . import views

app_name = "impact"
P = f"projets/{PROJECT}/"
urlpatterns = [
    path(f"{P}indicateurs/", views.indicators, name="indicators"),
    path(f"{P}indicateurs/socle-commun/", views.starter_set, name="starter-set"),
    path(f"{P}indicateurs/nouveau/", views.indicator_create, name="indicator-create"),
    path(f"{P}indicateurs/<int:pk>/", views.indicator, name="indicator"),
    path(f"{P}indicateurs/<int:pk>/modifier/", views.indicator_edit, name="indicator-edit"),
    path(f"{P}indicateurs/<int:pk>/supprimer/", views.indicator_delete, name="indicator-delete"),
    path(
        f"{P}indicateurs/<int:pk>/valeurs/<int:mpk>/modifier/",
        views.measurement_edit,
        name="measurement-edit",
    ),
    path(
        f"{P}indicateurs/<int:pk>/valeurs/<int:mpk>/supprimer/",
        views.measurement_delete,
        name="measurement-delete",
    ),
    path(f"{P}indicateurs/<int:pk>/etoile-du-nord/", views.north_star, name="north-star"),
    path(f"{P}mesures/import/", views.import_upload, name="import"),
    path(f"{P}mesures/import/<uuid:pk>/", views.import_preview, name="import-preview"),
    path(f"{P}jetons/", views.tokens, name="tokens"),
    path(f"{P}jetons/<int:pk>/revoquer/", views.token_revoke, name="token-revoke"),
    path(f"{P}deploiement/", views.deployment, name="deployment"),
    path(f"{P}deploiement/<int:pk>/modifier/", views.deployment_edit, name="deployment-edit"),
    path(f"{P}deploiement/<int:pk>/retirer/", views.deployment_remove, name="deployment-remove"),
    path(f"{P}stats/", views.stats, name="stats"),
    path(f"projets/{PROJECT}/stats.csv", views.stats_csv, name="stats-csv"),
    path(f"projets/{PROJECT}/stats.json", views.stats_json, name="stats-json"),
    path("portefeuille/impact/", views.portfolio, name="portfolio"),
]
