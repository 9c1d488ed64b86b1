"""What the offer reached: projects, agents and collectivités per theme and quarter,
satisfaction per format, and a project's support history."""

from django.db.models import Avg, Count
from django.utils import timezone

from fabrique.accounts.models import Membership
from fabrique.core.dates import quarter as quarter_of

from .. import rules
from ..models import ExpertModule, FollowUp, Registration, SupportFormat
from ..vocabulary import SESSION_KINDS, RegistrationStatus


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
