"""Reproducible performance figures for the portfolio (`make bench`).

Works on its own SQLite file, var/bench/portfolio.sqlite3, rebuilt from scratch on every run:
the developer's database is never opened. Generates a portfolio with `bulk_create` (2,000
projects, 10,000 phases, 4,000 committees with their decisions, funding lines, monthly
expenses, teams and maturity reviews), then measures, server-side through `django.test.Client`
logged in as an incubator account, the dashboard, the project list (first page, and filtered
and sorted on the remaining budget) and the XLSX export of the whole portfolio: p50/p95 over 20
requests after a warm-up, and the number of SQL queries, at 200 projects and at 2,000 to show
that it does not grow with the rows. When a page is slow, a profile of one request says where
the time goes (SQL, summaries, template, spreadsheet). Prints a table in French and writes the
same figures to var/bench/portfolio.json. The exit code is 0 even when a budget is exceeded.
"""

import cProfile
import json
import os
import pstats
import random
import statistics
import sys
import time
from collections import defaultdict
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import cycle, islice
from pathlib import Path

from run import machine_info, number, setup_django, status, table  # bench/run.py: same formatting

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DB_PATH = BENCH_DIR / "portfolio.sqlite3"
RESULTS_PATH = BENCH_DIR / "portfolio.json"

SEED = 2026
HOST = "localhost"
REPETITIONS = 20
WARMUP = 2
SMALL, LARGE = 200, 2_000  # projects: query counts are compared between the two
PHASES_PER_PROJECT = 5
COMMITTEES_PER_PROJECT = 2  # 400 then 4,000 committees
TEAM_PER_PROJECT = 5
REVIEWS_PER_PROJECT = 3
MAX_EXPENSE_MONTHS = 24

PAGE_BUDGET_MS = 150.0
EXPORT_BUDGET_S = 5.0

PAGES = {
    "tableau de bord": "/portefeuille/",
    "liste des projets, 1re page": "/projets/",
    "liste filtrée (construction, tri par reste décroissant)": (
        "/projets/?phase=construction&sort=reste&desc=on"
    ),
    "export XLSX du portefeuille": "/portefeuille/export.xlsx",
}
EXPORT = "export XLSX du portefeuille"
SHORT = dict(zip(PAGES, ("tableau de bord", "liste", "liste filtrée", "export XLSX"), strict=True))


# --- Data -------------------------------------------------------------------------------

SUBJECTS = (
    "Cantine", "Salles", "État civil", "Voirie", "Cimetières", "Budget", "Navette", "Adresses",
    "Périscolaire", "Conseil", "Arbres", "Eau", "Écoles", "Déchets", "Marchés", "Archives",
    "Crues", "Solaire", "Associations", "Logement",
)  # fmt: skip
QUALIFIERS = (
    "en ligne", "ouvertes", "claires", "partagées", "pour tous", "locales", "simplifiées",
    "connectées", "du village", "de proximité",
)  # fmt: skip
# Current phase of the generated projects, as a share of the portfolio.
CURRENT_PHASES = {
    "investigation": 8,
    "construction": 25,
    "acceleration": 20,
    "consolidation": 12,
    "transfere": 10,
    "opere": 10,
    "abandon-investigation": 5,
    "abandon": 10,
}
CANONICAL = {
    "investigation": ["investigation"],
    "construction": ["investigation", "construction"],
    "acceleration": ["investigation", "construction", "acceleration"],
    "consolidation": ["investigation", "construction", "acceleration", "consolidation"],
    "transfere": ["investigation", "construction", "acceleration", "consolidation", "transfere"],
    "opere": ["investigation", "construction", "acceleration", "consolidation", "opere"],
    "abandon-investigation": ["investigation", "abandon-investigation"],
    "abandon": ["investigation", "construction", "acceleration", "abandon"],
}
TERMINAL = {"transfere", "opere", "abandon-investigation", "abandon"}


def phase_names(current: str) -> list[str]:
    """Five phases ending with `current`; short histories start with earlier cycles (pivots)."""
    path = CANONICAL[current]
    padding = list(islice(cycle(["investigation", "construction"]), PHASES_PER_PROJECT - len(path)))
    return padding + path


def money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low, high, 100))


def generate(
    rng: random.Random, today: date, first: int, count: int, managers: list, spans: dict
) -> dict:
    """Add `count` projects (numbered from `first`) and 2 committees per project, with every
    figure the dashboard reads.

    Like a portfolio that is followed: most projects in progress had a committee in the last
    months and have money for several more, a few are late or running out. `spans` keeps, per
    project, its dates and spending, for the committees of later calls (which take their
    projects among all the projects so far).
    """
    from fabrique.portfolio.models import (
        Committee,
        Decision,
        Expense,
        FundingLine,
        MaturityReview,
        Organisation,
        Phase,
        Project,
        TeamMember,
        Thematic,
    )
    from fabrique.portfolio.vocabulary import (
        CommitteeKind,
        MaturityAxis,
        Outcome,
        ProjectKind,
        TeamRole,
    )

    started = time.perf_counter()
    thematics, sponsors = list(Thematic.objects.all()), list(Organisation.objects.all())
    currents = rng.choices(list(CURRENT_PHASES), weights=list(CURRENT_PHASES.values()), k=count)
    # Most abandons have their post-mortem; one in ten is still to write.
    postmortem = [current == "abandon" and rng.random() < 0.9 for current in currents]
    projects = Project.objects.bulk_create(
        Project(
            name=f"{rng.choice(SUBJECTS)} {rng.choice(QUALIFIERS)} {index:04d}",
            slug=f"projet-{index:04d}",
            kind=rng.choice(ProjectKind.values),
            mission="Un service numérique pour les collectivités, généré pour le banc d'essai.",
            manager=rng.choice(managers),
            incubator="Fabrique",
            postmortem_learnings="Ce qui a été appris." if written else "",
            postmortem_reasons="Pourquoi le service s'arrête." if written else "",
        )
        for index, written in zip(range(first, first + count), postmortem, strict=True)
    )
    Project.thematics.through.objects.bulk_create(
        Project.thematics.through(project=project, thematic=thematic)
        for project in projects
        for thematic in rng.sample(thematics, rng.randint(1, 2))
    )
    Project.sponsors.through.objects.bulk_create(
        Project.sponsors.through(project=project, organisation=organisation)
        for project in projects
        for organisation in rng.sample(sponsors, rng.randint(1, 2))
    )

    phases, team, expenses, reviews = [], [], [], []
    for project, current in zip(projects, currents, strict=True):
        starts = [today - timedelta(days=rng.randint(5, 500))]
        for _ in range(PHASES_PER_PROJECT - 1):
            starts.insert(0, starts[0] - timedelta(days=rng.randint(40, 400)))
        ends = [*starts[1:], None]
        for name, start, end in zip(phase_names(current), starts, ends, strict=True):
            phases.append(Phase(project=project, name=name, start=start, end=end))
        closed = starts[-1] if current in TERMINAL else None
        for role in rng.sample(TeamRole.values, TEAM_PER_PROJECT):
            freelance = role not in (TeamRole.INTRAPRENEUR, TeamRole.PRODUCT_MANAGER)
            team.append(
                TeamMember(
                    project=project,
                    full_name=f"Personne {rng.randint(1, 9999)}",
                    role=role,
                    start=starts[0],
                    end=closed,
                    is_freelance=freelance,
                )
            )
        spent = recent = Decimal(0)
        day, stop = max(starts[0], today - timedelta(days=30 * MAX_EXPENSE_MONTHS)), closed or today
        while day <= stop:
            amount = money(rng, 15_000, 60_000)
            spent += amount
            recent += amount if (today - day).days < 90 else 0
            expenses.append(
                Expense(
                    project=project,
                    date=day,
                    amount=amount,
                    label=f"Prestations de l'équipe — {day:%m/%Y}",
                )
            )
            day += timedelta(days=30)
        for offset in rng.sample(range(30, 900, 30), REVIEWS_PER_PROJECT):
            reviews.append(
                MaturityReview(
                    project=project,
                    date=today - timedelta(days=offset),
                    **{axis: rng.randint(0, 3) for axis in MaturityAxis.values},
                )
            )
        spans[project.pk] = {
            "start": starts[0],
            "end": closed or today,
            "closed": closed is not None,
            "spent": spent,
            "recent": recent,
        }
    Phase.objects.bulk_create(phases)
    TeamMember.objects.bulk_create(team)
    Expense.objects.bulk_create(expenses)
    MaturityReview.objects.bulk_create(reviews)

    def committee_date(span) -> date:
        """Most committees of a project in progress are recent; a few are planned."""
        if not span["closed"] and rng.random() < 0.08:
            return today + timedelta(days=rng.randint(1, 90))
        if not span["closed"] and rng.random() < 0.6:
            return today - timedelta(days=rng.randint(1, 150))
        length = max(1, (span["end"] - span["start"]).days)
        return span["start"] + timedelta(days=rng.randrange(length))

    pool = list(spans)
    agendas = [rng.sample(pool, rng.randint(1, 2)) for _ in range(count * COMMITTEES_PER_PROJECT)]
    committees = Committee.objects.bulk_create(
        Committee(
            date=committee_date(spans[agenda[0]]),
            kind=rng.choices(CommitteeKind.values, weights=[6, 3, 1])[0],
            attendees="Équipe de l'incubateur, sponsors",
        )
        for agenda in agendas
    )
    through, decisions = [], []
    for committee, agenda in zip(committees, agendas, strict=True):
        for project_id in agenda:
            through.append(Committee.projects.through(committee=committee, project_id=project_id))
            if committee.date <= today:
                outcome = rng.choices(Outcome.values, weights=[6, 1, 2, 1])[0]
                amount = Decimal(0) if outcome == Outcome.STOP else money(rng, 50_000, 300_000)
                decisions.append(
                    Decision(
                        committee=committee, project_id=project_id, outcome=outcome, amount=amount
                    )
                )
    Committee.projects.through.objects.bulk_create(through)
    decisions = Decision.objects.bulk_create(decisions)
    funding = [
        FundingLine(
            project_id=decision.project_id,
            source="Comité d'investissement",
            amount=decision.amount,
            start=decision.committee.date,
            decision=decision,
        )
        for decision in decisions
        if decision.amount > 0
    ]
    decided = defaultdict(Decimal)
    for decision in decisions:
        decided[decision.project_id] += decision.amount
    for project in projects:
        # The launch line tops up to what was spent plus a runway: months for most projects,
        # weeks (or an overspend) for a few.
        span = spans[project.pk]
        runway = rng.randint(-30, 60) if rng.random() < 0.08 else rng.randint(120, 500)
        target = span["spent"] + (0 if span["closed"] else span["recent"] * runway / 90)
        amount = max(Decimal(20_000), round((target - decided[project.pk]) / 100) * 100)
        funding.append(
            FundingLine(
                project=project,
                source="Convention de lancement",
                amount=amount,
                start=span["start"],
            )
        )
    FundingLine.objects.bulk_create(funding)
    return {"seconds": time.perf_counter() - started}


def volumes() -> dict[str, int]:
    from fabrique.portfolio.models import (
        Committee,
        Decision,
        Expense,
        FundingLine,
        MaturityReview,
        Phase,
        Project,
        TeamMember,
    )

    return {
        "projets": Project.objects.count(),
        "phases": Phase.objects.count(),
        "comités": Committee.objects.count(),
        "projets à l'ordre du jour": Committee.projects.through.objects.count(),
        "décisions": Decision.objects.count(),
        "lignes de financement": FundingLine.objects.count(),
        "dépenses": Expense.objects.count(),
        "membres d'équipe": TeamMember.objects.count(),
        "revues de maturité": MaturityReview.objects.count(),
    }


def reference_data() -> list:
    """Thematics, sponsors, and the accounts: one staff user who browses, eight managers."""
    from fabrique.accounts.models import Role, User
    from fabrique.portfolio.models import Organisation, Thematic

    names = (
        "Citoyenneté", "Mobilités", "Enfance", "Transition écologique", "Données ouvertes",
        "Finances locales", "Solidarités", "Espace public", "Participation", "Logement",
    )  # fmt: skip
    # ignore_conflicts: `make load` adds them to a database that has the demo's.
    Thematic.objects.bulk_create(
        [Thematic(name=name, slug=f"theme-{i}") for i, name in enumerate(names)],
        ignore_conflicts=True,
    )
    Organisation.objects.bulk_create(
        [
            Organisation(name=name, acronym=acronym)
            for name, acronym in (
                ("Agence nationale de la cohésion des territoires", "ANCT"),
                ("Direction interministérielle du numérique", "DINUM"),
                ("Banque des Territoires", ""),
                ("Agence de la transition écologique", "ADEME"),
                ("Région Bretagne", ""),
                ("Département de la Loire", ""),
            )
        ],
        ignore_conflicts=True,
    )
    User.objects.get_or_create(email="banc@fabrique.localhost", defaults={"role": Role.INCUBATOR})
    return [
        User.objects.get_or_create(
            email=f"charge{i}@fabrique.localhost",
            defaults={"role": Role.INCUBATOR, "first_name": "Chargé·e", "last_name": f"n° {i}"},
        )[0]
        for i in range(8)
    ]


# --- Measures ---------------------------------------------------------------------------


def client():
    from django.test import Client

    from fabrique.accounts.models import User

    browser = Client(HTTP_HOST=HOST)
    browser.force_login(User.objects.get(email="banc@fabrique.localhost"))
    return browser


def percentiles(values: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50": cuts[49], "p95": cuts[94], "max": max(values), "mean": statistics.fmean(values)}


def count_queries(browser) -> dict[str, dict]:
    """SQL queries and status of one request to each page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for label, url in PAGES.items():
        with CaptureQueriesContext(connection) as captured:
            response = browser.get(url)
        counts[label] = {"queries": len(captured), "status": response.status_code}
    return counts


def time_pages(browser) -> dict[str, dict]:
    results = {}
    for label, url in PAGES.items():
        for _ in range(WARMUP):
            browser.get(url)
        wall, cpu, statuses, size = [], [], set(), 0
        for _ in range(REPETITIONS):
            start, cpu_start = time.perf_counter(), time.thread_time()
            response = browser.get(url)
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.thread_time() - cpu_start) * 1000)
            statuses.add(response.status_code)
            size = len(response.content)
        results[label] = {
            "ms": percentiles(wall),
            "cpu_ms": percentiles(cpu),
            "statuses": sorted(statuses),
            "bytes": size,
        }
    return results


def check_export(browser) -> dict:
    """The XLSX opens and holds one row per project (plus the header)."""
    from io import BytesIO

    from openpyxl import load_workbook

    response = browser.get(PAGES[EXPORT])
    if response.status_code != 200:
        return {"status": response.status_code, "rows": None}
    sheet = load_workbook(BytesIO(response.content), read_only=True).active
    return {
        "status": 200,
        "content_type": response["Content-Type"],
        "rows": sum(1 for _ in sheet.iter_rows()),
    }


def median_ms(function, repetitions: int = 5) -> float:
    samples = []
    for _ in range(repetitions):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


# Functions timed inside a request, by the name the calling module looks them up with.
STEPS = (
    ("fabrique.portfolio.selectors", "portfolio", "sélecteur portfolio() : SQL, objets, résumés"),
    ("fabrique.portfolio.selectors", "dashboard", "sélecteur dashboard() : portfolio() + listes"),
    ("django.template.loader", "render_to_string", "rendu du gabarit"),
    ("fabrique.portfolio.exports", "report_rows", "export : lignes typées (report_rows)"),
    ("fabrique.portfolio.exports", "to_xlsx", "export : écriture openpyxl (to_xlsx)"),
)


@contextmanager
def timed_steps():
    """Time the STEPS while they run inside requests; yields {label: [ms per call]}."""
    import importlib

    spent, patched = defaultdict(float), []
    for module_name, attribute, label in STEPS:
        module = importlib.import_module(module_name)
        original = getattr(module, attribute, None)
        if original is None:
            continue

        def wrapper(*args, _original=original, _label=label, **kwargs):
            start = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[_label] += (time.perf_counter() - start) * 1000

        setattr(module, attribute, wrapper)
        patched.append((module, attribute, original))
    try:
        yield spent
    finally:
        for module, attribute, original in patched:
            setattr(module, attribute, original)


def breakdown(browser, repetitions: int = 5) -> dict[str, dict[str, float]]:
    """Per page, the median time of the whole request and of each step inside it (ms)."""
    pages = {}
    for label, url in PAGES.items():
        samples = defaultdict(list)
        for _ in range(repetitions):
            with timed_steps() as spent:
                start = time.perf_counter()
                browser.get(url)
                total = (time.perf_counter() - start) * 1000
            samples["requête complète"].append(total)
            for step, ms in spent.items():
                samples[step].append(ms)
        pages[label] = {step: statistics.median(values) for step, values in samples.items()}
    return pages


def what_if() -> dict[str, float]:
    """Direct measures that say where the SQL time goes (median of 5, ms)."""
    from django.db import connection
    from django.utils import timezone

    from fabrique.portfolio import selectors
    from fabrique.portfolio.selectors import PortfolioFilters

    today = timezone.localdate()
    everything = PortfolioFilters()
    construction = PortfolioFilters(phase="construction", sort="reste", descending=True)

    def raw_sql():
        query = selectors.filter_projects(selectors.annotated_projects(today), everything).query
        with connection.cursor() as cursor:
            cursor.execute(*query.sql_with_params())
            cursor.fetchall()

    def page(filters):
        return lambda: list(
            selectors.filter_projects(selectors.annotated_projects(today), filters)[:50]
        )

    rows = selectors.portfolio(everything, today)
    return {
        "SQL brute de la requête annotée (2 000 lignes, sans objets Python)": median_ms(raw_sql),
        "requête annotée + objets Project (list(annotated_projects()))": median_ms(
            lambda: list(selectors.annotated_projects(today))
        ),
        "résumés du tableau de bord (5 indicateurs × 2 000 lignes, en Python)": median_ms(
            lambda: [
                (
                    row.without_committee_for_6_months,
                    row.budget_ends_soon,
                    row.committee_overdue,
                    row.next_committee_due,
                    row.postmortem_missing,
                )
                for row in rows
            ]
        ),
        "piste : une page de 50 paginée en SQL, tri par nom": median_ms(page(everything)),
        "piste : une page de 50 paginée en SQL, construction triée par reste": median_ms(
            page(construction)
        ),
    }


def dashboard_lists() -> dict[str, int]:
    """How many projects each list of the dashboard holds (the page shows the first 20)."""
    from fabrique.portfolio import selectors
    from fabrique.portfolio.selectors import PortfolioFilters

    board = selectors.dashboard(PortfolioFilters())
    sizes = {heading: total for _, heading, _, total in board.sections(shown=0)}
    sizes["Post-mortems à rédiger"] = len(board.postmortems_missing)
    sizes["Historiques à vérifier"] = len(board.to_review)
    return sizes


def profile(browser, url: str, top: int = 10) -> list[dict]:
    """The project's own functions where one request spends most of its time (cProfile)."""
    profiler = cProfile.Profile()
    profiler.enable()
    browser.get(url)
    profiler.disable()
    rows = []
    for (filename, line, function), (_, calls, _, cumulative, _) in pstats.Stats(
        profiler
    ).stats.items():
        if f"{os.sep}fabrique{os.sep}" in filename or function == "render_to_string":
            short = "/".join(Path(filename).parts[-2:])
            rows.append(
                {"function": f"{short}:{line}({function})", "calls": calls, "ms": cumulative * 1000}
            )
    rows.sort(key=lambda row: row["ms"], reverse=True)
    return rows[:top]


# --- Report -----------------------------------------------------------------------------


def build_rows(timings, small_counts, large_counts, export_check) -> list[dict]:
    rows = []

    def add(label, value, budget="—", state="—"):
        rows.append({"mesure": label, "valeur": value, "budget": budget, "statut": state})

    for label in PAGES:
        figures = timings[label]
        if label == EXPORT:
            budget_ms, budget_text = EXPORT_BUDGET_S * 1000, f"≤ {number(EXPORT_BUDGET_S)} s"
        else:
            budget_ms, budget_text = PAGE_BUDGET_MS, f"≤ {number(PAGE_BUDGET_MS)} ms"
        ok_status = figures["statuses"] == [200]
        add(f"{label}, p50", f"{number(figures['ms']['p50'], 1)} ms")
        add(
            f"{label}, p95",
            f"{number(figures['ms']['p95'], 1)} ms",
            budget_text,
            status(figures["ms"]["p95"] <= budget_ms),
        )
        add(
            f"{label}, réponses HTTP",
            ", ".join(str(code) for code in figures["statuses"]),
            "200",
            status(ok_status, "ÉCART"),
        )
        small, large = small_counts[label]["queries"], large_counts[label]["queries"]
        add(
            f"{label}, requêtes SQL ({number(SMALL)} → {number(LARGE)} projets)",
            f"{small} → {large}",
            "constant",
            status(large <= small, "CROISSANT"),
        )
    rows_expected = LARGE + 1
    add(
        "export XLSX : lignes du fichier (en-tête compris)",
        number(export_check["rows"]) if export_check["rows"] is not None else "—",
        f"= {number(rows_expected)}",
        status(export_check["rows"] == rows_expected, "ÉCART"),
    )
    return rows


def main() -> int:
    wall_start = time.perf_counter()
    load_at_start = os.getloadavg()[0]
    setup_django(DB_PATH)
    from django.utils import timezone

    from fabrique.core.runtime import settle_heap

    today = timezone.localdate()
    rng = random.Random(SEED)
    managers = reference_data()

    spans = {}
    generation = {"small": generate(rng, today, 1, SMALL, managers, spans)}
    small_volumes = volumes()
    browser = client()
    for url in PAGES.values():  # warm the caches (templates, URL resolver) before counting
        browser.get(url)
    small_counts = count_queries(browser)

    generation["large"] = generate(rng, today, SMALL + 1, LARGE - SMALL, managers, spans)
    large_volumes = volumes()
    large_counts = count_queries(browser)
    settle_heap()  # as a gunicorn worker once started (config/gunicorn.conf.py)
    timings = time_pages(browser)
    export_check = check_export(browser)
    pieces = breakdown(browser)
    directs = what_if()
    lists = dashboard_lists()
    slow = [
        label
        for label, figures in timings.items()
        if figures["ms"]["p95"] > (EXPORT_BUDGET_S * 1000 if label == EXPORT else PAGE_BUDGET_MS)
    ]
    profiles = {label: profile(browser, PAGES[label]) for label in slow}

    rows = build_rows(timings, small_counts, large_counts, export_check)
    machine = machine_info(load_at_start)
    exceeded = [row["mesure"] for row in rows if row["statut"] not in {"OK", "—"}]

    print("Banc d'essai du portefeuille")
    print(
        f"Machine : {machine['cpu_count']} CPU, Python {machine['python']}, "
        f"SQLite {machine['sqlite']}, Django {machine['django']}, {machine['platform']} ; "
        f"charge moyenne (1 min) {number(machine['load_average_start'], 2)} au départ, "
        f"{number(machine['load_average_end'], 2)} à la fin"
    )
    print(
        f"Données générées (graine {SEED}) : "
        + ", ".join(f"{number(value)} {key}" for key, value in large_volumes.items())
        + f" ; en {number(generation['small']['seconds'] + generation['large']['seconds'], 1)} s"
        f" ; base : {DB_PATH.relative_to(ROOT)}"
    )
    print(
        f"Mesures côté serveur (django.test.Client, compte de l'incubateur) : {REPETITIONS} "
        f"requêtes par page après {WARMUP} de chauffe"
    )
    print()
    headers = ["mesure", "valeur", "budget", "statut"]
    print(table(headers, [[row[h] for h in headers] for row in rows], right=frozenset({1})))
    print()
    print(
        "Temps CPU (peu sensible à la charge de la machine), p50 / p95, et taille de la réponse :"
    )
    for label, figures in timings.items():
        cpu = figures["cpu_ms"]
        print(
            f"  {label} : {number(cpu['p50'], 1)} / {number(cpu['p95'], 1)} ms, "
            f"{number(figures['bytes'] / 1024)} Ko"
        )
    print(
        "Lignes des listes du tableau de bord : "
        + " ; ".join(f"{heading} {number(count)}" for heading, count in lists.items())
    )
    print()
    print(f"Où va le temps, à {number(LARGE)} projets (médiane de 5 requêtes, ms)")
    steps = ["requête complète", *(label for _, _, label in STEPS)]
    print(
        table(
            ["étape", *SHORT.values()],
            [
                [step, *(number(pieces[page][step], 1) if step in pieces[page] else "—"
                         for page in PAGES)]
                for step in steps
            ],
            right=frozenset(range(1, len(PAGES) + 1)),
        )
    )  # fmt: skip
    print("(les étapes s'emboîtent : dashboard() contient portfolio(), le gabarit ses balises)")
    print()
    print("Mesures directes, hors HTTP (médiane de 5, ms)")
    print(
        table(
            ["mesure", "ms"],
            [[label, number(ms, 1)] for label, ms in directs.items()],
            right=frozenset({1}),
        )
    )
    for label, rows_profile in profiles.items():
        print()
        print(f"Profil d'une requête hors budget — {label} (cProfile, temps cumulés)")
        print(
            table(
                ["fonction", "appels", "ms"],
                [[r["function"], number(r["calls"]), number(r["ms"], 1)] for r in rows_profile],
                right=frozenset({1, 2}),
            )
        )
    print()
    busiest = max(machine["load_average_start"], machine["load_average_end"])
    if busiest > (machine["cpu_count"] or 1) / 2:
        print(
            f"Note : machine chargée (charge {number(busiest, 2)} pour {machine['cpu_count']} "
            "CPU) : les durées sont bruitées ; le temps CPU l'est moins."
        )
    if exceeded:
        print(f"ATTENTION : {len(exceeded)} mesure(s) hors budget : {' ; '.join(exceeded)}.")
    else:
        print("Tous les budgets sont respectés.")

    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine,
        "database": str(DB_PATH),
        "seed": SEED,
        "repetitions": REPETITIONS,
        "warmup": WARMUP,
        "volumes": {"small": small_volumes, "large": large_volumes},
        "generation_seconds": generation,
        "pages": PAGES,
        "timings": timings,
        "sql_queries": {"small": small_counts, "large": large_counts},
        "export_check": export_check,
        "breakdown_ms": pieces,
        "direct_ms": directs,
        "dashboard_lists": lists,
        "profiles": profiles,
        "budgets": {"page_p95_ms": PAGE_BUDGET_MS, "export_p95_s": EXPORT_BUDGET_S},
        "table": rows,
        "exceeded": exceeded,
        "total_seconds": time.perf_counter() - wall_start,
    }
    RESULTS_PATH.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    print(f"Résultats écrits dans {RESULTS_PATH.relative_to(ROOT)}.")

    from django.db import connection

    connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
