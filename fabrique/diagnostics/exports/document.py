"""A mission as one JSON document (API, export, import).

The document (schema in docs/diagnostics.schema.json) carries everything typed in the mission
(collectivité code, status, dates, contact, days ledger, criteria grid, needs with scores and
rank, benchmark, discovery); the deliverable files are not in it (they are produced again from
it).
"""

from django.db.models import Prefetch

from .. import rules
from ..models import (
    Candidate,
    Interview,
    Lead,
    Person,
    Prediagnostic,
    QuestionnaireAnswer,
    Tool,
    Training,
)

SCHEMA = "fabrique-diagnostic/1"


def _day(value):
    return value.isoformat() if value else None


def mission_document(mission) -> dict:
    """The whole mission as plain JSON data (a few queries: days, needs and their follow-up…)."""
    grid = mission.grid.criteria
    candidates = Candidate.objects.select_related("solution").prefetch_related(
        Prefetch("leads", queryset=Lead.objects.order_by("kind", "key"))
    )
    needs = rules.ranked(
        list(
            mission.needs.prefetch_related(
                "follow_ups", Prefetch("candidates", queryset=candidates.order_by("pk"))
            )
        ),
        grid,
    )
    return {
        "schema": SCHEMA,
        "collectivite": mission.collectivite_code,
        "collectivite_nom": mission.collectivite.name,
        "status": mission.status,
        "consultant": mission.consultant.email if mission.consultant else None,
        "requested_on": _day(mission.requested_on),
        "start": _day(mission.start),
        "planned_end": _day(mission.planned_end),
        "delivered_on": _day(mission.delivered_on),
        "hopes": mission.hopes,
        "contact": {"name": mission.contact_name, "email": mission.contact_email},
        "eligibility": {
            "eligible": mission.eligible,
            "reason": mission.eligibility_reason,
            "acceptance_reason": mission.acceptance_reason,
        },
        "closing_reason": mission.closing_reason,
        "criteria": grid,
        "days": [
            {
                "date": entry.day.isoformat(),
                "half_days": entry.half_days,
                "kind": entry.kind,
                "person": entry.person.email,
                "note": entry.note,
            }
            for entry in mission.time_entries.select_related("person").order_by("day", "pk")
        ],
        # Past 10 days: the team member who approved the overrun, and why.
        "extra_days": {
            "approved_by": mission.extra_days_approved_by.email,
            "reason": mission.extra_days_reason,
        }
        if mission.extra_days_approved_by_id
        else None,
        "needs": [
            {
                "rank": rank,
                "title": need.title,
                "description": need.description,
                "theme": need.theme,
                "scores": need.scores,
                "score": rules.weighted_score(need.scores, grid),
                "manual_position": need.manual_position,
                "justification": need.justification,
                "follow_up": [
                    {
                        "milestone": follow_up.milestone,
                        "state": follow_up.state,
                        "note": follow_up.note,
                        "recorded_on": follow_up.recorded_on.isoformat(),
                    }
                    for follow_up in sorted(need.follow_ups.all(), key=lambda f: f.milestone)
                ],
                "candidates": [candidate_document(c) for c in need.candidates.all()],
            }
            for rank, need in enumerate(needs, start=1)
        ],
        **discovery_document(mission),
    }


def candidate_document(candidate: Candidate) -> dict:
    """A candidate solution of the benchmark, with the funding and partners decided for it."""
    return {
        "solution": candidate.solution.slug if candidate.solution else None,
        "name": candidate.name,
        "provider": candidate.provider,
        "website": candidate.website,
        **{
            field: {
                "score": getattr(candidate, field),
                "comment": getattr(candidate, f"{field}_note"),
            }
            for field in FEASIBILITIES
        },
        "cost_once": _amount(candidate.cost_once),
        "cost_per_year": _amount(candidate.cost_per_year),
        "recommended": candidate.recommended,
        "choice_criteria": candidate.choice_criteria,
        "leads": [
            {
                "kind": lead.kind,
                "key": lead.key,
                "name": lead.name,
                "reasons": lead.reasons,
                "kept": lead.kept,
                "note": lead.note,
            }
            for lead in candidate.leads.all()
        ],
    }


FEASIBILITIES = ("technical", "economic", "human")


def _amount(value):
    return str(value) if value is not None else None


def discovery_document(mission) -> dict:
    """Pre-diagnostic, questionnaire, people met, interviews, tools and trainings of a mission,
    as plain JSON data (people are named by their index in `people`, needs by their title)."""
    snapshot = Prediagnostic.objects.filter(mission=mission).first()
    answer = QuestionnaireAnswer.objects.filter(mission=mission).select_related("version").first()
    people = list(Person.objects.filter(mission=mission))
    index = {person.pk: number for number, person in enumerate(people)}
    interviews = Interview.objects.filter(mission=mission).prefetch_related("people", "needs")
    tools = Tool.objects.filter(mission=mission).select_related("solution")
    return {
        "prediagnostic": {"computed_at": snapshot.computed_at.isoformat(), "data": snapshot.data}
        if snapshot
        else None,
        "questionnaire": {
            "version": answer.version.number,
            "questions": answer.version.questions,
            "answered_at": answer.answered_at.isoformat(),
            "answers": answer.answers,
        }
        if answer
        else None,
        "people": [
            {
                "name": p.name,
                "role": p.role,
                "service": p.service,
                "name_is_public": p.name_is_public,
            }
            for p in people
        ],
        "interviews": [
            {
                "date": interview.day.isoformat(),
                "mode": interview.mode,
                "title": interview.title,
                "people": sorted(index[person.pk] for person in interview.people.all()),
                "needs": sorted(need.title for need in interview.needs.all()),
                "notes": interview.notes,
            }
            for interview in interviews
        ],
        "tools": [
            {
                "name": t.name,
                "kind": t.kind,
                "cost_per_year": _amount(t.cost_per_year),
                "satisfaction": t.satisfaction,
                "solution": t.solution.slug if t.solution else None,
            }
            for t in tools
        ],
        "trainings": [
            {
                "date": t.day.isoformat(),
                "topic": t.topic,
                "audience": t.audience,
                "attendance": t.attendance,
            }
            for t in Training.objects.filter(mission=mission)
        ],
    }
