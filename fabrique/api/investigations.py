"""API of the investigations app: problems (create as an agent, read per access), calls,
investigations (phase, decision, collectivités, project after a go)."""

from django.core.exceptions import ValidationError
from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as APIValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from fabrique.investigations import access, selectors, services
from fabrique.investigations.exports import collectivite_codes
from fabrique.investigations.forms import territory_from_code
from fabrique.investigations.models import Call, Investigation, Problem
from fabrique.investigations.rules import phase_label
from fabrique.investigations.vocabulary import Decision

COLLECTIVITES_PREFETCH = (
    "collectivites__commune",
    "collectivites__epci",
    "collectivites__departement",
    "collectivites__region",
)


class CallSerializer(serializers.ModelSerializer):
    regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    eligible_kinds = serializers.ListField(source="kinds", child=serializers.CharField())

    class Meta:
        model = Call
        fields = [
            "id",
            "title",
            "description",
            "opens_on",
            "closes_on",
            "funded_count",
            "eligible_kinds",
            "regions",
            "grid",
        ]


class ProblemSerializer(serializers.ModelSerializer):
    collectivites = serializers.SerializerMethodField()

    class Meta:
        model = Problem
        fields = [
            "id",
            "title",
            "statement",
            "sufferers",
            "sufferers_count",
            "current_practice",
            "tried",
            "team",
            "theme",
            "call",
            "status",
            "decision_reason",
            "collectivites",
            "created_at",
        ]
        read_only_fields = ["status", "decision_reason", "created_at"]

    def get_collectivites(self, problem) -> list[str]:
        return collectivite_codes(problem)


# What `territory_from_code` understands: Insee code of a commune, SIREN of an EPCI, dep:/reg:.
COLLECTIVITE_CODE = r"^\s*(\d{5}|2[ABab]\d{3}|\d{9}|dep:(\d{2,3}|2[AB])|reg:\d{2})\s*$"


class ProblemCreateSerializer(serializers.Serializer):
    title = serializers.RegexField(
        r"\S",
        max_length=200,
        error_messages=dict.fromkeys(("invalid", "blank"), "Donnez un intitulé au problème."),
    )
    statement = serializers.RegexField(
        r"\S",
        error_messages=dict.fromkeys(
            ("invalid", "blank"), "Décrivez le problème en quelques mots simples."
        ),
    )
    collectivites = serializers.ListField(
        child=serializers.RegexField(
            COLLECTIVITE_CODE,
            error_messages={
                "invalid": "Code non reconnu : donnez un code Insee (5 caractères), un SIREN "
                "d'EPCI (9 chiffres), dep:XX ou reg:XX."
            },
        ),
        min_length=1,
        error_messages={"min_length": "Indiquez au moins une collectivité concernée."},
        help_text="Codes Insee des communes ou SIREN des EPCI (dep:XX, reg:XX sinon).",
    )
    call = serializers.PrimaryKeyRelatedField(
        queryset=Call.objects.all(), required=False, allow_null=True
    )
    sufferers = serializers.CharField(required=False, default="", allow_blank=True)
    sufferers_count = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    current_practice = serializers.CharField(required=False, default="", allow_blank=True)
    tried = serializers.CharField(required=False, default="", allow_blank=True)
    team = serializers.CharField(required=False, default="", allow_blank=True)
    theme = serializers.CharField(required=False, default="", allow_blank=True, max_length=100)

    def validate_collectivites(self, codes):
        territories, unknown = [], []
        for code in codes:
            territory = territory_from_code(code)
            (unknown.append(code) if territory is None else territories.append(territory))
        if unknown:
            raise serializers.ValidationError(f"Codes inconnus : {', '.join(unknown)}.")
        return territories


class InvestigationSerializer(serializers.ModelSerializer):
    problem = serializers.CharField(source="problem.title")
    phase = serializers.SerializerMethodField()
    decision = serializers.SerializerMethodField()
    collectivites = serializers.SerializerMethodField()
    project = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Investigation
        fields = [
            "id",
            "problem",
            "start",
            "weeks",
            "phase",
            "decision",
            "decided_on",
            "collectivites",
            "project",
        ]

    def get_phase(self, row) -> str:
        """The current phase's number and name, « Terminée » once the five phases are closed
        (the rule of the open data list: `rules.phase_label`)."""
        return phase_label(row.current_step)

    @extend_schema_field(
        serializers.ChoiceField(choices=Decision.choices, allow_null=True, read_only=True)
    )
    def get_decision(self, row) -> str | None:
        return row.decision if row.decision in Decision.values else None

    def get_collectivites(self, row) -> list[str]:
        return collectivite_codes(row.problem)


class InvestigationsAPIView:
    authentication_classes = [SessionAuthentication, TokenAuthentication]
    permission_classes = [AllowAny]


@extend_schema_view(
    get=extend_schema(
        summary="Lister les appels à problématiques",
        description="Appels ouverts pour tout le monde ; tous les appels pour l'équipe.",
    )
)
class CallListView(InvestigationsAPIView, generics.ListAPIView):
    """Appels à problématiques visibles (ouverts pour tous)."""

    serializer_class = CallSerializer

    def get_queryset(self):
        return access.visible_calls(self.request.user).prefetch_related("regions")


@extend_schema_view(
    get=extend_schema(
        summary="Lister les problèmes",
        description="Problèmes que la personne peut voir.",
    ),
    post=extend_schema(
        summary="Déposer un problème",
        description="Un agent de collectivité (pour ses collectivités) ou l'équipe dépose un "
        "problème public.",
    ),
)
class ProblemListView(InvestigationsAPIView, generics.ListCreateAPIView):
    """Problèmes visibles ; un agent authentifié en dépose pour ses collectivités."""

    serializer_class = ProblemSerializer

    def get_queryset(self):
        return (
            access.visible_problems(self.request.user)
            .prefetch_related(*COLLECTIVITES_PREFETCH)
            .order_by("-created_at", "-pk")
        )

    def get_serializer_class(self):
        return ProblemCreateSerializer if self.request.method == "POST" else ProblemSerializer

    def create(self, request, *args, **kwargs):
        if not access.can_submit_problem(request.user):
            raise PermissionDenied(
                "Seuls les agents de collectivité et l'équipe déposent des problèmes."
            )
        serializer = ProblemCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        try:
            problem = services.problem_submit(
                by=request.user, collectivites=data.pop("collectivites"), **data
            )
        except ValidationError as error:
            raise APIValidationError(error.message_dict) from error
        return Response(ProblemSerializer(problem).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        summary="Lister les investigations",
        description="Investigations visibles : phase, décision, collectivités, projet ouvert "
        "après un « go ».",
    )
)
class InvestigationListView(InvestigationsAPIView, generics.ListAPIView):
    """Investigations visibles : phase, décision, collectivités, projet après un go."""

    serializer_class = InvestigationSerializer

    def get_queryset(self):
        return selectors.investigation_rows(
            access.visible_investigations(self.request.user)
        ).prefetch_related(
            "problem__collectivites__commune",
            "problem__collectivites__epci",
            "problem__collectivites__departement",
            "problem__collectivites__region",
        )


@extend_schema_view(
    get=extend_schema(
        summary="Détail d'un appel à problématiques",
        description="Un appel visible par la personne (404 sinon).",
    )
)
class CallDetailView(InvestigationsAPIView, generics.RetrieveAPIView):
    """Un appel à problématiques visible."""

    serializer_class = CallSerializer
    get_queryset = CallListView.get_queryset


@extend_schema_view(
    get=extend_schema(
        summary="Détail d'un problème",
        description="Un problème visible par la personne (404 sinon).",
    )
)
class ProblemDetailView(InvestigationsAPIView, generics.RetrieveAPIView):
    """Un problème, pour qui peut le voir (404 sinon)."""

    serializer_class = ProblemSerializer
    get_queryset = ProblemListView.get_queryset


@extend_schema_view(
    get=extend_schema(
        summary="Détail d'une investigation",
        description="Une investigation visible par la personne (404 sinon).",
    )
)
class InvestigationDetailView(InvestigationsAPIView, generics.RetrieveAPIView):
    """Une investigation, pour qui peut la voir (404 sinon)."""

    serializer_class = InvestigationSerializer
    get_queryset = InvestigationListView.get_queryset


urlpatterns = [
    path("v1/calls/", CallListView.as_view(), name="investigations-calls"),
    path("v1/calls/<int:pk>/", CallDetailView.as_view(), name="investigations-call"),
    path("v1/problems/", ProblemListView.as_view(), name="investigations-problems"),
    path("v1/problems/<int:pk>/", ProblemDetailView.as_view(), name="investigations-problem"),
    path(
        "v1/investigations/",
        InvestigationListView.as_view(),
        name="investigations-investigations",
    ),
    path(
        "v1/investigations/<int:pk>/",
        InvestigationDetailView.as_view(),
        name="investigations-investigation",
    ),
]
