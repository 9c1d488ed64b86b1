"""Reads of the accompagnement sur-mesure: the team's queue, a mission page, « Mon espace »."""

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, QuerySet, Sum, Value, When
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.core.espace import Block, Line
from fabrique.core.queries import count_subquery
from fabrique.core.reversing import url_pattern
from fabrique.core.sorting import Sort
from fabrique.territories.models import EPCI
from fabrique.territories.rules import DEFAULT_THRESHOLDS, Thresholds

from .. import rules
from ..access import visible_missions
from ..filters import MissionFilter
from ..models import (
    Deliverable,
    EligibilityRule,
    Lead,
    Mission,
    QuestionnaireAnswer,
    TimeEntry,
)
from ..vocabulary import HALF_DAY, MISSION_DAYS, OPEN_STATUSES, MissionStatus
from .benchmark import mission_benchmark, score_text
from .followup import follow_ups_to_do
from .overview import with_days


def thresholds_today() -> Thresholds:
    """The eligibility thresholds in force today (the programme's first ones when the team has
    set none), read without writing anything."""
    rule = (
        EligibilityRule.objects.filter(valid_from__lte=timezone.localdate())
        .order_by("-valid_from")
        .first()
    )
    if rule is None:
        return DEFAULT_THRESHOLDS
    return Thresholds(rule.commune_threshold, rule.epci_threshold)


def queue(user, params) -> tuple[MissionFilter, QuerySet[Mission]]:
    """Missions the user may see, filtered; `add_days` then reads the days of one page."""
    base = visible_missions(user).select_related("commune__departement", "epci", "consultant")
    filterset = MissionFilter(params, queryset=base)
    missions = filterset.qs if filterset.is_valid() else base.none()
    return filterset, missions.order_by("-requested_on", "-pk")


def open_mission_for(collectivite) -> Mission | None:
    """The first request or mission not yet delivered for this commune or EPCI (one query): a
    second request for it is asked to be confirmed, and its author is told where the first is."""
    still_open = (MissionStatus.REQUESTED, MissionStatus.OUT_OF_CRITERIA, *OPEN_STATUSES)
    where = {"epci": collectivite} if isinstance(collectivite, EPCI) else {"commune": collectivite}
    return (
        Mission.objects.filter(status__in=still_open, **where)
        .order_by("requested_on", "pk")
        .first()
    )


def add_days(missions) -> list[Mission]:
    """The missions of a page with `half_days_used` (one grouped query for the page only)."""
    missions = list(missions)
    used = dict(
        TimeEntry.objects.filter(mission__in=[m.pk for m in missions])
        .values("mission")
        .annotate(total=Sum("half_days"))
        .values_list("mission", "total")
    )
    for mission in missions:
        mission.half_days_used = used.get(mission.pk, 0)
    return missions


NEED_SORT_KEYS = ("rang", "besoin", "theme", "score")
BY_RANK = Sort()


def need_deletion_consequence(need) -> str:
    """What the deletion of a need takes with it (its compared solutions and their leads)."""
    candidates = need.candidates.count()
    leads = Lead.objects.filter(candidate__need=need).count() if candidates else 0
    return rules.need_deletion_consequence(candidates, leads)


def need_sort_keys(grid: dict) -> tuple[str, ...]:
    """The columns the ranking can be sorted by: rank, title, theme, score and each criterion."""
    return NEED_SORT_KEYS + tuple(f"critere-{key}" for key in grid)


def need_rows(needs: list, grid: dict, sort: Sort = BY_RANK) -> list[dict]:
    """The ranking as shown on the mission page: rank (weighted, hand placements kept), each
    criterion's score, the weighted score and its share of the best possible (for the chart);
    in the order asked for, the rank staying that of the ranking."""
    best = rules.max_weighted_score(grid) or 1
    rows = []
    for rank, need in enumerate(rules.ranked(needs, grid), start=1):
        score = rules.weighted_score(need.scores, grid)
        rows.append(
            {
                "need": need,
                "rank": rank,
                "score": score,
                "percent": round(100 * score / best),
                "scores": [need.scores.get(key) for key in grid],
                "cells": [score_text(need.scores.get(key)) for key in grid],
            }
        )
    key = sort.key or "rang"
    criteria = list(grid)

    def value(row):
        if key.startswith("critere-"):
            score = row["scores"][criteria.index(key.removeprefix("critere-"))]
            return (score is None, score or 0)
        return {
            "rang": lambda: row["rank"],
            "besoin": lambda: row["need"].title.casefold(),
            "theme": lambda: row["need"].get_theme_display().casefold(),
            "score": lambda: row["score"],
        }[key]()

    return sorted(rows, key=value, reverse=sort.descending)


def mission_page(mission: Mission, sort: Sort = BY_RANK) -> dict:
    needs = rules.ranked(list(mission.needs.all()), mission.grid.criteria)
    edit_url, delete_url = (
        url_pattern("diagnostics:need-edit"),
        url_pattern("diagnostics:need-delete"),
    )
    candidate_add_url = url_pattern("diagnostics:candidate-add")
    for need in needs:
        need.edit_url, need.delete_url = edit_url(need.pk), delete_url(need.pk)
        need.candidate_add_url = candidate_add_url(need.pk)
    entries = list(mission.time_entries.select_related("person").order_by("-day", "-pk"))
    used = rules.days(sum(entry.half_days for entry in entries))
    return {
        "needs": [
            (need, str(rules.weighted_score(need.scores, mission.grid.criteria))) for need in needs
        ],
        "need_rows": need_rows(needs, mission.grid.criteria, sort),
        "criteria": [
            {
                "sort_key": f"critere-{key}",
                "header": f"{criterion['label']} (×{criterion['weight']})",
            }
            for key, criterion in mission.grid.criteria.items()
        ],
        "best_score": str(rules.max_weighted_score(mission.grid.criteria)),
        "entries": entries,
        "days_used": used,
        "days_left": max(MISSION_DAYS - used, 0),
        "days_level": rules.days_status(used),
        "days_banner": rules.days_banner(
            used,
            approved_by=mission.extra_days_approved_by.display_name
            if mission.extra_days_approved_by
            else "",
            reason=mission.extra_days_reason,
        ),
        "deliverables": list(mission.deliverables.select_related("author")),
        "comments": list(mission.comments.select_related("author")),
        **mission_benchmark(mission, needs),
    }


def espace_block(user) -> Block | None:
    """Team: requests to triage and missions over budget; consultant: their missions with the
    days left (2 queries); both: the follow-ups due (3 more, when a mission is delivered)."""
    if not (user and user.is_authenticated):
        return None
    missions = visible_missions(user)
    counts = dict(missions.values_list("status").annotate(n=Count("pk")).order_by())
    if not counts:
        return None
    queue_url = reverse("diagnostics:queue")
    # Each count links to the queue filtered on exactly what it counts.
    to_triage = counts.get(MissionStatus.REQUESTED, 0)
    out_of_criteria = counts.get(MissionStatus.OUT_OF_CRITERIA, 0)
    lines = []
    if user.role in ("admin", "incubateur") or user.is_superuser:
        lines.append(Line("Demandes de mission sur-mesure à trier",
                          f"{queue_url}?status={MissionStatus.REQUESTED}",
                          to_triage, level="warning" if to_triage else "",
                          singular="Demande de mission sur-mesure à trier"))  # fmt: skip
        if out_of_criteria:
            lines.append(Line("Demandes hors critères à examiner",
                              f"{queue_url}?status={MissionStatus.OUT_OF_CRITERIA}",
                              out_of_criteria, level="warning",
                              singular="Demande hors critères à examiner"))  # fmt: skip
    # The missions past their 10 days first (nothing to hide behind the first ten), then by
    # planned end.
    active = (
        with_days(missions.filter(status__in=OPEN_STATUSES))
        .annotate(
            over=Case(
                When(half_days_used__gt=MISSION_DAYS / HALF_DAY, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .select_related("commune", "epci")
        .order_by("over", "planned_end", "pk")[:10]
    )
    today = timezone.localdate()
    for mission in active:
        used = rules.days(mission.half_days_used or 0)
        late = bool(mission.planned_end and mission.planned_end < today)
        details = []
        if mission.planned_end:
            details.append(f"fin prévue le {mission.planned_end:%d/%m/%Y}"
                           + (", dépassée" if late else ""))  # fmt: skip
        if badge := mission.days_badge:
            details.append(badge["badge"].lower() if used > MISSION_DAYS else badge["badge"])
        lines.append(
            Line(
                f"{mission.collectivite} : {rules.days_text(used)} sur {MISSION_DAYS:g}",
                mission.get_absolute_url(),
                detail=" · ".join(details),
                level="error" if late or used > MISSION_DAYS else rules.days_status(used),
            )
        )
    if user.role == Role.AGENT:
        lines.extend(_agent_lines(missions))
    followed = counts.get(MissionStatus.DELIVERED, 0) + counts.get(MissionStatus.FOLLOWED, 0)
    if followed and (user.role in ("admin", "incubateur", "coach") or user.is_superuser):
        due = len(follow_ups_to_do(user, today))
        if due:
            lines.append(
                Line("Suivis à 3 ou 6 mois à faire", reverse("diagnostics:followups"), due,
                     level="warning", singular="Suivi à 3 ou 6 mois à faire")
            )  # fmt: skip
    if not lines:
        return None
    links = [("Toutes les missions", queue_url)]
    if user.role == Role.AGENT:
        links.append(("Demander un accompagnement sur-mesure", reverse("diagnostics:request")))
    return Block("Accompagnement sur-mesure", lines, links=links)


AGENT_LINES = 10


def _agent_lines(missions) -> list[Line]:
    """An agent's own to-do (one query): requests waiting for the team, the « état des lieux »
    still to fill in, the final deliverable of a delivered mission."""
    waiting = (MissionStatus.REQUESTED, MissionStatus.OUT_OF_CRITERIA)
    to_answer = (*waiting, *OPEN_STATUSES)
    delivered = (MissionStatus.DELIVERED, MissionStatus.FOLLOWED, MissionStatus.CLOSED)
    rows = (
        missions.filter(status__in=(*to_answer, *delivered))
        .annotate(
            answered=Exists(QuestionnaireAnswer.objects.filter(mission=OuterRef("pk"))),
            final=Exists(Deliverable.objects.filter(mission=OuterRef("pk"), is_final=True)),
        )
        .select_related("commune", "epci")
        .order_by("-requested_on", "-pk")[:AGENT_LINES]
    )
    lines = []
    for mission in rows:
        if mission.status in waiting:
            lines.append(
                Line(
                    f"{mission.collectivite} : demande en attente de l'équipe",
                    mission.get_absolute_url(),
                    detail=f"envoyée le {mission.requested_on:%d/%m/%Y}",
                )
            )
        if mission.status in to_answer and not mission.answered:
            url = reverse("diagnostics:questionnaire-answer", args=[mission.pk])
            lines.append(
                Line(
                    f"{mission.collectivite} : état des lieux à remplir",
                    url,
                    detail="avant la visite",
                    level="warning",
                )
            )
        if mission.status in delivered and mission.final:
            # Two missions of the same collectivité differ by their delivery date.
            detail = f"mission {mission.get_status_display().lower()}"
            if mission.delivered_on:
                delivered_on = f"{mission.delivered_on:%d/%m/%Y}"
                detail += (f" le {delivered_on}" if mission.status == MissionStatus.DELIVERED
                           else f", livrée le {delivered_on}")  # fmt: skip
            lines.append(
                Line(
                    f"{mission.collectivite} : livrable final à télécharger",
                    f"{mission.get_absolute_url()}#livrable",
                    detail=detail,
                )
            )
    return lines


def eligibility_rules() -> list[EligibilityRule]:
    """The dated thresholds, the latest first, each with the number of missions requested under
    it and whether it is the one in force today (two queries)."""
    today = timezone.localdate()
    rules_list = list(
        EligibilityRule.objects.annotate(
            missions=count_subquery(Mission.objects.filter(rule=OuterRef("pk")))
        ).order_by("-valid_from")
    )
    in_force = next((rule for rule in rules_list if rule.valid_from <= today), None)
    for rule in rules_list:
        rule.in_force = rule is in_force
        rule.future = rule.valid_from > today
    return rules_list
