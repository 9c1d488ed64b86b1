"""Open-data endpoints on territories: public, read-only."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from fabrique.territories import selectors

from .serializers import CommuneSerializer, EPCISerializer, TerritoryHitSerializer

ELIGIBLE = OpenApiParameter(
    "eligible",
    OpenApiTypes.BOOL,
    description="true : seulement les collectivités éligibles à l'accompagnement sur-mesure ; "
    "false : seulement les autres.",
)
DEPARTEMENT_PATTERN = r"^(\d{2,3}|2[ABab])$"
DEPARTEMENT = OpenApiParameter(
    "departement", OpenApiTypes.STR, description="code du département", pattern=DEPARTEMENT_PATTERN
)


class FilterSerializer(serializers.Serializer):
    eligible = serializers.BooleanField(required=False, allow_null=True, default=None)
    departement = serializers.RegexField(
        DEPARTEMENT_PATTERN,
        required=False,
        default="",
        error_messages={"invalid": "Code de département invalide (exemples : 01, 2A, 974)."},
    )

    def validate_eligible(self, value):
        # Absent means « no filter » (None); a value given must be one boolean, not `null`.
        given = self.initial_data.getlist("eligible")
        if len(given) > 1 or (given and value is None):
            raise serializers.ValidationError("Donnez true ou false, une seule fois.")
        return value


class PublicAPIView:
    permission_classes = [AllowAny]
    authentication_classes = []


class TerritorySearchView(PublicAPIView, APIView):
    @extend_schema(
        summary="Rechercher un territoire",
        description="Communes, EPCI et départements par nom, code Insee ou SIREN ; "
        "insensible à la casse, aux accents, tirets et apostrophes ; correspondances exactes "
        "d'abord, puis par population.",
        parameters=[OpenApiParameter("q", OpenApiTypes.STR, description="texte recherché")],
        responses=TerritoryHitSerializer(many=True),
    )
    def get(self, request):
        hits = selectors.search_territories(request.query_params.get("q", ""), limit=20)
        return Response(TerritoryHitSerializer(hits, many=True, context={"request": request}).data)


class FilteredListView(PublicAPIView, generics.ListAPIView):
    selector = None

    def get_queryset(self):
        filters = FilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return type(self).selector(**filters.validated_data)


@extend_schema(summary="Lister les communes", parameters=[ELIGIBLE, DEPARTEMENT])
class CommuneListView(FilteredListView):
    serializer_class = CommuneSerializer
    selector = staticmethod(selectors.communes_list)


@extend_schema(summary="Lister les EPCI", parameters=[ELIGIBLE, DEPARTEMENT])
class EPCIListView(FilteredListView):
    serializer_class = EPCISerializer
    selector = staticmethod(selectors.epcis_list)
