"""API of the diagnostics app: its URL patterns are included by `fabrique.api.urls`."""

urlpatterns = []
