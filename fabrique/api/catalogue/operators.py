"""Catalogue endpoint of the public digital-service operators (OPSN), by département served."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from fabrique.catalogue import selectors
from fabrique.catalogue.vocabulary import OperatorStatus

from .common import PublicAPIView, _absolute


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
        return _absolute(self, operator.get_absolute_url())


class OperatorQuerySerializer(serializers.Serializer):
    departement = serializers.RegexField(
        r"^(\d{2,3}|2[ABab])$", required=False, default="",
        error_messages={"invalid": "Code de département invalide (exemples : 01, 2A, 974)."},
    )  # fmt: skip


@extend_schema(
    summary="Opérateurs publics de services numériques (OPSN)",
    parameters=[
        OpenApiParameter(
            "departement",
            OpenApiTypes.STR,
            description="code du département servi (42, 2A…)",
            pattern=r"^(\d{2,3}|2[ABab])$",
        )
    ],
)
class OperatorListView(PublicAPIView, generics.ListAPIView):
    serializer_class = OperatorSerializer

    def get_queryset(self):
        query = OperatorQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return selectors.operators_list(query.validated_data["departement"])
