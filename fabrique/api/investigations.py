"""API of the investigations app: its URL patterns are included by `fabrique.api.urls`."""

urlpatterns = []
