"""Local initiatives from a Fonds-vert-format CSV (`;`-separated, UTF-8; a re-save in Windows-1252
by a spreadsheet is read and noted).

Columns read (the others are ignored): ``code_commune`` (INSEE code, leading zero optional),
``nom_du_projet`` (title), ``nom_demarche_ds`` (measure), and if present
``numero_dossier_ds``, ``nom_beneficiaire_principal``, ``montant_engage`` (``21 667,00 €``).

All or nothing: a missing column, a binary file, a blank or too long title, a
malformed INSEE code or amount stops the import before anything is written, with every problem
and its line number. Two cases are skipped and reported, not fatal: an INSEE code that is not a
current commune of the referential (merged communes, typos; funding data outlives communes),
and a line identical to an earlier one (same file, INSEE code and title). Relaunching the
import with the same file changes nothing (key: source + file number + INSEE + title).
"""

import csv
import io
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction

from fabrique.core.importing import ImportReport, fingerprint
from fabrique.core.numbers import agree, counted, read_decimal
from fabrique.core.text import UnreadableText, decode_text
from fabrique.territories.models import Commune
from fabrique.territories.rules import territory_code

from .models import LocalInitiative

REQUIRED = {
    "code_commune": "code Insee de la commune",
    "nom_du_projet": "intitulé du projet",
    "nom_demarche_ds": "mesure",
}
MAX_TITLE = 500
MAX_ERRORS_SHOWN = 20
INSEE = re.compile(r"^(\d{4,5}|2[AB]\d{3})$")
FIELDS = ("title", "measure", "beneficiary", "amount", "year", "commune_id")


class InitiativeImportError(Exception):
    """The file cannot be imported; ``messages`` says why, in French, line by line."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        shown = messages[:MAX_ERRORS_SHOWN]
        if len(messages) > MAX_ERRORS_SHOWN:
            more = len(messages) - MAX_ERRORS_SHOWN
            shown.append(f"… et {counted(more, 'autre problème', 'autres problèmes')}.")
        super().__init__("\n".join(shown))


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """(text, note) read as every import does (`core.text.decode_text`): binary content refused,
    a file saved by a spreadsheet in Windows-1252 read all the same and noted (accents to check)."""
    try:
        return decode_text(data)
    except UnreadableText as error:
        raise InitiativeImportError(
            [f"{name} : {error} Réexportez-le depuis le tableur."]
        ) from None


def _amount(raw: str) -> Decimal | None:
    if not (raw or "").strip():
        return None
    try:
        value = read_decimal(raw, places=2)
    except ValueError:
        raise InvalidOperation from None  # reported by the caller, with its line
    if value < 0 or value >= Decimal("1e12"):
        raise InvalidOperation
    return value.quantize(Decimal("0.01"))


def _external_id(dossier: str, insee: str, title: str) -> str:
    # SHA-1 as the identifiers already stored were made: a new hash would duplicate them.
    digest = fingerprint(f"{insee}|{title}", length=16, algorithm="sha1")
    return f"{dossier[:30]}:{insee}:{digest}"


def read_rows(text: str, name: str) -> tuple[list[dict], list[str]]:
    """Checked rows (``insee``, ``title``…) and the errors, without touching the database."""
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=";")
    header = [column.strip() for column in (reader.fieldnames or [])]
    if not header:
        raise InitiativeImportError([f"{name} : le fichier est vide."])
    missing = [f"« {col} » ({label})" for col, label in REQUIRED.items() if col not in header]
    if missing:
        hint = ""
        if len(header) == 1 and "," in header[0]:
            hint = " Le séparateur attendu est le point-virgule (;)."
        raise InitiativeImportError(
            [
                f"{name}, ligne 1 : "
                f"{agree(len(missing), 'colonne manquante', 'colonnes manquantes')} : "
                f"{', '.join(missing)}.{hint}"
            ]
        )
    reader.fieldnames = header
    rows, errors = [], []
    try:
        for record in reader:
            line = reader.line_num
            values = {key: (value or "").strip() for key, value in record.items() if key}
            if not any(values.values()):
                continue  # blank line
            insee = values.get("code_commune", "").upper()
            title = re.sub(r"\s+", " ", values.get("nom_du_projet", ""))
            problems = []
            if not INSEE.match(insee):
                problems.append(f"code Insee invalide « {insee[:20]} »")
            if not title:
                problems.append("intitulé du projet vide")
            elif len(title) > MAX_TITLE:
                problems.append(
                    f"intitulé trop long ({len(title)} caractères, {MAX_TITLE} au plus)"
                )
            try:
                amount = _amount(values.get("montant_engage", ""))
            except (InvalidOperation, ValueError):
                amount = None
                problems.append(f"montant illisible « {values.get('montant_engage', '')[:30]} »")
            if problems:
                errors.append(f"{name}, ligne {line} : {' ; '.join(problems)}.")
                continue
            insee = territory_code(insee)
            rows.append(
                {
                    "line": line,
                    "insee": insee,
                    "title": title,
                    "measure": values.get("nom_demarche_ds", "")[:300],
                    "beneficiary": values.get("nom_beneficiaire_principal", "")[:300],
                    "amount": amount,
                    "external_id": _external_id(values.get("numero_dossier_ds", ""), insee, title),
                }
            )
    except csv.Error as error:
        errors.append(f"{name}, ligne {reader.line_num} : ligne illisible ({error}).")
    return rows, errors


def import_initiatives(path: Path | str, *, source: str, year: int | None = None) -> ImportReport:
    """Read, check, then write every initiative of the file in one transaction."""
    path = Path(path)
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InitiativeImportError([f"{path} : fichier illisible ({error.strerror})."]) from None
    text, note = _decode(data, name)
    rows, errors = read_rows(text, name)
    if errors:
        raise InitiativeImportError(errors)
    report = ImportReport(source=name, read=len(rows))
    if note:
        report.warn(name, note)
    communes = dict(
        Commune.objects.filter(insee__in={row["insee"] for row in rows}).values_list("insee", "pk")
    )
    seen: dict[str, int] = {}
    wanted: dict[str, LocalInitiative] = {}
    for row in rows:
        if row["insee"] not in communes:
            report.skip(
                f"{name}, ligne {row['line']}",
                f"commune {row['insee']} inconnue du référentiel, ligne ignorée.",
            )
            continue
        if row["external_id"] in seen:
            report.skip(
                f"{name}, ligne {row['line']}",
                f"doublon de la ligne {seen[row['external_id']]}, ligne ignorée.",
            )
            continue
        seen[row["external_id"]] = row["line"]
        wanted[row["external_id"]] = LocalInitiative(
            title=row["title"],
            commune_id=communes[row["insee"]],
            measure=row["measure"],
            beneficiary=row["beneficiary"],
            source=source,
            external_id=row["external_id"],
            year=year,
            amount=row["amount"],
        )
    with transaction.atomic():
        existing = {
            item.external_id: item
            for item in LocalInitiative.objects.filter(source=source, external_id__in=wanted)
        }
        changed = []
        for external_id, item in wanted.items():
            current = existing.get(external_id)
            if current is None:
                continue
            if all(getattr(current, f) == getattr(item, f) for f in FIELDS):
                report.unchanged += 1
            else:
                for f in FIELDS:
                    setattr(current, f, getattr(item, f))
                changed.append(current)
        new = [item for key, item in wanted.items() if key not in existing]
        LocalInitiative.objects.bulk_create(new, batch_size=1000)
        LocalInitiative.objects.bulk_update(changed, FIELDS, batch_size=1000)
        report.created, report.updated = len(new), len(changed)
    return report
