"""Reproducible performance figures for the accompagnement sur-mesure (`make bench`).

On its own SQLite file (var/bench/diagnostics.sqlite3): the reference territories are
imported, then 1,000 missions of 10 needs are imported as JSON documents (budget 30 s), 4,000
more are bulk-created (5,000 missions, 50,000 needs); measured server-side through
`django.test.Client` as a team account: the team's list of missions (p95 ≤ 150 ms, SQL
queries counted), a mission page with 40 needs and 120 candidate solutions (p95 ≤ 100 ms),
the national view and the follow-ups to do (p95 ≤ 150 ms), the PDF deliverable of that
mission (≤ 3 s) and its ODT (≤ 1 s). Prints a table in French and writes
var/bench/diagnostics.json. The exit code is 0 even when a budget is exceeded.
"""

import json
import os
import random
import sys
import time
from pathlib import Path

from run import machine_info, number, setup_django, status, table, time_get

ROOT = Path(__file__).resolve().parent.parent
DB_PATH = ROOT / "var" / "bench" / "diagnostics.sqlite3"
RESULTS_PATH = ROOT / "var" / "bench" / "diagnostics.json"
IMPORTED, TOTAL, NEEDS, BIG_NEEDS, CANDIDATES = 1_000, 5_000, 10, 40, 3
REPETITIONS = 30
THEMES = ["site-internet", "messagerie", "demarches-en-ligne", "donnees-ouvertes", "equipement"]


def scores(rng):
    return {key: rng.randint(0, 3) for key in ("importance", "population", "urgence",
                                                "faisabilite", "cout")}  # fmt: skip


def main() -> int:
    load = os.getloadavg()[0]
    setup_django(DB_PATH)
    from django.test import Client

    from fabrique.accounts.models import Role, User
    from fabrique.catalogue.models import Solution
    from fabrique.diagnostics.exports import deliverable_odt, deliverable_pdf
    from fabrique.diagnostics.importers import import_documents
    from fabrique.diagnostics.models import Candidate, CriteriaGrid, Lead, Mission, Need
    from fabrique.territories.models import Commune
    from fabrique.territories.services import import_territories

    import_territories()
    rng = random.Random(2026)
    coach = User.objects.create_user("coach@bench.localhost", "x", role=Role.COACH)
    team = User.objects.create_user("equipe@bench.localhost", "x", role=Role.INCUBATOR)
    communes = list(
        Commune.objects.filter(population__lt=3500)
        .order_by("insee")
        .values_list("insee", flat=True)[:TOTAL]
    )
    documents = [
        {
            "collectivite": communes[index], "status": "en cours", "consultant": coach.email,
            "start": "2026-09-01", "hopes": "Un site, une messagerie, des démarches en ligne.",
            "needs": [{"title": f"Besoin {n}", "theme": rng.choice(THEMES), "scores": scores(rng)}
                      for n in range(NEEDS)],
        }
        for index in range(IMPORTED)
    ]  # fmt: skip
    began = time.perf_counter()
    import_documents(documents)
    import_s = time.perf_counter() - began
    grid = CriteriaGrid.default()
    template = Mission.objects.first()
    Mission.objects.bulk_create(
        [
            Mission(commune_id=template.commune_id, hopes="x", status="en-cours", eligible=True,
                    eligibility_reason=template.eligibility_reason, rule=template.rule, grid=grid,
                    consultant=coach, requested_on=template.requested_on, start=template.start,
                    planned_end=template.planned_end)
            for _ in range(TOTAL - IMPORTED)
        ],
        batch_size=1000,
    )  # fmt: skip
    Need.objects.bulk_create(
        [Need(mission=mission, title=f"Besoin {n}", theme=rng.choice(THEMES), scores=scores(rng))
         for mission in Mission.objects.filter(needs__isnull=True) for n in range(NEEDS)],
        batch_size=5000,
    )  # fmt: skip
    big = Mission.objects.order_by("pk").first()
    Need.objects.bulk_create(
        [Need(mission=big, title=f"Besoin en plus {n}", theme="autre", scores=scores(rng))
         for n in range(BIG_NEEDS - NEEDS)]
    )  # fmt: skip
    solutions = Solution.objects.bulk_create(
        [Solution(name=f"Solution {n}", slug=f"solution-banc-{n}", origin="marche",
                  cost_model="abonnement", licence="MIT" if n % 2 else "")
         for n in range(20)]
    )  # fmt: skip
    candidates = Candidate.objects.bulk_create(
        [Candidate(need=need, solution=solutions[(need.pk + c) % 20] if c else None,
                   name=f"Offre {c}", technical=rng.randint(0, 3), economic=rng.randint(0, 3),
                   human=rng.randint(0, 3), technical_note="Note technique", cost_per_year=120,
                   recommended=c == 0, choice_criteria="Critères" if c == 0 else "")
         for need in big.needs.all() for c in range(CANDIDATES)]
    )  # fmt: skip
    Lead.objects.bulk_create(
        [Lead(candidate=candidate, kind=kind, key=f"{kind}:{candidate.pk}", name=f"Piste {kind}",
              reasons=["ouvert aux communes"])
         for candidate in candidates if candidate.recommended
         for kind in ("financement", "partenaire")]
    )  # fmt: skip
    client = Client(HTTP_HOST="localhost")
    client.force_login(team)
    rows = [[f"import de {number(IMPORTED)} missions (JSON)", f"{number(import_s, 1)} s",
             "≤ 30 s", "—", status(import_s <= 30)]]  # fmt: skip
    results = {"import_s": import_s}
    for label, url, budget in (
        (f"liste de l'équipe ({number(TOTAL)} missions)", "/sur-mesure/", 150),
        (f"liste filtrée ({number(TOTAL)} missions)", "/sur-mesure/?status=en-cours", 150),
        (f"page d'une mission ({BIG_NEEDS} besoins, {BIG_NEEDS * CANDIDATES} solutions comparées)",
         f"/sur-mesure/missions/{big.pk}/", 100),
        (f"vue nationale ({number(TOTAL)} missions)", "/sur-mesure/vue-nationale/", 150),
        (f"suivis à faire ({number(TOTAL)} missions)", "/sur-mesure/suivis/", 150),
    ):  # fmt: skip
        cuts, queries = time_get(client, url, REPETITIONS)
        results[label] = {**cuts, "queries": queries}
        value = f"p50 {number(cuts['p50'], 1)} ms · p95 {number(cuts['p95'], 1)} ms"
        rows.append(
            [label, value, f"p95 ≤ {budget} ms", str(queries), status(cuts["p95"] <= budget)]
        )
    deliverable_pdf(big)  # WeasyPrint's first import and fonts
    documents = (("livrable PDF", deliverable_pdf, 3.0), ("livrable ODT", deliverable_odt, 1.0))
    for label, render, budget in documents:
        began = time.perf_counter()
        render(big)
        seconds = time.perf_counter() - began
        results[label] = seconds
        rows.append([f"{label} ({BIG_NEEDS} besoins, {BIG_NEEDS * CANDIDATES} solutions)",
                     f"{number(seconds, 2)} s",
                     f"≤ {number(budget)} s", "—", status(seconds <= budget)])  # fmt: skip
    print(f"Accompagnement sur-mesure — {number(TOTAL)} missions, {number(TOTAL * NEEDS)} besoins")
    print(table(["mesure", "valeur", "budget", "requêtes SQL", "statut"], rows))
    results["machine"] = machine_info(load)
    RESULTS_PATH.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
