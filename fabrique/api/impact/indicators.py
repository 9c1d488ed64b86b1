"""Impact endpoint of a project's indicators (read): the published ones, or all of them for the
project team, the incubator team and the project's token; each with its latest value, progress
and status."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from fabrique.impact import access, rules, selectors
from fabrique.impact.models import ProjectToken

from .auth import ProjectTokenAuthentication


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
        token = request.auth if isinstance(request.auth, ProjectToken) else None
        indicators = access.indicators_for_api_or_404(request.user, slug, token=token)
        states = selectors.indicator_states(indicators)
        return Response([_indicator_data(state) for state in states])
