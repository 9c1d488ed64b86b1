"""import_investigations on files as they drift over the years: Windows-1252, dates in words."""

from datetime import date
from pathlib import Path

import pytest

from fabrique.investigations.importers import import_investigation_files
from fabrique.investigations.models import Investigation
from fabrique.investigations.vocabulary import Decision
from tests.factories import CommuneFactory

DRIFT = Path(__file__).parent / "fixtures" / "drift"

pytestmark = pytest.mark.django_db


def test_a_windows_file_with_dates_in_words_is_imported_and_flagged(territories):
    """Saved in Windows-1252, phases starting « 10 janvier 2022 », « 1er avril 2022 »,
    « 2022-4-2 »: it used to be skipped whole (not UTF-8, then « date illisible »)."""
    report = import_investigation_files([DRIFT])
    assert (report.created, report.skipped) == (1, [])
    investigation = Investigation.objects.get(source_id="haies-communales")
    assert investigation.decision == Decision.NO_GO
    assert investigation.problem.title == "Haies communales"
    assert "Les haies disparaissent" in investigation.problem.statement
    assert [link.commune.insee for link in investigation.problem.collectivites.all()] == ["42248"]
    assert investigation.phases.order_by("step").first().planned_start == date(2022, 1, 10)
    assert "Windows-1252" in report.warnings[0][1]
    again = import_investigation_files([DRIFT])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_a_binary_file_is_skipped_with_a_french_reason(tmp_path):
    (tmp_path / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    report = import_investigation_files([tmp_path])
    assert report.skipped == [
        (str(tmp_path / "image.md"),
         "caractère nul (octet 0) ligne 3 : le fichier est binaire ou abîmé, ce n'est pas un "
         "fichier texte.")
    ]  # fmt: skip
    assert not Investigation.objects.exists()


def test_a_commune_written_with_its_article_after_it_is_found(territories, tmp_path):
    """« Tampon (Le) », as INSEE lists communes, was kept as text: « (Le) » is no département."""
    CommuneFactory(name="Le Tampon", insee="97422")
    (tmp_path / "transports.md").write_text(
        "---\ntitle: Transports\nphases:\n  - name: investigation\n    start: 2024-01-01\n---\n\n"
        "Texte.\n\nCollectivité sponsor : Tampon (Le), Saint-Just-en-Chevalet (Loire)\n",
        encoding="utf-8",
    )
    import_investigation_files([tmp_path])
    problem = Investigation.objects.get().problem
    assert sorted(link.commune.insee for link in problem.collectivites.all()) == ["42248", "97422"]
    assert problem.unresolved_collectivites == ""


def test_a_departement_written_in_short_is_found(territories, tmp_path):
    """« Dép. du Rhône », « Dépt de la Loire » were kept as text: « aucune collectivité de ce
    nom »."""
    (tmp_path / "mobilite.md").write_text(
        "---\ntitle: Mobilité\nphases:\n  - name: investigation\n    start: 2024-01-01\n---\n\n"
        "Texte.\n\nCollectivités sponsors : Dép. du Rhône ; Dépt de la Loire\n",
        encoding="utf-8",
    )
    import_investigation_files([tmp_path])
    problem = Investigation.objects.get().problem
    codes = sorted(link.departement.code for link in problem.collectivites.all())
    assert codes == ["42", "69"]
    assert problem.unresolved_collectivites == ""


def test_a_header_left_without_its_closing_line_is_read_and_flagged(territories, tmp_path):
    """A real file of beta.gouv.fr: the fields, a blank line, then the text, no « --- »."""
    (tmp_path / "aides-locales.md").write_text(
        "---\ntitle: Aides locales\nincubator: anct\nphases:\n  - name: investigation\n"
        "    start: 2024-01-08\n    end: 2024-03-29\n\n\n## Le problème\n\nDes aides mal "
        "connues.\n\nCollectivité sponsor : Saint-Just-en-Chevalet\n",
        encoding="utf-8",
    )
    report = import_investigation_files([tmp_path])
    assert (report.created, report.skipped) == (1, [])
    investigation = Investigation.objects.get(source_id="aides-locales")
    assert investigation.problem.title == "Aides locales"
    assert "Des aides mal connues." in investigation.problem.statement
    assert [link.commune.insee for link in investigation.problem.collectivites.all()] == ["42248"]
    assert "En-tête YAML non fermé" in report.warnings[0][1]
    assert import_investigation_files([tmp_path]).unchanged == 1
