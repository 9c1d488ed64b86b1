"""Reads of the follow-up after delivery: a mission's states by milestone, and the follow-ups
to do (« suivis à faire »)."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from fabrique.accounts.access import is_incubator_staff

from .. import rules
from ..models import Mission, Need, NeedFollowUp
from ..vocabulary import FOLLOW_UP_MONTHS, FOLLOW_UP_STATUSES
from .benchmark import recommendations_prefetch


@dataclass
class FollowUpDue:
    mission: Mission
    milestones: list[int] = field(default_factory=list)
    due_on: date | None = None


def mission_followup(mission: Mission, today: date | None = None) -> dict:
    """For the mission page: each need with its state at 3 and 6 months, and the milestones
    due now. Two queries (needs, their states)."""
    today = today or timezone.localdate()
    if mission.delivered_on is None:
        return {"followup": None}
    needs = list(
        mission.needs.prefetch_related(
            Prefetch("follow_ups", queryset=NeedFollowUp.objects.order_by("milestone")),
            recommendations_prefetch(),
        ).order_by("pk")
    )
    rows = []
    recorded = set()
    for need in needs:
        by_milestone = {follow_up.milestone: follow_up for follow_up in need.follow_ups.all()}
        recorded |= set(by_milestone)
        rows.append((need, [by_milestone.get(m) for m in FOLLOW_UP_MONTHS]))
    # (months, first day it can be recorded, whether that day has come): no form is offered
    # before its day, the service would refuse it.
    milestones = []
    for months in FOLLOW_UP_MONTHS:
        due_on = rules.follow_up_due_on(mission.delivered_on, months)
        milestones.append((months, due_on, due_on <= today))
    return {
        "followup": {
            "rows": rows,
            "milestones": milestones,
            "reachable_any": any(reachable for _m, _d, reachable in milestones),
            "due": rules.follow_ups_due(mission.delivered_on, recorded, today)
            if mission.status in FOLLOW_UP_STATUSES
            else [],
            "open": mission.status in FOLLOW_UP_STATUSES,
            # Why « Close » needs a reason for now (the follow-ups not recorded yet).
            "closing_problem": rules.closing_problem(mission.status, recorded, ""),
        }
    }


def follow_ups_to_do(user, today: date | None = None) -> list[FollowUpDue]:
    """The delivered missions whose 3- or 6-month follow-up is due and not recorded: all of
    them for the team, their own for a consultant. Three queries, whatever the count."""
    today = today or timezone.localdate()
    missions = Mission.objects.filter(
        status__in=FOLLOW_UP_STATUSES, delivered_on__lte=today
    ).select_related("commune", "epci", "consultant")
    if not is_incubator_staff(user):
        missions = missions.filter(consultant=user)
    missions = missions.prefetch_related(
        Prefetch("needs", queryset=Need.objects.prefetch_related("follow_ups"))
    ).order_by("delivered_on", "pk")
    result = []
    for mission in missions:
        recorded = {f.milestone for need in mission.needs.all() for f in need.follow_ups.all()}
        due = rules.follow_ups_due(mission.delivered_on, recorded, today)
        if due:
            result.append(
                FollowUpDue(mission, due, rules.follow_up_due_on(mission.delivered_on, due[0]))
            )
    return result
