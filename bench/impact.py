"""Reproducible performance figures for impact measurement (`make bench`).

Works on its own SQLite file, var/bench/impact.sqlite3, rebuilt from scratch on every run: the
developer's database is never opened. Generates 2,000 projects with the seven indicators of
the starter set and one indicator of their own (16,000 indicators), 100 monthly values for
each of the seven stored ones (1.4 million values; the cost per use is computed, never
stored), a phase, monthly expenses and committees. Then measures the four budgets of the
issue:

1. the portfolio impact view `/portefeuille/impact/`, server-side (django.test.Client): p50 and
   p95 over 20 requests, and its SQL queries at 200 projects then at 2,000 (constant);
2. the page of one indicator with 500 values;
3. the import of a 10,000-line CSV, end to end through the pages (upload and check, preview,
   confirmation), first as new values, then again as changed values;
4. API pushes: a WSGI server (gunicorn, 2 worker processes) in a subprocess on a free port,
   and one local client (http.client) pushing one value per request for 10 s, first over one
   connection (each request waits for the previous answer), then over four connections.

Prints a table in French and writes the same figures to var/bench/impact.json. The exit code
is 0 even when a budget is exceeded: the table says so.
"""

import http.client
import json
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from run import machine_info, number, setup_django, status, table  # bench/run.py: same formatting

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DB_PATH = BENCH_DIR / "impact.sqlite3"
RESULTS_PATH = BENCH_DIR / "impact.json"

SEED = 2026
HOST = "localhost"
SMALL, LARGE = 200, 2_000
VALUES_PER_INDICATOR = 100
SERIES_POINTS = 500
IMPORT_LINES = 10_000
REPETITIONS = 20
WARMUP = 2
PUSH_SECONDS = 10.0
PUSH_CONNECTIONS = (1, 4)
# The shipped settings (config/gunicorn.conf.py: gthread workers, connections kept alive),
# with one process per core of this machine.
SERVER_OPTIONS = ("-c", "config/gunicorn.conf.py", "--workers", "2")
SERVER_LABEL = "gunicorn (config/gunicorn.conf.py), 2 processus, base SQLite du banc"

PORTFOLIO_BUDGET_MS = 200.0
INDICATOR_BUDGET_MS = 100.0
IMPORT_BUDGET_S = 5.0
PUSH_BUDGET_PER_S = 200.0


# --- Data -------------------------------------------------------------------------------


def month(today: date, back: int) -> date:
    index = today.year * 12 + today.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def money(rng: random.Random) -> Decimal:
    return Decimal(rng.randrange(8, 60) * 1000)


def generate(rng: random.Random, today: date, first: int, count: int) -> float:
    """`count` projects numbered from `first`, with their indicators and values."""
    from django.db import connection

    from fabrique.impact.models import Indicator
    from fabrique.impact.services import refresh_latest
    from fabrique.impact.vocabulary import STARTER_SET, Computation, Frequency
    from fabrique.portfolio.models import Committee, Expense, Phase, Project

    started = time.perf_counter()
    projects = Project.objects.bulk_create(
        Project(name=f"Service {index:04d}", slug=f"service-{index:04d}", kind="startup-territoire")
        for index in range(first, first + count)
    )
    Phase.objects.bulk_create(
        Phase(project=project, name="acceleration", start=month(today, 110)) for project in projects
    )
    Expense.objects.bulk_create(
        Expense(project=project, date=month(today, back), amount=money(rng), label="Équipe")
        for project in projects
        for back in range(1, 25)
    )
    committees = Committee.objects.bulk_create(
        Committee(date=today + timedelta(days=rng.randint(-120, 90)), kind="investissement")
        for _ in projects
    )
    Committee.projects.through.objects.bulk_create(
        Committee.projects.through(committee=committee, project=project)
        for committee, project in zip(committees, projects, strict=True)
    )
    indicators = []
    for project in projects:
        for position, item in enumerate(STARTER_SET, start=1):
            indicators.append(
                Indicator(
                    **{**item.fields(), "frequency": Frequency.MONTHLY},
                    project=project,
                    position=position,
                    is_north_star=position == 2,
                    baseline_value=Decimal(50),
                    baseline_date=month(today, 24),
                    target_value=Decimal(90),
                    target_date=month(today, -6),
                )
            )
        indicators.append(
            Indicator(
                project=project,
                name="Délai de traitement",
                definition="Jours.",
                level="utile",
                unit="jours",
                direction="baisse",
                frequency=Frequency.MONTHLY,
                position=8,
            )
        )
    indicators = Indicator.objects.bulk_create(indicators, batch_size=2000)
    now = datetime.now(UTC).isoformat(" ")
    months = [month(today, back).isoformat() for back in range(VALUES_PER_INDICATOR + 7)]
    sql = (
        "INSERT INTO impact_measurement (indicator_id, period, value, comment, source, "
        "created_at, updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s)"
    )
    rows = []
    with connection.cursor() as cursor:
        for indicator in indicators:
            if indicator.computed == Computation.COST_PER_USE:
                continue
            gap = 5 if rng.random() < 0.1 else 0  # a tenth stopped a few months ago (stale)
            level = rng.uniform(20, 95)
            for back in range(1 + gap, VALUES_PER_INDICATOR + 1 + gap):
                value = round(level * (1 - back / 400) * rng.uniform(0.9, 1.1), 2)
                rows.append((indicator.pk, months[back], value, "", "api", now, now))
            if len(rows) >= 50_000:
                cursor.executemany(sql, rows)
                rows = []
        if rows:
            cursor.executemany(sql, rows)
    refresh_latest(indicator_ids=[indicator.pk for indicator in indicators])
    return time.perf_counter() - started


def volumes() -> dict[str, int]:
    from fabrique.impact.models import Indicator, Measurement
    from fabrique.portfolio.models import Project

    return {
        "projets": Project.objects.count(),
        "indicateurs": Indicator.objects.count(),
        "valeurs": Measurement.objects.count(),
    }


# --- Measures ---------------------------------------------------------------------------


def percentiles(values: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50": cuts[49], "p95": cuts[94], "max": max(values), "mean": statistics.fmean(values)}


def client(user):
    from django.test import Client

    browser = Client(HTTP_HOST=HOST)
    browser.force_login(user)
    return browser


def count_queries(browser, url: str) -> tuple[int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = browser.get(url)
    return len(captured), response.status_code


def time_page(browser, url: str) -> dict:
    for _ in range(WARMUP):
        browser.get(url)
    wall, cpu, statuses = [], [], set()
    for _ in range(REPETITIONS):
        start, cpu_start = time.perf_counter(), time.thread_time()
        response = browser.get(url)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.thread_time() - cpu_start) * 1000)
        statuses.add(response.status_code)
    return {
        "ms": percentiles(wall),
        "cpu_ms": percentiles(cpu),
        "statuses": sorted(statuses),
        "bytes": len(response.content),
    }


def long_series(today: date):
    """One indicator with 500 weekly values, on the first project."""
    from django.db import connection

    from fabrique.impact.models import Indicator
    from fabrique.impact.rules import period_start
    from fabrique.impact.services import refresh_latest
    from fabrique.impact.vocabulary import Frequency
    from fabrique.portfolio.models import Project

    indicator = Indicator.objects.create(
        project=Project.objects.get(slug="service-0001"), name="Démarches par semaine",
        definition="Démarches terminées dans la semaine.", level="utilise", unit="nombre",
        frequency=Frequency.WEEKLY, baseline_value=100, baseline_date=today - timedelta(days=900),
        target_value=900, target_date=today + timedelta(days=200),
    )  # fmt: skip
    monday = period_start(today, Frequency.WEEKLY)
    now = datetime.now(UTC).isoformat(" ")
    rows = [
        (indicator.pk, (monday - timedelta(weeks=back)).isoformat(), 100 + (500 - back) * 1.5,
         "", "api", now, now)
        for back in range(1, SERIES_POINTS + 1)
    ]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO impact_measurement (indicator_id, period, value, comment, source, "
            "created_at, updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
    refresh_latest(indicator_ids=[indicator.pk])
    return indicator


def import_csv(today: date, offset: float) -> tuple[str, object]:
    """10,000 lines over eight weekly indicators of a project of their own (1,250 weeks each,
    all after 2000)."""
    from fabrique.impact.models import Indicator
    from fabrique.impact.rules import period_start
    from fabrique.impact.vocabulary import Frequency
    from fabrique.portfolio.models import Project

    project, _ = Project.objects.get_or_create(
        slug="import-banc", defaults={"name": "Import du banc", "kind": "startup-territoire"}
    )
    names = [f"Mesure hebdomadaire {index}" for index in range(8)]
    for name in names:
        Indicator.objects.get_or_create(
            project=project, name=name,
            defaults={"definition": "Banc.", "level": "utilise", "frequency": Frequency.WEEKLY},
        )  # fmt: skip
    monday = period_start(today, Frequency.WEEKLY)
    lines = ["indicateur;date;valeur;commentaire"]
    per_indicator = IMPORT_LINES // len(names)
    for name in names:
        for back in range(1, per_indicator + 1):
            day = monday - timedelta(weeks=back) + timedelta(days=2)
            lines.append(f"{name};{day:%d/%m/%Y};{back * 3 + offset:.1f}".replace(".", ",") + ";")
    return "\n".join(lines) + "\n", project


def bench_import(browser, today: date) -> list[dict]:
    """Upload, preview and confirm through the pages; timed end to end (server-side)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fabrique.impact.models import Measurement

    results = []
    for label, offset in (("nouvelles valeurs", 0.0), ("valeurs modifiées", 0.5)):
        text, project = import_csv(today, offset)
        steps = {}
        start = time.perf_counter()
        response = browser.post(
            f"/projets/{project.slug}/mesures/import/",
            {"file": SimpleUploadedFile("mesures.csv", text.encode())},
        )
        steps["dépôt et vérification"] = time.perf_counter() - start
        preview_url = response["Location"]
        mark = time.perf_counter()
        preview = browser.get(preview_url)
        steps["aperçu"] = time.perf_counter() - mark
        mark = time.perf_counter()
        confirm = browser.post(preview_url)
        steps["confirmation (écriture)"] = time.perf_counter() - mark
        total = time.perf_counter() - start
        results.append(
            {
                "label": label,
                "seconds": total,
                "steps": steps,
                "statuses": [response.status_code, preview.status_code, confirm.status_code],
                "values": Measurement.objects.filter(indicator__project=project).count(),
            }
        )
    return results


# --- API pushes -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{DB_PATH}",
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    command = [
        str(Path(sys.executable).parent / "gunicorn"), "config.wsgi:application",
        "--bind", f"127.0.0.1:{port}", *SERVER_OPTIONS, "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 (our own command)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("Le serveur WSGI du banc d'essai n'a pas démarré.")


def push_bodies(today: date, names, pk_by_name, count: int) -> list[bytes]:
    """Bodies prepared in advance (the client's own work stays out of the measure): one value
    each, by name or by id, for a month of the last five years, mostly a new value for a period
    that has one (a real write, with its history)."""
    rng = random.Random(SEED)
    bodies = []
    for _ in range(count):
        name = rng.choice(names)
        day = month(today, rng.randint(1, 60)) + timedelta(days=rng.randint(0, 27))
        body = {
            "indicator": name if rng.random() < 0.5 else pk_by_name[name],
            "date": str(day),
            "value": round(rng.uniform(1, 99), 2),
        }
        bodies.append(json.dumps(body).encode())
    return bodies


def push_for(port: int, path: str, headers: dict, bodies: list[bytes], seconds: float) -> dict:
    """One connection pushing bodies one after the other for `seconds`."""
    latencies, statuses, reconnects = [], {}, 0
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    start = time.perf_counter()
    index = 0
    try:
        while time.perf_counter() - start < seconds:
            body = bodies[index % len(bodies)]
            index += 1
            sent = time.perf_counter()
            try:
                connection.request("POST", path, body, headers)
                response = connection.getresponse()
                response.read()
            except (http.client.HTTPException, OSError):
                reconnects += 1
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            latencies.append((time.perf_counter() - sent) * 1000)
            statuses[response.status] = statuses.get(response.status, 0) + 1
    finally:
        connection.close()
    return {"latencies": latencies, "statuses": statuses, "reconnects": reconnects,
            "seconds": time.perf_counter() - start}  # fmt: skip


def bench_pushes(today: date, connections: int = 1) -> dict:
    """A WSGI server in a subprocess; one local client with `connections` connections (threads)
    pushing for PUSH_SECONDS."""
    from concurrent.futures import ThreadPoolExecutor

    from fabrique.impact.models import Indicator
    from fabrique.impact.services import token_create
    from fabrique.portfolio.models import Project

    project = Project.objects.get(slug="service-0002")
    _, secret = token_create(project=project, name=f"banc {connections}")
    names = list(project.indicators.filter(computed="").values_list("name", flat=True))
    pk_by_name = dict(Indicator.objects.filter(project=project).values_list("name", "pk"))
    bodies = push_bodies(today, names, pk_by_name, 5000)
    port = free_port()
    server = start_server(port)
    path = f"/api/v1/projects/{project.slug}/measurements/"
    headers = {"Authorization": f"Token {secret}", "Content-Type": "application/json",
               "Host": "127.0.0.1"}  # fmt: skip
    try:
        push_for(port, path, headers, bodies[:20], 0.5)  # warm-up
        with ThreadPoolExecutor(connections) as pool:
            results = list(
                pool.map(
                    lambda offset: push_for(
                        port, path, headers, bodies[offset:] + bodies[:offset], PUSH_SECONDS
                    ),
                    [index * 997 for index in range(connections)],
                )
            )
    finally:
        server.terminate()
        server.wait(timeout=10)
    latencies = [value for result in results for value in result["latencies"]]
    statuses: dict[int, int] = {}
    for result in results:
        for code, count in result["statuses"].items():
            statuses[code] = statuses.get(code, 0) + count
    elapsed = max(result["seconds"] for result in results)
    return {
        "connections": connections,
        "requests": len(latencies),
        "seconds": elapsed,
        "per_second": len(latencies) / elapsed,
        "latency_ms": percentiles(latencies),
        "statuses": statuses,
        "reconnects": sum(result["reconnects"] for result in results),
        "server": SERVER_LABEL,
    }


# --- Report -----------------------------------------------------------------------------


def build_rows(portfolio, counts, indicator, indicator_queries, imports, pushes) -> list[dict]:
    rows = []

    def add(label, value, budget="—", state="—"):
        rows.append({"mesure": label, "valeur": value, "budget": budget, "statut": state})

    add("vue impact du portefeuille, p50", f"{number(portfolio['ms']['p50'], 1)} ms")
    add(
        "vue impact du portefeuille, p95",
        f"{number(portfolio['ms']['p95'], 1)} ms",
        f"≤ {number(PORTFOLIO_BUDGET_MS)} ms",
        status(portfolio["ms"]["p95"] <= PORTFOLIO_BUDGET_MS),
    )
    small, large = counts
    add(
        f"vue impact, requêtes SQL ({number(SMALL)} → {number(LARGE)} projets)",
        f"{small} → {large}",
        "constant",
        status(large <= small, "CROISSANT"),
    )
    add("page d'un indicateur (500 valeurs), p50", f"{number(indicator['ms']['p50'], 1)} ms")
    add(
        "page d'un indicateur (500 valeurs), p95",
        f"{number(indicator['ms']['p95'], 1)} ms",
        f"≤ {number(INDICATOR_BUDGET_MS)} ms",
        status(indicator["ms"]["p95"] <= INDICATOR_BUDGET_MS),
    )
    add("page d'un indicateur, requêtes SQL", number(indicator_queries))
    for result in imports:
        add(
            f"import CSV de {number(IMPORT_LINES)} lignes ({result['label']})",
            f"{number(result['seconds'], 2)} s",
            f"≤ {number(IMPORT_BUDGET_S)} s",
            status(result["seconds"] <= IMPORT_BUDGET_S and result["statuses"] == [302, 200, 302]),
        )
    for result in pushes:
        connections = result["connections"]
        label = (
            "1 connexion, requêtes l'une après l'autre"
            if connections == 1
            else f"{connections} connexions"
        )
        add(  # the budget holds for the strictest client too: one request at a time
            f"envois à l'API, client local ({label}), soutenu {number(PUSH_SECONDS)} s",
            f"{number(result['per_second'])} /s",
            f"≥ {number(PUSH_BUDGET_PER_S)} /s",
            status(result["per_second"] >= PUSH_BUDGET_PER_S),
        )
        add(
            f"envois à l'API ({label}), latence p50 / p95",
            f"{number(result['latency_ms']['p50'], 1)} / "
            f"{number(result['latency_ms']['p95'], 1)} ms",
        )
        ok = result["statuses"].get(200, 0) + result["statuses"].get(201, 0)
        add(
            f"envois à l'API ({label}), réponses 200/201",
            f"{number(ok)} sur {number(result['requests'])}",
            "toutes",
            status(ok == result["requests"], "ÉCART"),
        )
    return rows


def main() -> int:
    wall_start = time.perf_counter()
    load_at_start = os.getloadavg()[0]
    setup_django(DB_PATH)
    from django.utils import timezone

    from fabrique.accounts.models import Role, User

    today = timezone.localdate()
    rng = random.Random(SEED)
    staff = User.objects.create_user("banc@fabrique.localhost", role=Role.INCUBATOR)
    browser = client(staff)
    url = "/portefeuille/impact/"

    generation = generate(rng, today, 1, SMALL)
    browser.get(url)  # warm the caches (templates, URL resolver) before counting
    small_queries, _ = count_queries(browser, url)
    generation += generate(rng, today, SMALL + 1, LARGE - SMALL)
    with sqlite3.connect(DB_PATH) as raw:
        raw.execute("ANALYZE")
    large_volumes = volumes()
    large_queries, _ = count_queries(browser, url)
    portfolio = time_page(browser, url)

    indicator = long_series(today)
    indicator_url = indicator.get_absolute_url()
    indicator_queries, _ = count_queries(browser, indicator_url)
    indicator_page = time_page(browser, indicator_url)
    imports = bench_import(browser, today)
    pushes = [bench_pushes(today, connections) for connections in PUSH_CONNECTIONS]

    rows = build_rows(
        portfolio, (small_queries, large_queries), indicator_page, indicator_queries, imports,
        pushes,
    )  # fmt: skip
    machine = machine_info(load_at_start)
    exceeded = [row["mesure"] for row in rows if row["statut"] not in {"OK", "—"}]

    print("Banc d'essai de la mesure d'impact")
    print(
        f"Machine : {machine['cpu_count']} CPU, Python {machine['python']}, "
        f"SQLite {machine['sqlite']}, Django {machine['django']} ; charge moyenne (1 min) "
        f"{number(machine['load_average_start'], 2)} au départ, "
        f"{number(machine['load_average_end'], 2)} à la fin"
    )
    print(
        f"Données générées (graine {SEED}) : "
        + ", ".join(f"{number(value)} {key}" for key, value in large_volumes.items())
        + f" ; en {number(generation, 1)} s ; base : {DB_PATH.relative_to(ROOT)}"
    )
    print()
    headers = ["mesure", "valeur", "budget", "statut"]
    print(table(headers, [[row[h] for h in headers] for row in rows], right=frozenset({1})))
    print()
    print("Temps CPU, p50 / p95 (peu sensible à la charge de la machine) :")
    for label, figures in (("vue impact", portfolio), ("page d'un indicateur", indicator_page)):
        cpu = figures["cpu_ms"]
        print(
            f"  {label} : {number(cpu['p50'], 1)} / {number(cpu['p95'], 1)} ms, "
            f"{number(figures['bytes'] / 1024)} Ko"
        )
    for result in imports:
        print(
            f"Import ({result['label']}) : "
            + ", ".join(
                f"{step} {number(seconds, 2)} s" for step, seconds in result["steps"].items()
            )
        )
    print(f"API : {SERVER_LABEL} ; réponses " + " ; ".join(
        f"{result['connections']} connexion(s) : {result['statuses']}" for result in pushes
    ))  # fmt: skip
    busiest = max(machine["load_average_start"], machine["load_average_end"])
    if busiest > (machine["cpu_count"] or 1) / 2:
        print(
            "Attention : la machine est chargée ; les durées varient d'un lancement à l'autre, "
            "comparez plutôt les temps CPU."
        )
    if exceeded:
        print("Budgets dépassés : " + ", ".join(exceeded))

    RESULTS_PATH.write_text(
        json.dumps(
            {
                "date": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": machine,
                "volumes": large_volumes,
                "generation_seconds": generation,
                "portfolio": portfolio,
                "portfolio_queries": {"small": small_queries, "large": large_queries},
                "indicator_page": indicator_page,
                "indicator_queries": indicator_queries,
                "imports": imports,
                "pushes": pushes,
                "table": rows,
                "exceeded": exceeded,
                "total_seconds": time.perf_counter() - wall_start,
            },
            ensure_ascii=False,
            indent=2,
            default=str,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
