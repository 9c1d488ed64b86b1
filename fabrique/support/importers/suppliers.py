"""Suppliers from a CSV file (`nom;marche`, or comma-separated), upserted on their name.

Re-running the same file changes nothing. Every line is checked before anything is written:
one bad line and the database stays as it was, with a French message naming the line.
"""

import csv
import io

from django.core.exceptions import ValidationError
from django.db import transaction

from fabrique.core.importing import CREATED, UNCHANGED, UPDATED, ImportReport

from ..models import Supplier

MAX_BYTES = 1024 * 1024
HEADERS = ("nom", "marche")


def _rows(data: bytes) -> list[tuple[int, str, str]]:
    if len(data) > MAX_BYTES:
        raise ValidationError("Fichier trop volumineux : 1 Mo au plus.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("Le fichier doit être un CSV encodé en UTF-8.") from None
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;")
    reader = csv.reader(io.StringIO(text), dialect)
    header = [cell.strip().lower() for cell in next(reader, [])]
    if tuple(header[:2]) != HEADERS:
        raise ValidationError("La première ligne doit être : nom;marche")
    rows, errors = [], []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        name = cells[0].strip() if cells else ""
        contract = cells[1].strip() if len(cells) > 1 else ""
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
    existing = {s.name: s for s in Supplier.objects.filter(name__in=[r[1] for r in rows])}
    for _, name, contract in rows:
        supplier = existing.get(name)
        if supplier is None:
            existing[name] = Supplier.objects.create(name=name, contract_reference=contract)
            report.record(CREATED, name)
        elif supplier.contract_reference != contract:
            supplier.contract_reference = contract
            supplier.save(update_fields=["contract_reference"])
            report.record(UPDATED, name)
        else:
            report.record(UNCHANGED, name)
    return report
