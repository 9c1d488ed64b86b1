"""Import of an Aides-territoires export (CSV, comma-separated, with a header line).

Columns: `Nom`, `Lien` (the natural key), `Financeurs`, `Bénéficiaire`, `Types d'aides`,
`AAP/AMI`, `Récurrence`, `Descriptif`, `Date Clôture` (dd/mm/yyyy); inside a cell, `;` separates
several values. Beneficiaries, aid types and recurrences are read in Aides-territoires' words
(« Intercommunalités / Pays », « Ingénierie Juridique / administrative »…); an unknown one stops
the import with its line.

The export has no theme, population or perimeter column: they are read in the text (keywords of
the title and description, "communes de moins de 3 500 habitants", funders such as "Conseil
départemental du Morbihan"), when the scheme is created or when its text changes, so that the
team's corrections survive a new import. A scheme whose closing date has passed is imported
closed: it stays in the catalogue, marked closed.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fabrique.core.dates import READ_DATE_FORMATS, read_date
from fabrique.core.importing import ImportReport, Track, no_progress
from fabrique.core.numbers import agree, counted
from fabrique.core.text import fold
from fabrique.territories.models import Departement, Region

from .. import rules, vocabulary
from ..models import FundingScheme
from ..services import scheme_search_text, unique_slug
from ..vocabulary import AidType, Beneficiary, Recurrence, SchemeSource, Theme
from .common import assign, clean_url, csv_rows, fail

REQUIRED_COLUMNS = ("Nom", "Lien", "Financeurs", "Bénéficiaire", "Types d'aides", "Récurrence",
                    "Date Clôture")  # fmt: skip
OPTIONAL_COLUMNS = ("AAP/AMI", "Descriptif")
# Folded start of an Aides-territoires label (or our own value) -> value.
BENEFICIARIES = {
    "commune": Beneficiary.COMMUNE,
    "intercommunalite": Beneficiary.EPCI,
    "epci": Beneficiary.EPCI,
    "departement": Beneficiary.DEPARTEMENT,
    "region": Beneficiary.REGION,
    "collectivites d outre mer": Beneficiary.OVERSEAS,
    "outre mer": Beneficiary.OVERSEAS,
    "entreprises publiques locales": Beneficiary.LOCAL_COMPANY,
    "epl": Beneficiary.LOCAL_COMPANY,
    "etablissements publics": Beneficiary.PUBLIC_BODY,
    "etablissement public": Beneficiary.PUBLIC_BODY,
    "association": Beneficiary.ASSOCIATION,
    "entreprises privees": Beneficiary.COMPANY,
    "entreprise": Beneficiary.COMPANY,
    "particulier": Beneficiary.PERSON,
    "agriculteur": Beneficiary.FARMER,
    "recherche": Beneficiary.RESEARCH,
}
AID_TYPES = {
    "subvention": AidType.GRANT,
    "pret": AidType.LOAN,
    "avance recuperable": AidType.ADVANCE,
    "avance remboursable": AidType.ADVANCE,
    "ingenierie technique": AidType.TECHNICAL,
    "ingenierie financiere": AidType.FINANCIAL,
    "ingenierie juridique": AidType.LEGAL,
    "autre aide financiere": AidType.OTHER_FINANCIAL,
    "certificat d economie d energie": AidType.CEE,
    "certificats d economies d energie": AidType.CEE,
}
RECURRENCES = {
    "": "",
    "permanente": Recurrence.PERMANENT,
    "ponctuelle": Recurrence.ONE_OFF,
    "recurrente": Recurrence.RECURRING,
}
YES = {"oui", "o", "yes", "vrai", "true", "1", "x"}
NO = {"", "non", "n", "no", "faux", "false", "0"}


def _values(cell: str) -> list[str]:
    return [value.strip() for value in (cell or "").split(";") if value.strip()]


def _lookup(label: str, table: dict) -> str | None:
    folded = fold(label)
    for start, value in table.items():
        if folded.startswith(start) or folded.replace("-", " ") == fold(str(value)):
            return str(value)
    return None


def _mapped(path, line, cell: str, table: dict, what: str, expected: str) -> list[str]:
    values = []
    for label in _values(cell):
        value = _lookup(label, table)
        if value is None:
            fail(path, line, f"{what} « {label} » inconnu ({expected}).")
        values.append(value)
    return list(dict.fromkeys(values))


def _date(path, line, cell: str) -> date | None:
    cell = (cell or "").strip()
    if not cell:
        return None
    if (day := read_date(cell)) is None:
        fail(path, line, f"date de clôture « {cell} » illisible (attendu : {READ_DATE_FORMATS}).")
    return day


@dataclass
class AidRecord:
    line: int
    name: str
    url: str
    funders: str
    beneficiaries: list[str]
    aid_types: list[str]
    recurrence: str
    is_call_for_projects: bool
    description: str
    deadline: date | None


def parse(path: Path, report: ImportReport, track: Track = no_progress) -> list[AidRecord]:
    records, seen = [], {}
    for line, row in track(
        list(csv_rows(path, REQUIRED_COLUMNS, OPTIONAL_COLUMNS, report)), "Aides"
    ):
        name = row["Nom"].strip()
        if not name:
            fail(path, line, "nom de l'aide vide.")
        if len(name) > 300:
            fail(path, line, f"« {name[:60]}… » : nom trop long (300 caractères au plus).")
        url = clean_url(row["Lien"], path, line, f"« {name} » : le lien")
        if not url:
            fail(path, line, f"« {name} » : lien vide (il identifie l'aide).")
        if url in seen:
            fail(path, line, f"« {name} » : lien déjà vu ligne {seen[url]}.")
        seen[url] = line
        beneficiaries = _mapped(
            path, line, row["Bénéficiaire"], BENEFICIARIES, "bénéficiaire",
            "Communes, Intercommunalités / Pays, Départements, Régions, Associations…",
        )  # fmt: skip
        if not beneficiaries:
            fail(path, line, f"« {name} » : aucun bénéficiaire.")
        aid_types = _mapped(
            path, line, row["Types d'aides"], AID_TYPES, "type d'aide",
            "Subvention, Prêt, Avance récupérable, Ingénierie technique / financière / "
            "juridique…",
        )  # fmt: skip
        if not aid_types:
            fail(path, line, f"« {name} » : aucun type d'aide.")
        recurrence = RECURRENCES.get(fold(row["Récurrence"]))
        if recurrence is None:
            fail(
                path, line,
                f"récurrence « {row['Récurrence'].strip()} » inconnue (Permanente, Ponctuelle "
                "ou Récurrente).",
            )  # fmt: skip
        call = fold(row.get("AAP/AMI", ""))
        if call not in YES | NO:
            fail(path, line, f"AAP/AMI « {row['AAP/AMI'].strip()} » : Oui ou vide attendu.")
        records.append(
            AidRecord(
                line=line,
                name=name,
                url=url,
                funders="\n".join(_values(row["Financeurs"])),
                beneficiaries=beneficiaries,
                aid_types=aid_types,
                recurrence=str(recurrence),
                is_call_for_projects=call in YES,
                description=" ".join((row.get("Descriptif") or "").split()),
                deadline=_date(path, line, row["Date Clôture"]),
            )
        )
    report.read = len(records)
    return records


def _perimeter_tables():
    departements = {fold(d.name): d.code for d in Departement.objects.all()}
    regions = {fold(r.name): r.code for r in Region.objects.all()}
    return departements, regions


@transaction.atomic
def write(records: list[AidRecord], report: ImportReport, today: date | None = None):
    today = today or timezone.localdate()
    urls = [record.url for record in records]
    existing = {scheme.url: scheme for scheme in FundingScheme.objects.filter(url__in=urls)}
    departement_names, region_names = _perimeter_tables()
    departements = {d.code: d for d in Departement.objects.all()}
    regions = {r.code: r for r in Region.objects.all()}
    closed = derived = conditioned = 0
    for record in records:
        scheme = existing.get(record.url)
        created = scheme is None
        if created:
            scheme = FundingScheme(
                url=record.url,
                source=SchemeSource.AIDES_TERRITOIRES,
                slug=unique_slug(FundingScheme, record.name, fallback="aide"),
            )
        text_changed = created or (scheme.name, scheme.description, scheme.funders) != (
            record.name, record.description, record.funders,
        )  # fmt: skip
        values = {
            "name": record.name,
            "funders": record.funders,
            "description": record.description,
            "aid_types": vocabulary.encode(record.aid_types, AidType),
            "beneficiaries": vocabulary.encode(record.beneficiaries, Beneficiary),
            "recurrence": record.recurrence,
            "is_call_for_projects": record.is_call_for_projects,
            "deadline": record.deadline,
        }
        if record.deadline and record.deadline < today:
            values["is_closed"] = True
        elif created:
            values["is_closed"] = False
        perimeter = None
        if text_changed:
            low, high = rules.population_conditions(f"{record.name}. {record.description}")
            values |= {
                "themes": vocabulary.encode(
                    rules.detect_themes(record.name, record.description), Theme
                ),
                "population_min": low,
                "population_max": high,
            }
            perimeter = rules.perimeter_codes(
                record.funders.splitlines(), departement_names, region_names
            )
        changed = assign(scheme, values)
        if created or changed:
            scheme.search_text = scheme_search_text(scheme)
            scheme.full_clean(exclude=["departements", "regions", "slug"])
            scheme.save()
        if perimeter is not None:
            departement_codes, region_codes = perimeter
            wanted_d = {departements[code].pk for code in departement_codes}
            wanted_r = {regions[code].pk for code in region_codes}
            if created or wanted_d != set(scheme.departements.values_list("pk", flat=True)):
                scheme.departements.set(wanted_d)
                changed = True
            if created or wanted_r != set(scheme.regions.values_list("pk", flat=True)):
                scheme.regions.set(wanted_r)
                changed = True
        closed += scheme.is_closed
        derived += bool(scheme.themes)
        conditioned += scheme.population_min is not None or scheme.population_max is not None
        if created:
            report.created += 1
        elif changed:
            report.updated += 1
        else:
            report.unchanged += 1
    imported = FundingScheme.objects.filter(url__in=[record.url for record in records])
    placed = imported.filter(Q(departements__isnull=False) | Q(regions__isnull=False))
    placed = placed.distinct().count()
    digital = imported.filter(vocabulary.has("themes", Theme.DIGITAL)).count()
    notes = [
        f"{counted(closed, 'aide close', 'aides closes')} (date de clôture passée), "
        f"{agree(closed, 'gardée et marquée close', 'gardées et marquées closes')}.",
        f"Thèmes lus dans le texte pour {counted(derived, 'aide')}, dont {digital} sur le "
        "numérique.",
        "Périmètre local (département ou région) lu dans les financeurs pour "
        f"{counted(placed, 'aide')} ; les autres sont nationales.",
        f"Condition de population lue pour {counted(conditioned, 'aide')}.",
    ]
    for note in notes:
        report.warn("", note)


def import_aides(path: Path, track: Track = no_progress, today: date | None = None):
    path = Path(path)
    report = ImportReport(source=path.name)
    records = parse(path, report, track)
    write(records, report, today)
    return report
