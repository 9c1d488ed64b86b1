from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", views.LogoutView.as_view(), name="logout"),
    path("mon-espace/", views.dashboard, name="dashboard"),
    path("mot-de-passe/oublie/", views.PasswordResetView.as_view(), name="password-reset"),
    path("mon-espace/securite/", views.security_log, name="security-log"),
    path(
        "mon-espace/securite/debloquer/",
        views.lockout_release_view,
        name="lockout-release",
    ),
    path("mon-espace/donnees/", views.personal_data_page, name="personal-data"),
    path("mon-espace/donnees/annuler/", views.personal_data_cancel, name="personal-data-cancel"),
    path(
        "mon-espace/donnees/telecharger/",
        views.personal_data_export,
        name="personal-data-export",
    ),
    path("mon-espace/donnees/demandes/", views.deletion_requests, name="deletion-requests"),
    path(
        "mot-de-passe/oublie/envoye/",
        views.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "mot-de-passe/change/",
        views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("mot-de-passe/modifier/", views.PasswordChangeView.as_view(), name="password-change"),
    path("compte/demande/", views.account_request, name="account-request"),
    path("compte/demande/envoyee/", views.account_request_sent, name="account-request-sent"),
    path("mon-espace/demandes-de-compte/", views.account_requests, name="account-requests"),
    path(
        "mon-espace/demandes-de-compte/<int:pk>/",
        views.account_request_detail,
        name="account-request-detail",
    ),
    path(
        "mon-espace/demandes-de-compte/<int:pk>/accepter/",
        views.account_request_accept,
        name="account-request-accept",
    ),
    path(
        "mon-espace/demandes-de-compte/<int:pk>/refuser/",
        views.account_request_decline,
        name="account-request-decline",
    ),
    path(
        "mon-espace/demandes-de-compte/<int:pk>/modifier/",
        views.account_request_edit,
        name="account-request-edit",
    ),
    path(
        "mon-espace/demandes-de-compte/<int:pk>/supprimer/",
        views.account_request_delete,
        name="account-request-delete",
    ),
]
