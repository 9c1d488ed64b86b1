import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PROJECTS_CSV

ROOT = Path(__file__).resolve().parents[2]
KEYS = {"n", "p_at_1", "p_at_5", "p_at_10", "seconds", "peak_rss_mb"}


def evaluate(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (this interpreter, our module)
        [sys.executable, str(ROOT / "bench" / "evaluate_synergies.py"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def last_json(result: subprocess.CompletedProcess) -> dict:
    return json.loads(result.stdout.strip().splitlines()[-1])


def base_args(path: Path = PROJECTS_CSV) -> list[str]:
    return ["--csv", str(path), "--text", "titre", "--label", "thematiques", "--sep", ";"]


def test_prints_the_figures_as_a_last_json_line(tmp_path):
    out = tmp_path / "voisins.csv"
    result = evaluate(*base_args(), "--label-sep", "|", "--out", str(out), "--k", "5")
    assert result.returncode == 0, result.stderr
    figures = last_json(result)
    assert figures.keys() >= KEYS
    assert figures["n"] == 42
    assert figures["n_empty_text"] == 1 and figures["n_no_label"] == 1
    assert figures["n_scored"] == 40
    for key in ("p_at_1", "p_at_5", "p_at_10"):
        assert 0 <= figures[key] <= 1
    assert figures["p_at_1"] >= 0.6  # alike titles share a theme
    assert "sans texte exploitable" in result.stderr

    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["row", "neighbour_row", "rank", "score"]
    body = [(int(r), int(n), int(rank), float(score)) for r, n, rank, score in rows[1:]]
    assert all(r != n and 1 <= rank <= 5 and 0 <= score <= 1 for r, n, rank, score in body)
    assert not any(r == 38 or n == 38 for r, n, _, _ in body)  # the blank title (row 38)

    # Anyone can recompute p@5 from the file and the labels.
    with PROJECTS_CSV.open(encoding="utf-8", newline="") as handle:
        labels = [
            set(filter(None, r["thematiques"].split("|")))
            for r in csv.DictReader(handle, delimiter=";")
        ]
    scored = [i for i, lab in enumerate(labels) if lab and i != 38]
    hits = dict.fromkeys(scored, 0)
    for r, n, rank, _ in body:
        if r in hits and rank <= 5 and labels[r] & labels[n]:
            hits[r] += 1
    assert round(sum(h / 5 for h in hits.values()) / len(scored), 4) == figures["p_at_5"]


def test_missing_column_is_a_french_error():
    result = evaluate("--csv", str(PROJECTS_CSV), "--text", "intitule", "--label", "thematiques")
    assert result.returncode == 2
    assert "« intitule »" in result.stderr and "absente" in result.stderr
    assert "titre" in result.stderr  # the columns that were found are listed
    assert "Traceback" not in result.stderr


def test_latin1_file_is_detected_and_gives_the_same_figures(tmp_path):
    latin = tmp_path / "projets-cp1252.csv"
    latin.write_bytes(PROJECTS_CSV.read_text(encoding="utf-8").encode("cp1252"))
    utf8 = last_json(evaluate(*base_args()))
    result = evaluate(*base_args(latin))
    assert result.returncode == 0, result.stderr
    assert "cp1252" in result.stderr
    figures = last_json(result)
    for key in ("n", "p_at_1", "p_at_5", "p_at_10"):
        assert figures[key] == utf8[key]


def test_separator_is_detected_and_baseline_runs(tmp_path):
    comma = tmp_path / "virgules.csv"
    with PROJECTS_CSV.open(encoding="utf-8", newline="") as src, comma.open("w", newline="") as dst:
        csv.writer(dst).writerows(csv.reader(src, delimiter=";"))
    args = ["--csv", str(comma), "--text", "titre", "--label", "thematiques"]
    result = evaluate(*args, "--method", "tfidf")
    assert result.returncode == 0, result.stderr
    assert last_json(result)["separator"] == ","


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "vide"),
        (b"titre;thematiques\n", "aucune ligne"),
        (b"titre;thematiques\n ;a\n\t;b\n", "aucune ligne à la fois"),
        (b"\x00\x01\x02\xff\xfe\x00", "pas être un fichier texte"),
    ],
)
def test_bad_files_fail_with_a_french_message(tmp_path, content, message):
    path = tmp_path / "mauvais.csv"
    path.write_bytes(content)
    result = evaluate("--csv", str(path), "--text", "titre", "--label", "thematiques", "--sep", ";")
    assert result.returncode in (1, 2)
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_file_fails_cleanly(tmp_path):
    result = evaluate(*base_args(tmp_path / "absent.csv"))
    assert result.returncode == 2 and "Impossible de lire" in result.stderr
