"""« Déjà vu ailleurs » for an unsaved text shows an item only when both texts share an
informative word (the engine's explanation, `Neighbour.reasons`): a meaningless or very short
text finds nothing, and the page then says so in French."""

import pytest

from fabrique.synergies import selectors
from tests.catalogue.factories import SolutionFactory
from tests.portfolio.factories import ProjectFactory

pytestmark = pytest.mark.django_db

CORPUS = [
    ("Cantine en ligne", "Inscrire les enfants à la cantine scolaire et payer les repas"),
    ("Éclairage public", "Passer l'éclairage des rues en LED pour réduire la facture"),
    ("Salles ouvertes", "Réserver les salles communales en ligne, sans papier"),
    ("Actes en ligne", "Demander un acte d'état civil sans se déplacer en mairie"),
    ("Cimetières", "Gérer les concessions funéraires du cimetière communal"),
    ("Stationnement", "Payer le stationnement en centre-ville depuis son téléphone"),
]


@pytest.fixture
def corpus():
    for name, mission in CORPUS:
        ProjectFactory(name=name, mission=mission)
        SolutionFactory(name=f"{name} (logiciel)", summary=mission)
    selectors.forget_text_index()


@pytest.mark.parametrize("text", ["azerty qsdf", "test", "problème", "qsdfgh"])
def test_a_meaningless_or_very_short_text_finds_nothing(corpus, text):
    matches = selectors.similar_to_text(text, kinds={"projet", "solution"}, limit=5)
    assert matches == [], [(m.label, m.score, m.reasons) for m in matches]


def test_every_item_shown_shares_informative_words_with_the_text(corpus):
    matches = selectors.similar_to_text(
        "Les parents veulent inscrire les enfants à la cantine scolaire",
        kinds={"projet", "solution"},
        limit=5,
    )
    assert matches and matches[0].label.startswith("Cantine en ligne")
    assert all(len(match.reasons) >= 1 for match in matches)
