"""The « Mon espace » block of the programme (constant queries)."""

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.access import is_active_user, is_incubator_staff
from fabrique.accounts.models import Role
from fabrique.core.espace import Block, Line

from .. import access
from ..models import InvestigationPhase, Problem
from ..rules import my_days_left_text, scoring_opens_on
from ..vocabulary import SCORING_LATER, SCORING_OPEN, ProblemStatus, Step
from .lists import coach_rows, scoring_open_q


def espace_block(user) -> Block | None:
    if not is_active_user(user):
        return None
    today = timezone.localdate()
    late = InvestigationPhase.objects.filter(
        closed_on__isnull=True, planned_end__lt=today, investigation__decision=""
    )
    if is_incubator_staff(user):
        # To examine today: the problems of a closed call (or of none, to attach first); those of
        # a call still open wait for its closing day and say when their scoring opens.
        submitted = Q(status=ProblemStatus.SUBMITTED)
        open_now = scoring_open_q(today)
        counts = Problem.objects.aggregate(
            to_examine=Count("pk", filter=submitted & open_now),
            waiting=Count("pk", filter=submitted & ~open_now),
            first_close=Min("call__closes_on", filter=submitted & ~open_now),
        )
        late_count = late.values("investigation").distinct().count()
        problems = f"{reverse('investigations:problems')}?status={ProblemStatus.SUBMITTED}"
        waiting_detail = (
            f"notation à partir du {scoring_opens_on(counts['first_close']):%d/%m/%Y}"
            if counts["first_close"]
            else ""
        )
        lines = [
            line
            for line in (
                Line("Problèmes à examiner", f"{problems}&notation={SCORING_OPEN}",
                     counts["to_examine"], level="info", singular="Problème à examiner"),
                Line("Problèmes déposés dans un appel encore ouvert",
                     f"{problems}&notation={SCORING_LATER}", counts["waiting"],
                     detail=waiting_detail,
                     singular="Problème déposé dans un appel encore ouvert"),
                Line("Investigations en retard",
                     reverse("investigations:investigations") + "?retard=1",
                     late_count, level="warning", singular="Investigation en retard"),
            )
            if line.count
        ]  # fmt: skip
        # Nothing to triage and nothing late: the block is absent, not a list of zeros.
        return Block(title="Programme d'investigation", lines=lines) if lines else None
    if user.role == Role.COACH:
        rows = coach_rows(user, today=today)
        if not rows:
            return None
        return Block(
            title="Mes investigations",
            lines=[_coach_line(row) for row in rows],
            links=[("Toutes mes investigations", reverse("investigations:mine"))],
        )
    if user.role == Role.AGENT:
        problems = access.visible_problems(user).aggregate(
            count=Count("pk"),
            selected=Count("pk", filter=Q(status=ProblemStatus.SELECTED)),
        )
        return Block(
            title="Nos problèmes publics",
            lines=[
                Line(
                    "Problèmes déposés",
                    reverse("investigations:problems"),
                    problems["count"],
                    singular="Problème déposé",
                ),
                Line(
                    "Retenus pour une investigation",
                    f"{reverse('investigations:problems')}?status={ProblemStatus.SELECTED}",
                    problems["selected"],
                    level="success",
                    singular="Retenu pour une investigation",
                ),
            ],
            links=[("Déposer un problème", reverse("investigations:problem_create"))],
        )
    return None


def _coach_line(row) -> Line:
    """« Title : phase 2 (Écoute des usagers), 4 jours restants sur vos 10 jours financés »,
    flagged when late."""
    step = (
        f"phase {row.current_step} ({Step(row.current_step).label})"
        if row.current_step
        else ("phases closes, comité à tenir")
    )
    detail = f"prochain comité le {row.next_committee:%d/%m/%Y}" if row.next_committee else ""
    if row.is_late:
        detail = "en retard sur le calendrier" + (f", {detail}" if detail else "")
    return Line(
        f"{row} : {step}, {my_days_left_text(row.days_left, row.funded_days)}",
        row.get_absolute_url(),
        detail=detail,
        level="warning" if row.is_late or row.days_left < 0 else "",
    )
