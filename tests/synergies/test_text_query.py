"""« Déjà vu ailleurs » for an unsaved text (`selectors.similar_to_text`) and kinds added by
other apps (`sources.register_source`), used by the investigations' problems."""

import pytest

from fabrique.synergies import selectors
from fabrique.synergies.access import similar_kinds
from fabrique.synergies.vocabulary import known_kinds, parse_key
from tests.portfolio.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_an_unsaved_text_finds_the_closest_items_of_the_allowed_kinds():
    for name, mission in [
        ("Cantine en ligne", "Inscrire les enfants à la cantine scolaire"),
        ("Éclairage public", "Passer l'éclairage des rues en LED"),
        ("Salles ouvertes", "Réserver les salles communales en ligne"),
        ("Actes en ligne", "Demander un acte d'état civil"),
        ("Cimetières", "Gérer les concessions funéraires du cimetière"),
    ]:
        ProjectFactory(name=name, mission=mission)
    selectors.forget_text_index()  # the data changed without a recomputation (factories)
    matches = selectors.similar_to_text(
        "Inscrire les enfants à la cantine scolaire", kinds={"projet"}, limit=3
    )
    assert matches and matches[0].label == "Cantine en ligne"
    assert len(matches) <= 3 and all(match.kind == "projet" for match in matches)
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert selectors.similar_to_text("Inscrire les enfants", kinds={"solution"}) == []
    assert selectors.similar_to_text("", kinds={"projet"}) == []


def test_registered_kinds_are_known_and_private_to_the_team(users):
    from fabrique.accounts.models import Role

    assert "probleme" in known_kinds()  # registered by the investigations app
    assert parse_key("probleme:12") == ("probleme", 12)
    assert "probleme" in similar_kinds(users[Role.INCUBATOR])
    assert "probleme" not in similar_kinds(users[Role.AGENT])
