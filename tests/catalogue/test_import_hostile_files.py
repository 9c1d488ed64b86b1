"""Issue 17, defect 8: hostile files given to the importers get a French error and change
nothing (deeply nested JSON gave an English RecursionError traceback; NUL bytes created a
duplicate funding scheme whose URL contained « \\x00 »)."""

import pytest
from django.core.management import CommandError, call_command

from fabrique.catalogue.models import FundingScheme, Solution
from fabrique.synergies.importers import InitiativeImportError, import_initiatives
from fabrique.synergies.models import LocalInitiative

from .conftest import FIXTURES

pytestmark = pytest.mark.django_db


def test_deeply_nested_sill_json_is_refused_in_french(tmp_path):
    path = tmp_path / "sill.json"
    path.write_text("[" * 100_000)
    with pytest.raises(CommandError) as error:
        call_command("import_sill", str(path))
    assert "imbriqué trop profondément" in str(error.value)
    path.write_text("[" + "[" * 100_000)
    with pytest.raises(CommandError) as error:
        call_command("import_sill", str(path))
    assert "imbriqué trop profondément" in str(error.value)
    assert not Solution.objects.exists()


def test_json_syntax_errors_are_said_in_french(tmp_path):
    path = tmp_path / "sill.json"
    path.write_text('[{"i": "Logiciel", }]')
    with pytest.raises(CommandError) as error:
        call_command("import_sill", str(path))
    assert "Expecting" not in str(error.value)
    assert "ligne 1" in str(error.value)


def test_nul_bytes_in_an_aides_export_are_refused_with_their_line(tmp_path):
    source = FIXTURES / "aides" / "aides.csv"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace("https://", "https://\x00", 1)
    path = tmp_path / "aides.csv"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_aides", str(path))
    assert "caractère nul" in str(error.value) and "ligne 2" in str(error.value)
    assert not FundingScheme.objects.exists()


def test_nul_bytes_in_an_initiatives_file_are_not_called_latin_1(tmp_path):
    path = tmp_path / "fonds-vert.csv"
    path.write_bytes("code_commune;nom_du_projet\n42218;École\x00\n".encode())
    with pytest.raises(InitiativeImportError) as error:
        import_initiatives(path, source="test")
    message = str(error.value)
    assert "caractère nul" in message and "ligne 2" in message and "Latin" not in message
    assert not LocalInitiative.objects.exists()


@pytest.mark.parametrize("option", ["import_sill", "--services", "--operators"])
def test_an_empty_json_file_is_said_empty(territories, tmp_path, option):
    """It was « ce n'est pas un fichier JSON valide (valeur attendue) »."""
    path = tmp_path / "vide.json"
    path.write_text(" \r\n", encoding="utf-8")
    arguments = [str(path)] if option == "import_sill" else [f"{option}={path}"]
    command = option if option == "import_sill" else "import_suite_territoriale"
    with pytest.raises(CommandError, match=r"vide\.json : le fichier est vide\."):
        call_command(command, *arguments)
