"""Tables of the programme for XLSX/ODS/CSV, the open data list, the PDF summary."""

from datetime import date

from django.template.loader import render_to_string

from fabrique.core.documents import render_pdf
from fabrique.core.exports import DATE, NUMBER, TEXT, Column

from .rules import days_budget, go_grid_rows, phase_label
from .vocabulary import GRID_MAX

TEAM_COLUMNS = [
    Column("Problème", TEXT, 40),
    Column("Appel", TEXT, 30),
    Column("Collectivités", TEXT, 40),
    Column("Coach", TEXT, 20),
    Column("Début", DATE, 12),
    Column("Phase", TEXT, 24),
    Column("En retard", TEXT, 10),
    Column("Jours passés", NUMBER, 10),
    Column("Décision", TEXT, 16),
    Column("Projet", TEXT, 24),
]

OPEN_DATA_FIELDS = [
    ("id", "integer", "Identifiant de l'investigation"),
    ("probleme", "string", "Intitulé du problème"),
    ("collectivites", "string", "Codes Insee ou SIREN des collectivités, séparés par « | »"),
    ("debut", "date", "Date de début (AAAA-MM-JJ)"),
    ("phase", "string", "Phase en cours (« 1. Réalité et ampleur du problème »…) ou « Terminée »"),
    ("decision", "string", "go, no-go, solution-existante ou vide"),
    ("projet", "string", "Identifiant du projet du portefeuille après un go"),
]


def collectivite_codes(problem) -> list[str]:
    codes = []
    for link in problem.collectivites.all():
        if link.commune_id:
            codes.append(link.commune.insee)
        elif link.epci_id:
            codes.append(link.epci.siren)
        elif link.departement_id:
            codes.append(f"dep:{link.departement.code}")
        elif link.region_id:
            codes.append(f"reg:{link.region.code}")
    return codes


def team_rows(rows) -> list[list]:
    return [
        [
            row.problem.title,
            row.problem.call.title if row.problem.call else "",
            ", ".join(str(link.territory) for link in row.problem.collectivites.all()),
            str(row.coach or ""),
            row.start,
            phase_label(row.current_step),
            "oui" if row.is_late else "non",
            float(row.days_used),
            row.get_decision_display(),
            row.project.name if row.project else "",
        ]
        for row in rows
    ]


def open_data_rows(rows) -> list[dict]:
    return [
        {
            "id": row.pk,
            "probleme": row.problem.title,
            "collectivites": "|".join(collectivite_codes(row.problem)),
            "debut": row.start.isoformat(),
            "phase": phase_label(row.current_step),
            "decision": row.decision,
            "projet": row.project.slug if row.project else "",
        }
        for row in rows
    ]


def open_data_schema() -> dict:
    """A Table Schema (frictionless) describing the open data list."""
    return {
        "name": "investigations",
        "title": "Investigations du programme et leurs issues",
        "fields": [
            {"name": name, "type": kind, "description": description}
            for name, kind, description in OPEN_DATA_FIELDS
        ],
    }


def investigation_pdf(*, investigation, phases, days, today: date) -> bytes:
    html = render_to_string(
        "investigations/summary_pdf.html",
        {
            "investigation": investigation,
            "phases": phases,
            "days": days,
            "budget": days_budget(days),
            "go_grid": go_grid_rows(investigation.go_scores),
            "go_grid_max": GRID_MAX,
            "today": today,
        },
    )
    return render_pdf(html).write_pdf()
