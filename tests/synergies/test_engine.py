import re
import subprocess
import sys
import time

import numpy as np
import pytest

from fabrique.synergies import Item, SynergiesError, build_index
from fabrique.synergies.rules.text import tokens


def stems(text: str) -> set[str]:
    return {s for s, _ in tokens(text)}


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def test_imports_without_django():
    code = "import sys, fabrique.synergies; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 (fixed code)


def test_same_input_same_output(projects):
    first = build_index(projects).neighbours(5)
    second = build_index(projects).neighbours(5)
    assert np.array_equal(first.positions, second.positions)
    assert np.array_equal(first.scores, second.scores)
    assert first["1"] == second["1"]


def test_never_its_own_neighbour_and_scores_in_0_1(projects):
    neighbours = build_index(projects).neighbours(10)
    for item in projects:
        found = neighbours[item.id]
        assert item.id not in [n.id for n in found]
        scores = [n.score for n in found]
        assert all(0 < s <= 1 for s in scores)
        assert scores == sorted(scores, reverse=True)


def test_similar_titles_come_first(projects):
    neighbours = build_index(projects).neighbours(3)
    lighting = [n.id for n in neighbours["7"]]
    assert lighting[0] in {"8", "9", "10"} and len({"8", "9", "10"} & set(lighting)) >= 2
    assert neighbours["11"][0].id == "15"  # covoiturage
    assert neighbours["26"][0].id == "27"  # plan local d'urbanisme


def test_reasons_are_readable_words_shared_by_both_texts(projects):
    index = build_index(projects)
    texts = {item.id: item.text for item in projects}
    neighbours = index.neighbours(5)
    checked = 0
    for item in projects:
        for neighbour in neighbours[item.id]:
            for reason in neighbour.reasons:
                reason_stems = stems(reason)
                assert reason_stems, reason
                assert reason_stems <= stems(texts[item.id]), (reason, texts[item.id])
                assert reason_stems <= stems(texts[neighbour.id]), (reason, texts[neighbour.id])
                # Quoted from the item's text, accents included: whole words, not stems.
                assert set(words(reason)) <= set(words(texts[item.id])), reason
                checked += 1
    assert checked > 50
    assert "éclairage public" in index.explain("7", "9")


def test_empty_texts_have_no_neighbours_and_are_reported(projects):
    items = [*projects, Item("vide", "projet", ""), Item("mots-outils", "projet", "de la et le")]
    index = build_index(items)
    assert set(index.empty_ids) == {"39", "vide", "mots-outils"}
    neighbours = index.neighbours(10)
    assert neighbours["39"] == [] and neighbours["vide"] == []
    for item in items:
        assert not {n.id for n in neighbours[item.id]} & set(index.empty_ids)
    assert index.query("   ") == []


def test_duplicate_ids_raise_a_french_error(projects):
    with pytest.raises(SynergiesError, match="Identifiant en double : « 3 »"):
        build_index([*projects, Item("3", "projet", "Autre texte")])
    index = build_index(projects)
    with pytest.raises(SynergiesError, match="déjà présent"):
        index.add(Item("3", "projet", "Autre texte"))


def test_bad_items_raise_french_errors(projects):
    with pytest.raises(SynergiesError, match="pas une chaîne"):
        build_index([Item("a", "projet", None)])
    with pytest.raises(SynergiesError, match="illisible"):
        build_index(["juste un texte"])
    with pytest.raises(SynergiesError, match="k doit être"):
        build_index(projects).neighbours(0)
    with pytest.raises(SynergiesError, match="inconnu"):
        build_index(projects).explain("1", "absent")


def test_huge_and_foreign_texts(projects):
    huge = "Rénovation énergétique de l'école et de la mairie. " * 20_000  # about 1 MB
    items = [
        *projects,
        Item("huge", "projet", huge),
        Item("en1", "projet", "Energy retrofit of the primary school building"),
        Item("en2", "projet", "Energy retrofit of the town hall building"),
        Item("ja", "projet", "学校の省エネ改修"),
    ]
    start = time.perf_counter()
    index = build_index(items)
    neighbours = index.neighbours(5)
    assert time.perf_counter() - start < 10
    assert neighbours["huge"][0].id in {"1", "2", "40"}
    assert neighbours["en1"][0].id == "en2"
    assert all(0 <= n.score <= 1 for n in neighbours["ja"])


def test_query_finds_the_closest_titles(projects):
    index = build_index(projects)
    found = index.query("Rénover l'éclairage public de la commune", k=3)
    assert {n.id for n in found} <= {"7", "8", "9", "10"}
    assert any("éclairage" in reason for reason in found[0].reasons)
    kinds = build_index([*projects, Item("aide", "aide", "Aide à l'éclairage public")])
    assert [n.id for n in kinds.query("éclairage public", k=3, kind="aide")] == ["aide"]


@pytest.mark.parametrize("max_pending", [512, 3])  # 3: rows merged into the matrix midway
def test_add_equals_a_rebuild_with_the_same_vectorizer(projects, monkeypatch, max_pending):
    monkeypatch.setattr("fabrique.synergies.rules.engine.MAX_PENDING", max_pending)
    base, extra = projects[:30], projects[30:]
    index = build_index(base)
    index.neighbours(5)  # cached, then kept up to date by add()
    returned = [index.add(item, k=5) for item in extra]
    rebuilt = build_index(projects, vectorizer=index.vectorizer).neighbours(5)
    incremental = index.neighbours(5)
    assert np.array_equal(incremental.positions, rebuilt.positions)
    assert np.allclose(incremental.scores, rebuilt.scores, atol=2e-6)
    assert incremental["3"] == rebuilt["3"]
    # What add() returns is the new item's neighbours among the items present at that time.
    assert returned[-1] == rebuilt[extra[-1].id]


def test_add_keeps_the_first_vocabulary(projects):
    index = build_index(projects[:20])
    before = len(index.vectorizer.terms)
    found = index.add(Item("new", "projet", "Rénovation énergétique du gymnase"))
    assert len(index.vectorizer.terms) == before
    assert found and found[0].score > 0
    assert "new" in index and len(index) == 21


def test_groups_gather_alike_items_with_reasons(projects):
    groups = build_index(projects).groups(threshold=0.3)
    assert groups
    ids = [set(group.ids) for group in groups]
    assert len(set().union(*ids)) == sum(len(i) for i in ids)  # no item in two groups
    lighting = next(g for g in groups if "7" in g.ids)
    assert {"8", "9"} <= set(lighting.ids)
    assert any("éclairage" in reason for reason in lighting.reasons)
    assert all(0 < g.score <= 1 for g in groups)
    small = build_index(projects).groups(threshold=0.3, max_size=2)
    assert all(len(g.ids) <= 2 for g in small)
