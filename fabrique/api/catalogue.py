"""Open-data endpoints of the catalogue: solutions (search and facets), the funding a collectivité
can obtain (with the reasons), and the public digital-service operators. Public, read-only."""

from collections import OrderedDict

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from fabrique.catalogue import selectors, tags
from fabrique.catalogue.models import Solution
from fabrique.catalogue.views_export import EXPORTS, FORMATS, export_response
from fabrique.catalogue.vocabulary import (
    Category,
    CostModel,
    Hosting,
    Maturity,
    OperatorStatus,
    Origin,
)


class PublicAPIView:
    permission_classes = [AllowAny]
    authentication_classes = []


def _absolute(serializer, path: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request else path


# --- Solutions ------------------------------------------------------------------------------


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
        return _absolute(self, solution.get_absolute_url())


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


class FacetedPagination(PageNumberPagination):
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


def _many(name, choices, description):
    return OpenApiParameter(
        name, OpenApiTypes.STR, many=True, explode=True, description=description,
        enum=choices.values if choices else None,
    )  # fmt: skip


@extend_schema(
    summary="Rechercher dans le catalogue des solutions",
    description="Recherche plein texte insensible aux accents et à la casse (chaque mot doit "
    "commencer un mot du nom, du résumé, de la description, des besoins ou de la licence) et "
    "filtres à facettes ; plusieurs valeurs d'un même filtre s'additionnent (OU), les filtres "
    "se combinent (ET). Les noms qui correspondent d'abord, puis les plus utilisées.",
    parameters=[
        OpenApiParameter("q", OpenApiTypes.STR, description="texte recherché"),
        _many("category", Category, "besoin (catégorie)"),
        _many("origin", Origin, "origine"),
        _many("cost_model", CostModel, "modèle de coût"),
        _many("hosting", Hosting, "hébergement"),
        _many("licence", None, "expression SPDX exacte, par exemple AGPL-3.0-or-later"),
        OpenApiParameter("page_size", OpenApiTypes.INT, description="100 au plus"),
    ],
)
class SolutionListView(PublicAPIView, generics.ListAPIView):
    serializer_class = SolutionSerializer
    pagination_class = FacetedPagination

    def get_queryset(self):
        filters = selectors.CatalogueFilters.from_params(self.request.query_params)
        return selectors.search_catalogue(filters)

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


# --- Funding --------------------------------------------------------------------------------


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
        "« population 1 141 ≤ 3 500 », « thème : numérique »…",
    )
    url = serializers.SerializerMethodField(help_text="Page publique du dispositif")

    def get_aid_types(self, match) -> list[str]:
        return tags.decode(match.scheme.aid_types)

    def get_beneficiaries(self, match) -> list[str]:
        return tags.decode(match.scheme.beneficiaries)

    def get_themes(self, match) -> list[str]:
        return tags.decode(match.scheme.themes)

    def get_url(self, match) -> str:
        return _absolute(self, match.scheme.get_absolute_url())


class CollectiviteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["commune", "epci", "departement", "region"])
    code = serializers.CharField()
    name = serializers.CharField()
    population = serializers.IntegerField(allow_null=True)


class FundingQuerySerializer(serializers.Serializer):
    commune = serializers.RegexField(
        r"^(\d{5}|2[ABab]\d{3})$", required=False,
        error_messages={"invalid": "Code Insee sur 5 caractères (exemples : 42248, 2A004)."},
    )  # fmt: skip
    epci = serializers.RegexField(
        r"^\d{9}$", required=False,
        error_messages={"invalid": "SIREN d'EPCI sur 9 chiffres."},
    )  # fmt: skip
    category = serializers.MultipleChoiceField(choices=Category.choices, required=False)
    solution = serializers.SlugField(required=False)

    def validate(self, data):
        if not data.get("commune") and not data.get("epci"):
            raise ValidationError(
                {"commune": "Indiquez une commune (code Insee) ou un EPCI (SIREN)."}
            )
        return data


class FundingPagination(PageNumberPagination):
    page_size = 50


@extend_schema(
    summary="Financements qu'une collectivité peut obtenir",
    description="Les dispositifs ouverts (non clos, date de clôture non passée) auxquels une "
    "commune ou un EPCI est éligible : bénéficiaires, conditions de population, périmètre, et "
    "thème du besoin (ou de la solution) quand il est donné ; chacun avec ses raisons.",
    parameters=[
        OpenApiParameter("commune", OpenApiTypes.STR, description="code Insee de la commune"),
        OpenApiParameter("epci", OpenApiTypes.STR, description="SIREN de l'EPCI"),
        _many("category", Category, "besoin (catégorie) : thèmes de financement qui y répondent"),
        OpenApiParameter(
            "solution", OpenApiTypes.STR, description="identifiant d'une solution : ses besoins"
        ),
    ],
    responses=inline_serializer(
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
)
class FundingMatchView(PublicAPIView, APIView):
    def get(self, request):
        params = request.query_params
        query = FundingQuerySerializer(
            data={
                key: params.getlist(key) if key == "category" else params.get(key)
                for key in ("commune", "epci", "category", "solution")
                if key in params
            }
        )
        query.is_valid(raise_exception=True)
        data = query.validated_data
        try:
            if data.get("commune"):
                collectivite = selectors.collectivite_by_code("commune", data["commune"])
            else:
                collectivite = selectors.collectivite_by_code("epci", data["epci"])
        except Http404 as error:
            raise NotFound(str(error)) from None
        categories = sorted(data.get("category") or [])
        if not categories and data.get("solution"):
            solution = get_object_or_404(Solution, slug=data["solution"])
            categories = solution.category_list
        matches = selectors.funding_for(collectivite, categories=categories)
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


# --- Operators ------------------------------------------------------------------------------


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
            "departement", OpenApiTypes.STR, description="code du département servi (42, 2A…)"
        )
    ],
)
class OperatorListView(PublicAPIView, generics.ListAPIView):
    serializer_class = OperatorSerializer

    def get_queryset(self):
        query = OperatorQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return selectors.operators_list(query.validated_data["departement"])


# --- Open-data files ------------------------------------------------------------------------


class FileNegotiation(BaseContentNegotiation):
    """The file's type is in its name: the Accept header is not consulted (an error is JSON)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


EXPORT_DESCRIPTION = (
    "Le catalogue public entier en un fichier, sous Licence Ouverte 2.0 : les mêmes fichiers que "
    "la page « Données ouvertes du catalogue » (`/catalogue/donnees/`). `solutions` : une ligne "
    "par solution (origine, besoins, licence SPDX, coût, hébergement, maturité, nombre "
    "d'utilisateurs) ; `utilisations` : une ligne par collectivité utilisatrice d'une solution "
    "(type, code Insee, SIREN ou code, date de début) ; `financements` : les dispositifs, "
    "ouverts et clos (financeurs, types d'aide, bénéficiaires, conditions, périmètre) ; "
    "`operateurs` : les OPSN, leurs départements et leurs solutions. CSV séparé par des "
    "virgules, encodé en UTF-8 avec BOM, plusieurs valeurs d'une cellule séparées par « ; » ; "
    "ou JSON, une liste d'objets aux mêmes clés. Fichiers produits au fil de l'eau, sans "
    "pagination."
)


class ExportView(PublicAPIView, APIView):
    """The open-data files of the catalogue (`/catalogue/donnees/`), documented in the API."""

    content_negotiation_class = FileNegotiation

    @extend_schema(
        operation_id="v1_exports_retrieve",
        summary="Télécharger le catalogue en fichier (données ouvertes)",
        description=EXPORT_DESCRIPTION,
        parameters=[
            OpenApiParameter(
                "dataset",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=list(EXPORTS),
                description="jeu de données",
            ),
            OpenApiParameter(
                "extension",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=list(FORMATS),
                description="format du fichier",
            ),
        ],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="Le fichier"),
            (200, "application/json"): OpenApiResponse(
                {"type": "array", "items": {"type": "object"}}, description="Le fichier"
            ),
            (404, "application/json"): OpenApiResponse(
                description="Jeu de données ou format inconnu"
            ),
        },
    )
    def get(self, request, dataset, extension):
        if dataset not in EXPORTS or extension not in FORMATS:
            raise NotFound(
                f"Aucun fichier « {dataset}.{extension} » : jeux de données "
                f"{', '.join(EXPORTS)} ; formats {', '.join(FORMATS)}."
            )
        return export_response(dataset, extension)
