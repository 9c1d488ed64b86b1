"""Catalogue endpoint of the public digital-service operators (OPSN), by département served."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from fabrique.api.errors import filtered_or_400
from fabrique.catalogue import selectors
from fabrique.catalogue.filters import OperatorAPIFilter
from fabrique.catalogue.vocabulary import OperatorStatus
from fabrique.territories.filters import DEPARTEMENT_PATTERN

from .common import PublicAPIView, absolute_url


class OperatorSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    name_with_article = serializers.CharField()
    status = serializers.ChoiceField(choices=OperatorStatus.choices)
    website = serializers.CharField()
    siret = serializers.CharField()
    departements = serializers.SerializerMethodField(help_text="Codes des départements servis")
    solutions = serializers.SerializerMethodField(help_text="Solutions proposées")
    url = serializers.SerializerMethodField()

    def get_departements(self, operator) -> list[str]:
        return [departement.code for departement in operator.departements.all()]

    def get_solutions(self, operator) -> list[str]:
        return sorted(solution.slug for solution in operator.solutions.all())

    def get_url(self, operator) -> str:
        return absolute_url(self, operator.get_absolute_url())


@extend_schema(
    summary="Opérateurs publics de services numériques (OPSN)",
    parameters=[
        OpenApiParameter(
            "departement",
            OpenApiTypes.STR,
            description="code du département servi (42, 2A…)",
            pattern=DEPARTEMENT_PATTERN,
        )
    ],
)
class OperatorListView(PublicAPIView, generics.ListAPIView):
    serializer_class = OperatorSerializer

    def get_queryset(self):
        filters = OperatorAPIFilter(self.request.query_params, queryset=selectors.operators_list())
        return filtered_or_400(filters)
