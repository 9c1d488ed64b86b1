"""API of the recruitment app: its URL patterns are included by `fabrique.api.urls`."""

urlpatterns = []
