"""The benchmark of the demonstration missions: solutions of the demo catalogue compared for
each need, one recommended with its criteria of choice, and its funding and partners decided
from the catalogue's matching (so the figures are those of the loaded data)."""

from decimal import Decimal

from fabrique.catalogue.models import Solution

from ..selectors.benchmark import lead_options
from ..services.benchmark import candidate_save, lead_decide
from ..vocabulary import LeadKind

# theme -> candidates: (catalogue slug, technical, economic, human, once, per year, comment,
# recommended criteria or "" when not recommended)
CANDIDATES = {
    "site-internet": [
        ("site-mairie-cle-en-main", 3, 2, 3, "0", "600",
         "Gabarit prêt, mises à jour assurées", "Prise en main en une demi-journée par la "
         "secrétaire de mairie, coût annuel connu, hébergement en France."),
        ("wordpress", 2, 3, 1, "1500", "120", "Logiciel libre, à faire installer", ""),
    ],
    "messagerie": [
        ("nextcloud", 2, 3, 2, "0", "0", "Via l'OPSN, avec agenda partagé",
         "Messagerie et agenda sur le domaine de la commune, opérés par l'OPSN du département."),
    ],
    "cybersecurite": [
        ("sauvegarde-externalisee", 3, 2, 3, "0", "360", "Sauvegarde automatique chaque nuit",
         "Aucune compétence à acquérir, restauration testée avec l'agent."),
        ("keepassxc", 3, 3, 2, "0", "0", "Coffre-fort de mots de passe", ""),
    ],
}  # fmt: skip


def load_benchmark(mission, *, coach) -> int:
    """Compare demo catalogue solutions for the mission's needs; keep the first funding scheme
    and partner proposed for each recommendation. Returns the number of candidates."""
    solutions = Solution.objects.in_bulk(
        [row[0] for rows in CANDIDATES.values() for row in rows], field_name="slug"
    )
    count = 0
    for need in mission.needs.all():
        for slug, tech, eco, human, once, yearly, note, criteria in CANDIDATES.get(need.theme, []):
            if slug not in solutions:
                continue
            candidate = candidate_save(
                need=need, solution=solutions[slug], technical=tech, economic=eco, human=human,
                technical_note=note, cost_once=Decimal(once), cost_per_year=Decimal(yearly),
                recommended=bool(criteria), choice_criteria=criteria, by=coach,
            )  # fmt: skip
            count += 1
            if not candidate.recommended:
                continue
            options = lead_options(candidate)
            for kind in (LeadKind.FUNDING, LeadKind.PARTNER):
                option = next((o for o in options if o.kind == kind), None)
                if option:
                    lead_decide(
                        candidate=candidate, kind=option.kind, key=option.key, name=option.name,
                        reasons=option.reasons, scheme=option.scheme, operator=option.operator,
                        kept=True, note="Proposé à la collectivité lors de la restitution.",
                    )  # fmt: skip
    return count
