"""Import of the SILL (Socle interministériel de logiciels libres), JSON with short keys.

Keys read: `id` (SILL identifier, the natural key), `i` name, `fr-desc` description, `f`
function, `u` use case, `l` licence, `st` status (R recommandé, O en observation, FR fin de
recommandation), `c` component and `se` sector (mapped to the catalogue's needs), `si` similar
software (SILL identifiers separated by " ; "), `website`, `sources`.

The import updates what the SILL describes (name, summary, licence, website, source code,
maturity); it fills the description, categories, cost model and hosting only when they are
empty, so that the team's editorial work survives a new import. Licences are rewritten as SPDX
expressions (`GPL V2.0` → `GPL-2.0-only`); one that cannot be read stops the import with its line.
Similar-software links are only added, never removed.
"""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from fabrique.core import spdx
from fabrique.core.importing import ImportReport, Track, no_progress
from fabrique.core.numbers import counted
from fabrique.core.text import fold, search_key

from .. import vocabulary
from ..models import Solution, SolutionReference
from ..services import prepare_search, store_words, unique_slug
from ..vocabulary import Category, CostModel, Hosting, Maturity, Origin, ReferenceSource
from .common import assign, clean_url, fail, json_records, require_keys, text

REQUIRED_KEYS = ("id", "i", "l", "st")
STATUSES = {"R": Maturity.STABLE, "O": Maturity.BETA, "FR": Maturity.RETIRED}

# SILL component (`c`, folded) -> needs of a collectivité. Anything else is infrastructure.
COMPONENT_CATEGORIES = {
    "consultation et edition de documents": (Category.COLLABORATION,),
    "outil de productivite": (Category.COLLABORATION,),
    "outil collaboratif": (Category.COLLABORATION,),
    "messagerie agenda contacts": (Category.COLLABORATION,),
    "partage de fichiers": (Category.COLLABORATION,),
    "visiophonie": (Category.COLLABORATION,),
    "compression decompression": (Category.COLLABORATION,),
    "navigateur web": (Category.COLLABORATION,),
    "gestion de contenu web": (Category.ONLINE,),
    "accessibilite": (Category.ONLINE,),
    "outil metier": (Category.INTERNAL,),
    "outils d analyse de modelisation et de gestion de patrimoine": (Category.INTERNAL,),
    "moteur sig": (Category.TERRITORY, Category.DATA),
    "authentification": (Category.SECURITY,),
    "antivirus": (Category.SECURITY,),
    "chiffrement": (Category.SECURITY,),
    "pare feu reseau": (Category.SECURITY, Category.INFRASTRUCTURE),
    "sauvegarde serveurs": (Category.SECURITY, Category.INFRASTRUCTURE),
    "bases de donnees relationnelles": (Category.DATA, Category.INFRASTRUCTURE),
    "gestionnaire de donnees non relationnelles": (Category.DATA, Category.INFRASTRUCTURE),
    "gestion des acces aux donnees": (Category.DATA,),
    "moteur de recherche": (Category.DATA,),
}


def categories_for(component: str, sector: str) -> list[str]:
    found = list(COMPONENT_CATEGORIES.get(fold(component), ()))
    if fold(sector) == "securite" and Category.SECURITY not in found:
        found.append(Category.SECURITY)
    return [category.value for category in found] or [Category.INFRASTRUCTURE.value]


@dataclass
class SillRecord:
    line: int
    sill_id: str
    name: str
    summary: str
    description: str
    licence: str
    raw_licence: str
    maturity: str
    website: str
    repository_url: str
    categories: list[str]
    similar: list[str]


def _description(function: str, use: str) -> str:
    parts = []
    if function:
        parts.append(f"**Fonction** : {function}")
    if use:
        parts.append(f"**Cas d'usage** : {use}")
    return "\n\n".join(parts)


def parse(path: Path, report: ImportReport, track: Track = no_progress) -> list[SillRecord]:
    records, seen = [], {}
    ignored_urls = 0
    for line, record in track(list(json_records(path, "fiches du SILL", report)), "SILL"):
        require_keys(path, line, record, REQUIRED_KEYS, "un logiciel du SILL")
        sill_id, name = text(record["id"]), text(record["i"])
        if not sill_id:
            fail(path, line, "identifiant (clé « id ») vide.")
        if sill_id in seen:
            fail(path, line, f"identifiant {sill_id} déjà utilisé ligne {seen[sill_id]}.")
        seen[sill_id] = line
        where = f"fiche « {name} » (id {sill_id})"
        if not name:
            fail(path, line, f"fiche id {sill_id} : nom (clé « i ») vide.")
        if len(name) > 200:
            fail(path, line, f"{where} : nom trop long (200 caractères au plus).")
        raw_licence = text(record["l"])
        try:
            licence = spdx.from_legacy(raw_licence)
        except spdx.LicenceError as error:
            fail(path, line, f"{where} : {error}")
        status = text(record["st"]).upper()
        if status not in STATUSES:
            fail(
                path,
                line,
                f"{where} : statut « {status} » inconnu (R recommandé, O en observation, "
                "FR fin de recommandation).",
            )
        urls = {}
        for key in ("website", "sources"):
            value = text(record.get(key))
            if value and not value.startswith(("http://", "https://")):
                ignored_urls += 1  # git://… addresses of some repositories
                value = ""
            urls[key] = clean_url(value, path, line, f"{where} : l'adresse")
        function = text(record.get("f"))
        summary = text(record.get("fr-desc")) or function
        similar = [part.strip() for part in text(record.get("si")).split(";") if part.strip()]
        records.append(
            SillRecord(
                line=line,
                sill_id=sill_id,
                name=name,
                summary=summary[:500],
                description=_description(function, text(record.get("u"))),
                licence=licence,
                raw_licence=raw_licence,
                maturity=STATUSES[status].value,
                website=urls["website"],
                repository_url=urls["sources"],
                categories=categories_for(text(record.get("c")), text(record.get("se"))),
                similar=similar,
            )
        )
    report.read = len(records)
    rewritten = [r for r in records if r.licence and r.licence != r.raw_licence]
    if rewritten:
        example = rewritten[0]
        report.warn(
            "",
            f"{counted(len(rewritten), 'licence réécrite', 'licences réécrites')} en SPDX "
            "(par exemple "
            f"« {example.raw_licence} » → {example.licence}).",
        )
    if without := sum(1 for r in records if not r.licence):
        report.warn("", f"{counted(without, 'fiche')} sans licence indiquée (N/A).")
    if ignored_urls:
        report.warn(
            "",
            f"{counted(ignored_urls, 'adresse non web ignorée', 'adresses non web ignorées')} (git://…).",
        )
    return records


@transaction.atomic
def write(records: list[SillRecord], report: ImportReport, track: Track = no_progress):
    references = {
        reference.external_id: reference.solution
        for reference in SolutionReference.objects.filter(
            source=ReferenceSource.SILL
        ).select_related("solution")
    }
    by_id = {}
    for record in track(records, "Écriture"):
        solution = references.get(record.sill_id)
        if solution is None:
            # A solution already in the catalogue under this name (typed by the team) is adopted.
            solution = (
                Solution.objects.filter(
                    name_key=search_key(record.name), origin=Origin.FREE_SOFTWARE
                )
                .exclude(references__source=ReferenceSource.SILL)
                .first()
            )
        created = solution is None
        if created:
            solution = Solution(origin=Origin.FREE_SOFTWARE, cost_model=CostModel.FREE)
        changed = assign(
            solution,
            {
                "name": record.name,
                "summary": record.summary,
                "licence": record.licence,
                "website": record.website,
                "repository_url": record.repository_url,
                "maturity": record.maturity,
            },
        )
        empty_fills = {
            "description": record.description,
            "categories": vocabulary.encode(record.categories, Category),
            "hosting": vocabulary.encode([Hosting.SELF], Hosting),
        }
        empty_fills = {key: val for key, val in empty_fills.items() if not getattr(solution, key)}
        changed |= assign(solution, empty_fills)
        if created:
            solution.slug = unique_slug(Solution, record.name, fallback="logiciel")
        if created or changed:
            prepare_search(solution)
            solution.full_clean(exclude=["similar", "slug"])
            solution.save()
            store_words([solution])
        if record.sill_id not in references:
            SolutionReference.objects.get_or_create(
                source=ReferenceSource.SILL, external_id=record.sill_id, solution=solution
            )
        by_id[record.sill_id] = solution
        if created:
            report.created += 1
        elif changed:
            report.updated += 1
        else:
            report.unchanged += 1

    missing = 0
    links = Solution.similar.through
    existing = set(links.objects.values_list("from_solution_id", "to_solution_id"))
    new_links = []
    for record in records:
        for other_id in record.similar:
            other = by_id.get(other_id) or references.get(other_id)
            if other is None:
                missing += 1
                continue
            solution = by_id[record.sill_id]
            for pair in ((solution.pk, other.pk), (other.pk, solution.pk)):
                if pair[0] != pair[1] and pair not in existing:
                    existing.add(pair)
                    new_links.append(links(from_solution_id=pair[0], to_solution_id=pair[1]))
    links.objects.bulk_create(new_links)
    if new_links:
        report.warn(
            "",
            counted(len(new_links) // 2, "lien « similaire » ajouté", "liens « similaire » ajoutés")
            + ".",
        )
    if missing:
        report.warn(
            "",
            f"{counted(missing, 'lien « similaire »', 'liens « similaire »')} vers des fiches "
            "absentes du fichier.",
        )


def import_sill(path: Path, track: Track = no_progress) -> ImportReport:
    path = Path(path)
    report = ImportReport(source=path.name)
    records = parse(path, report, track)
    write(records, report, track)
    return report
