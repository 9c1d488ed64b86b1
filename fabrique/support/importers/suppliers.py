"""Suppliers from a CSV file (`nom;marche`, or comma-separated), upserted on their name.

Re-running the same file changes nothing. Every line is checked before anything is written:
one bad line and the database stays as it was, with a French message naming the line.
"""

import csv
import io

from django.core.exceptions import ValidationError
from django.db import transaction

from fabrique.core.importing import CREATED, UNCHANGED, UPDATED, ImportReport
from fabrique.core.text import UnreadableText, decode_text, fold

from ..models import Supplier

MAX_BYTES = 1024 * 1024
HEADERS = ("nom", "marche")


def _rows(data: bytes) -> list[tuple[int, str, str]]:
    if len(data) > MAX_BYTES:
        raise ValidationError("Fichier trop volumineux : 1 Mo au plus.")
    try:
        text = decode_text(data)[0]
    except UnreadableText as error:
        raise ValidationError(f"Le fichier doit être un CSV : {error}") from None
    if not text.strip():
        raise ValidationError("Le fichier est vide : une ligne d'en-tête nom;marche est attendue.")
    first = next((line for line in text.splitlines() if line.strip()), "")
    # The delimiter is the one that splits the header: « nom;marche », « nom,marche » or a tab.
    delimiter = max((";", ",", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [fold(cell) for cell in next(reader, [])]
    if tuple(header[:2]) != HEADERS:
        raise ValidationError("La première ligne doit être : nom;marche")
    rows, errors = [], []
    try:
        lines = list(enumerate(reader, start=2))
    except csv.Error:
        raise ValidationError(
            f"Ligne {reader.line_num} : ligne CSV illisible (guillemet non fermé ou cellule trop "
            "longue)."
        ) from None
    for number, cells in lines:
        if not any(cell.strip() for cell in cells):
            continue
        name = " ".join(cells[0].split()) if cells else ""
        contract = " ".join(cells[1].split()) if len(cells) > 1 else ""
        if not name or not contract:
            errors.append(f"Ligne {number} : le nom et le marché sont obligatoires.")
        elif len(name) > 200 or len(contract) > 200:
            errors.append(f"Ligne {number} : 200 caractères au plus par colonne.")
        else:
            rows.append((number, name, contract))
    if errors:
        raise ValidationError(errors)
    return rows


@transaction.atomic
def import_suppliers(*, data: bytes) -> ImportReport:
    rows = _rows(data)
    report = ImportReport(read=len(rows))
    # A supplier is the same whatever the case of its name: « atelier numérique » updates
    # « Atelier Numérique » rather than adding a second one.
    existing = {supplier.name.casefold(): supplier for supplier in Supplier.objects.all()}
    for _, name, contract in rows:
        supplier = existing.get(name.casefold())
        if supplier is None:
            existing[name.casefold()] = Supplier.objects.create(
                name=name, contract_reference=contract
            )
            report.record(CREATED, name)
        elif supplier.contract_reference != contract:
            supplier.contract_reference = contract
            supplier.save(update_fields=["contract_reference"])
            report.record(UPDATED, name)
        else:
            report.record(UNCHANGED, name)
    return report
