"""Impact endpoint that records measurements pushed by a project's scripts with its token: checked
item by item, nothing saved while any is wrong, idempotent (see the package's docstring)."""

from django.utils import timezone
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from fabrique.api.errors import JSONParser
from fabrique.api.throttling import ProjectTokenThrottle, PushWithoutTokenThrottle
from fabrique.impact import access, rules, selectors, services
from fabrique.impact.models import ProjectToken
from fabrique.impact.rules import checks
from fabrique.impact.vocabulary import Source

from .auth import ProjectTokenAuthentication

MAX_ITEMS = 1000
ITEM_FIELDS = {"indicator", "date", "value", "comment"}


class MeasurementInSerializer(serializers.Serializer):
    indicator = serializers.CharField(
        help_text="identifiant (nombre) ou nom de l'indicateur (casse et accents indifférents)"
    )
    date = serializers.DateField(
        help_text="une date de la période mesurée, AAAA-MM-JJ ; la valeur vaut pour la période "
        "(semaine, mois, trimestre ou année selon l'indicateur)"
    )
    value = serializers.FloatField(help_text="un nombre ; un pourcentage est entre 0 et 100")
    comment = serializers.CharField(
        required=False, allow_blank=True, help_text="absent : le commentaire existant est gardé"
    )


class MeasurementOutSerializer(serializers.Serializer):
    indicator = serializers.IntegerField()
    indicator_name = serializers.CharField()
    period = serializers.DateField()
    period_end = serializers.DateField()
    value = serializers.FloatField()
    outcome = serializers.CharField(help_text="created, updated ou unchanged")


class PushResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    measurements = MeasurementOutSerializer(many=True)


class ItemErrorSerializer(serializers.Serializer):
    index = serializers.IntegerField(help_text="rang de l'élément dans la liste (0 pour un objet)")
    field = serializers.CharField()
    message = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = ItemErrorSerializer(many=True, required=False)


def _raw_rows(data) -> tuple[list[checks.RawRow], list[dict], str]:
    """The items of a body (an object or a list of objects), or why it cannot be read."""
    items = data if isinstance(data, list) else [data] if isinstance(data, dict) else None
    if items is None:
        return [], [], "Corps JSON attendu : un objet ou une liste d'objets."
    if not items:
        return [], [], "La liste est vide : rien à enregistrer."
    if len(items) > MAX_ITEMS:
        return [], [], f"Trop d'éléments : {MAX_ITEMS} au plus par requête."
    rows, errors = [], []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            errors.append({"index": index, "field": "", "message": "Objet JSON attendu."})
            continue
        problems = [
            {"index": index, "field": name, "message": f"Champ inconnu « {name} »."}
            for name in sorted(set(item) - ITEM_FIELDS)
        ]
        problems += [
            {"index": index, "field": name, "message": "Champ obligatoire."}
            for name in ("indicator", "date", "value")
            if name not in item
        ]
        value = item.get("value")
        if "value" in item and (
            isinstance(value, bool) or not isinstance(value, int | float | str)
        ):
            problems.append({"index": index, "field": "value", "message": "Un nombre est attendu."})
        comment = item.get("comment")
        if comment is not None and not isinstance(comment, str):
            problems.append(
                {"index": index, "field": "comment", "message": "Un texte est attendu."}
            )
        if problems:
            errors += problems
            continue
        rows.append(
            checks.RawRow(
                where=index,
                indicator=item["indicator"],
                date=item["date"],
                value=value,
                comment=comment,
            )
        )
    return rows, errors, ""


PUSH_EXAMPLE = {"indicator": "Usagers actifs mensuels", "date": "2026-03-31", "value": 1284}


@extend_schema(
    summary="Envoyer des mesures",
    description="Une valeur par indicateur et par période : une valeur pour une période qui "
    "en a déjà une la remplace, la même valeur renvoyée ne change rien (idempotent). Corps : un "
    "objet ou une liste d'objets (1 000 au plus). Jeton du projet obligatoire. Rien n'est "
    "enregistré si un élément est faux (400, erreurs par élément et par champ).",
    request=PolymorphicProxySerializer(
        component_name="MeasurementPush",
        serializers=[MeasurementInSerializer, MeasurementInSerializer(many=True)],
        resource_type_field_name=None,
        many=False,
    ),
    responses={
        201: PushResultSerializer,
        200: PushResultSerializer,
        400: OpenApiResponse(ErrorSerializer, description="corps invalide : rien n'est enregistré"),
        401: OpenApiResponse(ErrorSerializer, description="jeton absent ou inconnu"),
        403: OpenApiResponse(ErrorSerializer, description="jeton révoqué ou d'un autre projet"),
    },
    examples=[
        OpenApiExample("Une valeur", value=PUSH_EXAMPLE, request_only=True),
        OpenApiExample(
            "Plusieurs valeurs",
            value=[PUSH_EXAMPLE, {"indicator": 12, "date": "2026-03-31", "value": 87.5}],
            request_only=True,
        ),
    ],
    auth=[{"jetonDeProjet": []}],
    tags=["impact"],
)
class MeasurementPushView(APIView):
    authentication_classes = [ProjectTokenAuthentication]
    permission_classes = [AllowAny]
    throttle_classes = [ProjectTokenThrottle, PushWithoutTokenThrottle]  # per token, generous
    parser_classes = [JSONParser]  # French errors, nesting-safe (fabrique.api.errors)
    renderer_classes = [JSONRenderer]  # scripts, not browsers: no content negotiation

    def post(self, request, slug):
        token = request.auth if isinstance(request.auth, ProjectToken) else None
        project = access.project_for_push_or_404(token, slug)
        rows, errors, problem = _raw_rows(request.data)
        if problem:
            return Response({"detail": problem, "errors": []}, status=status.HTTP_400_BAD_REQUEST)
        indicators = selectors.indicator_refs(project.pk)
        checked, row_errors = checks.check_rows(
            indicators,
            rows,
            today=timezone.localdate(),
            where_text=lambda where: f"l'élément {where}",
        )
        errors += [
            {"index": error.where, "field": error.field, "message": error.message}
            for error in row_errors
        ]
        if errors:
            errors.sort(key=lambda error: error["index"])
            count = len(errors)
            plural = "s" if count > 1 else ""
            return Response(
                {
                    "detail": f"Rien n'a été enregistré : {count} erreur{plural}.",
                    "errors": errors,
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        report = services.measurements_upsert(
            rows=checked, source=Source.API, user=token.created_by,
            reason=f"API (jeton {token.prefix}…)",
            latest_periods={indicator.pk: indicator.latest_period for indicator in indicators},
        )  # fmt: skip
        services.token_touch(token=token)
        by_id = {indicator.pk: indicator for indicator in indicators}
        measurements = []
        for row, outcome, _ in report.results:
            indicator = by_id[row.indicator_id]
            measurements.append(
                {
                    "indicator": indicator.pk,
                    "indicator_name": indicator.name,
                    "period": row.period,
                    "period_end": rules.period_end(row.period, indicator.frequency),
                    "value": float(row.value),
                    "outcome": outcome,
                }
            )
        body = {
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "measurements": measurements,
        }
        code = status.HTTP_201_CREATED if report.created else status.HTTP_200_OK
        return Response(body, status=code)
