from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    # First: an API push resolves its URL without trying every page's pattern.
    path("api/", include("fabrique.api.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("fabrique.home.urls")),
    path("", include("fabrique.accounts.urls")),
    path("territoires/", include("fabrique.territories.urls")),
    path("", include("fabrique.portfolio.urls")),
    path("", include("fabrique.catalogue.urls")),
    path("", include("fabrique.impact.urls")),
    path("", include("fabrique.synergies.urls")),
    path("", include("fabrique.diagnostics.urls")),
    path("", include("fabrique.investigations.urls")),
    path("", include("fabrique.support.urls")),
    path("", include("fabrique.recruitment.urls")),
]

handler404 = "fabrique.home.views.page_not_found"
handler500 = "fabrique.home.views.server_error"
