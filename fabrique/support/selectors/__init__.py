"""Reads of the support offer: constant numbers of queries whatever the data size."""

from datetime import timedelta

from django.db.models import (
    Avg,
    Case,
    Count,
    DateTimeField,
    F,
    IntegerField,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.access import is_active_user, is_incubator_staff
from fabrique.accounts.models import Membership
from fabrique.core import espace
from fabrique.core.dates import quarter as quarter_of
from fabrique.core.text import of
from fabrique.diagnostics.access import visible_missions
from fabrique.portfolio.models import Project

from .. import access, rules
from ..filters import KnowledgeFilter, ModuleFilter
from ..models import (
    ExpertModule,
    FollowUp,
    Registration,
    Session,
    Supplier,
    SupportFormat,
    SupportRequest,
)
from ..vocabulary import SESSION_KINDS, ModuleStatus, RegistrationStatus, RequestStatus

PAGE_SIZE = 50


def offer(user) -> list[SupportFormat]:
    """The formats a user may see, each with its number of upcoming sessions (two queries)."""
    upcoming = access.visible_sessions(user).filter(start__gte=timezone.now())
    counts = dict(
        upcoming.order_by()
        .values_list("format_id")
        .annotate(n=Count("pk"))
        .values_list("format_id", "n")
    )
    formats = list(access.visible_formats(user))
    for item in formats:
        item.upcoming_count = counts.get(item.pk, 0)
    return formats


def upcoming_sessions(user, *, limit: int = PAGE_SIZE) -> list[Session]:
    """The next sessions a user may see, soonest first (one query)."""
    return list(
        access.visible_sessions(user)
        .filter(start__gte=timezone.now())
        .select_related("format", "trainer")
        .order_by("start", "pk")[:limit]
    )


def upcoming_then_past(now, field: str = "start") -> list:
    """The order of a list of sessions (`field`: their start): upcoming ones soonest first, then
    past ones latest first."""
    upcoming = Q(**{f"{field}__gte": now})
    return [
        Case(When(upcoming, then=Value(0)), default=Value(1), output_field=IntegerField()),
        Case(When(upcoming, then=F(field)), output_field=DateTimeField()).asc(nulls_last=True),
        F(field).desc(),
        "pk",
    ]


def format_sessions(support_format: SupportFormat, user, *, now=None) -> list[Session]:
    """The sessions of a format a user may see: upcoming ones soonest first, then past ones."""
    now = now or timezone.now()
    visible = support_format.sessions.filter(pk__in=access.visible_sessions(user).values("pk"))
    return list(visible.order_by(*upcoming_then_past(now))[:PAGE_SIZE])


def session_detail(session: Session, user) -> dict:
    registrations = list(
        session.registrations.exclude(status=RegistrationStatus.CANCELLED).select_related(
            "user", "project"
        )
    )
    mine = next((r for r in registrations if user.is_authenticated and r.user_id == user.pk), None)
    scores = [r.score for r in registrations if r.score]
    return {
        "registrations": registrations,
        "confirmed": [r for r in registrations if r.status == RegistrationStatus.REGISTERED],
        "waiting": [r for r in registrations if r.status == RegistrationStatus.WAITING],
        "mine": mine,
        "is_past": session.start <= timezone.now(),
        "satisfaction": round(sum(scores) / len(scores), 1) if scores else None,
        "answers": len(scores),
        "comments": [r.comment for r in registrations if r.comment],
        "pages": list(session.knowledgepage_set.filter(is_public=True)),
    }


def my_registrations(user, *, now=None) -> list[Registration]:
    """A person's registrations: upcoming sessions soonest first, then past ones."""
    now = now or timezone.now()
    return list(
        Registration.objects.filter(user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("session__format")
        .order_by(*upcoming_then_past(now, "session__start"))[:PAGE_SIZE]
    )


PAST_SESSIONS_DAYS = 90


def past_sessions(sessions: QuerySet, *, now) -> list[Session]:
    """Sessions held in the last 90 days, latest first, each with its registered, marked
    (attendance taken), present, answers and average score: where a trainer takes attendance
    and reads satisfaction (one query)."""
    kept = Q(registrations__status=RegistrationStatus.REGISTERED)
    return list(
        sessions.filter(start__lt=now, start__gte=now - timedelta(days=PAST_SESSIONS_DAYS))
        .select_related("format")
        .annotate(
            n_registered=Count("registrations", filter=kept),
            n_marked=Count("registrations", filter=kept & Q(registrations__attended__isnull=False)),
            n_present=Count("registrations", filter=kept & Q(registrations__attended=True)),
            n_answers=Count("registrations", filter=Q(registrations__score__isnull=False)),
            mean_score=Avg("registrations__score"),
        )
        .order_by("-start")[:PAGE_SIZE]
    )


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


def late_delivery(today) -> Q:
    """SQL twin of `rules.is_late`: delivered after the planned date, or still not delivered
    when it is past."""
    undelivered = Q(
        delivered_on__isnull=True,
        due_on__lt=today,
        status__in=[ModuleStatus.ORDERED, ModuleStatus.IN_PROGRESS],
    )
    return undelivered | Q(due_on__isnull=False, delivered_on__gt=F("due_on"))


def modules_board(*, today=None) -> dict:
    """The team's view of orders: by supplier and quarter, committed and paid, late (3 queries)."""
    today = today or timezone.localdate()
    ordered = ExpertModule.objects.filter(amount_incl_vat__isnull=False)
    by_supplier = list(
        ordered.values("supplier__name")
        .annotate(n=Count("pk"), committed=Sum("amount_incl_vat"), paid=Sum("paid_incl_vat"))
        .order_by("supplier__name")
    )
    quarters: dict[str, dict] = {}
    for day, committed, paid in ordered.values_list(
        "ordered_on", "amount_incl_vat", "paid_incl_vat"
    ):
        row = quarters.setdefault(quarter_of(day), {"n": 0, "committed": 0, "paid": 0})
        row["n"] += 1
        row["committed"] += committed or 0
        row["paid"] += paid or 0
    late = list(
        ExpertModule.objects.filter(late_delivery(today))
        .select_related("project", "supplier")
        .order_by(F("delivered_on").asc(nulls_first=True), "due_on", "pk")[:PAGE_SIZE]
    )
    for module in late:
        module.days_late = ((module.delivered_on or today) - module.due_on).days
    return {
        "by_supplier": by_supplier,
        "by_quarter": sorted(quarters.items()),
        "late": late,
    }


def suppliers_list() -> QuerySet[Supplier]:
    """The suppliers with how many modules each has (one that has some cannot be deleted)."""
    return Supplier.objects.annotate(modules_count=Count("modules")).order_by("name")


def modules_list(user, params=None) -> tuple[list[ExpertModule], ModuleFilter]:
    """The modules a user may see, filtered (status, theme, supplier): one query, 200 at most."""
    visible = access.visible_modules(user)
    modules = visible.select_related("project", "supplier", "follower")
    filterset = ModuleFilter(params or None, queryset=modules)
    if not is_incubator_staff(user):
        # Only the suppliers of the modules this person may see: the others are none of theirs.
        suppliers = Supplier.objects.filter(pk__in=visible.values("supplier")).order_by("name")
        filterset.filters["supplier"].queryset = suppliers
    rows = filterset.qs if filterset.is_valid() else modules
    return list(rows[:200]), filterset


def reach(*, since=None) -> dict:
    """The offer's reach per theme and quarter: projects, agents and collectivités supported
    (`rules.reached`: sessions held, absents left out), attendance rate, satisfaction (two
    queries). Sessions to come are not reach yet."""
    now = timezone.now()
    held = Registration.objects.filter(
        status=RegistrationStatus.REGISTERED, session__start__lte=now
    )
    rows = held.values_list(
        "session__format__theme",
        "session__start",
        "project_id",
        "user_id",
        "user__role",
        "attended",
        "score",
    )
    table: dict[tuple[str, str], dict] = {}
    for theme, start, project, person, role, attended, score in rows.iterator(chunk_size=5000):
        row = table.setdefault(
            (theme, quarter_of(start)),
            {"projects": set(), "agents": set(), "registered": 0, "attended": 0, "scores": []},
        )
        if rules.reached(start=start, now=now, attended=attended):
            if project:
                row["projects"].add(project)
            if role == "agent":
                row["agents"].add(person)
        if attended is not None:  # attendance taken: the rate is of the people checked
            row["registered"] += 1
            row["attended"] += 1 if attended else 0
        if score:
            row["scores"].append(score)
    # The collectivités of the agents reached (one query): what the offer's reach is measured in.
    agents = set().union(*(row["agents"] for row in table.values()))
    fields = [f"{name}_id" for name in Membership.TERRITORY_FIELDS]
    places: dict[int, set] = {}
    for user_id, *keys in Membership.objects.filter(user_id__in=agents).values_list(
        "user_id", *fields
    ):
        places.setdefault(user_id, set()).update(
            (name, key) for name, key in zip(fields, keys, strict=True) if key
        )
    result = []
    for (theme, quarter), row in sorted(table.items()):
        result.append(
            {
                "theme": theme,
                "quarter": quarter,
                "projects": len(row["projects"]),
                "agents": len(row["agents"]),
                "collectivites": len(
                    set().union(*(places.get(agent, set()) for agent in row["agents"]))
                ),
                "attendance": rules.attendance_rate(
                    attended=row["attended"], registered=row["registered"]
                ),
                "satisfaction": round(sum(row["scores"]) / len(row["scores"]), 2)
                if row["scores"]
                else None,
            }
        )
    return {"rows": result}


def satisfaction_by_format() -> list[dict]:
    return list(
        SupportFormat.objects.filter(kind__in=SESSION_KINDS)
        .annotate(
            answers=Count("sessions__registrations__score"),
            average=Avg("sessions__registrations__score"),
        )
        .values("pk", "title", "answers", "average")
    )


def project_history(project) -> dict:
    """Sessions attended, follow-ups and modules of a project (three queries)."""
    return {
        "registrations": list(
            Registration.objects.filter(project=project, attended=True)
            .select_related("session__format", "user")
            .order_by("-session__start")
        ),
        "follow_ups": list(
            FollowUp.objects.filter(project=project)
            .select_related("coach")
            .prefetch_related("notes")
        ),
        "modules": list(ExpertModule.objects.filter(project=project).select_related("supplier")),
    }


def knowledge_search(user, params=None, *, limit: int = PAGE_SIZE):
    """(filterset, pages): the knowledge pages a user may read, filtered by `KnowledgeFilter`
    (accent-insensitive search, theme)."""
    filterset = KnowledgeFilter(params or None, queryset=access.visible_pages(user))
    pages = filterset.qs  # an unknown theme is left out of the filtering, not an error
    return filterset, pages.only("slug", "title", "theme", "is_public", "updated_at")[:limit]


def search_pages(user, query: str = "", *, theme: str = "", limit: int = PAGE_SIZE) -> QuerySet:
    """Accent-insensitive search: each word typed starts a word of the title or body."""
    return knowledge_search(user, {"q": query, "theme": theme}, limit=limit)[1]


def page_missions(user, page) -> list:
    """The sur-mesure missions a knowledge page links to that `user` may open, for links."""
    numbers, _ = rules.linked_missions(page.missions)
    if not numbers:
        return []
    return list(visible_missions(user).filter(pk__in=numbers).select_related("commune", "epci"))


def requests_for(user) -> list[SupportRequest]:
    return list(
        access.visible_requests(user).select_related("requester", "project", "session__format")[
            :PAGE_SIZE
        ]
    )


def person_sessions(user) -> list[Session]:
    """Sessions in a person's calendar feed: registered (or waiting) and trained.

    Two indexed reads (ids, then rows) rather than one OR over a correlated subquery, which
    SQLite answers by scanning every session."""
    statuses = dict(
        Registration.objects.filter(
            user=user, status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITING]
        ).values_list("session_id", "status")
    )
    trained = set(Session.objects.filter(trainer=user).values_list("pk", flat=True))
    sessions = list(
        Session.objects.filter(pk__in=set(statuses) | trained)
        .select_related("format")
        .only("pk", "start", "end", "place", "video_url", "format__title", "format__kind")
        .order_by("start")
    )
    for session in sessions:
        # On the waiting list (and not the trainer): a tentative event, not a confirmed one.
        session.waiting = (
            statuses.get(session.pk) == RegistrationStatus.WAITING and session.pk not in trained
        )
    return sessions


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
