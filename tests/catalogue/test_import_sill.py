import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fabrique.catalogue.importers import CatalogueImportError
from fabrique.catalogue.importers.sill import import_sill
from fabrique.catalogue.models import Solution, SolutionReference
from fabrique.catalogue.selectors import CatalogueFilters, search_catalogue
from fabrique.catalogue.vocabulary import Origin

from .conftest import FIXTURES
from .factories import SolutionFactory

pytestmark = pytest.mark.django_db

SILL = FIXTURES / "sill"


def snapshot():
    return (
        list(Solution.objects.order_by("pk").values_list()),
        list(SolutionReference.objects.order_by("pk").values_list()),
        list(Solution.similar.through.objects.order_by("pk").values_list()),
        Solution.history.count(),
    )


def run(path) -> str:
    out = StringIO()
    call_command("import_sill", str(path), stdout=out)
    return out.getvalue()


def test_imports_the_sill_and_prints_a_summary():
    output = run(SILL / "sill.json")
    assert "sill.json : 8 fiches lues — 8 créées, 0 mise à jour, 0 inchangée." in output
    assert "réécrites en SPDX" in output
    assert "1 fiche sans licence indiquée (N/A)." in output
    assert "1 lien « similaire » vers des fiches absentes du fichier." in output

    office = Solution.objects.get(slug="libreoffice")
    assert (office.origin, office.licence, office.cost_model) == (
        "logiciel-libre",
        "MPL-2.0",
        "gratuit",
    )
    assert office.category_list == ["travail-collaboratif"]
    assert office.hosting_list == ["auto-heberge"]
    assert office.summary == "Suite bureautique libre"
    assert office.repository_url == "https://git.libreoffice.org/core"
    assert Solution.objects.get(slug="keefox").licence == "GPL-2.0-only"
    assert Solution.objects.get(slug="keefox").maturity == "beta"
    assert Solution.objects.get(slug="keefox").category_list == ["securite"]
    assert Solution.objects.get(slug="debian").maturity == "retiree"
    assert Solution.objects.get(slug="debian").licence == ""
    assert Solution.objects.get(slug="umap").licence == "MPL-2.0 AND EPL-1.0"
    publik = Solution.objects.get(slug="publik")
    assert publik.repository_url == ""  # git:// is no web address
    assert [s.slug for s in publik.similar.all()] == ["demarches-simplifiees"]
    assert [s.slug for s in Solution.objects.get(slug="demarches-simplifiees").similar.all()] == [
        "publik"
    ]
    # Two SILL entries with the same name stay two solutions.
    assert sorted(Solution.objects.filter(name="Grammalecte").values_list("slug", flat=True)) == [
        "grammalecte",
        "grammalecte-2",
    ]
    assert SolutionReference.objects.filter(source="sill").count() == 8
    # Imported solutions are searchable, accents or not.
    found = search_catalogue(CatalogueFilters(q="demarches"))
    assert [s.slug for s in found[:10]] == ["demarches-simplifiees", "publik"]


def test_second_run_changes_nothing():
    run(SILL / "sill.json")
    before = snapshot()
    output = run(SILL / "sill.json")
    assert "8 fiches lues — 0 créée, 0 mise à jour, 8 inchangées." in output
    assert snapshot() == before


def test_the_teams_work_survives_and_a_typed_solution_is_adopted():
    typed = SolutionFactory(name="LibreOffice", slug="suite-libre", origin=Origin.FREE_SOFTWARE,
                            description="Notre description.", categories=["donnees"])  # fmt: skip
    run(SILL / "sill.json")
    typed.refresh_from_db()
    assert typed.references.get().external_id == "78"
    assert typed.description == "Notre description."
    assert typed.category_list == ["donnees"]
    assert typed.licence == "MPL-2.0"
    assert not Solution.objects.filter(slug="libreoffice").exists()


def test_a_bad_licence_stops_everything_with_its_line():
    with pytest.raises(CommandError) as error:
        run(SILL / "bad-licence.json")
    message = str(error.value)
    assert message.startswith("Import du SILL annulé, rien n'a été enregistré.")
    assert "bad-licence.json, ligne 62 : fiche « KeeFox » (id 71) : Licence « Licence maison »" in (
        message
    )
    assert "n'est pas une expression SPDX valide" in message
    assert Solution.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("missing-key.json", "missing-key.json, ligne 32 : clé obligatoire absente : i."),
        ("unknown-status.json", "statut « X » inconnu (R recommandé, O en observation"),
        ("not-a-list.json", "ligne 1 : une liste JSON de fiches du SILL est attendue"),
        ("not-json.json", "not-json.json, ligne 1 : ce n'est pas un fichier JSON valide"),
    ],
)
def test_wrong_formats_are_explained_in_french(name, expected):
    with pytest.raises(CatalogueImportError) as error:
        import_sill(SILL / name)
    assert expected in str(error.value)
    assert Solution.objects.count() == 0


def test_a_truncated_file_and_a_missing_file(tmp_path):
    truncated = tmp_path / "sill.json"
    truncated.write_text((SILL / "sill.json").read_text()[:-300])
    with pytest.raises(CatalogueImportError, match=r"sill\.json, ligne"):
        import_sill(truncated)
    with pytest.raises(CatalogueImportError, match="fichier introuvable"):
        import_sill(tmp_path / "absent.json")
    assert Solution.objects.count() == 0


def test_a_duplicate_identifier_is_refused(tmp_path):
    text = (SILL / "sill.json").read_text().replace('"id": "56"', '"id": "78"')
    path = tmp_path / "sill.json"
    path.write_text(text)
    with pytest.raises(CatalogueImportError, match="identifiant 78 déjà utilisé ligne 2"):
        import_sill(path)


def test_an_updated_file_updates_what_changed(tmp_path):
    run(SILL / "sill.json")
    path = tmp_path / "sill.json"
    shutil.copy(SILL / "sill.json", path)
    path.write_text(path.read_text().replace('"l": "MPL-2.0"', '"l": "MPL-2.0 / LGPL-3.0"'))
    output = run(path)
    assert "0 créée, 1 mise à jour, 7 inchangées" in output
    assert Solution.objects.get(slug="libreoffice").licence == "MPL-2.0 OR LGPL-3.0-only"
    assert Solution.objects.get(slug="libreoffice").history.count() == 2
