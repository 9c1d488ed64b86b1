"""Read endpoints of the portfolio: public fields for everyone, the rest for those allowed."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from fabrique.portfolio import access, selectors
from fabrique.portfolio.filters import ApiProjectFilter
from fabrique.portfolio.models import Committee, Decision, Phase
from fabrique.portfolio.vocabulary import PhaseName, ProjectKind


class PhaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Phase
        fields = ["name", "start", "end", "comment"]


class DecisionSerializer(serializers.ModelSerializer):
    project = serializers.CharField(source="project.slug")

    class Meta:
        model = Decision
        fields = ["project", "outcome", "amount", "conditions"]


class CommitteeSerializer(serializers.ModelSerializer):
    decisions = DecisionSerializer(many=True)

    class Meta:
        model = Committee
        fields = ["id", "date", "kind", "title", "decisions"]


class ProjectSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=ProjectKind.choices)
    mission = serializers.CharField()
    current_phase = serializers.CharField(allow_null=True)
    phase_start = serializers.DateField(allow_null=True)
    url = serializers.SerializerMethodField()

    def get_url(self, row) -> str:
        return self.context["request"].build_absolute_uri(row.get_absolute_url())


class ProjectStaffSerializer(ProjectSerializer):
    manager = serializers.EmailField(source="manager.email", allow_null=True, default=None)
    last_committee = serializers.DateField(allow_null=True)
    next_committee_due = serializers.DateField(allow_null=True)
    granted = serializers.DecimalField(max_digits=14, decimal_places=2)
    spent = serializers.DecimalField(max_digits=14, decimal_places=2)
    remaining = serializers.DecimalField(max_digits=14, decimal_places=2)
    team_size = serializers.IntegerField()


class ProjectDetailSerializer(ProjectSerializer):
    phases = PhaseSerializer(many=True, source="project.phases.all")


class ProjectFullSerializer(ProjectStaffSerializer):
    phases = PhaseSerializer(many=True, source="project.phases.all")
    committees = serializers.SerializerMethodField()

    def get_committees(self, row) -> list:
        committees = selectors.project_committees(row.project)
        return CommitteeSerializer(committees, many=True).data


class PortfolioAPIView:
    authentication_classes = [SessionAuthentication, TokenAuthentication]
    permission_classes = [AllowAny]


@extend_schema(
    summary="Lister les projets",
    parameters=[
        OpenApiParameter("kind", OpenApiTypes.STR, enum=ProjectKind.values),
        OpenApiParameter("phase", OpenApiTypes.STR, enum=PhaseName.values),
        OpenApiParameter(
            "manager",
            OpenApiTypes.EMAIL,
            description="courriel du chargé·e (équipe de l'incubateur seulement : 403 sinon)",
        ),
    ],
    responses=ProjectStaffSerializer(many=True),
)
class ProjectListView(PortfolioAPIView, generics.ListAPIView):
    def get_serializer_class(self):
        if access.can_view_portfolio(self.request.user):
            return ProjectStaffSerializer
        return ProjectSerializer

    def get_queryset(self):
        filterset = ApiProjectFilter(
            self.request.query_params, queryset=selectors.annotated_projects()
        )
        if not filterset.is_valid():
            raise serializers.ValidationError(filterset.errors)
        # Who manages what is not public (the HTML list hides managers too): the filter is
        # refused to those who may not see the managers, instead of answering counts.
        if filterset.form.cleaned_data.get("manager") and not access.can_view_portfolio(
            self.request.user
        ):
            raise PermissionDenied("Le filtre « manager » est réservé à l'équipe de l'incubateur.")
        return filterset.qs

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return selectors.summarize(page) if page is not None else None


@extend_schema(summary="Détail d'un projet", responses=ProjectFullSerializer)
class ProjectDetailView(PortfolioAPIView, APIView):
    def get(self, request, slug):
        project = access.project_for_user_or_404(request.user, slug)
        row = selectors.project_summary(project)
        if access.can_view_project_details(request.user, project):
            serializer = ProjectFullSerializer(row, context={"request": request})
        else:
            serializer = ProjectDetailSerializer(row, context={"request": request})
        return Response(serializer.data)
