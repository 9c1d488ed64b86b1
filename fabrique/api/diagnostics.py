"""Missions of the accompagnement sur-mesure in the API: for those allowed (team, consultant,
agents of the collectivité); a mission's detail is the whole mission as one JSON document."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.response import Response
from rest_framework.views import APIView

from fabrique.api.errors import filtered_or_400
from fabrique.api.personal_data import PersonalDataLogged
from fabrique.diagnostics.access import mission_for_user_or_404, visible_missions
from fabrique.diagnostics.exports import mission_document
from fabrique.diagnostics.filters import MissionAPIFilter
from fabrique.diagnostics.selectors.prediagnostic import visible_similar

AUTHENTICATION = [SessionAuthentication, TokenAuthentication]


class MissionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    collectivite = serializers.CharField(source="collectivite_code")
    collectivite_nom = serializers.CharField(source="collectivite.name")
    status = serializers.CharField()
    requested_on = serializers.DateField()
    start = serializers.DateField(allow_null=True)
    planned_end = serializers.DateField(allow_null=True)
    url = serializers.SerializerMethodField()

    def get_url(self, mission) -> str:
        return self.context["request"].build_absolute_uri(f"/api/v1/diagnostics/{mission.pk}/")


@extend_schema(
    summary="Missions d'accompagnement sur-mesure",
    parameters=[
        OpenApiParameter(
            "collectivite", OpenApiTypes.STR, description="code Insee d'une commune ou SIREN"
        )
    ],
)
class MissionList(generics.ListAPIView):
    serializer_class = MissionSerializer
    authentication_classes = AUTHENTICATION

    def get_queryset(self):
        missions = visible_missions(self.request.user).select_related("commune", "epci")
        missions = filtered_or_400(MissionAPIFilter(self.request.query_params, queryset=missions))
        return missions.order_by("-requested_on", "-pk")


@extend_schema(
    summary="Une mission entière (document JSON)",
    responses={200: OpenApiTypes.OBJECT, 404: OpenApiResponse(description="Mission introuvable.")},
)
class MissionDetail(PersonalDataLogged, APIView):
    # The whole mission names its contact and the people met: each reading is logged.
    authentication_classes = AUTHENTICATION

    def get(self, request, pk):
        document = mission_document(mission_for_user_or_404(request.user, pk))
        data = (document.get("prediagnostic") or {}).get("data") or {}
        if "similar" in data:  # other missions' needs: the team's only
            data["similar"] = visible_similar(data["similar"], request.user)
        return Response(document)

    def personal_data(self, request, data):
        contact = data["contact"]
        named = (1 if contact["name"] or contact["email"] else 0) + sum(
            1 for person in data["people"] if person["name"]
        )
        what = f"API mission sur-mesure n° {self.kwargs['pk']} ({data['collectivite_nom']})"
        return what, named, "personne nommée", "personnes nommées", contact["email"] or ""


urlpatterns = [
    path("v1/diagnostics/", login_not_required(MissionList.as_view()), name="diagnostic-list"),
    path(
        "v1/diagnostics/<int:pk>/",
        login_not_required(MissionDetail.as_view()),
        name="diagnostic-detail",
    ),
]
