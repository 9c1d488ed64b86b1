from django.urls import path

from . import views

app_name = "synergies"
urlpatterns = [
    path("synergies/", views.synergies, name="list"),
    path("synergies/groupes/<int:pk>/", views.synergy_group, name="group"),
    path("synergies/decision/", views.decide, name="decide"),
    path("synergies/ecartees/", views.dismissed, name="dismissed"),
    path("synergies/ecartees/<int:pk>/retablir/", views.restore, name="restore"),
]
