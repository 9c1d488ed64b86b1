from django.urls import path

from .views import calls, investigations, problems

app_name = "investigations"
urlpatterns = [
    path("appels/", calls.call_list, name="calls"),
    path("appels/nouveau/", calls.call_form, name="call_create"),
    path("appels/<int:pk>/", calls.call_detail, name="call"),
    path("appels/<int:pk>/modifier/", calls.call_form, name="call_edit"),
    path("appels/<int:pk>/supprimer/", calls.call_delete, name="call_delete"),
    path("problemes/", problems.problem_list, name="problems"),
    path("problemes/deposer/", problems.problem_create, name="problem_create"),
    path("problemes/<int:pk>/", problems.problem_detail, name="problem"),
    path("problemes/<int:pk>/modifier/", problems.problem_edit, name="problem_edit"),
    path("problemes/<int:pk>/supprimer/", problems.problem_delete, name="problem_delete"),
    path("problemes/<int:pk>/noter/", problems.problem_review, name="problem_review"),
    path("problemes/<int:pk>/noter/supprimer/", problems.review_delete, name="review_delete"),
    path("problemes/<int:pk>/decision/", problems.problem_select, name="problem_select"),
    path(
        "problemes/<int:pk>/decision/annuler/",
        problems.problem_select_cancel,
        name="problem_select_cancel",
    ),
    path("problemes/<int:pk>/fusionner/", problems.problem_merge, name="problem_merge"),
    path(
        "problemes/<int:pk>/fusion/annuler/",
        problems.problem_merge_undo,
        name="problem_merge_undo",
    ),
    path(
        "problemes/<int:problem_pk>/investigation/",
        investigations.investigation_start,
        name="investigation_start",
    ),
    path("problemes/pieces/<int:pk>/", problems.attachment_download, name="attachment"),
    path("problemes/<int:pk>/pieces/ajouter/", problems.attachment_add, name="attachment_add"),
    path(
        "problemes/pieces/<int:pk>/supprimer/",
        problems.attachment_delete,
        name="attachment_delete",
    ),
    path("investigations/", investigations.investigation_list, name="investigations"),
    path("investigations/les-miennes/", investigations.my_investigations, name="mine"),
    path("investigations/<int:pk>/", investigations.investigation_detail, name="investigation"),
    path(
        "investigations/<int:pk>/modifier/",
        investigations.investigation_edit,
        name="investigation_edit",
    ),
    path(
        "investigations/<int:pk>/supprimer/",
        investigations.investigation_delete,
        name="investigation_delete",
    ),
    path(
        "investigations/<int:pk>/phases/<int:step>/",
        investigations.phase_edit,
        name="phase_edit",
    ),
    path(
        "investigations/<int:pk>/phases/<int:step>/clore/",
        investigations.phase_close,
        name="phase_close",
    ),
    path(
        "investigations/<int:pk>/phases/<int:step>/rouvrir/",
        investigations.phase_reopen,
        name="phase_reopen",
    ),
    path("investigations/<int:pk>/jours/", investigations.day_add, name="day_add"),
    path(
        "investigations/<int:pk>/jours/<int:entry_pk>/modifier/",
        investigations.day_edit,
        name="day_edit",
    ),
    path(
        "investigations/<int:pk>/jours/<int:entry_pk>/supprimer/",
        investigations.day_delete,
        name="day_delete",
    ),
    path("investigations/<int:pk>/go-no-go/", investigations.decision, name="decision"),
    path(
        "investigations/<int:pk>/go-no-go/modifier/",
        investigations.decision_edit,
        name="decision_edit",
    ),
    path(
        "investigations/<int:pk>/go-no-go/annuler/",
        investigations.decision_cancel,
        name="decision_cancel",
    ),
    path("investigations/<int:pk>/synthese.pdf", investigations.investigation_pdf, name="pdf"),
    path(
        "investigations/<int:pk>/fiche-startup.md",
        investigations.startup_file,
        name="startup_file",
    ),
    path("investigations/publiques/", investigations.public_list, name="public_list"),
    path("investigations/<int:pk>/publique/", investigations.public_page, name="public"),
    path(
        "donnees/investigations.<str:fmt>",
        investigations.open_data,
        name="open_data",
    ),
]
