"""Import of ANCT's "Suite territoriale": the services it offers to collectivités, and the public
digital-service operators (OPSN) with the départements they serve and the services they run.

`services.json`: `id`, `nom`, `description`, `url`, `type`, `nom_instance`, `maturite`. Several
entries may share a name (ProConnect has one per identity provider): they become one solution
with one reference per identifier. Services are offered free of charge to collectivités and
hosted by the State or an operator.

`operators.json`: `id` (the natural key), `nom`, `nom_avec_article`, `statut`, `url`, `siret`,
`services` (identifiers of services.json), `departements` (codes). The départements an operator
serves are those of the file; the services it runs are added (never removed). The test record
of the source ("TEST", no address) is skipped.

Each file is checked completely, then written in its own transaction: the services first, so that
the operators can refer to them.
"""

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from fabrique.core.importing import ImportReport, Track, no_progress
from fabrique.core.numbers import agree
from fabrique.core.slugs import slug_of
from fabrique.core.text import fold, search_key
from fabrique.territories.models import Departement

from .. import vocabulary
from ..models import Operator, Solution, SolutionReference
from ..services import prepare_search, store_words, unique_slug
from ..vocabulary import (
    Category,
    CostModel,
    Hosting,
    Maturity,
    OperatorStatus,
    Origin,
    ReferenceSource,
)
from .common import CatalogueImportError, assign, clean_url, fail, json_records, require_keys, text

SERVICE_KEYS = ("id", "nom", "url", "maturite")
OPERATOR_KEYS = ("id", "nom", "statut", "services", "departements")
MATURITIES = {"alpha": Maturity.ALPHA, "beta": Maturity.BETA, "stable": Maturity.STABLE}
STATUSES = {
    "partenaire": OperatorStatus.PARTNER,
    "partenaire_avec_services": OperatorStatus.PARTNER_WITH_SERVICES,
    "intention": OperatorStatus.INTENTION,
    "": OperatorStatus.UNKNOWN,
}
# Folded words of a service's name, type or description -> the need it answers (first wins).
SERVICE_CATEGORIES = (
    (("rdv", "rendez vous"), Category.USERS),
    (("adresse",), Category.TERRITORY),
    (("cyber", "securis", "anssi", "proconnect", "identite"), Category.SECURITY),
    (("grist", "base de donnees", "feuilles de calcul"), Category.DATA),
    (("suivi social", "social"), Category.SOCIAL),
    (("deveco", "entreprises"), Category.ECONOMY),
    (("connecte", "inclusion", "aplus", "administration"), Category.INCLUSION),
    (("annuaire", "horaires"), Category.ONLINE),
    (("fichiers", "messages", "courriel", "visio", "calendrier", "projets", "collaborati"),
     Category.COLLABORATION),
)  # fmt: skip


def category_for(*texts: str) -> str:
    words = f" {fold(' '.join(texts))} "
    for keywords, category in SERVICE_CATEGORIES:
        if any(f" {keyword}" in words for keyword in keywords):
            return category.value
    return Category.INTERNAL.value


def _int_id(value, path: Path, line: int, what: str) -> str:
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip():
        fail(path, line, f"identifiant {what} invalide ({value!r}).")
    return str(value).strip()


# --- Services -------------------------------------------------------------------------------


@dataclass
class ServiceRecord:
    line: int
    ids: list[str]
    name: str
    summary: str
    website: str
    maturity: str
    category: str


# The names of a solution and of an operator (`Solution.name`, `Operator.name`).
NAME_MAX = 200
OPERATOR_ID_MAX = 64  # `Operator.external_id`: the source's UUID


def parse_services(path: Path, report: ImportReport, track: Track = no_progress):
    grouped: dict[str, ServiceRecord] = {}
    seen = {}
    for line, record in track(list(json_records(path, "services", report)), "Services"):
        require_keys(path, line, record, SERVICE_KEYS, "un service")
        service_id = _int_id(record["id"], path, line, "de service")
        if service_id in seen:
            fail(path, line, f"identifiant {service_id} déjà utilisé ligne {seen[service_id]}.")
        seen[service_id] = line
        name = text(record["nom"])
        if not name:
            fail(path, line, f"service {service_id} : nom vide.")
        if len(name) > NAME_MAX:
            fail(
                path, line, f"service {service_id} : nom trop long ({NAME_MAX} caractères au plus)."
            )
        maturity = text(record["maturite"]).lower() or "stable"
        if maturity not in MATURITIES:
            fail(
                path, line,
                f"service « {name} » : maturité « {maturity} » inconnue (alpha, beta ou stable).",
            )  # fmt: skip
        website = clean_url(record["url"], path, line, f"service « {name} » : l'adresse")
        summary = text(record.get("description"))
        key = fold(name)
        if key in grouped:  # another instance of the same service (ProConnect…)
            grouped[key].ids.append(service_id)
            grouped[key].summary = grouped[key].summary or summary
            continue
        grouped[key] = ServiceRecord(
            line=line,
            ids=[service_id],
            name=name,
            summary=summary[:500],
            website=website,
            maturity=MATURITIES[maturity].value,
            category=category_for(name, text(record.get("type")), summary),
        )
    report.read = len(seen)
    records = list(grouped.values())
    if len(records) < len(seen):
        report.warn(
            "",
            f"{len(seen)} fiches pour {len(records)} services (instances d'un même service "
            "regroupées).",
        )
    return records


@transaction.atomic
def write_services(records: list[ServiceRecord], report: ImportReport):
    references = {
        reference.external_id: reference.solution
        for reference in SolutionReference.objects.filter(
            source=ReferenceSource.SUITE_TERRITORIALE
        ).select_related("solution")
    }
    for record in records:
        solution = next((references[i] for i in record.ids if i in references), None)
        if solution is None:
            solution = (
                Solution.objects.filter(name_key=search_key(record.name))
                .exclude(references__source=ReferenceSource.SUITE_TERRITORIALE)
                .first()
            )
        created = solution is None
        if created:
            solution = Solution(
                origin=Origin.INCUBATOR,
                cost_model=CostModel.FREE,
                slug=unique_slug(Solution, record.name, fallback="service"),
            )
        changed = assign(
            solution,
            {"name": record.name, "website": record.website, "maturity": record.maturity},
        )
        if record.summary:
            changed |= assign(solution, {"summary": record.summary})
        fills = {
            "categories": vocabulary.encode([record.category], Category),
            "hosting": vocabulary.encode([Hosting.SAAS], Hosting),
        }
        changed |= assign(solution, {k: v for k, v in fills.items() if not getattr(solution, k)})
        if created or changed:
            prepare_search(solution)
            solution.full_clean(exclude=["similar", "slug"])
            solution.save()
            store_words([solution])
        for service_id in record.ids:
            if service_id not in references:
                SolutionReference.objects.create(
                    source=ReferenceSource.SUITE_TERRITORIALE,
                    external_id=service_id,
                    solution=solution,
                )
        if created:
            report.created += 1
        elif changed:
            report.updated += 1
        else:
            report.unchanged += 1


def import_services(path: Path, track: Track = no_progress) -> ImportReport:
    path = Path(path)
    report = ImportReport(source=path.name)
    write_services(parse_services(path, report, track), report)
    return report


# --- Operators ------------------------------------------------------------------------------


@dataclass
class OperatorRecord:
    line: int
    external_id: str
    name: str
    name_with_article: str
    status: str
    website: str
    siret: str
    departements: list[str]
    services: list[str]


def _codes(value, path: Path, line: int, name: str, key: str) -> list[str]:
    """A list of codes; null is none, and one code written alone (« "60" », 12) is a list of
    one, as hand-edited dumps have it."""
    if value is None:
        value = []
    elif isinstance(value, str | int) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list) or any(isinstance(item, dict | list) for item in value):
        fail(path, line, f"opérateur « {name} » : « {key} » doit être une liste de codes.")
    return [str(item).strip().upper() for item in value if item is not None and str(item).strip()]


def parse_operators(path: Path, report: ImportReport, track: Track = no_progress):
    records, seen = [], {}
    departements = set(Departement.objects.values_list("code", flat=True))
    known_services = set(
        SolutionReference.objects.filter(source=ReferenceSource.SUITE_TERRITORIALE).values_list(
            "external_id", flat=True
        )
    )
    for line, record in track(list(json_records(path, "opérateurs", report)), "Opérateurs"):
        require_keys(path, line, record, OPERATOR_KEYS, "un opérateur")
        external_id = text(record["id"])
        if not external_id:
            fail(path, line, "identifiant (clé « id ») vide.")
        if len(external_id) > OPERATOR_ID_MAX:
            fail(path, line, f"identifiant trop long ({OPERATOR_ID_MAX} caractères au plus).")
        if external_id in seen:
            fail(path, line, f"identifiant {external_id} déjà utilisé ligne {seen[external_id]}.")
        seen[external_id] = line
        name = text(record["nom"])
        if not name:
            fail(path, line, f"opérateur {external_id} : nom vide.")
        if len(name) > NAME_MAX:
            fail(
                path,
                line,
                f"opérateur {external_id} : nom trop long ({NAME_MAX} caractères au plus).",
            )
        website = text(record.get("url"))
        if name.upper() == "TEST" and not website:
            report.skip(f"ligne {line}", f"« {name} », fiche de test de la source")
            continue
        status = text(record["statut"]).lower()
        if status not in STATUSES:
            fail(
                path, line,
                f"opérateur « {name} » : statut « {status} » inconnu (partenaire, "
                "partenaire_avec_services, intention ou vide).",
            )  # fmt: skip
        siret = text(record.get("siret")).replace(" ", "")
        if siret and not (siret.isdigit() and len(siret) <= 14):
            fail(path, line, f"opérateur « {name} » : SIRET « {siret} » invalide (14 chiffres).")
        if siret and len(siret) != 14:
            report.warn(f"« {name} »", f"SIRET incomplet ({siret}), gardé tel quel.")
        codes = _codes(record["departements"], path, line, name, "departements")
        unknown = [code for code in codes if code not in departements]
        if unknown:
            hint = "" if departements else " (importez d'abord les territoires)"
            fail(
                path, line,
                f"opérateur « {name} » : "
                f"{agree(len(unknown), 'département inconnu', 'départements inconnus')} : "
                f"{', '.join(unknown)}{hint}.",
            )  # fmt: skip
        services = _codes(record["services"], path, line, name, "services")
        unknown = [code for code in services if code not in known_services]
        if unknown:
            fail(
                path, line,
                f"opérateur « {name} » : "
                f"{agree(len(unknown), 'service inconnu', 'services inconnus')} : "
                f"{', '.join(unknown)} (absents "
                "du fichier des services de la Suite territoriale).",
            )  # fmt: skip
        records.append(
            OperatorRecord(
                line=line,
                external_id=external_id,
                name=name[:200],
                name_with_article=text(record.get("nom_avec_article"))[:200],
                status=STATUSES[status].value,
                website=clean_url(website, path, line, f"opérateur « {name} » : l'adresse"),
                siret=siret,
                departements=codes,
                services=services,
            )
        )
    report.read = len(seen)
    return records


@transaction.atomic
def write_operators(records: list[OperatorRecord], report: ImportReport):
    departements = {d.code: d for d in Departement.objects.all()}
    solutions = {
        reference.external_id: reference.solution
        for reference in SolutionReference.objects.filter(
            source=ReferenceSource.SUITE_TERRITORIALE
        ).select_related("solution")
    }
    operated = set()
    for record in records:
        operator = Operator.objects.filter(external_id=record.external_id).first()
        if operator is None:  # an operator typed by the team before the first import
            # its slug made before (Django's slugify) or since core.slugs writes elisions apart
            typed_slugs = {slugify(record.name), slug_of(record.name, max_length=100, fallback="")}
            operator = Operator.objects.filter(
                Q(slug__in=typed_slugs) | Q(name=record.name),
                external_id__isnull=True,
            ).first()
        created = operator is None
        if created:
            operator = Operator(slug=unique_slug(Operator, record.name, fallback="operateur"))
        changed = assign(
            operator,
            {
                "external_id": record.external_id,
                "name": record.name,
                "name_with_article": record.name_with_article,
                "status": record.status,
                "website": record.website,
                "siret": record.siret,
            },
        )
        if created or changed:
            operator.full_clean(exclude=["departements", "solutions", "slug"])
            operator.save()
        wanted = {departements[code].pk for code in record.departements}
        current = set(operator.departements.values_list("pk", flat=True))
        if wanted != current:
            operator.departements.set(wanted)
            changed = True
        runs = {solutions[service].pk for service in record.services}
        missing = runs - set(operator.solutions.values_list("pk", flat=True))
        if missing:
            operator.solutions.add(*missing)
            changed = True
        operated |= runs
        if created:
            report.created += 1
        elif changed:
            report.updated += 1
        else:
            report.unchanged += 1
    # A service that an operator runs can be obtained through an OPSN.
    for solution in Solution.objects.filter(pk__in=operated):
        if Hosting.OPSN not in solution.hosting_list:
            solution.hosting = vocabulary.encode([*solution.hosting_list, Hosting.OPSN], Hosting)
            solution.save(update_fields=["hosting"])


def import_operators(path: Path, track: Track = no_progress) -> ImportReport:
    path = Path(path)
    report = ImportReport(source=path.name)
    write_operators(parse_operators(path, report, track), report)
    return report


__all__ = ["CatalogueImportError", "import_operators", "import_services"]
