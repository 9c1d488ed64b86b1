"""Open-data endpoints on territories: public, read-only."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from fabrique.territories import selectors
from fabrique.territories.filters import (
    DEPARTEMENT_PATTERN,
    CommuneFilter,
    EPCIFilter,
    TerritorySearchFilter,
)

from .errors import filtered_or_400
from .serializers import CommuneSerializer, EPCISerializer, TerritoryHitSerializer

ELIGIBLE = OpenApiParameter(
    "eligible",
    OpenApiTypes.BOOL,
    description="true : seulement les collectivités éligibles à l'accompagnement sur-mesure ; "
    "false : seulement les autres.",
)
DEPARTEMENT = OpenApiParameter(
    "departement", OpenApiTypes.STR, description="code du département", pattern=DEPARTEMENT_PATTERN
)


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
        hits = TerritorySearchFilter(request.query_params).hits(20)
        return Response(TerritoryHitSerializer(hits, many=True, context={"request": request}).data)


class FilteredListView(PublicAPIView, generics.ListAPIView):
    selector = None
    filterset_class = None

    def get_queryset(self):
        return filtered_or_400(
            self.filterset_class(self.request.query_params, queryset=type(self).selector())
        )


@extend_schema(summary="Lister les communes", parameters=[ELIGIBLE, DEPARTEMENT])
class CommuneListView(FilteredListView):
    serializer_class = CommuneSerializer
    selector = staticmethod(selectors.communes_list)
    filterset_class = CommuneFilter


@extend_schema(summary="Lister les EPCI", parameters=[ELIGIBLE, DEPARTEMENT])
class EPCIListView(FilteredListView):
    serializer_class = EPCISerializer
    selector = staticmethod(selectors.epcis_list)
    filterset_class = EPCIFilter
