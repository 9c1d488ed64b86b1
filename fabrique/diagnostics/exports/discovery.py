"""The discovery sections of the deliverable: people met, tools in place, trainings and the
pre-diagnostic in a few sentences."""

from datetime import date

from fabrique.core.numbers import euros

from .. import rules
from ..selectors.prediagnostic import prediagnostic_data
from ..vocabulary import PersonRole, ToolKind, TrainingTopic


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
