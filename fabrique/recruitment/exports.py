"""An offer written back as the community's Markdown with a YAML front matter, and the team's
statistics as spreadsheets (`core.exports`).

The front matter uses the keys of the format the offer came from (beta.gouv.fr or
Incubateur des Territoires), plus the keys of the original file Fabrique does not read, so that
import → export → import gives the same offer.
"""

import yaml

from fabrique.core.exports import NUMBER, TEXT, Column

from .rules import tidy_body
from .vocabulary import Contract, OfferStatus, SourceFormat

# Contract words as the community writes them.
CONTRACT_WORDS = {
    Contract.FREELANCE: "indépendant",
    Contract.EMPLOYEE: "salarié",
    Contract.INTERNSHIP: "stage",
    Contract.APPRENTICESHIP: "alternance",
    Contract.SECONDMENT: "mise à disposition",
}


def front_matter(offer) -> dict:
    """The front matter of an offer, in its own format (key order as the community writes)."""
    contract = offer.contract_raw or CONTRACT_WORDS.get(offer.contract, "")
    opens = offer.opens_on.isoformat() if offer.opens_on else None
    closes = offer.closes_on.isoformat() if offer.closes_on else None
    if offer.source_format == SourceFormat.ANCT:
        data = {
            "title": offer.title,
            "role": offer.role or None,
            "equipe": offer.team_name or None,
            "contact": offer.contact or None,
            "contrat": contract or None,
            "poste_ouvert": opens,
            "poste_ferme": closes,
            "status": "open" if offer.status == OfferStatus.PUBLISHED else "closed",
            "poste_pourvu": offer.status == OfferStatus.FILLED,
        }
    else:
        data = {
            "title": offer.title,
            "roles": offer.role or None,
            "equipe": offer.team_name or None,
            "open": offer.status == OfferStatus.PUBLISHED,
            "date": opens,
            "depublication_date": closes,
            "junior": offer.junior or None,
            "contrat": contract or None,
            "contact": offer.contact or None,
            "externalURL": offer.external_url or None,
            "techno": offer.techno or None,
            "domaines": offer.domains or None,
        }
        if offer.status == OfferStatus.FILLED:
            data["poste_pourvu"] = True
    if offer.source_format == SourceFormat.ANCT:
        data.update(junior=offer.junior or None, externalURL=offer.external_url or None)
        data.update(techno=offer.techno or None, domaines=offer.domains or None)
    data.update(
        lieu=offer.place or None,
        teletravail=offer.remote or None,
        jours_par_semaine=offer.days_per_week or None,
        duree=offer.duration or None,
        porteur_du_contrat=offer.contract_holder or None,
    )
    if offer.status == OfferStatus.DRAFT:
        data["brouillon"] = True
    if "equipe" in offer.extra:
        # The team came from `startup` and the file's own `equipe` says something else
        # (`startup: conseiller-numerique`, `equipe: Cartographie Nationale`): both written back.
        data = {("startup" if key == "equipe" else key): value for key, value in data.items()}
    data = {key: value for key, value in data.items() if value is not None}
    # Kept fields in the order of their names, sub-fields too: the database may not keep the
    # file's order (PostgreSQL's jsonb does not), and an export must read the same on both.
    for key in sorted(offer.extra):
        data.setdefault(key, _sorted_keys(offer.extra[key]))
    return data


def _sorted_keys(value):
    if isinstance(value, dict):
        return {key: _sorted_keys(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted_keys(item) for item in value]
    return value


def to_markdown(offer) -> str:
    header = yaml.safe_dump(front_matter(offer), allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{header}---\n\n{tidy_body(offer.body)}\n"


STATS_COLUMNS = [
    Column("Trimestre", TEXT, 12),
    Column("Offres publiées", NUMBER, 14),
    Column("Candidatures", NUMBER, 14),
    Column("Candidatures par offre", NUMBER, 14),
    Column("Offres pourvues", NUMBER, 14),
    Column("Part des offres pourvues (%)", NUMBER, 16),
    Column("Délai moyen de recrutement (jours)", NUMBER, 18),
]
