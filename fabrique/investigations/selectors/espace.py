"""The « Mon espace » block of the programme (constant queries)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.access import is_incubator_staff
from fabrique.accounts.models import Role
from fabrique.core.espace import Block, Line

from .. import access
from ..models import Investigation, InvestigationPhase, Problem
from ..vocabulary import ProblemStatus


def espace_block(user) -> Block | None:
    if not (user and user.is_authenticated and user.is_active):
        return None
    today = timezone.localdate()
    late = InvestigationPhase.objects.filter(
        closed_on__isnull=True, planned_end__lt=today, investigation__decision=""
    )
    if is_incubator_staff(user):
        counts = Problem.objects.aggregate(
            submitted=Count("pk", filter=Q(status=ProblemStatus.SUBMITTED))
        )
        late_count = late.values("investigation").distinct().count()
        return Block(
            title="Programme d'investigation",
            lines=[
                Line(
                    "Problèmes à examiner",
                    reverse("investigations:problems"),
                    counts["submitted"],
                    level="info",
                ),
                Line(
                    "Investigations en retard",
                    reverse("investigations:investigations") + "?retard=1",
                    late_count,
                    level="warning" if late_count else "",
                ),
            ],
        )
    if user.role == Role.COACH:
        mine = Investigation.objects.filter(Q(coach=user) | Q(designer=user), decision="")
        counts = mine.aggregate(
            count=Count("pk"),
            late=Count(
                "pk",
                filter=Q(phases__closed_on__isnull=True, phases__planned_end__lt=today),
                distinct=True,
            ),
        )
        if not counts["count"]:
            return None
        return Block(
            title="Mes investigations",
            lines=[
                Line("En cours", reverse("investigations:mine"), counts["count"]),
                Line(
                    "En retard",
                    reverse("investigations:mine"),
                    counts["late"],
                    level="warning" if counts["late"] else "",
                ),
            ],
        )
    if user.role == Role.AGENT:
        problems = access.visible_problems(user).aggregate(
            count=Count("pk"),
            selected=Count("pk", filter=Q(status=ProblemStatus.SELECTED)),
        )
        return Block(
            title="Nos problèmes publics",
            lines=[
                Line("Problèmes déposés", reverse("investigations:problems"), problems["count"]),
                Line("Retenus pour une investigation", "", problems["selected"], level="success"),
            ],
            links=[("Déposer un problème", reverse("investigations:problem_create"))],
        )
    return None
