"""import_startups on files as they drift over the years: keys in capitals, dates in words or
with a time zone, Windows-1252 and CRLF, symbolic links."""

from datetime import date
from pathlib import Path

import pytest

from fabrique.portfolio.importers.startups import import_startup_files
from fabrique.portfolio.models import Phase, Project

DRIFT = Path(__file__).parent / "fixtures" / "startups" / "drift"

pytestmark = pytest.mark.django_db


def phases_of(slug):
    return list(
        Phase.objects.filter(project__slug=slug)
        .order_by("start")
        .values_list("name", "start", "end")
    )


def test_keys_in_capitals_and_dates_in_words_are_read_and_noted():
    """`Title:`, `Mission:`, `Phases:` were dropped without a word (a project named after its
    file, with no phase), and « 4 février 2019 » left the phase out."""
    report = import_startup_files([DRIFT])
    assert report.skipped == []
    project = Project.objects.get(slug="jardins-partages")
    assert project.name == "Jardins partagés"
    assert project.mission == "Attribuer les parcelles des jardins communaux"
    assert phases_of("jardins-partages") == [
        ("investigation", date(2019, 2, 4), date(2019, 7, 1)),
        ("construction", date(2019, 7, 2), None),
    ]
    assert "Champ « Phases » lu comme « phases »." in project.review_notes


def test_a_windows_file_is_read_and_flagged():
    import_startup_files([DRIFT])
    project = Project.objects.get(slug="registre-ecoles")
    assert project.name == "Registre des écoles"
    assert phases_of("registre-ecoles") == [("investigation", date(2020, 9, 1), None)]
    assert "Windows-1252" in project.review_notes
    again = import_startup_files([DRIFT])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_a_symbolic_link_to_a_file_read_is_not_a_second_project(tmp_path):
    folder = tmp_path / "startups"
    folder.mkdir()
    (folder / "jardins-partages.md").write_bytes((DRIFT / "jardins-partages.md").read_bytes())
    (folder / "jardins.md").symlink_to(folder / "jardins-partages.md")
    (folder / "perdu.md").symlink_to(tmp_path / "absent.md")
    report = import_startup_files([folder])
    assert Project.objects.count() == 1
    original = folder / "jardins-partages.md"
    assert sorted((Path(where).name, reason) for where, reason in report.skipped) == [
        ("jardins.md", f"lien symbolique vers « {original} », déjà lu : ignoré."),
        ("perdu.md", "lien symbolique cassé : sa cible est introuvable."),
    ]


def test_a_subfolder_not_read_is_said(tmp_path):
    """Files in a subfolder were left out without a word."""
    folder = tmp_path / "startups"
    (folder / "archives" / "2019").mkdir(parents=True)
    (folder / "jardins-partages.md").write_bytes((DRIFT / "jardins-partages.md").read_bytes())
    (folder / "archives" / "2019" / "ancien.md").write_bytes(
        (DRIFT / "jardins-partages.md").read_bytes()
    )
    (folder / ".git").mkdir()
    (folder / ".git" / "x.md").write_text("---\ntitle: X\n---\n", encoding="utf-8")
    report = import_startup_files([folder])
    assert Project.objects.count() == 1
    assert [(Path(where).name, reason[:40]) for where, reason in report.skipped] == [
        ("archives", "sous-dossier non lu (1 fichier à importe")
    ]


def test_a_phase_without_name_is_left_out_and_the_rest_imports(tmp_path):
    """A phase with no `name` (or written as a bare word) rejected the whole file, where a phase
    with no start was only left out: the same tolerance now, each noted."""
    folder = tmp_path / "startups"
    folder.mkdir()
    (folder / "cantine.md").write_text(
        "---\ntitle: Cantine\nmission: Réserver les repas\nphases:\n"
        "  - name: investigation\n    start: 2021-01-04\n"
        "  - start: 2021-05-03\n"
        "  - construction\n"
        "---\nCorps.\n",
        encoding="utf-8",
    )
    report = import_startup_files([folder])
    assert report.skipped == []
    project = Project.objects.get(slug="cantine")
    assert phases_of("cantine") == [("investigation", date(2021, 1, 4), None)]
    assert "La phase n° 2 n'a pas de nom (« name ») : elle n'a pas été importée." in (
        project.review_notes
    )
    assert "La phase n° 3 n'est pas écrite « name », « start », « end »" in project.review_notes
