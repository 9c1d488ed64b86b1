"""Loading local initiatives from a Fonds-vert-format CSV, and `load_synergies_demo`."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fabrique.synergies.importers import InitiativeImportError, import_initiatives
from fabrique.synergies.models import LocalInitiative, SynergyGroup

from .django_fixtures import FIXTURES, INITIATIVES_CSV

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("load_synergies_demo", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_loads_the_csv_then_recomputes_and_is_idempotent(territories):
    out, _ = run("--csv", str(INITIATIVES_CSV))
    assert "8 lignes lues, 8 créées" in out
    assert "Synergies recalculées : 8 éléments" in out
    assert SynergyGroup.objects.filter(span__gte=2).count() >= 3
    malo = LocalInitiative.objects.get(commune__insee="35288")
    assert malo.amount == Decimal("120000.00") and malo.year == 2023
    assert malo.measure == "Renaturation des villes et des villages"
    assert LocalInitiative.objects.get(commune__insee="22016").amount is None
    out, _ = run("--csv", str(INITIATIVES_CSV))
    assert "0 créée, 0 modifiée, 8 inchangées" in out
    assert LocalInitiative.objects.count() == 8


def test_insee_codes_without_leading_zero_are_read(territories):
    path = FIXTURES / "initiatives.csv"
    report = import_initiatives(path, source="s")
    assert report.created == 8


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("missing_column.csv", "ligne 1 : colonne manquante : « nom_du_projet »"),
        ("binary.csv", "caractère nul (octet 0) ligne 2 : le fichier est binaire ou abîmé"),
        ("empty_title.csv", "ligne 3 : intitulé du projet vide"),
        ("empty_title.csv", "ligne 4 : montant illisible « douze euros »"),
    ],
)
def test_bad_files_are_refused_with_the_line_and_nothing_written(territories, name, expected):
    with pytest.raises(CommandError) as error:
        run("--csv", str(FIXTURES / name))
    assert expected in str(error.value)
    assert "rien n'a été écrit" in str(error.value)
    assert not LocalInitiative.objects.exists()


def test_a_windows_1252_file_is_read_and_noted(territories):
    """A Fonds vert file re-saved by a spreadsheet on Windows is read, as by every other import,
    and the report says its accents are to be checked."""
    report = import_initiatives(FIXTURES / "latin1.csv", source="s")
    assert report.created == LocalInitiative.objects.count() >= 1
    assert LocalInitiative.objects.filter(title="Rénovation de la mairie").exists()
    assert [str(item) for item in report.warnings] == [
        "latin1.csv : Fichier qui n'est pas en UTF-8 : lu en Windows-1252 (Latin-1), "
        "accents à vérifier."
    ]
    _out, err = run("--csv", str(FIXTURES / "latin1.csv"))
    assert "accents à vérifier" in err


def test_unknown_communes_and_duplicates_are_skipped_and_reported(territories):
    out, err = run("--csv", str(FIXTURES / "skipped.csv"))
    assert "commune 99999 inconnue du référentiel, ligne ignorée" in err
    assert "ligne 4 : doublon de la ligne 2, ligne ignorée" in err
    assert "4 lignes lues, 2 créées, 0 modifiée, 0 inchangée, 2 ignorées" in out
    # a title that is not French is kept: it simply finds fewer neighbours
    assert LocalInitiative.objects.filter(title__startswith="Solar panels").exists()


def test_a_one_megabyte_field_is_a_clear_error(territories, tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text(
        "code_commune;nom_du_projet;nom_demarche_ds\n42248;" + "x" * 1_000_000 + ";Ingénierie\n",
        encoding="utf-8",
    )
    with pytest.raises(InitiativeImportError, match="ligne"):
        import_initiatives(path, source="s")
    path.write_text(
        "code_commune;nom_du_projet;nom_demarche_ds\n42248;" + "x" * 1000 + ";Ingénierie\n",
        encoding="utf-8",
    )
    with pytest.raises(InitiativeImportError, match="intitulé trop long"):
        import_initiatives(path, source="s")


def test_empty_and_comma_separated_files(territories, tmp_path):
    empty = tmp_path / "vide.csv"
    empty.write_bytes(b"")
    with pytest.raises(InitiativeImportError, match="vide"):
        import_initiatives(empty, source="s")
    commas = tmp_path / "virgules.csv"
    commas.write_text("code_commune,nom_du_projet,nom_demarche_ds\n42248,Mairie,X\n")
    with pytest.raises(InitiativeImportError, match="point-virgule"):
        import_initiatives(commas, source="s")
    with pytest.raises(InitiativeImportError, match="illisible"):
        import_initiatives(tmp_path / "absent.csv", source="s")


def test_the_built_in_sample_is_well_formed():
    from fabrique.synergies.importers import read_rows
    from fabrique.synergies.management.commands.load_synergies_demo import DEMO_CSV

    rows, errors = read_rows(DEMO_CSV.read_text(encoding="utf-8"), DEMO_CSV.name)
    assert errors == [] and len(rows) == 150
    assert len({row["external_id"] for row in rows}) == 150


def test_recompute_command_rebuilds_the_index_from_what_is_stored(territories):
    run("--csv", str(INITIATIVES_CSV))
    SynergyGroup.objects.all().delete()
    out = StringIO()
    call_command("recompute_synergies", stdout=out)
    assert "Synergies recalculées : 8 éléments" in out.getvalue()
    assert SynergyGroup.objects.filter(span__gte=2).count() >= 3
