"""What the catalogue endpoints share: public access (no authentication), absolute links, and
the query parameters that take several values."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.permissions import AllowAny


class PublicAPIView:
    permission_classes = [AllowAny]
    authentication_classes = []


def absolute_url(serializer, path: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request else path


def many_values_parameter(name, choices, description):
    return OpenApiParameter(
        name, OpenApiTypes.STR, many=True, explode=True, description=description,
        enum=choices.values if choices else None,
    )  # fmt: skip
