"""API of the support app: its URL patterns are included by `fabrique.api.urls`."""

urlpatterns = []
