from django.urls import path

from . import views

app_name = "diagnostics"
urlpatterns = [
    path("sur-mesure/", views.queue, name="queue"),
    path("sur-mesure/demande/", views.mission_request, name="request"),
    path("sur-mesure/suivis/", views.followups, name="followups"),
    path("sur-mesure/vue-nationale/", views.national, name="national"),
    path("sur-mesure/seuils/", views.thresholds, name="thresholds"),
    path("sur-mesure/seuils/ajouter/", views.threshold_add, name="threshold-add"),
    path("sur-mesure/seuils/<int:pk>/modifier/", views.threshold_edit, name="threshold-edit"),
    path("sur-mesure/seuils/<int:pk>/supprimer/", views.threshold_delete, name="threshold-delete"),
    path("sur-mesure/donnees/besoins.<str:fmt>", views.open_data, name="open-data"),
    path(
        "sur-mesure/missions/<int:pk>/suivi/<int:milestone>/",
        views.followup_record,
        name="followup-record",
    ),
    path("sur-mesure/missions/<int:pk>/", views.mission, name="mission"),
    path(
        "sur-mesure/missions/<int:pk>/demande/modifier/",
        views.request_edit,
        name="request-edit",
    ),
    path(
        "sur-mesure/missions/<int:pk>/demande/retirer/",
        views.request_withdraw,
        name="request-withdraw",
    ),
    path("sur-mesure/missions/<int:pk>/accepter/", views.mission_accept, name="accept"),
    path("sur-mesure/missions/<int:pk>/etape/", views.mission_step, name="step"),
    path("sur-mesure/missions/<int:pk>/temps/", views.time_add, name="time-add"),
    path("sur-mesure/missions/<int:pk>/besoins/ajouter/", views.need_add, name="need-add"),
    path(
        "sur-mesure/missions/<int:pk>/livrable/",
        views.deliverable_generate,
        name="deliverable-generate",
    ),
    path("sur-mesure/temps/<int:pk>/modifier/", views.time_edit, name="time-edit"),
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
    # --- Découverte (diaga) ---
    path(
        "sur-mesure/missions/<int:pk>/pre-diagnostic/",
        views.prediagnostic_refresh,
        name="prediagnostic-refresh",
    ),
    path(
        "sur-mesure/missions/<int:pk>/etat-des-lieux/",
        views.questionnaire_answer,
        name="questionnaire-answer",
    ),
    path("sur-mesure/questionnaire/", views.questionnaire_edit, name="questionnaire-edit"),
    path("sur-mesure/missions/<int:pk>/personnes/ajouter/", views.person_add, name="person-add"),
    path("sur-mesure/personnes/<int:pk>/modifier/", views.person_edit, name="person-edit"),
    path("sur-mesure/personnes/<int:pk>/supprimer/", views.person_delete, name="person-delete"),
    path(
        "sur-mesure/missions/<int:pk>/entretiens/ajouter/",
        views.interview_add,
        name="interview-add",
    ),
    path("sur-mesure/entretiens/<int:pk>/modifier/", views.interview_edit, name="interview-edit"),
    path(
        "sur-mesure/entretiens/<int:pk>/supprimer/",
        views.interview_delete,
        name="interview-delete",
    ),
    path("sur-mesure/missions/<int:pk>/outils/ajouter/", views.tool_add, name="tool-add"),
    path("sur-mesure/outils/<int:pk>/modifier/", views.tool_edit, name="tool-edit"),
    path("sur-mesure/outils/<int:pk>/supprimer/", views.tool_delete, name="tool-delete"),
    path(
        "sur-mesure/missions/<int:pk>/formations/ajouter/",
        views.training_add,
        name="training-add",
    ),
    path("sur-mesure/formations/<int:pk>/modifier/", views.training_edit, name="training-edit"),
    path(
        "sur-mesure/formations/<int:pk>/supprimer/",
        views.training_delete,
        name="training-delete",
    ),
    # --- Benchmark ---
    path(
        "sur-mesure/besoins/<int:pk>/candidats/ajouter/",
        views.candidate_add,
        name="candidate-add",
    ),
    path("sur-mesure/candidats/<int:pk>/modifier/", views.candidate_edit, name="candidate-edit"),
    path(
        "sur-mesure/candidats/<int:pk>/supprimer/",
        views.candidate_delete,
        name="candidate-delete",
    ),
    path("sur-mesure/candidats/<int:pk>/financements/", views.leads, name="leads"),
    path("sur-mesure/pistes/<int:pk>/supprimer/", views.lead_delete, name="lead-delete"),
    # --- Commentaires ---
    path(
        "sur-mesure/missions/<int:pk>/commentaires/ajouter/",
        views.comment_add,
        name="comment-add",
    ),
    path("sur-mesure/commentaires/<int:pk>/modifier/", views.comment_edit, name="comment-edit"),
    path(
        "sur-mesure/commentaires/<int:pk>/supprimer/",
        views.comment_delete,
        name="comment-delete",
    ),
]
