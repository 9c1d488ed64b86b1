"""Reproducible performance figures for recruitment (`make bench`).

On its own SQLite file (var/bench/recruitment.sqlite3, rebuilt each run): writes 5,000 offer
files in the Incubateur des Territoires and beta.gouv.fr formats to a temporary folder and times
`import_offer_files` on them (budget 20 s); then measures, server-side through
`django.test.Client`, the public job board (5,000 offers, first page and a search, p95 ≤ 50 ms)
and the team's pipeline with 50,000 applications (the list of applications and the board of an
offer with 500 of them, p95 ≤ 150 ms), with their SQL query counts. Prints a table in French and
writes var/bench/recruitment.json. The exit code is 0 even when a budget is exceeded.
"""

import json
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from run import machine_info, number, setup_django, status, table, time_get

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DB_PATH = BENCH_DIR / "recruitment.sqlite3"
RESULTS_PATH = BENCH_DIR / "recruitment.json"
SEED = 2026
OFFERS = 5_000
APPLICATIONS = 50_000
BIG_OFFER_APPLICATIONS = 500
REPETITIONS = 30
IMPORT_BUDGET_S = 20.0
BOARD_BUDGET_MS = 50.0
PIPELINE_BUDGET_MS = 150.0
ROLES = ("Développeur·se", "Designer", "Chargé·e de déploiement", "Product manager", "Coach")
TEAMS = ("Aidants Connect", "Incubateur des Territoires", "Bases Adresses Locales", "Mon Suivi")
CONTRACTS = ("indépendant", "préstataire", "indépendant/freelance", "contractuel (CDD)", "stage")


def write_files(folder: Path, rng: random.Random) -> None:
    start = date(2020, 1, 1)
    for index in range(OFFERS):
        opened = start + timedelta(days=rng.randrange(2400))
        role, team = rng.choice(ROLES), rng.choice(TEAMS)
        if index % 2:
            header = (
                f"role: {role}\nequipe: {team}\ncontrat: {rng.choice(CONTRACTS)}\n"
                f"post_ouvert: {opened.isoformat()}\n"
                f"poste_ferme: {(opened + timedelta(days=40)).isoformat()}T12:00:00.000Z\n"
                f"status: {'open' if index % 3 else 'closed'}\nposte_pourvu: false\n"
            )
        else:
            header = (
                f"title: {role} pour {team}\nroles: {role}\n"
                f"open: {'true' if index % 3 else 'false'}\n"
                f"date: {opened.isoformat()}T10:00:00.000Z\n"
                f"junior: {str(index % 5 == 0).lower()}\n"
                f"contrat: {rng.choice(CONTRACTS)}\nequipe: {team}\n"
            )
        body = "\n\n".join(
            f"## Partie {n}\n\n" + "Une mission de service public. " * 20 for n in range(4)
        )
        (folder / f"{opened.isoformat()}-offre-{index}.md").write_text(
            f"---\n{header}---\n\n{body}\n"
        )


def main() -> None:
    import os

    load = os.getloadavg()[0]
    setup_django(DB_PATH)
    from django.test import Client
    from django.utils import timezone

    from fabrique.accounts.models import Role, User
    from fabrique.recruitment.importers import import_offer_files
    from fabrique.recruitment.models import Application, JobOffer
    from fabrique.recruitment.vocabulary import Stage

    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as folder:
        write_files(Path(folder), rng)
        began = time.perf_counter()
        report = import_offer_files([folder])
        import_s = time.perf_counter() - began
    offers = list(JobOffer.objects.values_list("pk", flat=True))
    big = offers[0]
    JobOffer.objects.filter(pk=big).update(
        status="publiee", opens_on=timezone.localdate(), closes_on=None
    )
    now = timezone.now()
    stages = list(Stage.values)
    batch = []
    for index in range(APPLICATIONS):
        offer = big if index < BIG_OFFER_APPLICATIONS else rng.choice(offers)
        batch.append(
            Application(
                offer_id=offer, name=f"Personne {index}", email=f"p{index % 40_000}@example.org",
                message="Bonjour.", consent_at=now, stage=rng.choice(stages),
                stage_changed_at=now - timedelta(days=rng.randrange(60)),
            )
        )  # fmt: skip
    Application.objects.bulk_create(batch, batch_size=5_000)
    staff = User.objects.create_user("equipe@bench.localhost", "x", role=Role.INCUBATOR)
    anonymous, team = Client(HTTP_HOST="localhost"), Client(HTTP_HOST="localhost")
    team.force_login(staff)
    slug = JobOffer.objects.get(pk=big).slug
    search = "/recrutement/?q=developpeur&contract=independant"
    pipeline = f"/recrutement/offres/{slug}/candidatures/"
    measures = [
        ("tableau des offres, 1re page", anonymous, "/recrutement/", BOARD_BUDGET_MS),
        ("tableau des offres, recherche", anonymous, search, BOARD_BUDGET_MS),
        ("candidatures de l'équipe", team, "/recrutement/candidatures/", PIPELINE_BUDGET_MS),
        ("pipeline d'une offre (500 candidatures)", team, pipeline, PIPELINE_BUDGET_MS),
    ]
    rows = [
        [
            f"import de {number(OFFERS)} fichiers",
            f"{number(import_s, 1)} s ({report.imported} importés)",
            f"≤ {number(IMPORT_BUDGET_S)} s",
            "—",
            status(import_s <= IMPORT_BUDGET_S and report.imported == OFFERS),
        ]
    ]
    results = {"import_s": import_s, "imported": report.imported, "pages": {}}
    for label, client, url, budget in measures:
        cuts, queries = time_get(client, url, REPETITIONS)
        results["pages"][label] = {**cuts, "queries": queries}
        rows.append(
            [
                label,
                f"p50 {number(cuts['p50'], 1)} ms · p95 {number(cuts['p95'], 1)} ms",
                f"p95 ≤ {number(budget)} ms",
                str(queries),
                status(cuts["p95"] <= budget),
            ]
        )
    print("Recrutement —", f"{number(OFFERS)} offres, {number(APPLICATIONS)} candidatures")
    print(table(["mesure", "valeur", "budget", "requêtes SQL", "statut"], rows))
    results["machine"] = machine_info(load)
    RESULTS_PATH.write_text(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
