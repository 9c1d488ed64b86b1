from django.urls import path

from . import views

app_name = "diagnostics"
urlpatterns = [
    path("accompagnement/", views.queue, name="queue"),
    path("accompagnement/demande/", views.mission_request, name="request"),
    path("accompagnement/missions/<int:pk>/", views.mission, name="mission"),
    path("accompagnement/missions/<int:pk>/accepter/", views.mission_accept, name="accept"),
    path("accompagnement/missions/<int:pk>/etape/", views.mission_step, name="step"),
    path("accompagnement/missions/<int:pk>/temps/", views.time_add, name="time-add"),
    path("accompagnement/missions/<int:pk>/besoins/ajouter/", views.need_add, name="need-add"),
    path(
        "accompagnement/missions/<int:pk>/livrable/",
        views.deliverable_generate,
        name="deliverable-generate",
    ),
    path("accompagnement/temps/<int:pk>/supprimer/", views.time_delete, name="time-delete"),
    path("accompagnement/besoins/<int:pk>/modifier/", views.need_edit, name="need-edit"),
    path("accompagnement/besoins/<int:pk>/supprimer/", views.need_delete, name="need-delete"),
    path(
        "accompagnement/livrables/<int:pk>/finale/",
        views.deliverable_final,
        name="deliverable-final",
    ),
    path(
        "accompagnement/livrables/<int:pk>.<str:fmt>",
        views.deliverable_file,
        name="deliverable-file",
    ),
]
