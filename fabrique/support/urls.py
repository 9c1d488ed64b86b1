from django.urls import path

from fabrique.portfolio.urls import PROJECT

from .views import corrections, knowledge, modules, offer, requests, sessions, suppliers

app_name = "support"

urlpatterns = [
    path("accompagnement/", offer.offer, name="offer"),
    path("accompagnement/tableau/", offer.coach, name="coach"),
    path("accompagnement/portee/", offer.team, name="team"),
    path("accompagnement/portee/export.<str:fmt>", offer.reach_export, name="reach-export"),
    path("accompagnement/formats/nouveau/", offer.format_create, name="format-create"),
    path("accompagnement/formats/<int:pk>/", offer.format_detail, name="format"),
    path("accompagnement/formats/<int:pk>/modifier/", offer.format_edit, name="format-edit"),
    path("accompagnement/formats/<int:pk>/supprimer/", offer.format_delete, name="format-delete"),
    path(
        "accompagnement/formats/<int:pk>/historique/", offer.format_history, name="format-history"
    ),
    path("accompagnement/sessions/nouvelle/", sessions.session_create, name="session-create"),
    path("accompagnement/sessions/<int:pk>/", sessions.session_detail, name="session"),
    path("accompagnement/sessions/<int:pk>.ics", sessions.session_ics, name="session-ics"),
    path("accompagnement/sessions/<int:pk>/inscription/", sessions.register, name="register"),
    path(
        "accompagnement/sessions/<int:pk>/inscrire/",
        sessions.register_other,
        name="register-other",
    ),
    path("accompagnement/sessions/<int:pk>/presence/", sessions.attendance, name="attendance"),
    path("accompagnement/sessions/<int:pk>/modifier/", sessions.session_edit, name="session-edit"),
    path(
        "accompagnement/sessions/<int:pk>/supprimer/",
        sessions.session_delete,
        name="session-delete",
    ),
    path(
        "accompagnement/sessions/<int:pk>/historique/",
        sessions.session_history,
        name="session-history",
    ),
    path(
        "accompagnement/inscriptions/<int:pk>/annuler/",
        sessions.registration_cancel,
        name="registration-cancel",
    ),
    path("accompagnement/inscriptions/<int:pk>/avis/", sessions.feedback, name="feedback"),
    path("accompagnement/mes-inscriptions/", sessions.mine, name="mine"),
    path("accompagnement/agenda/<str:token>.ics", sessions.feed, name="feed"),
    path("accompagnement/modules/", modules.modules, name="modules"),
    path("accompagnement/modules/nouveau/", modules.module_create, name="module-create"),
    path("accompagnement/modules/export.<str:fmt>", modules.modules_export, name="modules-export"),
    path("accompagnement/modules/<int:pk>/", modules.module_detail, name="module"),
    path(
        "accompagnement/modules/<int:pk>/etape/<str:step>/", modules.module_step, name="module-step"
    ),
    path(
        "accompagnement/modules/<int:pk>/passer/<str:target>/",
        modules.module_mark,
        name="module-mark",
    ),
    path(
        "accompagnement/modules/<int:pk>/livrable/", modules.deliverable_add, name="deliverable-add"
    ),
    path(
        "accompagnement/modules/<int:pk>/historique/",
        modules.module_history,
        name="module-history",
    ),
    path(
        "accompagnement/livrables/<int:pk>/",
        modules.deliverable_download,
        name="deliverable",
    ),
    path("accompagnement/prestataires/", suppliers.suppliers, name="suppliers"),
    path("accompagnement/prestataires/nouveau/", suppliers.supplier_create, name="supplier-create"),
    path(
        "accompagnement/prestataires/<int:pk>/modifier/",
        suppliers.supplier_edit,
        name="supplier-edit",
    ),
    path(
        "accompagnement/prestataires/<int:pk>/supprimer/",
        suppliers.supplier_delete,
        name="supplier-delete",
    ),
    path("accompagnement/demandes/", requests.requests, name="requests"),
    path("accompagnement/demandes/nouvelle/", requests.request_create, name="request-create"),
    path(
        "accompagnement/demandes/<int:pk>/repondre/", requests.request_triage, name="request-triage"
    ),
    path("accompagnement/suivis/nouveau/", requests.follow_up_create, name="follow-up-create"),
    path("accompagnement/suivis/<int:pk>/", requests.follow_up_detail, name="follow-up"),
    path("accompagnement/suivis/<int:pk>/note/", requests.note_add, name="note-add"),
    path(f"accompagnement/projets/{PROJECT}/", requests.project_history, name="project"),
    # Corrections (edit and delete what a user added).
    path(
        "accompagnement/suivis/<int:pk>/modifier/",
        corrections.follow_up_edit,
        name="follow-up-edit",
    ),
    path(
        "accompagnement/suivis/<int:pk>/supprimer/",
        corrections.follow_up_delete,
        name="follow-up-delete",
    ),
    path(
        "accompagnement/suivis/<int:pk>/historique/",
        corrections.follow_up_history,
        name="follow-up-history",
    ),
    path("accompagnement/notes/<int:pk>/modifier/", corrections.note_edit, name="note-edit"),
    path("accompagnement/notes/<int:pk>/supprimer/", corrections.note_delete, name="note-delete"),
    path("accompagnement/modules/<int:pk>/modifier/", corrections.module_edit, name="module-edit"),
    path(
        "accompagnement/modules/<int:pk>/supprimer/",
        corrections.module_delete,
        name="module-delete",
    ),
    path(
        "accompagnement/livrables/<int:pk>/supprimer/",
        corrections.deliverable_delete,
        name="deliverable-delete",
    ),
    path(
        "accompagnement/demandes/<int:pk>/modifier/", corrections.request_edit, name="request-edit"
    ),
    path(
        "accompagnement/demandes/<int:pk>/retirer/",
        corrections.request_delete,
        name="request-delete",
    ),
    path("connaissances/", knowledge.knowledge, name="knowledge"),
    path("connaissances/nouvelle/", knowledge.page_create, name="page-create"),
    path("connaissances/pieces/<int:pk>/", knowledge.attachment, name="attachment"),
    path(
        "connaissances/pieces/<int:pk>/supprimer/",
        knowledge.attachment_delete,
        name="attachment-delete",
    ),
    path("connaissances/<slug:slug>/", knowledge.page_detail, name="page"),
    path("connaissances/<slug:slug>/modifier/", knowledge.page_edit, name="page-edit"),
    path("connaissances/<slug:slug>/supprimer/", knowledge.page_delete, name="page-delete"),
    path("connaissances/<slug:slug>/historique/", knowledge.page_history, name="page-history"),
]
