from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from fabrique.support.importers import import_suppliers
from fabrique.support.models import Supplier

FIXTURE = Path(__file__).parent.parent / "fixtures" / "support" / "prestataires.csv"
pytestmark = pytest.mark.django_db


def test_import_is_idempotent_and_updates_contracts():
    report = import_suppliers(data=FIXTURE.read_bytes())
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    again = import_suppliers(data=FIXTURE.read_bytes())
    assert (again.created, again.unchanged) == (0, 2)
    changed = import_suppliers(data="nom,marche\nAtelier Design Public,Marché 2026-01\n".encode())
    assert changed.updated == 1
    assert Supplier.objects.get(name="Atelier Design Public").contract_reference == "Marché 2026-01"


def test_bad_line_saves_nothing_and_names_the_line():
    data = b"nom;marche\nA;M1\n;sans nom\n"
    with pytest.raises(ValidationError, match="Ligne 3"):
        import_suppliers(data=data)
    assert not Supplier.objects.exists()


def test_command(capsys):
    call_command("import_support_suppliers", str(FIXTURE))
    assert "2 créés" in capsys.readouterr().out


SPREADSHEET = Path(__file__).parent / "fixtures" / "prestataires-tableur.csv"


def test_a_tab_separated_windows_file_with_accented_headers_imports(capsys):
    """Saved by a spreadsheet: tabs, Windows-1252, « Nom / Marché »; it used to end on a Python
    traceback (« Could not determine delimiter »)."""
    call_command("import_support_suppliers", str(SPREADSHEET))
    assert "2 créés" in capsys.readouterr().out
    assert Supplier.objects.get(name="Études Cévenoles").contract_reference == "Marché 2025-04"


def test_the_same_supplier_in_another_case_is_updated_not_duplicated():
    import_suppliers(data=FIXTURE.read_bytes())
    report = import_suppliers(data="nom;marche\natelier design public ;Marché 2026-02\n".encode())
    assert (report.created, report.updated) == (0, 1)
    assert Supplier.objects.filter(name__iexact="atelier design public").count() == 1


def test_binary_content_is_refused_in_french():
    with pytest.raises(ValidationError, match="binaire"):
        import_suppliers(data=b"nom;marche\nA;\x00\x01\n")


@pytest.mark.parametrize(
    ("name", "reason"), [("absent.csv", "fichier introuvable."), ("", "c'est un dossier")]
)
def test_a_path_that_cannot_be_read_is_said_in_french(tmp_path, name, reason):
    """It was Python's « [Errno 2] No such file or directory »."""
    with pytest.raises(CommandError, match=reason):
        call_command("import_support_suppliers", str(tmp_path / name))


def test_an_empty_file_is_said_empty():
    with pytest.raises(ValidationError, match="Le fichier est vide"):
        import_suppliers(data=b"\xef\xbb\xbf\r\n")
