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
        # A word seen in one text only is out of the engine's vocabulary (`min_df`): other
        # projects on the canteen and on children make these words shared, hence explained.
        ("Restauration scolaire", "Commander les repas de la cantine scolaire"),
        ("Centre de loisirs", "Inscrire les enfants au centre de loisirs"),
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


def test_a_project_and_its_own_catalogue_entry_are_one_service_shown_once():
    from tests.catalogue.factories import SolutionFactory

    project = ProjectFactory(name="Cantine en ligne", mission="Inscrire les enfants à la cantine")
    SolutionFactory(name="Cantine en ligne", summary="Inscrire les enfants à la cantine",
                    project=project)  # fmt: skip
    SolutionFactory(name="Portail cantine", summary="Inscrire les enfants à la cantine scolaire")
    ProjectFactory(name="Éclairage public", mission="Passer les rues en LED")
    selectors.forget_text_index()
    matches = selectors.similar_to_text(
        "Inscrire les enfants à la cantine", kinds={"projet", "solution"}, limit=5
    )
    labels = [match.label for match in matches]
    assert labels.count("Cantine en ligne") == 1, labels
    assert "Portail cantine" in labels


def test_a_saved_item_shows_the_catalogue_entry_and_not_its_project_twice():
    from fabrique.synergies.models import SimilarityLink
    from fabrique.synergies.vocabulary import LinkList
    from tests.catalogue.factories import SolutionFactory

    source = ProjectFactory(name="Cantine facile")
    twin_project = ProjectFactory(name="Cantine en ligne")
    twin = SolutionFactory(name="Cantine en ligne", project=twin_project)
    other = ProjectFactory(name="Portail famille")

    def link(kind, target, relation, rank):
        SimilarityLink.objects.create(
            source_kind="projet", source_id=source.pk, target_kind=kind, target_id=target.pk,
            relation=relation, score=0.6, rank=rank, reasons=["cantine", "enfants"],
            target_label=target.name,
        )  # fmt: skip

    link("projet", twin_project, LinkList.NEIGHBOURS, 1)
    link("projet", other, LinkList.NEIGHBOURS, 2)
    link("solution", twin, LinkList.SOLUTIONS, 1)
    found = selectors.similar_to("projet", source.pk)
    assert [x.target_label for x in found.solutions] == ["Cantine en ligne"]
    assert [x.target_label for x in found.elsewhere] == ["Portail famille"]
