"""API of the support app: formats and public sessions for everyone (each with its `ics_url`),
one's own registrations, and expert modules for the incubator team. Paginated with `count`."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path, reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny, IsAuthenticated

from fabrique.support import access
from fabrique.support.models import ExpertModule, Registration, Session, SupportFormat
from fabrique.support.vocabulary import RegistrationStatus

AUTH = [SessionAuthentication, TokenAuthentication]


class VideoLinkContext:
    """Lists of sessions: the page written carries whose visio links the caller is given."""

    def get_serializer(self, *args, **kwargs):
        if args:
            sessions = [getattr(item, "session", item) for item in args[0]]
            kwargs["context"] = {
                **self.get_serializer_context(),
                "video_link_ids": access.video_link_session_ids(self.request.user, sessions),
            }
        return super().get_serializer(*args, **kwargs)


class FormatSerializer(serializers.ModelSerializer):
    class Meta:
        model = SupportFormat
        fields = ["id", "kind", "title", "theme", "audience", "duration", "description"]


class SessionSerializer(serializers.ModelSerializer):
    format = serializers.CharField(source="format.title")
    theme = serializers.CharField(source="format.theme")
    ics_url = serializers.SerializerMethodField()
    seats_left = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = [
            "id", "format", "theme", "start", "end", "place", "video_url", "capacity",
            "registered_count", "seats_left", "ics_url",
        ]  # fmt: skip

    def get_ics_url(self, session) -> str:
        url = reverse("support:session-ics", args=[session.pk])
        return self.context["request"].build_absolute_uri(url)

    def get_seats_left(self, session) -> int:
        return max(0, session.capacity - session.registered_count)

    def to_representation(self, session):
        """The visio link to those who may join (support.access.video_link_session_ids, given
        by the view for the page written); "" for the others, as for a session without one."""
        data = super().to_representation(session)
        if session.pk not in self.context.get("video_link_ids", ()):
            data["video_url"] = ""
        return data


class RegistrationSerializer(serializers.ModelSerializer):
    session = SessionSerializer()

    class Meta:
        model = Registration
        fields = ["id", "session", "status", "attended", "score"]


class ModuleSerializer(serializers.ModelSerializer):
    project = serializers.CharField(source="project.slug")
    supplier = serializers.CharField(source="supplier.name", allow_null=True, default=None)
    remainder = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)

    class Meta:
        model = ExpertModule
        fields = [
            "id", "project", "expertise", "theme", "status", "supplier", "order_reference",
            "amount_excl_vat", "amount_incl_vat", "paid_incl_vat", "remainder", "days",
            "ordered_on", "due_on", "delivered_on",
        ]  # fmt: skip


@extend_schema_view(
    get=extend_schema(
        summary="Lister les formats de l'offre d'accompagnement",
        description="Ateliers, formations, suivis individuels et modules d'expertise publiés "
        "(tous pour l'équipe).",
    )
)
class FormatListView(generics.ListAPIView):
    """Formats of the offer (public ones; all for the team)."""

    serializer_class = FormatSerializer
    authentication_classes = AUTH
    permission_classes = [AllowAny]

    def get_queryset(self):
        return access.visible_formats(self.request.user).order_by("kind", "title", "pk")


@extend_schema_view(
    get=extend_schema(
        summary="Lister les sessions à venir",
        description="Sessions d'ateliers et de formations à venir que la personne peut voir, "
        "les plus proches d'abord.",
    )
)
class SessionListView(VideoLinkContext, generics.ListAPIView):
    """Future sessions the caller may see (public ones for everyone), soonest first."""

    serializer_class = SessionSerializer
    authentication_classes = AUTH
    permission_classes = [AllowAny]

    def get_queryset(self):
        return (
            access.visible_sessions(self.request.user)
            .filter(start__gte=timezone.now())
            .select_related("format")
            .order_by("start", "pk")
        )


@extend_schema_view(
    get=extend_schema(
        summary="Lister mes inscriptions",
        description="Les inscriptions de la personne connectée (hors annulées).",
    )
)
class RegistrationListView(VideoLinkContext, generics.ListAPIView):
    """The caller's own registrations (not cancelled)."""

    serializer_class = RegistrationSerializer
    authentication_classes = AUTH
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return (
            Registration.objects.filter(user=self.request.user)
            .exclude(status=RegistrationStatus.CANCELLED)
            .select_related("session__format")
            .order_by("-session__start", "pk")
        )


@extend_schema_view(
    get=extend_schema(
        summary="Lister les modules d'expertise",
        description="Modules d'expertise achetés pour les projets : réservé à l'équipe de "
        "l'incubateur.",
    )
)
class ModuleListView(generics.ListAPIView):
    """Expert modules: the incubator team only."""

    serializer_class = ModuleSerializer
    authentication_classes = AUTH
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        if not access.can_manage_offer(self.request.user):
            raise PermissionDenied("Réservé à l'équipe de l'incubateur.")
        return ExpertModule.objects.select_related("project", "supplier").order_by("pk")


urlpatterns = [
    path(
        "v1/support/formats/",
        login_not_required(FormatListView.as_view()),
        name="support-formats",
    ),
    path(
        "v1/support/sessions/",
        login_not_required(SessionListView.as_view()),
        name="support-sessions",
    ),
    path(
        "v1/support/registrations/",
        login_not_required(RegistrationListView.as_view()),
        name="support-registrations",
    ),
    path(
        "v1/support/modules/",
        login_not_required(ModuleListView.as_view()),
        name="support-modules",
    ),
]
