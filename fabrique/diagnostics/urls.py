from django.urls import path

from . import views

app_name = "diagnostics"
urlpatterns = [
    path("sur-mesure/", views.queue, name="queue"),
    path("sur-mesure/demande/", views.mission_request, name="request"),
    path("sur-mesure/missions/<int:pk>/", views.mission, name="mission"),
    path("sur-mesure/missions/<int:pk>/accepter/", views.mission_accept, name="accept"),
    path("sur-mesure/missions/<int:pk>/etape/", views.mission_step, name="step"),
    path("sur-mesure/missions/<int:pk>/temps/", views.time_add, name="time-add"),
    path("sur-mesure/missions/<int:pk>/besoins/ajouter/", views.need_add, name="need-add"),
    path(
        "sur-mesure/missions/<int:pk>/livrable/",
        views.deliverable_generate,
        name="deliverable-generate",
    ),
    path("sur-mesure/temps/<int:pk>/supprimer/", views.time_delete, name="time-delete"),
    path("sur-mesure/besoins/<int:pk>/modifier/", views.need_edit, name="need-edit"),
    path("sur-mesure/besoins/<int:pk>/supprimer/", views.need_delete, name="need-delete"),
    path(
        "sur-mesure/livrables/<int:pk>/finale/",
        views.deliverable_final,
        name="deliverable-final",
    ),
    path(
        "sur-mesure/livrables/<int:pk>.<str:fmt>",
        views.deliverable_file,
        name="deliverable-file",
    ),
]
