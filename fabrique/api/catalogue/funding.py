"""Catalogue endpoint of the funding a commune or an EPCI can obtain, for a need or a solution,
each scheme with the reasons it is eligible."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from fabrique.api.errors import valid_or_400
from fabrique.api.pagination import StrictPageNumberPagination
from fabrique.catalogue import vocabulary
from fabrique.catalogue.filters import COLLECTIVITE_REQUIRED, FundingMatchFilter
from fabrique.catalogue.vocabulary import Category

from .common import PublicAPIView, absolute_url, many_values_parameter


class SchemeSerializer(serializers.Serializer):
    slug = serializers.SlugField(source="scheme.slug")
    name = serializers.CharField(source="scheme.name")
    link = serializers.CharField(source="scheme.url", help_text="Fiche chez le financeur")
    funders = serializers.ListField(child=serializers.CharField(), source="scheme.funder_list")
    aid_types = serializers.SerializerMethodField()
    beneficiaries = serializers.SerializerMethodField()
    themes = serializers.SerializerMethodField()
    population_min = serializers.IntegerField(source="scheme.population_min", allow_null=True)
    population_max = serializers.IntegerField(source="scheme.population_max", allow_null=True)
    recurrence = serializers.CharField(source="scheme.recurrence")
    is_call_for_projects = serializers.BooleanField(source="scheme.is_call_for_projects")
    deadline = serializers.DateField(source="scheme.deadline", allow_null=True)
    reasons = serializers.ListField(
        child=serializers.CharField(),
        help_text="Pourquoi la collectivité est éligible : « ouvert aux communes », "
        "« population 1 141 ≤ 3 499 », « thème : numérique »…",
    )
    url = serializers.SerializerMethodField(help_text="Page publique du dispositif")

    def get_aid_types(self, match) -> list[str]:
        return vocabulary.decode(match.scheme.aid_types)

    def get_beneficiaries(self, match) -> list[str]:
        return vocabulary.decode(match.scheme.beneficiaries)

    def get_themes(self, match) -> list[str]:
        return vocabulary.decode(match.scheme.themes)

    def get_url(self, match) -> str:
        return absolute_url(self, match.scheme.get_absolute_url())


class CollectiviteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["commune", "epci", "departement", "region"])
    code = serializers.CharField()
    name = serializers.CharField()
    population = serializers.IntegerField(allow_null=True)


class FundingPagination(StrictPageNumberPagination):
    page_size = 50


@extend_schema(
    summary="Financements qu'une collectivité peut obtenir",
    description="Les dispositifs ouverts (non clos, date de clôture non passée) auxquels une "
    "commune ou un EPCI est éligible : bénéficiaires, conditions de population, périmètre, et "
    "thème du besoin (ou de la solution) quand il est donné ; chacun avec ses raisons. "
    "Indiquez `commune` ou `epci` (l'un des deux est obligatoire ; avec les deux, la commune "
    "compte) ; un code bien formé mais inconnu répond 404.",
    parameters=[
        OpenApiParameter(
            "commune",
            OpenApiTypes.STR,
            pattern=r"^(\d{5}|2[ABab]\d{3})$",
            description="code Insee de la commune (obligatoire sans `epci` : 400 sinon)",
            examples=[OpenApiExample("saint-etienne", summary="Saint-Étienne", value="42218")],
        ),
        OpenApiParameter(
            "epci",
            OpenApiTypes.STR,
            pattern=r"^\d{9}$",
            description="SIREN de l'EPCI (obligatoire sans `commune` : 400 sinon)",
            examples=[
                OpenApiExample(
                    "saint-etienne-metropole", summary="Saint-Étienne Métropole", value="244200770"
                )
            ],
        ),
        many_values_parameter(
            "category", Category, "besoin (catégorie) : thèmes de financement qui y répondent"
        ),
        OpenApiParameter(
            "solution", OpenApiTypes.STR, description="identifiant d'une solution : ses besoins"
        ),
    ],
    responses={
        200: inline_serializer(
            "FundingMatchPage",
            {
                "count": serializers.IntegerField(),
                "next": serializers.URLField(allow_null=True),
                "previous": serializers.URLField(allow_null=True),
                "collectivite": CollectiviteSerializer(),
                "categories": serializers.ListField(child=serializers.CharField()),
                "results": SchemeSerializer(many=True),
            },
        ),
        400: OpenApiResponse(
            {"$ref": "#/components/schemas/ErreurDeValidation"},
            description=f"Ni `commune` ni `epci` (« {COLLECTIVITE_REQUIRED} »), un code mal "
            "formé, un besoin inconnu : le champ en cause et quoi corriger, en français.",
        ),
    },
)
class FundingMatchView(PublicAPIView, APIView):
    def get(self, request):
        filters = valid_or_400(FundingMatchFilter(request.query_params))
        try:
            collectivite = filters.collectivite
        except Http404 as error:
            raise NotFound(str(error)) from None
        categories = filters.categories
        matches = filters.qs
        paginator = FundingPagination()
        page = paginator.paginate_queryset(matches, request, view=self)
        return Response(
            {
                "count": paginator.page.paginator.count,
                "next": paginator.get_next_link(),
                "previous": paginator.get_previous_link(),
                "collectivite": CollectiviteSerializer(collectivite).data,
                "categories": categories,
                "results": SchemeSerializer(page, many=True, context={"request": request}).data,
            }
        )
