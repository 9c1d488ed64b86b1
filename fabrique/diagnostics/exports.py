"""A mission as one JSON document (API, export, import) and as its deliverable (PDF, ODT).

The document (schema in docs/diagnostics.schema.json) carries everything typed in the mission
(collectivité code, status, dates, contact, days ledger, criteria grid, needs with scores and
rank); the deliverable files are not in it (they are produced again from it).
"""

from django.template.loader import render_to_string
from django.utils import timezone

from fabrique.core.documents import OdtWriter, render_pdf

from . import rules
from .vocabulary import MISSION_DAYS, ActivityKind, NeedTheme

SCHEMA = "fabrique-diagnostic/1"


def _day(value):
    return value.isoformat() if value else None


def mission_document(mission) -> dict:
    """The whole mission as plain JSON data (3 queries: mission, days, needs)."""
    grid = mission.grid.criteria
    needs = rules.ranked(list(mission.needs.all()), grid)
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
        "eligibility": {"eligible": mission.eligible, "reason": mission.eligibility_reason},
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
            }
            for rank, need in enumerate(needs, start=1)
        ],
    }


def report_context(mission) -> dict:
    document = mission_document(mission)
    grid = document["criteria"]
    used = rules.days(sum(entry["half_days"] for entry in document["days"]))
    collectivite = mission.collectivite
    epci = getattr(collectivite, "epci", None)
    departement = getattr(collectivite, "departement", None)
    return {
        "mission": mission,
        "document": document,
        "collectivite": collectivite,
        "epci": epci,
        "departement": departement,
        "criteria": grid,
        "needs": [
            {
                **need,
                "theme_label": NeedTheme(need["theme"]).label,
                "values": [need["scores"].get(key) for key in grid],
            }
            for need in document["needs"]
        ],
        "days_used": used,
        "days_budget": MISSION_DAYS,
        "by_kind": _days_by_kind(document["days"]),
        "today": timezone.localdate(),
    }


def _days_by_kind(entries) -> list[tuple[str, str]]:
    totals: dict[str, int] = {}
    for entry in entries:
        totals[entry["kind"]] = totals.get(entry["kind"], 0) + entry["half_days"]
    return [(ActivityKind(kind).label, f"{rules.days(n):g}") for kind, n in totals.items()]


def deliverable_pdf(mission) -> bytes:
    html = render_to_string("diagnostics/report_pdf.html", report_context(mission))
    return render_pdf(html).write_pdf()


def deliverable_odt(mission) -> bytes:
    context = report_context(mission)
    collectivite = context["collectivite"]
    writer = OdtWriter()
    writer.heading(f"Accompagnement sur-mesure — {collectivite.name}")
    writer.paragraph(f"Rapport de mission établi le {context['today']:%d/%m/%Y}.")
    writer.heading("Contexte et pré-diagnostic", 2)
    lines = [f"Population : {collectivite.population or 'inconnue'} habitants."]
    if context["epci"]:
        lines.append(f"EPCI : {context['epci'].name} ({context['epci'].population} habitants).")
    if context["departement"]:
        lines.append(f"Département : {context['departement'].name}.")
    lines.append(mission.eligibility_reason)
    lines.append(f"Ce que la collectivité espère : {mission.hopes}")
    writer.paragraph("\n".join(lines))
    writer.heading("Besoins classés", 2)
    headers = ["Rang", "Besoin", "Thème", *(c["label"] for c in context["criteria"].values()),
               "Score pondéré"]  # fmt: skip
    writer.table(
        headers,
        [
            [
                need["rank"],
                need["title"],
                need["theme_label"],
                *(need["scores"].get(key, "") for key in context["criteria"]),
                need["score"],
            ]
            for need in context["needs"]
        ],
    )
    for need in context["needs"]:
        if need["justification"]:
            writer.paragraph(
                f"« {need['title']} » placé au rang {need['rank']} à la main : "
                f"{need['justification']}"
            )
    writer.heading("Critères de choix", 2)
    writer.table(
        ["Critère", "Poids", "Sens"],
        [
            [
                c["label"],
                c["weight"],
                "plus bas, mieux c'est" if c["lower_is_better"] else "plus haut, mieux c'est",
            ]
            for c in context["criteria"].values()
        ],
    )
    writer.heading("Temps passé", 2)
    writer.paragraph(f"{context['days_used']:g} jours utilisés sur {context['days_budget']:g}.")
    writer.table(["Activité", "Jours"], context["by_kind"])
    return writer.to_bytes()
