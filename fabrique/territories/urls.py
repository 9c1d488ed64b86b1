from django.urls import path

from . import views

app_name = "territories"
urlpatterns = [
    path("", views.search, name="search"),
    path("suggestions/", views.suggestions, name="suggestions"),
    path("communes/<str:insee>/", views.commune, name="commune"),
    path("epci/<str:siren>/", views.epci, name="epci"),
    path("departements/<str:code>/", views.departement, name="departement"),
]
