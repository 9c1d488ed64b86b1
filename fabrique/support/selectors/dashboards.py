"""What each person has to do: the coach's and the team's page, the support requests, and the
« Mon espace » block (a project member's follow-ups and modules included)."""

from datetime import timedelta

from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.access import is_active_user, is_incubator_staff
from fabrique.core import espace
from fabrique.core.text import of
from fabrique.portfolio.models import Project

from .. import access
from ..models import ExpertModule, FollowUp, Registration, Session, SupportRequest
from ..vocabulary import ModuleStatus, RegistrationStatus, RequestStatus
from .sessions import PAGE_SIZE, past_sessions


def coach_view(user, *, today=None) -> dict:
    """My sessions this month, my past sessions (attendance, satisfaction), registrations,
    follow-ups due, modules to attest (6 queries)."""
    today = today or timezone.localdate()
    month_start = today.replace(day=1)
    next_month = (month_start + timedelta(days=32)).replace(day=1)
    staff = is_incubator_staff(user)
    mine = Session.objects.all() if staff else Session.objects.filter(trainer=user)
    sessions = Session.objects.filter(start__date__gte=month_start, start__date__lt=next_month)
    follow_ups = FollowUp.objects.filter(next_due__isnull=False, next_due__lte=today + timedelta(7))
    modules = ExpertModule.objects.filter(status=ModuleStatus.DELIVERED)
    if not staff:
        sessions = sessions.filter(trainer=user)
        follow_ups = follow_ups.filter(coach=user)
        modules = modules.filter(follower=user)
    return {
        # The team follows every session of the offer, a coach the ones they run: the page and
        # « Mon espace » say which (« Mes sessions » only for the latter).
        "all_sessions": staff,
        "sessions_label": "Sessions de l'offre ce mois-ci" if staff else "Mes sessions ce mois-ci",
        "sessions": list(sessions.select_related("format").order_by("start")[:PAGE_SIZE]),
        "registrations": sessions.aggregate(n=Sum("registered_count"))["n"] or 0,
        "past_sessions": past_sessions(mine, now=timezone.now()),
        "follow_ups": list(follow_ups.select_related("project").order_by("next_due")[:PAGE_SIZE]),
        "modules": list(modules.select_related("project", "supplier")[:PAGE_SIZE]),
        "requests": SupportRequest.objects.filter(status=RequestStatus.NEW).count()
        if staff
        else None,
    }


def requests_for(user) -> list[SupportRequest]:
    return list(
        access.visible_requests(user).select_related("requester", "project", "session__format")[
            :PAGE_SIZE
        ]
    )


def espace_block(user) -> espace.Block | None:
    """ "Mon espace": my next sessions, answers to give, my requests and the way to ask for
    help (agents and service owners), and for the team what to triage."""
    if not is_active_user(user):
        return None
    lines = []
    counts = Registration.objects.filter(user=user).aggregate(
        mine=Count(
            "pk",
            filter=Q(session__start__gte=timezone.now()) & ~Q(status=RegistrationStatus.CANCELLED),
        ),
        to_answer=Count("pk", filter=Q(attended=True, score__isnull=True)),
    )
    if counts["mine"]:
        lines.append(
            espace.Line(
                "Mes inscriptions à venir",
                reverse("support:mine"),
                count=counts["mine"],
                singular="Mon inscription à venir",
            )
        )
    if counts["to_answer"]:
        lines.append(
            espace.Line(
                "Avis de satisfaction à donner",
                reverse("support:mine"),
                counts["to_answer"],
                level="info",
            )
        )
    links = [("Voir l'offre d'accompagnement", reverse("support:offer"))]
    requester = user.role in access.REQUESTER_ROLES
    if requester:
        asked = SupportRequest.objects.filter(requester=user).aggregate(
            waiting=Count("pk", filter=Q(status=RequestStatus.NEW)),
            answered=Count("pk", filter=~Q(status=RequestStatus.NEW)),
        )
        if asked["answered"]:
            lines.append(
                espace.Line(
                    "Réponses à mes demandes d'accompagnement",
                    reverse("support:mine"),
                    asked["answered"],
                    level="info",
                    singular="Réponse à mes demandes d'accompagnement",
                )
            )
        if asked["waiting"]:
            lines.append(
                espace.Line(
                    "Mes demandes en attente de réponse",
                    reverse("support:mine"),
                    asked["waiting"],
                    singular="Ma demande en attente de réponse",
                )
            )
        links.insert(0, ("Demander un accompagnement", reverse("support:request-create")))
    if not is_incubator_staff(user):
        project_lines, project_links = my_projects_support(user)
        lines += project_lines
        links[:0] = project_links
    staff = is_incubator_staff(user)
    if staff or user.role == "coach":
        view = coach_view(user)
        if view["sessions"]:
            lines.append(
                espace.Line(
                    view["sessions_label"],
                    reverse("support:coach"),
                    len(view["sessions"]),
                    singular="Session de l'offre ce mois-ci"
                    if view["all_sessions"]
                    else "Ma session ce mois-ci",
                )
            )
        if view["follow_ups"]:
            lines.append(
                espace.Line(
                    "Suivis individuels à échéance (7 jours)",
                    reverse("support:coach") + "#suivis",
                    len(view["follow_ups"]),
                    level="warning",
                    singular="Suivi individuel à échéance (7 jours)",
                )
            )
        to_mark = [s for s in view["past_sessions"] if s.n_marked < s.n_registered]
        if to_mark:
            lines.append(
                espace.Line(
                    "Présences à relever (sessions passées)",
                    reverse("support:coach") + "#sessions-passees",
                    len(to_mark),
                    level="warning",
                    singular="Présences à relever (session passée)",
                )
            )
        if view["modules"]:
            # The team attests the service fait; a coach following the module waits for it.
            lines.append(
                espace.Line(
                    "Modules à attester",
                    reverse("support:coach"),
                    len(view["modules"]),
                    level="warning",
                    singular="Module à attester",
                )
                if staff
                else espace.Line(
                    "Modules livrés : service fait à attester par l'équipe",
                    reverse("support:coach"),
                    len(view["modules"]),
                    level="info",
                    singular="Module livré : service fait à attester par l'équipe",
                )
            )
        if view["requests"]:
            lines.append(
                espace.Line(
                    "Demandes d'accompagnement à traiter",
                    reverse("support:requests"),
                    view["requests"],
                    level="warning",
                    singular="Demande d'accompagnement à traiter",
                )
            )
    if not lines and not requester and len(links) == 1:
        return None
    return espace.Block(title="Accompagnement", lines=lines, links=links)


MY_PROJECTS_LIMIT = 5


def my_projects_support(user) -> tuple[list[espace.Line], list[tuple[str, str]]]:
    """ "Mon espace" of a project member: the follow-ups of their projects (next due date
    first) and the expert modules not yet closed, and a link to each project's support history
    (three queries)."""
    projects = list(
        Project.objects.filter(team__user=user)
        .distinct()
        .only("pk", "slug", "name")[:MY_PROJECTS_LIMIT]
    )
    if not projects:
        return [], []
    lines = []
    follow_ups = (
        FollowUp.objects.filter(project__in=projects)
        .select_related("project")
        .order_by(F("next_due").asc(nulls_last=True), "title")[:MY_PROJECTS_LIMIT]
    )
    today = timezone.localdate()
    for follow_up in follow_ups:
        if follow_up.next_due is None:
            detail, level = "pas d'échéance fixée", ""
        else:
            detail = f"prochaine échéance : {follow_up.next_due:%d/%m/%Y}"
            level = "warning" if follow_up.next_due < today else ""
        lines.append(
            espace.Line(
                f"Suivi « {follow_up.title} » ({follow_up.project.name})",
                reverse("support:follow-up", args=[follow_up.pk]),
                detail=detail,
                level=level,
            )
        )
    modules = (
        ExpertModule.objects.filter(project__in=projects)
        .exclude(status=ModuleStatus.CLOSED)
        .select_related("project")
        .order_by("-pk")[:MY_PROJECTS_LIMIT]
    )
    for module in modules:
        lines.append(
            espace.Line(
                f"Module d'expertise « {module.expertise} » ({module.project.name})",
                reverse("support:module", args=[module.pk]),
                detail=f"étape : {module.get_status_display().lower()}",
            )
        )
    links = [
        (f"Accompagnement {of(project.name)}", reverse("support:project", args=[project.slug]))
        for project in projects
    ]
    return lines, links
