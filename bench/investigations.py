"""Reproducible performance figures for the investigation programme (`make bench`).

Works on its own SQLite file, var/bench/investigations.sqlite3, rebuilt on every run. Generates
20,000 problems and 2,000 investigations (five phases each, a days ledger), then measures the
budgets of issue 14:

1. the team's list `/investigations/` (django.test.Client, server side): p50 and p95 over 20
   requests, and its SQL queries at 200 then at 2,000 investigations (constant);
2. the PDF summary of one investigation (WeasyPrint);
3. « déjà vu ailleurs » for a new text (`selectors.similar_for_text`, the engine's
   `similar_to_text`, no full recompute).

Prints a table in French and writes the figures to var/bench/investigations.json. The exit code
is 0 even when a budget is exceeded: the table says so.
"""

import gc
import json
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from run import machine_info, number, setup_django, status, table  # bench/run.py

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DB_PATH = BENCH_DIR / "investigations.sqlite3"
RESULTS_PATH = BENCH_DIR / "investigations.json"

SEED = 2026
PROBLEMS = 20_000
SMALL, LARGE = 200, 2_000
REPETITIONS = 20
LIST_BUDGET_MS = 150.0
PDF_BUDGET_S = 3.0
SIMILAR_BUDGET_MS = 150.0


def measure_list(client) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # The generator's garbage collected first: a web process does not carry 20 000 freshly made
    # rows, and a full collection of them landing in one timed request made p95 swing (45 → 208 ms).
    gc.collect()
    client.get("/investigations/")
    samples = []
    for _ in range(REPETITIONS):
        start = time.perf_counter()
        response = client.get("/investigations/")
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get("/investigations/")
    return samples, len(queries.captured_queries)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def main() -> int:
    import os

    load = os.getloadavg()[0]
    setup_django(DB_PATH)
    from django.test import Client
    from django.utils import timezone

    from fabrique.accounts.models import Role, User
    from fabrique.investigations import exports, selectors
    from fabrique.investigations.demo.generator import generate_programme
    from fabrique.investigations.models import Investigation
    from fabrique.territories.models import Commune, Departement, Region

    rng = random.Random(SEED)
    today = timezone.localdate()
    region = Region.objects.create(code="84", name="Auvergne-Rhône-Alpes")
    departement = Departement.objects.create(code="42", name="Loire", region=region)
    commune = Commune.objects.create(insee="42248", name="Saint-Just", departement=departement)
    team = User.objects.create_user(email="banc@exemple.gouv.fr", role=Role.ADMIN)
    client = Client(HTTP_HOST="localhost")
    client.force_login(team)

    generate_programme(rng, count=SMALL * 10, today=today, commune=commune)
    small, small_sql = measure_list(client)
    generate_programme(rng, count=PROBLEMS - SMALL * 10, today=today, commune=commune)
    assert Investigation.objects.count() == LARGE
    large, large_sql = measure_list(client)

    investigation = Investigation.objects.order_by("pk").first()
    start = time.perf_counter()
    pdf = exports.investigation_pdf(
        investigation=investigation,
        phases=list(investigation.phases.all()),
        days=list(investigation.days.all()),
        today=today,
    )
    pdf_s = time.perf_counter() - start
    assert pdf.startswith(b"%PDF")

    text = "Les familles ne savent pas inscrire leurs enfants à la cantine scolaire"
    selectors.similar_for_text(text, user=team)
    samples = []
    for _ in range(REPETITIONS):
        begin = time.perf_counter()
        selectors.similar_for_text(text, user=team)
        samples.append((time.perf_counter() - begin) * 1000)
    similar_ms = p95(samples)

    rows = [
        [
            f"liste de l'équipe, {SMALL} investigations",
            f"p95 {number(p95(small), 1)} ms",
            f"{small_sql} requêtes",
            status(p95(small) <= LIST_BUDGET_MS),
        ],
        [
            f"liste de l'équipe, {LARGE} investigations, {PROBLEMS} problèmes",
            f"p95 {number(p95(large), 1)} ms (p50 {number(statistics.median(large), 1)})",
            f"{large_sql} requêtes",
            status(p95(large) <= LIST_BUDGET_MS and large_sql == small_sql),
        ],
        ["PDF d'une investigation", f"{number(pdf_s, 2)} s", "", status(pdf_s <= PDF_BUDGET_S)],
        [
            "déjà vu ailleurs (texte non enregistré)",
            f"p95 {number(similar_ms, 1)} ms",
            "",
            status(similar_ms <= SIMILAR_BUDGET_MS),
        ],
    ]
    print(table(["Mesure", "Résultat", "Détail", "Budget"], rows))
    RESULTS_PATH.write_text(
        json.dumps(
            {
                "date": datetime.now(UTC).isoformat(),
                "list_small_p95_ms": p95(small),
                "list_large_p95_ms": p95(large),
                "list_queries": [small_sql, large_sql],
                "pdf_s": pdf_s,
                "similar_p95_ms": similar_ms,
                "machine": machine_info(load),
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
