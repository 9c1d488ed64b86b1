"""Issue 12, item 8: synergies that serve the incubator. Explanations of at least two
informative words or phrases, coherent groups (no chain), the diagnostics' needs in the index,
the page showing the incubator's own items by default."""

import re

import numpy as np
import pytest

from fabrique.accounts.models import Role
from fabrique.diagnostics import services as diagnostics
from fabrique.diagnostics.models import Need
from fabrique.synergies import Item, build_index, selectors, services
from fabrique.synergies.models import SimilarityLink, SynergyGroup, SynergyMember, SynergyPair
from fabrique.synergies.rules.groups import coherent_parts
from fabrique.synergies.rules.text import GENERIC_STEMS, STOP_WORDS, fold, stem, tokens
from tests.factories import CommuneFactory
from tests.portfolio.factories import ProjectFactory
from tests.synergies.django_fixtures import unrelated_items

FILLERS = [
    "Registre des arrêtés du maire",
    "Plan de formation des secrétaires de mairie",
    "Recensement de la population",
    "Bibliothèque intercommunale et lecture publique",
    "Festival de musique de l'été",
    "Jumelage avec une ville allemande",
]


def _items(texts: dict[str, str]) -> list[Item]:
    fillers = {f"f{n}": text for n, text in enumerate(FILLERS * 3)}
    return [Item(key, "projet", text) for key, text in {**texts, **fillers}.items()]


# --- Explanations -------------------------------------------------------------------------


def test_a_single_common_word_explains_nothing():
    """« Pourquoi : ligne »: two services that only share « en ligne » are not explained."""
    index = build_index(
        _items(
            {
                "cantine": "Inscriptions à la cantine en ligne",
                "actes": "Demande d'actes d'état civil en ligne",
                "salles": "Réservation des salles communales en ligne",
            }
        )
    )
    assert index.explain("cantine", "actes") == ()
    for found in index.query("Paiement de la cantine en ligne", k=3):  # a text not indexed
        assert "ligne" not in found.reasons and "en ligne" not in found.reasons
    neighbours = index.neighbours(5)
    for neighbour in neighbours["cantine"]:
        assert "ligne" not in neighbour.reasons
        if neighbour.id in {"actes", "salles"}:
            assert not neighbour.explained


def test_phrases_that_follow_each_other_are_shown_as_one():
    """« site internet » and « internet de la mairie » are one reason as the texts write it,
    never « site internet, internet de la mairie » (a word shown twice)."""
    index = build_index(
        _items(
            {
                "refonte": "Refonte du site internet de la mairie et de ses démarches",
                "nouveau": "Nouveau site internet de la mairie pour les habitants",
            }
        )
    )
    assert index.explain("refonte", "nouveau") == ("site internet de la mairie",)
    best = index.neighbours(3)["refonte"][0]
    assert best.id == "nouveau" and best.explained


def test_reasons_are_never_stop_generic_or_too_common_words():
    # « gymnase » is in 9 texts of 30: too common (more than COMMON_SHARE) to explain anything.
    texts = {f"g{n}": f"Rénovation du gymnase {place}" for n, place in enumerate(
        ["de Lannion", "de Guéret", "du collège", "municipal", "Jean Moulin", "des Écoles",
         "du bourg", "de la plage", "du lycée"])}  # fmt: skip
    texts.update(
        {
            "pac1": "Installation d'une pompe à chaleur au gymnase et isolation des combles",
            "pac2": "Pompe à chaleur et isolation des combles de la mairie",
        }
    )
    index = build_index(_items(texts))
    pair = index.neighbours(5)["pac1"]
    best = next(n for n in pair if n.id == "pac2")
    assert best.explained and len(best.reasons) >= 2
    assert "pompe à chaleur" in best.reasons and "isolation des combles" in best.reasons
    for item in index.items:
        for neighbour in index.neighbours(5)[item.id]:
            for reason in neighbour.reasons:
                words = {fold(word) for word in re.findall(r"\w+", reason)}
                stems = {stemmed for stemmed, _ in tokens(reason)}
                assert "gymnase" not in reason
                assert not (len(words) == 1 and words <= STOP_WORDS), reason
                assert not stems <= GENERIC_STEMS, reason


def test_a_word_is_not_repeated_by_its_phrase_and_no_phrase_spans_a_comma():
    index = build_index(
        _items(
            {
                "a": "Signaler un nid-de-poule, un lampadaire en panne",
                "b": "Signalement des nids-de-poule, lampadaires et dépôts sauvages",
                "c": "Éclairage public des hameaux : luminaires LED",
                "d": "Rénovation de l'éclairage public, luminaires LED",
            }
        )
    )
    for a, b in (("a", "b"), ("c", "d")):
        reasons = index.explain(a, b)
        shown = [stem(fold(word)) for reason in reasons for word in reason.split()]
        assert len(shown) == len(set(shown)), reasons  # « éclairage », « éclairage public »
        assert all("," not in reason and "poule un" not in reason for reason in reasons)
    assert "éclairage public" in index.explain("c", "d")


def test_a_vague_word_never_makes_a_phrase():
    index = build_index(
        _items(
            {
                "a": "Inscription de chaque famille à la cantine scolaire",
                "b": "Chaque famille inscrit ses enfants à la cantine scolaire",
            }
        )
    )
    reasons = index.explain("a", "b")
    assert "cantine scolaire" in reasons
    assert not any("chaque" in reason for reason in reasons), reasons


@pytest.mark.django_db
def test_pairs_without_two_informative_words_are_not_stored():
    unrelated_items(30)
    cantine = ProjectFactory(name="Cantine en ligne", mission="Réserver les repas en ligne")
    actes = ProjectFactory(name="Actes en ligne", mission="Demander un acte en ligne")
    cours = ProjectFactory(
        name="Cours d'école végétalisées", mission="Végétaliser les cours d'école"
    )
    oasis = ProjectFactory(name="Cours oasis", mission="Végétaliser et ombrager les cours d'école")
    services.recompute()
    links = SimilarityLink.objects.all()
    assert not links.filter(source_id=cantine.pk, target_id=actes.pk).exists()
    kept = links.get(source_kind="projet", source_id=cours.pk, target_id=oasis.pk)
    assert len(kept.reasons) >= 2 and "ligne" not in kept.reasons
    for pair in SynergyPair.objects.all():
        assert len(pair.reasons) >= 1 and "ligne" not in pair.reasons
    for group in SynergyGroup.objects.all():
        assert not (len(group.reasons) == 1 and " " not in group.reasons[0]), group.reasons


# --- Coherent groups ----------------------------------------------------------------------


def test_a_chain_is_not_one_group():
    """A like B, B like C, A unlike C: complete linkage keeps A and C apart."""
    similarity = np.array(
        [
            [1.0, 0.7, 0.1, 0.05],
            [0.7, 1.0, 0.65, 0.1],
            [0.1, 0.65, 1.0, 0.8],
            [0.05, 0.1, 0.8, 1.0],
        ]
    )
    parts = [sorted(part) for part, _ in coherent_parts(similarity, 0.4, 30)]
    assert [0, 1, 2] not in parts and not any({0, 2} <= set(part) for part in parts)
    assert [2, 3] in parts  # the closest stay together
    for part, score in coherent_parts(similarity, 0.4, 30):
        block = similarity[np.ix_(part, part)]
        assert block.min() >= 0.4 and 0 < score <= 1


def test_groups_are_capped_even_when_every_text_is_the_same():
    similarity = np.full((10, 10), 0.99)
    np.fill_diagonal(similarity, 1.0)
    parts = coherent_parts(similarity, 0.4, 3)
    assert sorted(i for part, _ in parts for i in part) == list(range(9))  # the 10th: alone
    assert all(2 <= len(part) <= 3 and score > 0.98 for part, score in parts)


def test_groups_of_the_engine_hold_no_chain():
    """Friches tied to gymnasiums through one text about both are not one group."""
    texts = {
        "friche1": "Reconversion de la friche industrielle en logements",
        "friche2": "Requalification de la friche industrielle en logements sociaux",
        "mixte": "Reconversion de la friche industrielle en gymnase intercommunal",
        "gym1": "Construction d'un gymnase intercommunal avec salle de sport",
        "gym2": "Gymnase intercommunal : salle de sport et vestiaires",
    }
    index = build_index(_items(texts))
    groups = index.groups(threshold=0.3)
    for group in groups:
        assert not ({"friche1", "gym1"} <= set(group.ids)), group
        assert not ({"friche2", "gym2"} <= set(group.ids)), group
        members = [index.position(item) for item in group.ids]
        assert index._similarities(members).min() >= 0.4 - 1e-6
    assert any({"friche1", "friche2"} <= set(group.ids) for group in groups)
    assert any({"gym1", "gym2"} <= set(group.ids) for group in groups)


# --- Needs of the diagnostics, default filter ---------------------------------------------


@pytest.mark.django_db
def test_needs_of_diagnostics_are_items_and_the_page_shows_the_incubator_first(client, users):
    unrelated_items(30)
    commune = CommuneFactory(insee="01004", name="Petiteville", population=1200)
    mission = diagnostics.mission_request(collectivite=commune, hopes="Un site internet")
    Need.objects.create(
        mission=mission,
        title="Inscriptions à la cantine scolaire en ligne",
        description="Les familles déposent les inscriptions à la cantine scolaire en mairie",
        theme="demarches-en-ligne",
    )
    ProjectFactory(
        name="Cantine scolaire",
        mission="Inscriptions à la cantine scolaire pour les familles, menus et paiement",
    )
    services.recompute()
    need = SynergyMember.objects.get(kind="besoin")
    assert need.label == "Inscriptions à la cantine scolaire en ligne"
    departement = commune.departement.code
    assert (
        need.url == mission.get_absolute_url() + "#besoins"
        and need.place == f"Petiteville ({departement})"
    )
    client.force_login(users[Role.INCUBATOR])
    html = client.get("/synergies/").content.decode()
    assert "Inscriptions à la cantine scolaire en ligne" in html
    assert "Besoin d&#x27;une collectivité (sur-mesure)" in html  # the kind, and its filter
    assert re.search(r'value="besoin"\s*checked', html)
    assert selectors.default_kinds() == ["projet", "solution", "besoin", "probleme"]
    client.force_login(users[Role.AGENT])
    assert client.get("/synergies/").status_code == 403


@pytest.mark.django_db
def test_a_project_team_never_reads_a_need_in_its_groups(client, users):
    """A need of a collectivité is read by the incubator team only: in a group of a porteur's
    project, neither its title, nor its link, nor a pair with it is shown to the porteur."""
    from tests.portfolio.factories import TeamMemberFactory

    unrelated_items(30)
    commune = CommuneFactory(insee="01004", name="Petiteville", population=1200)
    mission = diagnostics.mission_request(collectivite=commune, hopes="Un site internet")
    Need.objects.create(
        mission=mission,
        title="Inscriptions à la cantine scolaire en ligne",
        description="Les familles déposent les inscriptions à la cantine scolaire en mairie",
        theme="demarches-en-ligne",
    )
    project = ProjectFactory(
        name="Cantine scolaire",
        mission="Inscriptions à la cantine scolaire pour les familles, menus et paiement",
    )
    services.recompute()
    need = SynergyMember.objects.get(kind="besoin")
    TeamMemberFactory(project=project, user=users[Role.SERVICE_OWNER])
    client.force_login(users[Role.SERVICE_OWNER])
    # Beside their own project, the group holds only a need they may not read: no synergy for
    # them, the page lists no group (and its counts never included the need).
    listed = client.get("/synergies/?kind=besoin&kind=projet").content.decode()
    assert "0 groupe" in listed and "Inscriptions à la cantine scolaire en ligne" not in listed
    response = client.get(f"/synergies/groupes/{need.group_id}/")
    assert response.status_code == 200  # reached by its link, the group says what they may read
    html = " ".join(response.content.decode().split())
    assert "Cantine scolaire" in html  # the porteur's own project is there
    assert "1 élément, venu de 1 collectivité, projet ou solution" in html and "0 paire" in html
    assert "Inscriptions à la cantine scolaire en ligne" not in html
    assert mission.get_absolute_url() not in html
    client.force_login(users[Role.INCUBATOR])
    html = client.get(f"/synergies/groupes/{need.group_id}/").content.decode()
    assert "Inscriptions à la cantine scolaire en ligne" in html


@pytest.mark.django_db
def test_a_project_team_counts_and_filters_only_what_it_may_read(client, users):
    """Counts of a group (elements, collectivités, pairs) and the kinds offered as filters are
    those of the items a project team may read: a need reserved to the team is not counted."""
    from tests.portfolio.factories import TeamMemberFactory

    unrelated_items(30)
    commune = CommuneFactory(insee="01004", name="Petiteville", population=1200)
    mission = diagnostics.mission_request(collectivite=commune, hopes="Un site internet")
    Need.objects.create(
        mission=mission,
        title="Inscriptions à la cantine scolaire en ligne",
        description="Les familles déposent les inscriptions à la cantine scolaire en mairie",
        theme="demarches-en-ligne",
    )
    own = ProjectFactory(
        name="Cantine scolaire",
        mission="Inscriptions à la cantine scolaire pour les familles, menus et paiement",
    )
    ProjectFactory(
        name="Cantine des écoles",
        mission="Inscriptions à la cantine scolaire des familles en ligne, menus et paiement",
    )
    services.recompute()
    need = SynergyMember.objects.get(kind="besoin")
    group = need.group
    assert group.members.filter(kind="projet").count() == 2, "the two projects and the need"
    TeamMemberFactory(project=own, user=users[Role.SERVICE_OWNER])
    readable = frozenset({"projet", "initiative", "solution"})
    seen = selectors.synergy_groups(projects={own.pk}, readable=readable).get(pk=group.pk)
    assert (seen.shown_size, seen.shown_span) == (group.size - 1, group.span - 1)
    assert seen.visible_pairs == SynergyPair.objects.filter(group=group).exclude(
        a_key__startswith="besoin:").exclude(b_key__startswith="besoin:").count()  # fmt: skip
    team = selectors.synergy_groups(readable=None).get(pk=group.pk)
    assert (team.shown_size, team.visible_pairs) == (group.size, group.pairs.count())
    client.force_login(users[Role.SERVICE_OWNER])
    html = " ".join(client.get("/synergies/").content.decode().split())
    assert f"Groupe {group.position} : {group.size - 1} éléments" in html
    assert 'value="besoin"' not in html and 'value="probleme"' not in html
    assert selectors.default_kinds(readable) == ["projet", "solution"]


def test_proposer_explains_no_likeness():
    """Leftovers 3b: two projects were « similaires » for « proposés » (« Indicateurs proposés
    en sortie d'investigation » in one, « qui le propose à ses communes » in the other)."""
    index = build_index(
        _items(
            {
                "cantine": "Cantine en ligne. Les familles s'inscrivent sur papier. "
                "Indicateurs proposés en sortie d'investigation : appels évités.",
                "conseil": "Préparer le conseil municipal sans papier. Le syndicat le propose "
                "à ses communes adhérentes.",
            }
        )
    )
    reasons = index.explain("cantine", "conseil")
    assert "papier" in reasons
    assert not any("propos" in reason for reason in reasons), reasons
