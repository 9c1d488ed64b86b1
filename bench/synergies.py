"""Reproducible scale figures for the similarity engine, fabrique/synergies (`make bench`).

Builds its own corpus: 100,000 French project titles and descriptions of local governments,
generated deterministically (seed 2026) from a vocabulary written below, so that a fresh clone
can run it. Measures, each in its own process (so that the peak memory is the phase's own):

- all top-10 neighbours of the 10,782 Fonds vert titles, only if ../shared/data/fonds-vert-2023
  is there (budget 3 s), with their precision at 5 against the funding measure;
- all top-10 neighbours of the 100,000 synthetic texts (budget 60 s, 4 GB peak memory);
- adding one item to that 100,000 index and getting its neighbours, 200 times (budget 100 ms).

Prints a table in French and writes the same figures to var/bench/synergies.json. The exit
code is 0 even when a budget is exceeded: the table and a warning say so.
"""

import csv
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from run import number, status, table  # bench/run.py: same formatting

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DIR = ROOT / "var" / "bench"
RESULTS_PATH = BENCH_DIR / "synergies.json"
FONDS_VERT = ROOT.parent / "shared" / "data" / "fonds-vert-2023" / "fonds-vert-2023.csv"
SEED = 2026
SIZE = 100_000
ADDS = 200
K = 10
BUDGETS = {"fonds_vert_s": 3.0, "large_s": 60.0, "large_mb": 4096.0, "add_ms": 100.0}

# --- Synthetic corpus ---------------------------------------------------------------------

THEMES = {
    "énergie": (
        [
            "Rénovation énergétique",
            "Isolation thermique",
            "Remplacement de la chaudière",
            "Installation de panneaux photovoltaïques",
            "Audit énergétique",
            "Raccordement au réseau de chaleur",
        ],
        [
            "de l'école maternelle",
            "de la mairie",
            "du gymnase",
            "de la salle des fêtes",
            "des logements communaux",
            "de la médiathèque",
            "du groupe scolaire",
            "de la crèche",
        ],
    ),
    "éclairage": (
        [
            "Rénovation de l'éclairage public",
            "Modernisation de l'éclairage public",
            "Remplacement des luminaires",
            "Passage en LED de l'éclairage",
            "Extinction nocturne",
        ],
        ["du centre-bourg", "des hameaux", "de la zone d'activités", "du stade", "des rues"],
    ),
    "mobilité": (
        [
            "Création d'une aire de covoiturage",
            "Aménagement d'une piste cyclable",
            "Création d'une voie verte",
            "Installation d'abris vélos",
            "Plan de mobilité simplifié",
        ],
        [
            "entre le bourg et la gare",
            "le long de la départementale",
            "près du collège",
            "vers la zone commerciale",
            "à l'entrée du village",
        ],
    ),
    "eau": (
        [
            "Renouvellement du réseau d'eau potable",
            "Réhabilitation de la station d'épuration",
            "Gestion des eaux pluviales",
            "Désimperméabilisation",
            "Restauration de la continuité écologique",
        ],
        ["de la rivière", "du ruisseau", "de la cour d'école", "du parking", "du bassin versant"],
    ),
    "nature": (
        [
            "Renaturation",
            "Plantation de haies",
            "Création d'un îlot de fraîcheur",
            "Végétalisation",
            "Restauration de la zone humide",
        ],
        [
            "de la place du marché",
            "du cimetière",
            "des abords de l'église",
            "du parc municipal",
            "de la cour de l'école élémentaire",
        ],
    ),
    "risques": (
        [
            "Défense extérieure contre l'incendie",
            "Étude de prévention des inondations",
            "Protection contre les crues",
            "Confortement de la falaise",
            "Débroussaillement",
        ],
        ["du hameau", "de la commune", "du quartier bas", "des berges", "du massif"],
    ),
    "urbanisme": (
        [
            "Révision du plan local d'urbanisme",
            "Élaboration du PLUi",
            "Recyclage de la friche",
            "Requalification de l'ancienne usine",
            "Étude de revitalisation du centre-bourg",
        ],
        [
            "de la communauté de communes",
            "de la friche industrielle",
            "du quartier de la gare",
            "de l'ancien site ferroviaire",
            "du cœur de village",
        ],
    ),
    "déchets": (
        [
            "Création d'une recyclerie",
            "Mise en place du tri des biodéchets",
            "Extension de la déchetterie",
            "Compostage partagé",
            "Collecte des encombrants",
        ],
        [
            "du syndicat intercommunal",
            "des cantines scolaires",
            "du territoire",
            "des quartiers",
            "de la zone artisanale",
        ],
    ),
}
QUALIFIERS = [
    "",
    "",
    "",
    " - phase 2",
    " (tranche 1)",
    " et mise en accessibilité",
    " - études préalables",
    " - programme 2024",
    " et travaux associés",
]
SENTENCES = [
    "Le projet vise à réduire les consommations d'énergie et les émissions de gaz à effet de "
    "serre.",
    "Les travaux seront réalisés en site occupé, pendant les vacances scolaires.",
    "La collectivité a sollicité l'accompagnement de l'ingénierie départementale.",
    "Une concertation avec les habitants et les associations est prévue en amont.",
    "Le plan de financement associe la région, le département et des fonds européens.",
    "L'opération s'inscrit dans le programme Petites villes de demain.",
    "Un bureau d'études assurera la maîtrise d'œuvre et le suivi du chantier.",
    "Les bénéfices attendus portent sur le confort d'été et la biodiversité en ville.",
]
SYLLABLES = [
    "sau",
    "ver",
    "mon",
    "bel",
    "cha",
    "ro",
    "lan",
    "gui",
    "bour",
    "vil",
    "lac",
    "pey",
    "mar",
    "tan",
    "sei",
    "cour",
    "fon",
    "bri",
    "sal",
    "dor",
    "nieu",
    "ques",
    "ar",
    "val",
]


def commune(rng: random.Random) -> str:
    name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
    return rng.choice(["", "", "Saint-", "Le ", "La ", "Les "]) + name


def synthetic_corpus(size: int, seed: int = SEED) -> tuple[list[str], list[str]]:
    """(texts, theme labels): 70 % short titles, 30 % titles followed by a description."""
    rng = random.Random(seed)
    themes = sorted(THEMES)
    texts, labels = [], []
    for _ in range(size):
        theme = rng.choice(themes)
        actions, objects = THEMES[theme]
        text = f"{rng.choice(actions)} {rng.choice(objects)}{rng.choice(QUALIFIERS)}"
        if rng.random() < 0.5:
            text += f" à {commune(rng)}"
        if rng.random() < 0.3:
            text += ". " + " ".join(rng.sample(SENTENCES, rng.randint(2, 5)))
        texts.append(text)
        labels.append(theme)
    return texts, labels


# --- Phases (each run in its own process) -------------------------------------------------


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time of this process, all threads: what the machine's other load does not inflate."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def precision_at(positions, labels, k: int = 5) -> float:
    hits = [
        sum(1 for column in positions[row, :k] if column >= 0 and labels[column] == labels[row]) / k
        for row in range(len(labels))
    ]
    return statistics.fmean(hits)


def phase_fonds_vert() -> dict:
    from fabrique.synergies import Item, build_index

    with FONDS_VERT.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    items = [
        Item(i, "projet", row["nom_du_projet"], row["code_commune"]) for i, row in enumerate(rows)
    ]
    start = time.perf_counter()
    index = build_index(items)
    neighbours = index.neighbours(K)
    seconds = time.perf_counter() - start
    labels = [row["nom_demarche_ds"] for row in rows]
    return {
        "n": len(items),
        "seconds": seconds,
        "peak_mb": peak_mb(),
        "p_at_5": precision_at(neighbours.positions, labels),
    }


def phase_large() -> dict:
    from fabrique.synergies import Item, build_index

    texts, labels = synthetic_corpus(SIZE + ADDS)
    items = [Item(i, "projet", text) for i, text in enumerate(texts[:SIZE])]
    memory_before = peak_mb()
    cpu_start = cpu_seconds()
    start = time.perf_counter()
    index = build_index(items)
    built = time.perf_counter()
    neighbours = index.neighbours(K)
    seconds = time.perf_counter() - start
    large = {
        "n": SIZE,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds() - cpu_start,
        "build_seconds": built - start,
        "neighbours_seconds": seconds - (built - start),
        "peak_mb": peak_mb(),
        "peak_mb_before": memory_before,
        "p_at_5_themes": precision_at(neighbours.positions, labels[:SIZE]),
    }
    # Explanations: the first one computes the frequency cut-offs (once per index).
    start = time.perf_counter()
    reasons = neighbours[0][0].reasons if len(neighbours[0]) else ()
    large["first_reasons_seconds"] = time.perf_counter() - start
    large["first_reasons"] = list(reasons)
    # Coherent groups (ties of the neighbour lists, then complete linkage in each set).
    start = time.perf_counter()
    groups = index.groups(0.5, k=K)
    large["groups_seconds"] = time.perf_counter() - start
    large["groups"] = len(groups)
    large["groups_max_size"] = max((len(group.ids) for group in groups), default=0)
    adds = []
    for offset, text in enumerate(texts[SIZE:]):
        start = time.perf_counter()
        index.add(Item(SIZE + offset, "projet", text), k=K)
        adds.append((time.perf_counter() - start) * 1000)
    queries = []
    for text in texts[:50]:
        start = time.perf_counter()
        index.query(text, k=K)
        queries.append((time.perf_counter() - start) * 1000)
    cuts = statistics.quantiles(adds, n=100, method="inclusive")
    large["add_ms"] = {"p50": cuts[49], "p95": cuts[94], "max": max(adds), "count": len(adds)}
    large["query_ms"] = {"p50": statistics.median(queries), "max": max(queries)}
    return large


PHASES = {"fonds-vert": phase_fonds_vert, "large": phase_large}


def run_phase(name: str) -> dict:
    completed = subprocess.run(  # noqa: S603 - this very script, with a fixed phase name
        [sys.executable, __file__, "--phase", name], capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        raise SystemExit(f"La phase « {name} » a échoué :\n{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


# --- Report -------------------------------------------------------------------------------


def build_rows(fonds_vert: dict | None, large: dict) -> list[dict]:
    rows = []

    def add(label, value, budget="—", state="—"):
        rows.append({"mesure": label, "valeur": value, "budget": budget, "statut": state})

    if fonds_vert:
        add(
            f"Fonds vert, {number(fonds_vert['n'])} titres : index + 10 voisins de chacun",
            f"{number(fonds_vert['seconds'], 2)} s",
            f"≤ {number(BUDGETS['fonds_vert_s'])} s",
            status(fonds_vert["seconds"] <= BUDGETS["fonds_vert_s"]),
        )
        add("Fonds vert : mémoire maximale", f"{number(fonds_vert['peak_mb'])} Mo")
        add("Fonds vert : précision à 5 (mesure)", number(fonds_vert["p_at_5"], 3))
    else:
        add("Fonds vert", "absent", "—", "non mesuré")
    add(
        f"{number(large['n'])} textes synthétiques : index + 10 voisins",
        f"{number(large['seconds'], 1)} s",
        f"≤ {number(BUDGETS['large_s'])} s",
        status(large["seconds"] <= BUDGETS["large_s"]),
    )
    add("  dont construction de l'index", f"{number(large['build_seconds'], 1)} s")
    add("  dont calcul des voisins", f"{number(large['neighbours_seconds'], 1)} s")
    add("  temps CPU (2 fils au plus)", f"{number(large['cpu_seconds'], 1)} s")
    add(
        f"{number(large['n'])} textes : mémoire maximale",
        f"{number(large['peak_mb'])} Mo",
        f"≤ {number(BUDGETS['large_mb'])} Mo",
        status(large["peak_mb"] <= BUDGETS["large_mb"]),
    )
    add(
        f"ajout d'un élément + ses voisins, p95 ({large['add_ms']['count']} ajouts)",
        f"{number(large['add_ms']['p95'], 1)} ms",
        f"≤ {number(BUDGETS['add_ms'])} ms",
        status(large["add_ms"]["p95"] <= BUDGETS["add_ms"]),
    )
    add(
        "ajout : p50 / max",
        f"{number(large['add_ms']['p50'], 1)} / {number(large['add_ms']['max'], 1)} ms",
    )
    add("requête d'un texte, p50", f"{number(large['query_ms']['p50'], 1)} ms")
    add(
        "première explication (seuils de fréquence)",
        f"{number(large['first_reasons_seconds'], 2)} s",
    )
    largest = large["groups_max_size"]
    add(
        f"groupes cohérents ({number(large['groups'])}, {largest} membres au plus)",
        f"{number(large['groups_seconds'], 1)} s",
    )
    add("précision à 5 (thème synthétique)", number(large["p_at_5_themes"], 3))
    return rows


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--phase":
        print(json.dumps(PHASES[sys.argv[2]]()))
        return 0
    load_start = os.getloadavg()[0]
    fonds_vert = run_phase("fonds-vert") if FONDS_VERT.exists() else None
    large = run_phase("large")
    rows = build_rows(fonds_vert, large)
    load_end = os.getloadavg()[0]
    exceeded = [row["mesure"] for row in rows if row["statut"] == "DÉPASSÉ"]
    print("Banc d'essai du moteur Synergies (fabrique/synergies)")
    print(
        f"Machine : {os.cpu_count()} CPU, Python {platform.python_version()}, "
        f"{platform.platform()} ; charge moyenne (1 min) {number(load_start, 2)} au départ, "
        f"{number(load_end, 2)} à la fin"
    )
    print(f"Corpus synthétique : {number(SIZE)} textes (graine {SEED}), k = {K}")
    print()
    headers = ["mesure", "valeur", "budget", "statut"]
    print(table(headers, [[row[h] for h in headers] for row in rows], right=frozenset({1})))
    print()
    if max(load_start, load_end) > (os.cpu_count() or 1) / 2:
        print(
            f"Note : machine chargée (charge {number(max(load_start, load_end), 2)}) : "
            "durées bruitées."
        )
    if exceeded:
        print(f"ATTENTION : {len(exceeded)} mesure(s) hors budget : {' ; '.join(exceeded)}.")
    else:
        print("Tous les budgets sont respectés.")
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    results = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpu_count": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_start": load_start,
            "load_average_end": load_end,
        },
        "seed": SEED,
        "k": K,
        "budgets": BUDGETS,
        "fonds_vert": fonds_vert,
        "large": large,
        "table": rows,
        "exceeded": exceeded,
    }
    RESULTS_PATH.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    print(f"Résultats écrits dans {RESULTS_PATH.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
