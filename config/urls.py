from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Administration de Fabrique"
admin.site.site_title = "Fabrique"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("fabrique.core.urls")),
    path("", include("fabrique.accounts.urls")),
    path("territoires/", include("fabrique.territories.urls")),
    path("", include("fabrique.portfolio.urls")),
    path("", include("fabrique.catalogue.urls")),
    path("", include("fabrique.impact.urls")),
    path("", include("fabrique.synergies.urls")),
    path("", include("fabrique.api.urls")),
]

handler404 = "fabrique.core.views.page_not_found"
handler500 = "fabrique.core.views.server_error"
