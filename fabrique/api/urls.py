from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from fabrique.portfolio.urls import PROJECT

from . import (
    catalogue,
    diagnostics,
    impact,
    investigations,
    portfolio,
    recruitment,
    support,
    territories,
)

app_name = "api"
urlpatterns = [
    path("schema/", login_not_required(SpectacularAPIView.as_view()), name="schema"),
    path(
        "docs/",
        login_not_required(
            SpectacularSwaggerSplitView.as_view(
                url_name="api:schema",
                template_name="api/swagger_ui.html",  # in French, with a way back to the site
                title="Documentation de l'API — Fabrique",
            )
        ),
        name="docs",
    ),
    path("v1/territoires/", login_not_required(territories.TerritorySearchView.as_view()),
         name="territory-search"),
    path("v1/communes/", login_not_required(territories.CommuneListView.as_view()),
         name="commune-list"),
    path("v1/epci/", login_not_required(territories.EPCIListView.as_view()), name="epci-list"),
    path("v1/projects/", login_not_required(portfolio.ProjectListView.as_view()),
         name="project-list"),
    path(f"v1/projects/{PROJECT}/", login_not_required(portfolio.ProjectDetailView.as_view()),
         name="project-detail"),
    path(f"v1/projects/{PROJECT}/indicators/",
         login_not_required(impact.IndicatorListView.as_view()), name="project-indicators"),
    path(f"v1/projects/{PROJECT}/measurements/",
         login_not_required(impact.MeasurementPushView.as_view()), name="project-measurements"),
    path("v1/solutions/", login_not_required(catalogue.SolutionListView.as_view()),
         name="solution-list"),
    path("v1/solutions/<slug:slug>/",
         login_not_required(catalogue.SolutionDetailView.as_view()), name="solution-detail"),
    path("v1/funding/", login_not_required(catalogue.FundingMatchView.as_view()),
         name="funding-match"),
    path("v1/operators/", login_not_required(catalogue.OperatorListView.as_view()),
         name="operator-list"),
    path("v1/exports/<slug:dataset>.<slug:extension>",
         login_not_required(catalogue.ExportView.as_view()), name="export"),
    *diagnostics.urlpatterns,
    *investigations.urlpatterns,
    *support.urlpatterns,
    *recruitment.urlpatterns,
]  # fmt: skip
