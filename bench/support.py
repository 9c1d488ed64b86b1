"""Reproducible performance figures for the support offer (`make bench`).

Works on its own SQLite file, var/bench/support.sqlite3, rebuilt from scratch on every run: the
developer's database is never opened. Generates with `bulk_create` 40 formats, 10,000 sessions
(past and future, 50 trainers) and 100,000 registrations (2,000 people), then a person with 500
sessions in their calendar, and 5,000 knowledge pages. Measures, server-side through
`django.test.Client` (no network), after a warm-up:

- the public offer page `/accompagnement/` and the coach's view `/accompagnement/tableau/`
  (p95 ≤ 100 ms, SQL queries counted: constant);
- a person's iCalendar feed with 500 events (≤ 100 ms);
- the knowledge base search `/connaissances/?q=…` over 5,000 pages (p95 ≤ 50 ms).

Prints a table in French and writes the same figures to var/bench/support.json. The exit code is
0 even when a budget is exceeded: the table says so.
"""

import json
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from run import machine_info, number, percentiles, setup_django, status, table

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DB_PATH = BENCH_DIR / "support.sqlite3"
RESULTS_PATH = BENCH_DIR / "support.json"

SEED = 2026
HOST = "localhost"
FORMATS, SESSIONS, REGISTRATIONS, PEOPLE, TRAINERS, PAGES = 40, 10_000, 100_000, 2_000, 50, 5_000
FEED_EVENTS = 500
REQUESTS, WARMUP = 200, 10
PAGE_BUDGET_MS, FEED_BUDGET_MS, SEARCH_BUDGET_MS = 100.0, 100.0, 50.0
WORDS = (
    "impact mesure accessibilité données ouvertes sécurité déploiement produit usagers "
    "entretiens prototype indicateurs tableau de bord RGAA audit hébergement code source "
    "licence publication élus agents atelier formation méthode modèle retour expérience "
    "collectivité commune intercommunalité budget marché commande livrable évaluation"
).split()


def build(rng: random.Random) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from fabrique.accounts.models import Role, User
    from fabrique.core.text import folded_words
    from fabrique.support.models import KnowledgePage, Registration, Session, SupportFormat
    from fabrique.support.vocabulary import Theme

    password = make_password(None)  # unusable: the client logs in with force_login
    trainers = User.objects.bulk_create(
        User(email=f"coach{i}@bench.localhost", role=Role.COACH, password=password)
        for i in range(TRAINERS)
    )
    people = User.objects.bulk_create(
        User(email=f"personne{i}@bench.localhost", role=Role.AGENT, password=password)
        for i in range(PEOPLE)
    )
    themes = list(Theme.values)
    formats = SupportFormat.objects.bulk_create(
        SupportFormat(
            kind=rng.choice(["atelier", "formation"]),
            title=f"Format {i} " + " ".join(rng.sample(WORDS, 3)),
            theme=themes[i % len(themes)],
            audience="tous",
        )
        for i in range(FORMATS)
    )
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    sessions = []
    for _ in range(SESSIONS):
        start = now + timedelta(hours=rng.randint(-24 * 365, 24 * 365))
        sessions.append(
            Session(
                format=rng.choice(formats),
                start=start,
                end=start + timedelta(hours=3),
                trainer=rng.choice(trainers),
                capacity=20,
                registered_count=10,
                place="Salle",
            )
        )
    sessions = Session.objects.bulk_create(sessions, batch_size=2000)
    feed_person = people[0]
    pairs = {(s.pk, feed_person.pk) for s in rng.sample(sessions, FEED_EVENTS)}
    while len(pairs) < REGISTRATIONS:
        pairs.add((rng.choice(sessions).pk, rng.choice(people[1:]).pk))
    Registration.objects.bulk_create(
        (Registration(session_id=s, user_id=u, status="inscrit") for s, u in pairs),
        batch_size=5000,
    )
    pages = []
    for i in range(PAGES):
        title = f"Page {i} " + " ".join(rng.sample(WORDS, 4))
        body = " ".join(rng.choice(WORDS) for _ in range(120))
        pages.append(
            KnowledgePage(
                title=title,
                slug=f"page-{i}",
                theme=rng.choice(themes),
                body=body,
                is_public=i % 3 != 0,
                search_text=folded_words(title, body, max_chars=None),
            )
        )
    KnowledgePage.objects.bulk_create(pages, batch_size=1000)
    return {"trainer": trainers[0], "feed_person": feed_person}


def count_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url, HTTP_HOST=HOST)
    return len(queries.captured_queries)


def measure(client, url: str, count: int) -> dict:
    for _ in range(WARMUP):
        response = client.get(url, HTTP_HOST=HOST)
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        client.get(url, HTTP_HOST=HOST)
        timings.append((time.perf_counter() - started) * 1000)
    return {**percentiles(timings), "queries": count_queries(client, url)}


def main() -> None:
    load = os.getloadavg()[0]
    setup_django(DB_PATH)
    from django.core import signing
    from django.test import Client
    from django.urls import reverse

    from fabrique.support.views.sessions import FEED_SALT

    rng = random.Random(SEED)
    started = time.perf_counter()
    made = build(rng)
    build_s = time.perf_counter() - started

    anonymous = Client()
    coach = Client()
    coach.force_login(made["trainer"])
    token = signing.dumps(made["feed_person"].pk, salt=FEED_SALT, compress=True)
    results = {
        "offre (anonyme)": (measure(anonymous, reverse("support:offer"), REQUESTS), PAGE_BUDGET_MS),
        "offre (coach)": (measure(coach, reverse("support:offer"), REQUESTS), PAGE_BUDGET_MS),
        "tableau du coach": (measure(coach, reverse("support:coach"), REQUESTS), PAGE_BUDGET_MS),
        f"agenda .ics ({FEED_EVENTS} évènements)": (
            measure(anonymous, reverse("support:feed", args=[token]), 50),
            FEED_BUDGET_MS,
        ),
    }
    search = []
    queries = [" ".join(rng.sample(WORDS, rng.randint(1, 2))) for _ in range(REQUESTS)]
    for query in queries[:WARMUP]:
        anonymous.get(reverse("support:knowledge"), {"q": query}, HTTP_HOST=HOST)
    for query in queries:
        t0 = time.perf_counter()
        anonymous.get(reverse("support:knowledge"), {"q": query}, HTTP_HOST=HOST)
        search.append((time.perf_counter() - t0) * 1000)
    results[f"recherche ({number(PAGES)} pages)"] = (
        {**percentiles(search), "queries": count_queries(
            anonymous, reverse("support:knowledge") + "?q=impact"
        )},
        SEARCH_BUDGET_MS,
    )  # fmt: skip

    rows, out, over = [], {}, False
    for label, (figures, budget) in results.items():
        ok = figures["p95"] <= budget
        over |= not ok
        rows.append(
            [
                label,
                number(figures["p50"], 1),
                number(figures["p95"], 1),
                number(figures["max"], 1),
                str(figures["queries"]),
                number(budget),
                status(ok),
            ]
        )
        out[label] = {**figures, "budget_ms": budget, "ok": ok}
    print(
        f"Offre d'accompagnement : {number(SESSIONS)} sessions, {number(REGISTRATIONS)} "
        f"inscriptions, {number(PAGES)} pages (données générées en {number(build_s, 1)} s)"
    )
    print(
        table(
            ["mesure", "p50 ms", "p95 ms", "max ms", "requêtes SQL", "budget ms", "état"],
            rows,
            right=frozenset({1, 2, 3, 4, 5}),
        )
    )
    if over:
        print("ATTENTION : au moins un budget est dépassé.")
    RESULTS_PATH.write_text(
        json.dumps(
            {
                "date": datetime.now(UTC).isoformat(),
                "machine": machine_info(load),
                "results": out,
            },
            ensure_ascii=False,
            indent=2,
        )
    )


if __name__ == "__main__":
    sys.exit(main())
