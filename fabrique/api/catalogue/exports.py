"""Catalogue endpoint of the open-data files: the same files as the page « Données ouvertes du
catalogue », CSV or JSON, documented in the API schema."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.views import APIView

from fabrique.catalogue.exports import EXPORTS, FORMATS, export_response

from .common import PublicAPIView


class FileNegotiation(BaseContentNegotiation):
    """The file's type is in its name: the Accept header is not consulted (an error is JSON)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


EXPORT_DESCRIPTION = (
    "Le catalogue public entier en un fichier, sous Licence Ouverte 2.0 : les mêmes fichiers que "
    "la page « Données ouvertes » (`/catalogue/donnees/`). `solutions` : une ligne "
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
