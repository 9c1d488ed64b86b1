"""Reproducible performance figures for personal data (`make bench`).

On its own SQLite file (var/bench/personal_data.sqlite3, rebuilt each run): 10,000 accounts,
2,000 projects with 8,000 team lines, 50,000 applications, 20,000 session registrations and
100,000 security events, with their history rows. Then, for 10 people drawn deterministically,
times the download of « mes données » through the page (p95 ≤ 500 ms) and the erasure with
`person_erase` (each app's own erasure, then the sweep of every text column of every table;
budget 15 s per person, a rare operation run by an administrator), and the dry run shown on
the confirmation page. Prints a table in French and writes var/bench/personal_data.json. The
exit code is 0 even when a budget is exceeded.
"""

import json
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from run import machine_info, number, setup_django, status, table

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DB_PATH = BENCH_DIR / "personal_data.sqlite3"
RESULTS_PATH = BENCH_DIR / "personal_data.json"
SEED = 2026
USERS = 10_000
PROJECTS = 2_000
TEAM_LINES = 8_000
OFFERS = 500
APPLICATIONS = 50_000
SESSIONS = 200
REGISTRATIONS = 20_000
EVENTS = 100_000
PEOPLE = 10
EXPORT_BUDGET_MS = 500.0
ERASE_BUDGET_S = 15.0
FIRST_NAMES = ("Camille", "Dominique", "Sacha", "Alix", "Lou", "Claude", "Maxime", "Noa")
LAST_NAMES = ("Martin", "Bernard", "Durand", "Petit", "Robert", "Richard", "Moreau", "Laurent")


def generate(rng: random.Random) -> list:
    from django.utils import timezone
    from simple_history.utils import bulk_create_with_history

    from fabrique.accounts.models import Role, SecurityEvent, SecurityEventKind, User
    from fabrique.portfolio.models import Project, TeamMember
    from fabrique.portfolio.vocabulary import ProjectKind, TeamRole
    from fabrique.recruitment.models import Application, JobOffer
    from fabrique.support.models import Registration, Session, SupportFormat

    now = timezone.now()
    users = User.objects.bulk_create(
        User(
            email=f"personne{index}@exemple.gouv.fr",
            first_name=f"{rng.choice(FIRST_NAMES)}{index}",
            last_name=rng.choice(LAST_NAMES),
            role=Role.AGENT,
            password="!",  # noqa: S106 - an unusable password, as Django writes it
        )
        for index in range(USERS)
    )
    projects = Project.objects.bulk_create(
        Project(name=f"Projet {index}", slug=f"projet-{index}", kind=ProjectKind.values[0])
        for index in range(PROJECTS)
    )
    bulk_create_with_history(
        [
            TeamMember(
                project=rng.choice(projects),
                user=user,
                full_name=user.get_full_name(),
                role=rng.choice(TeamRole.values),
                start=date(2025, 1, 1) + timedelta(days=rng.randrange(365)),
            )
            for user in rng.choices(users, k=TEAM_LINES)
        ],
        TeamMember,
        batch_size=2000,
    )
    offers = JobOffer.objects.bulk_create(
        JobOffer(slug=f"offre-{index}", title=f"Offre {index}") for index in range(OFFERS)
    )
    applications = []
    for index in range(APPLICATIONS):
        # One application in ten comes from an account holder.
        user = users[index % USERS] if index % 10 == 0 else None
        name = user.get_full_name() if user else f"Candidat·e {index}"
        email = user.email if user else f"candidat{index}@exemple.org"
        applications.append(
            Application(
                offer=rng.choice(offers),
                name=name,
                email=email,
                message=f"Bonjour, je suis {name}. " * 5,
                consent_at=now,
                stage_changed_at=now,
            )
        )
    bulk_create_with_history(applications, Application, batch_size=2000)
    format_ = SupportFormat.objects.create(
        kind="atelier", title="Atelier", theme="impact", audience="equipes"
    )
    sessions = Session.objects.bulk_create(
        Session(
            format=format_,
            start=now + timedelta(days=index),
            end=now + timedelta(days=index, hours=2),
            capacity=200,
        )
        for index in range(SESSIONS)
    )
    pairs = set()
    while len(pairs) < REGISTRATIONS:
        pairs.add((rng.randrange(SESSIONS), rng.randrange(USERS)))
    bulk_create_with_history(
        [
            Registration(
                session=sessions[session],
                user=users[user],
                score=rng.randint(1, 5),
                comment=f"Merci ({users[user].get_full_name()})",
            )
            for session, user in sorted(pairs)
        ],
        Registration,
        batch_size=2000,
    )
    SecurityEvent.objects.bulk_create(
        (
            SecurityEvent(kind=SecurityEventKind.LOGIN, user=user, email=user.email)
            for user in rng.choices(users, k=EVENTS)
        ),
        batch_size=5000,
    )
    return rng.sample(users, PEOPLE)


def time_exports(people) -> list[float]:
    from django.test import Client
    from django.urls import reverse

    from fabrique.accounts.models import User

    client = Client(HTTP_HOST="localhost")
    # One request first, unmeasured: URL resolver, templates and middleware are loaded lazily.
    client.force_login(User.objects.exclude(pk__in=[user.pk for user in people]).first())
    client.get(reverse("accounts:personal-data-export"))
    timings = []
    for user in people:
        client.force_login(user)
        start = time.perf_counter()
        response = client.get(reverse("accounts:personal-data-export"))
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    return timings


def time_erasures(people) -> tuple[list[float], list[float], dict]:
    from fabrique.accounts.services import person_erase

    previews, erasures, last = [], [], {}
    for user in people:
        start = time.perf_counter()
        person_erase(user=user, dry_run=True)
        previews.append(time.perf_counter() - start)
        start = time.perf_counter()
        report = person_erase(user=user)
        erasures.append(time.perf_counter() - start)
        last = {"apps": report.apps, "mentions": report.mentions}
    return previews, erasures, last


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def main() -> None:
    load = os.getloadavg()[0]
    setup_django(DB_PATH)
    rng = random.Random(SEED)
    start = time.perf_counter()
    people = generate(rng)
    generated = time.perf_counter() - start
    exports = time_exports(people)
    previews, erasures, last = time_erasures(people)
    results = {
        "volumes": {
            "comptes": USERS,
            "lignes d'équipe": TEAM_LINES,
            "candidatures": APPLICATIONS,
            "inscriptions": REGISTRATIONS,
            "événements de sécurité": EVENTS,
        },
        "generation_s": generated,
        "export_ms": {"p50": statistics.median(exports), "p95": p95(exports)},
        "dry_run_s": {"p50": statistics.median(previews), "max": max(previews)},
        "erase_s": {"p50": statistics.median(erasures), "max": max(erasures)},
        "last_erasure": last,
        "machine": machine_info(load),
    }
    rows = [
        [
            "Téléchargement « mes données » (page)",
            f"p50 {number(results['export_ms']['p50'])} ms",
            f"p95 {number(results['export_ms']['p95'])} ms",
            f"≤ {number(EXPORT_BUDGET_MS)} ms",
            status(results["export_ms"]["p95"] <= EXPORT_BUDGET_MS),
        ],
        [
            "Effacement à blanc (page de confirmation)",
            f"p50 {number(results['dry_run_s']['p50'], 2)} s",
            f"max {number(results['dry_run_s']['max'], 2)} s",
            f"≤ {number(ERASE_BUDGET_S)} s",
            status(results["dry_run_s"]["max"] <= ERASE_BUDGET_S),
        ],
        [
            "Effacement d'une personne",
            f"p50 {number(results['erase_s']['p50'], 2)} s",
            f"max {number(results['erase_s']['max'], 2)} s",
            f"≤ {number(ERASE_BUDGET_S)} s",
            status(results["erase_s"]["max"] <= ERASE_BUDGET_S),
        ],
    ]
    print(
        f"Données personnelles — {number(USERS)} comptes, {number(APPLICATIONS)} candidatures, "
        f"{number(REGISTRATIONS)} inscriptions, {number(EVENTS)} événements de sécurité "
        f"(générés en {number(generated, 1)} s), {PEOPLE} personnes"
    )
    print(table(["Mesure", "Médiane", "Pire", "Budget", "État"], rows))
    print(f"Dernier effacement : {json.dumps(last, ensure_ascii=False)}")
    RESULTS_PATH.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
