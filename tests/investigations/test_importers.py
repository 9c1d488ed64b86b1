"""import_investigations: beta.gouv.fr startup files, names resolved or flagged, idempotent."""

from pathlib import Path

import pytest
from django.core.management import call_command

from fabrique.investigations.importers import import_investigation_files
from fabrique.investigations.importers.startup_file import startup_filename, startup_markdown
from fabrique.investigations.models import Investigation, Problem
from fabrique.investigations.vocabulary import Decision
from fabrique.portfolio.importers.startups import parse_startup
from tests.factories import CommuneFactory
from tests.portfolio.factories import ProjectFactory

FIXTURES = Path(__file__).parent.parent / "fixtures" / "investigations"

pytestmark = pytest.mark.django_db


def test_import_resolves_flags_and_is_idempotent(territories, capsys):
    project = ProjectFactory(slug="cantine-facile")  # the go's project, in the portfolio
    report = import_investigation_files([FIXTURES])
    assert (report.created, report.updated) == (2, 0)
    go = Investigation.objects.get(source_id="cantine-facile")
    assert (go.decision, go.project) == (Decision.GO, project)
    assert sorted(link.commune.insee for link in go.problem.collectivites.all()) == [
        "35288",
        "42248",
    ]
    assert "Collectivité sponsor" not in go.problem.statement
    no_go = Investigation.objects.get(source_id="salles")
    assert no_go.decision == Decision.NO_GO
    assert no_go.problem.unresolved_collectivites == "Ville Inconnue"
    assert [Path(path).name for path, _ in report.warnings] == ["salles.md"]
    call_command("import_investigations", str(FIXTURES))
    out = capsys.readouterr().out
    assert "0 investigation créée, 0 mise à jour, 2 inchangées" in out
    assert Investigation.objects.count() == 2


def test_ambiguous_names_are_never_guessed(territories, tmp_path):
    CommuneFactory(name="Saint-Malo")
    (tmp_path / "x.md").write_text(
        "---\ntitle: X\nphases:\n  - name: investigation\n    start: 2024-01-01\n---\n\n"
        "Texte.\n\nCollectivité sponsor : Saint-Malo\n",
        encoding="utf-8",
    )
    report = import_investigation_files([tmp_path])
    investigation = Investigation.objects.get()
    assert not investigation.problem.collectivites.exists()
    assert "« Saint-Malo » désigne plusieurs collectivités" in report.warnings[0][1]


def test_a_go_whose_project_the_portfolio_lacks_is_flagged(territories, tmp_path, capsys):
    """Issue 14, point 6: a file whose phases say `construction` (a go) but whose id matches
    no portfolio project is flagged at each run, until the project is imported."""
    text = (FIXTURES / "cantine-facile.md").read_text(encoding="utf-8")
    (tmp_path / "cantine-sans-projet.md").write_text(text, encoding="utf-8")
    flag = (
        "cantine-sans-projet.md — go sans projet du portefeuille : aucun projet "
        "« cantine-sans-projet » (l'identifiant de la fiche)"
    )
    for _run in range(2):
        call_command("import_investigations", str(tmp_path))
        out = capsys.readouterr().out
        assert "1 signalé." in out
        assert flag in out
    investigation = Investigation.objects.get()
    assert (investigation.decision, investigation.project) == (Decision.GO, None)
    # Once the project is in the portfolio, the next run links it and flags nothing.
    project = ProjectFactory(slug="cantine-sans-projet")
    call_command("import_investigations", str(tmp_path))
    out = capsys.readouterr().out
    assert "1 mise à jour" in out and "0 signalé" in out
    investigation.refresh_from_db()
    assert investigation.project == project


def test_a_file_without_investigation_phase_is_skipped(tmp_path):
    (tmp_path / "y.md").write_text(
        "---\ntitle: Y\nphases:\n  - name: construction\n    start: 2024-01-01\n---\nTexte\n",
        encoding="utf-8",
    )
    report = import_investigation_files([tmp_path])
    assert "investigation" in report.skipped[0][1]
    assert not Investigation.objects.exists()


def test_export_is_read_back_by_the_portfolio_parser(territories, tmp_path):
    ProjectFactory(slug="cantine-facile")
    import_investigation_files([FIXTURES / "cantine-facile.md"])
    investigation = Investigation.objects.get()
    text = startup_markdown(investigation)
    data = parse_startup(text, "cantine-facile")
    assert [phase.name for phase in data.phases] == ["investigation", "construction"]
    assert "Saint-Malo" in data.fields["description"]
    (tmp_path / startup_filename(investigation)).write_text(text, encoding="utf-8")
    report = import_investigation_files([tmp_path])
    assert report.unchanged == 1 and not report.warnings


@pytest.mark.parametrize("decided", [False, True])
def test_the_export_of_an_investigation_made_here_reads_back_onto_it(tmp_path, decided):
    """An investigation run in the platform (no source file) is exported as
    `investigation-<id>.md`, or under its project's slug after a go: importing that file again
    finds the same investigation, it does not create a second one with a second problem."""
    from datetime import date

    from fabrique.investigations import services
    from tests.investigations.factories import InvestigationFactory, close_all_phases

    investigation = InvestigationFactory()
    if decided:
        close_all_phases(investigation)
        services.decision_record(
            investigation=investigation,
            decision=Decision.GO,
            project_name="Déchetterie facile",
            on=date.today(),
        )
    (tmp_path / startup_filename(investigation)).write_text(
        startup_markdown(investigation), encoding="utf-8"
    )
    report = import_investigation_files([tmp_path])
    assert report.created == 0
    assert Investigation.objects.get() == investigation
    assert Problem.objects.get() == investigation.problem
    if not decided:
        assert report.unchanged == 1


@pytest.mark.parametrize("decision", [Decision.GO, Decision.NO_GO, ""])
def test_the_exported_dates_survive_an_import_elsewhere(tmp_path, decision):
    """Issue 14 review, defect 6: the startup file carries the real dates of the phases
    (`start`/`end`, as beta.gouv.fr writes them); imported on another platform (the
    investigation deleted here), it gives the same start, end of phase 5 and decision date."""
    from datetime import date, timedelta

    import yaml

    from fabrique.investigations import services
    from tests.investigations.factories import InvestigationFactory, close_all_phases

    investigation = InvestigationFactory(
        problem__communes=[CommuneFactory(name="Firminy")],
        start=date.today() - timedelta(weeks=12),
    )
    start = investigation.start
    if decision:
        close_all_phases(investigation, on=start + timedelta(weeks=10))
        services.decision_record(
            investigation=investigation,
            decision=decision,
            project_name="Déchetterie facile",
            learnings="Rien de numérique à faire.",
            on=start + timedelta(weeks=10, days=3),
        )
    text = startup_markdown(investigation)
    phases = yaml.safe_load(text.split("---")[1])["phases"]
    assert phases[0] == {"name": "investigation", "start": start} | (
        {"end": start + timedelta(weeks=10)} if decision else {}
    )
    if decision:
        assert phases[1]["start"] == start + timedelta(weeks=10, days=3)
    (tmp_path / "ailleurs.md").write_text(text, encoding="utf-8")
    Investigation.objects.all().delete()
    Problem.objects.all().delete()
    report = import_investigation_files([tmp_path])
    assert report.created == 1
    again = Investigation.objects.get()
    assert again.start == start and again.decision == decision
    if decision:
        assert again.decided_on == start + timedelta(weeks=10, days=3)
        assert again.phases.get(step=5).closed_on == start + timedelta(weeks=10)
    else:
        assert again.decided_on is None and not again.phases.filter(closed_on__isnull=False)


@pytest.mark.parametrize("closed_after_weeks", [None, 9])
def test_a_reimported_export_keeps_the_planned_duration(tmp_path, closed_after_weeks):
    """Audit of issue 14, point 6: a 12-week investigation, in progress or whose phases were
    closed after 9 weeks, exported then imported again, changed nothing — its duration was
    read back as 10 weeks (the default) or 9 (the real one) and the investigation updated."""
    from datetime import date, timedelta

    from tests.investigations.factories import InvestigationFactory, close_all_phases

    investigation = InvestigationFactory(start=date.today() - timedelta(weeks=11), weeks=12)
    if closed_after_weeks:
        close_all_phases(
            investigation, on=investigation.start + timedelta(weeks=closed_after_weeks)
        )
    assert "duree_semaines: 12" in startup_markdown(investigation)
    (tmp_path / startup_filename(investigation)).write_text(
        startup_markdown(investigation), encoding="utf-8"
    )
    written = investigation.history.count()
    report = import_investigation_files([tmp_path])
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert Investigation.objects.get().weeks == 12
    assert investigation.history.count() == written

    # Imported elsewhere (the investigation deleted here), the planned duration comes along.
    Investigation.objects.all().delete()
    Problem.objects.all().delete()
    report = import_investigation_files([tmp_path])
    assert report.created == 1 and Investigation.objects.get().weeks == 12


def test_a_wrong_declared_duration_is_flagged_and_the_dates_used(tmp_path):
    (tmp_path / "duree.md").write_text(
        "---\ntitle: Voirie\nphases:\n  - name: investigation\n    start: 2021-06-01\n"
        "    end: 2021-08-10\nduree_semaines: 30\n---\nNids-de-poule.\n",
        encoding="utf-8",
    )
    report = import_investigation_files([tmp_path])
    assert Investigation.objects.get().weeks == 10
    assert "« duree_semaines : 30 » ignoré" in report.warnings[0][1]
