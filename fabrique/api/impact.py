"""Impact endpoints: a project's indicators (read), and measurements pushed by its scripts.

Pushing needs a **project token** (`Authorization: Token fab_…`), created and revoked by the
team on the project's « Jetons d'API » page or by `manage.py project_token <slug>`. Answers,
always JSON with a French `detail`:

- 401: no token, or a token Fabrique does not know;
- 403: a revoked token, or the token of another project;
- 400: a body that is not valid; `errors` lists every problem by item index and field, and
  nothing is saved while any item is wrong;
- 201 when at least one value was created, 200 otherwise (same values again: idempotent).
"""

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework import serializers, status
from rest_framework.authentication import (
    BaseAuthentication,
    SessionAuthentication,
    TokenAuthentication,
    get_authorization_header,
)
from rest_framework.exceptions import AuthenticationFailed, NotAuthenticated, PermissionDenied
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from fabrique.impact import access, checks, rules, selectors, services
from fabrique.impact.models import ProjectToken
from fabrique.impact.vocabulary import Source

MAX_ITEMS = 1000
ITEM_FIELDS = {"indicator", "date", "value", "comment"}


class ProjectTokenAuthentication(BaseAuthentication):
    """`Authorization: Token fab_…`: a project token. Other tokens are left to the other
    authentication classes (DRF's per-user tokens, used by the incubator team)."""

    keyword = "Token"

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise AuthenticationFailed(
                "En-tête Authorization invalide : « Authorization: Token <jeton du projet> »."
            )
        secret = header[1].decode(errors="replace")
        if not secret.startswith(services.TOKEN_PREFIX):
            return None
        token = selectors.token_by_secret(secret)
        if token is None:
            raise AuthenticationFailed("Jeton inconnu : vérifiez qu'il a été copié en entier.")
        if token.revoked_at:
            raise PermissionDenied(
                f"Ce jeton a été révoqué le {token.revoked_at:%d/%m/%Y} : créez-en un autre sur la "
                "page « Jetons d'API » du projet."
            )
        return AnonymousUser(), token

    def authenticate_header(self, request):
        return self.keyword


class ProjectTokenScheme(OpenApiAuthenticationExtension):
    target_class = "fabrique.api.impact.ProjectTokenAuthentication"
    name = "jetonDeProjet"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "« Token <jeton du projet> » : jeton créé par l'équipe du projet "
            "(page « Jetons d'API » ou `manage.py project_token <projet>`).",
        }


def _project_token(request, project) -> ProjectToken | None:
    token = request.auth if isinstance(request.auth, ProjectToken) else None
    return token if token and access.can_push_measurements(token, project) else None


# --- Read: indicators ---------------------------------------------------------------------


class ReferenceSerializer(serializers.Serializer):
    date = serializers.DateField(allow_null=True)
    value = serializers.FloatField(allow_null=True)


class LatestSerializer(serializers.Serializer):
    period = serializers.DateField(help_text="premier jour de la période")
    period_end = serializers.DateField()
    value = serializers.FloatField()


class IndicatorOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField(help_text="clé du socle commun, vide pour les autres")
    name = serializers.CharField()
    definition = serializers.CharField()
    level = serializers.CharField(
        help_text="niveau de la matrice : utilisable, utilise, utile, impactant, efficient"
    )
    kind = serializers.CharField(help_text="impact ou intermediaire")
    unit = serializers.CharField(
        help_text="nombre, pourcentage, euros, score, minutes, heures, jours"
    )
    direction = serializers.CharField(help_text="hausse ou baisse : le sens favorable")
    frequency = serializers.CharField(help_text="hebdomadaire, mensuelle, trimestrielle, annuelle")
    data_source = serializers.CharField()
    north_star = serializers.BooleanField()
    public = serializers.BooleanField()
    computed = serializers.BooleanField(help_text="valeurs calculées par Fabrique, non saisies")
    baseline = ReferenceSerializer()
    target = ReferenceSerializer()
    latest = LatestSerializer(allow_null=True)
    progress = serializers.FloatField(allow_null=True, help_text="0 = référence, 1 = cible")
    expected_progress = serializers.FloatField(allow_null=True)
    status = serializers.CharField(
        help_text="en-bonne-voie, hors-trajectoire, sans-nouvelles, sans-cible, a-renseigner"
    )
    status_label = serializers.CharField()
    trend = serializers.CharField(allow_null=True, help_text="hausse, baisse, stable")


def _float(value):
    return None if value is None else float(value)


def _indicator_data(state) -> dict:
    indicator, evaluation = state.indicator, state.evaluation
    latest = None
    if state.latest:
        latest = {
            "period": state.latest_period,
            "period_end": rules.period_end(state.latest_period, indicator.frequency),
            "value": float(state.latest_value),
        }
    return {
        "id": indicator.pk,
        "key": indicator.key,
        "name": indicator.name,
        "definition": indicator.definition,
        "level": indicator.level,
        "kind": indicator.kind,
        "unit": indicator.unit,
        "direction": indicator.direction,
        "frequency": indicator.frequency,
        "data_source": indicator.data_source,
        "north_star": indicator.is_north_star,
        "public": indicator.is_public,
        "computed": bool(indicator.computed),
        "baseline": {"date": indicator.baseline_date, "value": _float(indicator.baseline_value)},
        "target": {"date": indicator.target_date, "value": _float(indicator.target_value)},
        "latest": latest,
        "progress": evaluation.progress,
        "expected_progress": evaluation.expected,
        "status": evaluation.status,
        "status_label": evaluation.status_label,
        "trend": evaluation.trend,
    }


@extend_schema(
    summary="Indicateurs d'un projet",
    description="Les indicateurs publiés, avec leur dernière valeur, leur progression vers la "
    "cible et leur statut. L'équipe du projet (session), l'équipe de l'incubateur (jeton "
    "personnel) et le jeton du projet voient aussi les indicateurs non publiés.",
    responses=IndicatorOutSerializer(many=True),
    tags=["impact"],
)
class IndicatorListView(APIView):
    authentication_classes = [
        SessionAuthentication, ProjectTokenAuthentication, TokenAuthentication,
    ]  # fmt: skip
    permission_classes = [AllowAny]

    def get(self, request, slug):
        project = selectors.project_by_slug(slug)
        everything = access.can_view_indicators(request.user, project) or bool(
            _project_token(request, project)
        )
        states = selectors.project_indicators(project, public_only=not everything)
        return Response([_indicator_data(state) for state in states])


# --- Write: measurements ------------------------------------------------------------------


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
    parser_classes = [JSONParser]
    renderer_classes = [JSONRenderer]  # scripts, not browsers: no content negotiation

    def post(self, request, slug):
        token = request.auth if isinstance(request.auth, ProjectToken) else None
        if token is not None and token.project.slug == slug:
            project = token.project  # already read with the token
        else:
            project = selectors.project_by_slug(slug)
        if token is None:
            raise NotAuthenticated(
                "Jeton du projet requis : en-tête « Authorization: Token <jeton du projet> »."
            )
        if not access.can_push_measurements(token, project):
            raise PermissionDenied(
                f"Ce jeton n'est pas celui du projet « {project.slug} » : il ne peut écrire que "
                "dans son propre projet."
            )
        rows, errors, problem = _raw_rows(request.data)
        if problem:
            return Response({"detail": problem, "errors": []}, status=status.HTTP_400_BAD_REQUEST)
        indicators = list(
            project.indicators.order_by("position", "name").only(
                "pk", "project_id", "key", "name", "unit", "frequency", "computed", "latest_period"
            )
        )
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
            checked, source=Source.API, user=token.created_by,
            reason=f"API (jeton {token.prefix}…)",
            latest_periods={indicator.pk: indicator.latest_period for indicator in indicators},
        )  # fmt: skip
        services.token_touch(token)
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
