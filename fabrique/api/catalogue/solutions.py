"""Catalogue endpoints of solutions: the search with its facets (paginated), and one solution
with its users by département."""

from collections import OrderedDict

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from fabrique.api.errors import filtered_or_400
from fabrique.api.pagination import StrictPageNumberPagination
from fabrique.catalogue import selectors
from fabrique.catalogue.filters import SolutionFilter
from fabrique.catalogue.vocabulary import Category, CostModel, Hosting, Maturity, Origin

from .common import PublicAPIView, absolute_url, many_values_parameter


class SolutionSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    origin = serializers.ChoiceField(choices=Origin.choices)
    summary = serializers.CharField()
    categories = serializers.ListField(
        child=serializers.ChoiceField(choices=Category.choices), source="category_list"
    )
    licence = serializers.CharField(help_text="Expression SPDX ; vide pour une offre propriétaire")
    website = serializers.CharField()
    cost_model = serializers.ChoiceField(choices=CostModel.choices)
    yearly_cost = serializers.DecimalField(
        max_digits=10, decimal_places=2, allow_null=True,
        help_text="Coût annuel indicatif pour une petite commune, en euros",
    )  # fmt: skip
    hosting = serializers.ListField(
        child=serializers.ChoiceField(choices=Hosting.choices), source="hosting_list"
    )
    maturity = serializers.ChoiceField(choices=Maturity.choices)
    user_count = serializers.IntegerField(help_text="Nombre de collectivités utilisatrices")
    url = serializers.SerializerMethodField(help_text="Page publique de la solution")

    def get_url(self, solution) -> str:
        return absolute_url(self, solution.get_absolute_url())


class DepartementCountSerializer(serializers.Serializer):
    departement = serializers.CharField(source="code")
    name = serializers.CharField()
    communes = serializers.IntegerField(source="count")


class SolutionDetailSerializer(SolutionSerializer):
    description = serializers.CharField(help_text="Markdown")
    repository_url = serializers.CharField()
    project = serializers.SerializerMethodField(help_text="Projet du portefeuille")
    similar = serializers.SerializerMethodField()
    operators = serializers.SerializerMethodField(help_text="OPSN qui la proposent")
    users_by_departement = serializers.SerializerMethodField()

    def get_project(self, solution) -> str | None:
        return solution.project.slug if solution.project else None

    def get_similar(self, solution) -> list[str]:
        return [other.slug for other in solution.similar.all()]

    def get_operators(self, solution) -> list[str]:
        return [operator.slug for operator in solution.operators.all()]

    @extend_schema_field(DepartementCountSerializer(many=True))
    def get_users_by_departement(self, solution):
        users = selectors.solution_users(solution)
        return DepartementCountSerializer(users.by_departement, many=True).data


class FacetedPagination(StrictPageNumberPagination):
    """The usual page (`count`, `next`, `previous`, `results`) and the facet counts."""

    page_size_query_param = "page_size"
    max_page_size = 100
    facets: dict = {}

    def get_paginated_response(self, data):
        return Response(
            OrderedDict(
                [
                    ("count", self.page.paginator.count),
                    ("next", self.get_next_link()),
                    ("previous", self.get_previous_link()),
                    ("facets", self.facets),
                    ("results", data),
                ]
            )
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["facets"] = {
            "type": "object",
            "description": "Pour chaque filtre (categories, origin, cost_model, hosting, "
            "licence), les valeurs possibles et le nombre de solutions que chacune donnerait.",
            "additionalProperties": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "value": {"type": "string"},
                        "label": {"type": "string"},
                        "count": {"type": "integer"},
                        "selected": {"type": "boolean"},
                    },
                },
            },
        }
        return response


@extend_schema(
    summary="Rechercher dans le catalogue des solutions",
    description="Recherche plein texte insensible aux accents et à la casse (chaque mot doit "
    "commencer un mot du nom, du résumé, de la description, des besoins ou de la licence) et "
    "filtres à facettes ; plusieurs valeurs d'un même filtre s'additionnent (OU), les filtres "
    "se combinent (ET). Les noms qui correspondent d'abord, puis les plus utilisées.",
    parameters=[
        OpenApiParameter("q", OpenApiTypes.STR, description="texte recherché"),
        many_values_parameter("category", Category, "besoin (catégorie)"),
        many_values_parameter("origin", Origin, "origine"),
        many_values_parameter("cost_model", CostModel, "modèle de coût"),
        many_values_parameter("hosting", Hosting, "hébergement"),
        many_values_parameter(
            "licence", None, "expression SPDX exacte, par exemple AGPL-3.0-or-later"
        ),
        OpenApiParameter("page_size", OpenApiTypes.INT, description="100 au plus"),
    ],
)
class SolutionListView(PublicAPIView, generics.ListAPIView):
    serializer_class = SolutionSerializer
    pagination_class = FacetedPagination

    def get_queryset(self):
        filters = SolutionFilter(self.request.query_params)
        if unknown := filters.unknown_values():
            raise serializers.ValidationError(unknown)
        return filtered_or_400(filters)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self.paginator.facets = {
            facet.name: [
                {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                for v in facet.values
            ]
            for facet in queryset.facets
        }
        return page


@extend_schema(summary="Détail d'une solution", responses=SolutionDetailSerializer)
class SolutionDetailView(PublicAPIView, APIView):
    def get(self, request, slug):
        try:
            solution = selectors.solution_detail(slug)
        except Http404:
            raise NotFound(f"Aucune solution n'a l'identifiant « {slug} ».") from None
        return Response(SolutionDetailSerializer(solution, context={"request": request}).data)
