"""Measure the engine on any labelled CSV, without a database.

    .venv/bin/python bench/evaluate_synergies.py --csv FILE --text COL [--text COL ...] --label COL
        [--label-sep "|"] [--sep ";"] [--k 10] [--out FILE] [--method synergies|tfidf]

Every row is an item (its id is its row number, from 0, in file order); its text is the
given text columns joined. The engine computes every item's neighbours without ever reading
the labels; then a neighbour is a hit when it shares at least one label with the item (labels
split on ``--label-sep``). ``p_at_k`` is the mean over the scored items of (hits among the
first k neighbours) / k; an item with fewer than k neighbours counts the missing ones as
misses. Items with an empty text (no neighbour by construction) or without a label (nothing to
hit) are not scored, and are counted in the output. ``seconds`` is the wall-clock time from
reading the file to the last neighbour; ``peak_rss_mb`` the peak resident memory of the process.

The last line printed on standard output is one JSON object; messages go to standard error,
in French. ``--out`` writes every item's k neighbours (``row,neighbour_row,rank,score``, rank
from 1) so that anyone can recompute the figures. ``--method tfidf`` runs plain word TF-IDF
(scikit-learn's defaults) instead of the engine, for comparison.
"""

import argparse
import csv
import json
import resource
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from the repository: `fabrique` importable

from fabrique.synergies.rules.engine import Item, SynergiesError, build_index  # noqa: E402

SEPARATORS = ",;\t|"
EXIT_INPUT = 2  # bad file or bad arguments
EXIT_NO_FIGURE = 1  # nothing could be scored


class InputError(Exception):
    """A problem with the file or the arguments; the message is in French."""


def decode(raw: bytes) -> tuple[str, str]:
    """The text of a CSV file and the name of its encoding (UTF-8, UTF-16, else cp1252)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "UTF-16"
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError as error:
        if b"\x00" in raw[:4096]:
            raise InputError(
                "Le fichier ne semble pas être un fichier texte (octets nuls) : "
                "enregistrez-le en CSV UTF-8."
            ) from error
    try:
        return raw.decode("cp1252"), "Windows-1252 (cp1252)"
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "Latin-1 (ISO-8859-1)"


def detect_separator(text: str) -> str:
    sample = text[:65536]
    try:
        return csv.Sniffer().sniff(sample, delimiters=SEPARATORS).delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample else ""
        return max(SEPARATORS, key=first.count) if first else ","


def read_rows(path: Path, separator: str | None) -> tuple[list[str], list[list[str]], dict]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"Impossible de lire le fichier {path} : {error.strerror}.") from error
    text, encoding = decode(raw)
    if not text.strip():
        raise InputError(f"Le fichier {path} est vide.")
    separator = separator or detect_separator(text)
    csv.field_size_limit(2**31 - 1)
    try:
        rows = list(csv.reader(text.splitlines(), delimiter=separator))
    except csv.Error as error:
        raise InputError(f"CSV illisible ({error}).") from error
    header = [name.strip() for name in rows[0]]
    info = {"encoding": encoding, "separator": separator, "short_rows": 0}
    body = []
    for row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue  # blank line
        if len(row) < len(header):
            info["short_rows"] += 1
            row = row + [""] * (len(header) - len(row))
        body.append(row)
    return header, body, info


def column_indices(header: list[str], names: list[str], role: str, separator: str) -> list[int]:
    missing = [name for name in names if name not in header]
    if missing:
        shown = ", ".join(f"« {name} »" for name in header[:30])
        raise InputError(
            f"Colonne{'s' if len(missing) > 1 else ''} {role} absente"
            f"{'s' if len(missing) > 1 else ''} du fichier : "
            f"{', '.join(f'« {name} »' for name in missing)}. Colonnes lues avec le "
            f"séparateur {separator!r} : {shown}. Vérifiez le nom ou --sep."
        )
    return [header.index(name) for name in names]


def precision(positions: np.ndarray, labels: list[frozenset], scored: np.ndarray, k: int):
    hits = []
    for row in np.flatnonzero(scored):
        found = sum(
            1 for column in positions[row, :k] if column >= 0 and labels[column] & labels[row]
        )
        hits.append(found / k)
    return round(float(np.mean(hits)), 4) if hits else None


def tfidf_neighbours(texts: list[str], k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Plain word TF-IDF (scikit-learn's defaults): positions, scores, empty rows."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    from fabrique.synergies.rules.search import TopK, all_top_k

    try:
        matrix = TfidfVectorizer(dtype=np.float32).fit_transform(texts).tocsr()
    except ValueError:  # not a single word in the whole file
        top = TopK(len(texts), k)
        return top.columns, top.scores, np.ones(len(texts), dtype=bool)
    top = all_top_k(np.zeros((len(texts), 0), np.float32), matrix, k)
    return top.columns, top.scores, np.diff(matrix.indptr) == 0


def run(args: argparse.Namespace) -> dict:
    start = time.perf_counter()
    header, rows, info = read_rows(Path(args.csv), args.sep)
    if info["encoding"] != "UTF-8":
        print(f"Note : fichier lu en {info['encoding']}, il n'est pas en UTF-8.", file=sys.stderr)
    if info["short_rows"]:
        print(
            f"Note : {info['short_rows']} ligne(s) ont moins de colonnes que l'en-tête "
            "(cellules manquantes lues comme vides).",
            file=sys.stderr,
        )
    text_columns = column_indices(header, args.text, "de texte", info["separator"])
    label_columns = column_indices(header, args.label, "d'étiquettes", info["separator"])
    texts = [" . ".join(row[i] for i in text_columns) for row in rows]
    labels = [
        frozenset(
            part.strip()
            for i in label_columns
            for part in (row[i].split(args.label_sep) if args.label_sep else [row[i]])
            if part.strip()
        )
        for row in rows
    ]
    if not rows:
        raise InputError("Le fichier n'a aucune ligne de données sous l'en-tête.")
    k = max(10, args.k)
    if args.method == "tfidf":
        positions, scores, empty = tfidf_neighbours(texts, k)
    else:
        index = build_index(Item(row, "", text) for row, text in enumerate(texts))
        neighbours = index.neighbours(k)
        positions, scores = neighbours.positions, neighbours.scores
        empty = np.zeros(len(texts), dtype=bool)
        empty[[index.position(item_id) for item_id in index.empty_ids]] = True
    seconds = time.perf_counter() - start
    has_label = np.array([bool(item_labels) for item_labels in labels], dtype=bool)
    scored = has_label & ~empty
    if empty.any():
        first = ", ".join(str(row) for row in np.flatnonzero(empty)[:10])
        print(
            f"Note : {int(empty.sum())} ligne(s) sans texte exploitable, sans voisin et non "
            f"comptées (lignes {first}{'…' if empty.sum() > 10 else ''}).",
            file=sys.stderr,
        )
    if (~has_label).any():
        print(
            f"Note : {int((~has_label).sum())} ligne(s) sans étiquette, non comptées.",
            file=sys.stderr,
        )
    if args.out:
        write_neighbours(Path(args.out), positions, scores, args.k)
    result = {
        "n": len(rows),
        "n_scored": int(scored.sum()),
        "n_empty_text": int(empty.sum()),
        "n_no_label": int((~has_label).sum()),
        "method": args.method,
        **{f"p_at_{cut}": precision(positions, labels, scored, cut) for cut in (1, 5, 10)},
        "seconds": round(seconds, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "encoding": info["encoding"],
        "separator": info["separator"],
    }
    if args.k not in (1, 5, 10):
        result[f"p_at_{args.k}"] = precision(positions, labels, scored, args.k)
    return result


def write_neighbours(path: Path, positions: np.ndarray, scores: np.ndarray, k: int) -> None:
    try:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["row", "neighbour_row", "rank", "score"])
            for row in range(len(positions)):
                for rank in range(min(k, positions.shape[1])):
                    column = positions[row, rank]
                    if column < 0:
                        break
                    score = min(max(float(scores[row, rank]), 0.0), 1.0)
                    writer.writerow([row, int(column), rank + 1, f"{score:.6f}"])
    except OSError as error:
        raise InputError(f"Impossible d'écrire {path} : {error.strerror}.") from error


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python bench/evaluate_synergies.py",
        description="Précision des voisins du moteur Synergies sur un CSV étiqueté.",
    )
    p.add_argument("--csv", required=True, help="fichier CSV (UTF-8, sinon cp1252 détecté)")
    p.add_argument("--text", action="append", required=True, help="colonne de texte (répétable)")
    p.add_argument("--label", action="append", required=True, help="colonne d'étiquettes")
    p.add_argument("--label-sep", default="|", help="séparateur d'étiquettes (défaut : |)")
    p.add_argument("--sep", default=None, help="séparateur de colonnes (défaut : détecté)")
    p.add_argument("--k", type=int, default=10, help="voisins écrits par --out (défaut : 10)")
    p.add_argument("--out", help="écrit les voisins : row,neighbour_row,rank,score")
    p.add_argument("--method", choices=("synergies", "tfidf"), default="synergies")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.k < 1:
        print("Erreur : --k doit être un entier positif.", file=sys.stderr)
        return EXIT_INPUT
    try:
        result = run(args)
    except (InputError, SynergiesError) as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return EXIT_INPUT
    print(json.dumps(result, ensure_ascii=False))
    if not result["n_scored"]:
        print(
            "Erreur : aucune ligne à la fois avec texte et étiquette : pas de précision.",
            file=sys.stderr,
        )
        return EXIT_NO_FIGURE
    return 0


if __name__ == "__main__":
    sys.exit(main())
