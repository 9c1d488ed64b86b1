"""The benchmark sections of the deliverable: one table per need, the recommendations with
the funding and partners kept, and the next steps they lead to."""

from fabrique.core.numbers import euros
from fabrique.core.text import with_aside

from ..vocabulary import FOLLOW_UP_MONTHS, LeadKind
from .document import FEASIBILITIES


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
