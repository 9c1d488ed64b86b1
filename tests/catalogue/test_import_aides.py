from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fabrique.catalogue.importers import CatalogueImportError
from fabrique.catalogue.importers.aides import import_aides
from fabrique.catalogue.models import FundingScheme

from .conftest import FIXTURES

pytestmark = pytest.mark.django_db

AIDES = FIXTURES / "aides"
FIRST = "https://aides-territoires.beta.gouv.fr/aides/a001-equiper-petites-communes-numerique/"


def run(path) -> str:
    out = StringIO()
    call_command("import_aides", str(path), stdout=out)
    return out.getvalue()


def snapshot():
    return (
        list(FundingScheme.objects.order_by("pk").values_list()),
        list(FundingScheme.departements.through.objects.order_by("pk").values_list()),
        list(FundingScheme.regions.through.objects.order_by("pk").values_list()),
        FundingScheme.history.count(),
    )


def test_imports_the_export_and_prints_a_summary(territories):
    output = run(AIDES / "aides.csv")
    assert "aides.csv : 8 aides lues — 8 créées, 0 mise à jour, 0 inchangée." in output
    assert "1 aide close (date de clôture passée)" in output
    assert "Condition de population lue pour 2 aides." in output

    scheme = FundingScheme.objects.get(url=FIRST)
    assert scheme.funder_list == ["Conseil départemental de la Loire"]
    assert scheme.beneficiaries == " commune epci "
    assert scheme.aid_types == " subvention ingenierie-technique "
    assert scheme.themes == " numerique "
    assert (scheme.population_min, scheme.population_max) == (None, 3499)  # « moins de 3 500 »
    assert [d.code for d in scheme.departements.all()] == ["42"]
    assert scheme.recurrence == "permanente"
    assert "site internet" in scheme.description  # the two-line cell
    assert scheme.source == "aides-territoires"

    call = FundingScheme.objects.get(name__startswith="Démocratie participative")
    assert call.is_call_for_projects and call.deadline == date(2099, 12, 31)
    assert [r.code for r in call.regions.all()] == ["53"]
    assert "citoyennete" in call.themes
    loan = FundingScheme.objects.get(name__startswith="Prêt")
    assert loan.aid_types == " pret avance-remboursable "
    assert loan.funder_list == ["Banque des Territoires", "Agence France Locale (AFL)"]
    assert "numerique" in loan.themes  # twice in the description
    assert not loan.departements.exists() and not loan.regions.exists()
    towns = FundingScheme.objects.get(name="Revitaliser les villes moyennes")
    assert (towns.population_min, towns.population_max) == (10_000, 100_000)
    closed = FundingScheme.objects.get(name__startswith="Sécuriser")
    assert closed.is_closed and closed.deadline == date(2022, 11, 30)


def test_second_run_changes_nothing(territories):
    run(AIDES / "aides.csv")
    before = snapshot()
    assert "0 créée, 0 mise à jour, 8 inchangées" in run(AIDES / "aides.csv")
    assert snapshot() == before


def test_the_teams_corrections_survive_when_the_text_is_the_same(territories):
    run(AIDES / "aides.csv")
    scheme = FundingScheme.objects.get(url=FIRST)
    scheme.themes = " numerique education "
    scheme.save()
    run(AIDES / "aides.csv")
    scheme.refresh_from_db()
    assert scheme.themes == " numerique education "


def test_a_bad_line_saves_nothing_and_names_its_line(territories):
    with pytest.raises(CommandError) as error:
        run(AIDES / "aides-bad-line.csv")
    message = str(error.value)
    assert message.startswith("Import des aides annulé, rien n'a été enregistré.")
    # Line 5: the first aid's description spans two lines.
    assert "aides-bad-line.csv, ligne 5 : bénéficiaire « Martiens » inconnu" in message
    assert FundingScheme.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "aides-missing-column.csv",
            "aides-missing-column.csv, ligne 1 : colonne obligatoire absente : Bénéficiaire.",
        ),
        ("aides-bad-date.csv", "ligne 4 : date de clôture « fin décembre 2023 » illisible"),
    ],
)
def test_wrong_formats_are_explained_in_french(territories, name, expected):
    with pytest.raises(CatalogueImportError) as error:
        import_aides(AIDES / name)
    assert expected in str(error.value)
    assert FundingScheme.objects.count() == 0


def test_a_json_file_is_not_an_export(territories):
    with pytest.raises(CatalogueImportError, match="colonne"):
        import_aides(FIXTURES / "sill" / "sill.json")


def test_an_export_resaved_by_a_french_spreadsheet_imports_the_same(territories):
    """Windows-1252, semicolons, CRLF, headers without accents or in capitals, closing dates
    written « 31 décembre 2099 » or with a time: the same aids as the export itself."""
    output = run(AIDES / "aides-tableur.csv")
    assert "aides-tableur.csv : 8 aides lues — 8 créées" in output
    assert "Fichier qui n'est pas en UTF-8 : lu en Windows-1252 (Latin-1)" in output
    scheme = FundingScheme.objects.get(url=FIRST)
    assert scheme.funder_list == ["Conseil départemental de la Loire"]
    assert scheme.beneficiaries == " commune epci "
    call = FundingScheme.objects.get(name__startswith="Démocratie participative")
    assert call.deadline == date(2099, 12, 31)
    assert FundingScheme.objects.get(name__startswith="Sécuriser").deadline == date(2022, 11, 30)
    output = run(AIDES / "aides.csv")
    assert "8 aides lues — 0 créée, 0 mise à jour, 8 inchangées." in output


def test_semicolons_between_columns_are_read(territories):
    output = run(AIDES / "aides-semicolon.csv")
    assert "aides-semicolon.csv : 2 aides lues — 2 créées" in output
    scheme = FundingScheme.objects.get(url=FIRST)
    assert scheme.beneficiaries == " commune epci "  # « ; » inside a quoted cell stays a list
