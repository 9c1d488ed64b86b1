"""Job offers in the API: published offers for everyone, every offer and the applications for
those who manage them (session or token)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics, serializers
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from fabrique.api.personal_data import PersonalDataLogged, page_rows
from fabrique.recruitment.access import (
    application_for_user_or_404,
    offer_for_user_or_404,
    visible_applications,
    visible_offers,
)
from fabrique.recruitment.exports import front_matter
from fabrique.recruitment.filters import OfferFilter
from fabrique.recruitment.models import Application, JobOffer
from fabrique.recruitment.rules import effective_status
from fabrique.recruitment.selectors import offer_closing
from fabrique.recruitment.vocabulary import OfferStatus

AUTHENTICATION = [SessionAuthentication, TokenAuthentication]


class OfferSerializer(serializers.ModelSerializer):
    team = serializers.CharField(source="team_name")
    project = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    closing = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = JobOffer
        fields = [
            "slug", "title", "role", "team", "project", "contract", "contract_raw", "junior",
            "place", "remote", "opens_on", "closes_on", "closing", "days_per_week", "duration",
            "status", "url",
        ]  # fmt: skip

    def get_closing(self, offer) -> str | None:
        day = offer_closing(offer)
        return day.isoformat() if day else None

    @extend_schema_field(serializers.ChoiceField(choices=OfferStatus.choices))
    def get_status(self, offer) -> str:
        """The status a reader sees: a published offer past its closing day is « fermee »."""
        return effective_status(offer.status, offer.opens_on, offer.closes_on, timezone.localdate())

    def get_url(self, offer) -> str:
        return self.context["request"].build_absolute_uri(offer.get_absolute_url())


class OfferDetailSerializer(OfferSerializer):
    class Meta(OfferSerializer.Meta):
        fields = [*OfferSerializer.Meta.fields, "body", "contact", "external_url"]


class ApplicationSerializer(serializers.ModelSerializer):
    offer = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Application
        fields = ["id", "offer", "name", "email", "stage", "created_at", "stage_changed_at"]


@extend_schema_view(
    get=extend_schema(
        summary="Lister les offres d'emploi",
        description="Offres publiées pour tout le monde ; toutes les offres pour l'équipe "
        "(jeton ou session). Filtres : statut, contrat, équipe.",
    )
)
class OfferList(generics.ListAPIView):
    """Published offers for everyone; every offer for the team (filters: status, contract, team)."""

    serializer_class = OfferSerializer
    authentication_classes = AUTHENTICATION
    permission_classes = [AllowAny]

    def get_queryset(self):
        offers = visible_offers(self.request.user).select_related("project")
        filterset = OfferFilter(self.request.query_params, queryset=offers)
        if not filterset.is_valid():
            raise serializers.ValidationError(filterset.errors)
        return filterset.qs.order_by("-opens_on", "slug")


class OfferDetail(APIView):
    authentication_classes = AUTHENTICATION
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Détail d'une offre d'emploi",
        responses={
            200: OfferDetailSerializer,
            404: OpenApiResponse(description="Offre introuvable."),
        },
    )
    def get(self, request, slug):
        offer = offer_for_user_or_404(request.user, slug)
        return Response(OfferDetailSerializer(offer, context={"request": request}).data)


class OfferFrontMatter(APIView):
    """An offer as the front matter of the community's Markdown format."""

    authentication_classes = AUTHENTICATION
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Une offre au format Markdown de la communauté",
        description="L'en-tête YAML (front matter) de l'offre en JSON et son texte en Markdown, "
        "tels que les réimporte `manage.py import_jobs`.",
        responses={200: dict, 404: OpenApiResponse(description="Offre introuvable.")},
    )
    def get(self, request, slug):
        offer = offer_for_user_or_404(request.user, slug)
        return Response({"front_matter": front_matter(offer), "body": offer.body})


@extend_schema_view(
    get=extend_schema(
        summary="Lister les candidatures",
        description="Candidatures aux offres que la personne gère (toutes pour l'équipe) ; par "
        "offre sous /jobs/{slug}/applications/.",
    )
)
class ApplicationList(PersonalDataLogged, generics.ListAPIView):
    """Applications to the offers the user manages (team: all); each page given is logged."""

    serializer_class = ApplicationSerializer
    authentication_classes = AUTHENTICATION

    def get_queryset(self):
        applications = visible_applications(self.request.user).select_related("offer")
        if slug := self.kwargs.get("slug"):
            offer = offer_for_user_or_404(self.request.user, slug, need="manage")
            applications = applications.filter(offer=offer)
        return applications.order_by("-created_at", "pk")

    def personal_data(self, request, data):
        slug = self.kwargs.get("slug")
        what = f"API candidatures de l'offre {slug}" if slug else "API candidatures"
        return what, len(page_rows(data)), "candidature", "", ""


class ApplicationDetail(PersonalDataLogged, APIView):
    authentication_classes = AUTHENTICATION

    def personal_data(self, request, data):
        return f"API candidature n° {data['id']}", 1, "candidature", "", data["email"]

    @extend_schema(
        summary="Détail d'une candidature",
        responses={
            200: ApplicationSerializer,
            404: OpenApiResponse(description="Candidature introuvable."),
        },
    )
    def get(self, request, pk):
        application = application_for_user_or_404(request.user, pk)
        return Response(ApplicationSerializer(application).data)


urlpatterns = [
    path("v1/jobs/", login_not_required(OfferList.as_view()), name="job-list"),
    path("v1/jobs/<slug:slug>/", login_not_required(OfferDetail.as_view()), name="job-detail"),
    path(
        "v1/jobs/<slug:slug>/front-matter/",
        login_not_required(OfferFrontMatter.as_view()),
        name="job-front-matter",
    ),
    path(
        "v1/jobs/<slug:slug>/applications/",
        login_not_required(ApplicationList.as_view()),
        name="job-applications",
    ),
    path(
        "v1/applications/", login_not_required(ApplicationList.as_view()), name="application-list"
    ),
    path(
        "v1/applications/<int:pk>/",
        login_not_required(ApplicationDetail.as_view()),
        name="application-detail",
    ),
]
