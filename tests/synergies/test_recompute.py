"""The Django side of synergies: sources, recomputation, decisions (database tests)."""

import pytest
from django.core.exceptions import ValidationError

from fabrique.portfolio.services import project_save
from fabrique.synergies import selectors, services
from fabrique.synergies.models import (
    RecomputeState,
    SimilarityLink,
    SynergyDecision,
    SynergyGroup,
    SynergyPair,
)
from fabrique.synergies.selectors import sources
from fabrique.synergies.vocabulary import DecisionStatus, pair_key
from tests.portfolio.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def snapshot():
    links = list(
        SimilarityLink.objects.order_by("pk").values_list(
            "source_kind",
            "source_id",
            "target_kind",
            "target_id",
            "relation",
            "score",
            "rank",
            "reasons",
        )
    )
    groups = [
        (g.position, g.size, g.span, g.score, g.reasons, [m.key for m in g.members.all()])
        for g in SynergyGroup.objects.prefetch_related("members")
    ]
    pairs = list(SynergyPair.objects.values_list("pair_key", "score", "reasons"))
    return links, groups, pairs


ALL_KINDS = ("projet", "initiative", "solution")


def shown_pairs():
    return {
        pair.pair_key
        for group in selectors.synergy_groups(kinds=ALL_KINDS)
        for pair in selectors.group_pairs(group)
    }


def group_of(key):
    for group in SynergyGroup.objects.prefetch_related("members"):
        if key in {member.key for member in group.members.all()}:
            return group
    return None


def test_sources_give_projects_initiatives_with_territory_and_owner(corpus):
    entries = {entry.key: entry for entry in sources.collect()}
    cour = entries[f"projet:{corpus['cour'].pk}"]
    assert cour.kind == "projet"
    assert "Cours d'école végétalisées" in cour.item.text
    assert "désimperméabilisation" in cour.item.text
    assert cour.item.territory == "42"  # the first partner's département
    assert cour.url == "/projets/cours-ecole/"
    initiatives = [e for e in entries.values() if e.kind == "initiative"]
    assert len(initiatives) == 8
    malo = next(e for e in initiatives if "groupe scolaire" in e.label)
    assert malo.owner == "commune:35288"
    assert malo.place == "Saint-Malo (35)"
    assert entries[f"projet:{corpus['cantine'].pk}"].departement_id is None


def test_huge_and_blank_texts_are_handled(corpus):
    ProjectFactory(name="Énorme", slug="enorme", description="cour d'école " * 100_000)
    ProjectFactory(name="   ", slug="vide", mission="")
    entry = next(e for e in sources.collect() if e.label == "Énorme")
    assert len(entry.item.text) <= sources.MAX_TEXT
    result = services.recompute()
    assert result["items"] == 12


def test_recompute_writes_links_and_groups_deterministically(corpus):
    first = services.recompute()
    assert first["items"] == 10 and first["groups"] >= 3 and first["links"] > 0
    once = snapshot()
    services.recompute()
    assert snapshot() == once
    cour = corpus["cour"]
    group = group_of(f"projet:{cour.pk}")
    assert group is not None and group.span >= 3
    assert any("cour" in reason for reason in group.reasons)
    state = RecomputeState.objects.get(pk=1)
    assert state.items == 10 and state.finished_at is not None


def test_elsewhere_lists_initiatives_with_scores_and_reasons(corpus):
    services.recompute()
    similar = selectors.similar_to("projet", corpus["cour"].pk)
    assert similar.elsewhere
    best = similar.elsewhere[0]
    assert best.target_kind == "initiative" and "cour" in best.target_label.lower()
    assert 0 < best.score <= 1 and best.reasons


def test_a_dismissed_pair_never_comes_back(corpus, users):
    services.recompute()
    pair = SynergyPair.objects.order_by("-score", "pair_key").first()
    services.decide(a=pair.b_key, b=pair.a_key, status="ecartee", by=users["incubateur"])
    decision = SynergyDecision.objects.get()
    assert decision.pair_key == pair.pair_key  # (b, a) and (a, b): the same pair
    assert pair.pair_key not in shown_pairs()
    for _ in range(2):  # the decision survives every recomputation
        services.recompute()
        assert not SynergyPair.objects.filter(pair_key=pair.pair_key).exists()
        a_kind, a_id = pair.a_key.split(":")
        b_kind, b_id = pair.b_key.split(":")
        assert not SimilarityLink.objects.filter(
            source_kind=a_kind, source_id=a_id, target_kind=b_kind, target_id=b_id
        ).exists()
        assert not SimilarityLink.objects.filter(
            source_kind=b_kind, source_id=b_id, target_kind=a_kind, target_id=a_id
        ).exists()


def test_confirm_and_put_in_touch_are_recorded(corpus, users):
    services.recompute()
    pair = SynergyPair.objects.first()
    staff = users["incubateur"]
    services.decide(a=pair.a_key, b=pair.b_key, status="confirmee", by=staff, note="Vu")
    services.decide(a=pair.a_key, b=pair.b_key, status="mise-en-relation", by=staff)
    statuses = selectors.pair_statuses([pair.pair_key])[pair.pair_key]
    assert statuses == [DecisionStatus.PUT_IN_TOUCH.label, DecisionStatus.CONFIRMED.label]
    assert SynergyDecision.objects.filter(decided_by=staff).count() == 2
    assert pair.pair_key in shown_pairs()


@pytest.mark.parametrize(
    ("a", "b", "status"),
    [
        ("projet:1", "projet:1", "confirmee"),
        ("nimporte", "projet:2", "confirmee"),
        ("projet:1", "initiative:99999", "confirmee"),  # never suggested
        ("projet:1", "initiative:2", "peut-etre"),
    ],
)
def test_bad_decisions_are_refused(corpus, users, a, b, status):
    services.recompute()
    with pytest.raises(ValidationError):
        services.decide(a=a, b=b, status=status, by=users["incubateur"])
    assert not SynergyDecision.objects.exists()


def test_saving_a_project_recomputes_after_commit(
    corpus, django_capture_on_commit_callbacks, monkeypatch
):
    asked = []
    run = services.recompute  # what the background task runs (immediate backend in tests)
    monkeypatch.setattr(services, "recompute", lambda **kwargs: asked.append(1) or run(**kwargs))
    with django_capture_on_commit_callbacks(execute=True):
        kind = ProjectFactory.build().kind
        project = project_save(
            name="Éclairage public LED", kind=kind, mission="Passer l'éclairage public en LED"
        )
        project_save(name=project.name, kind=kind, project=project)  # twice: one recomputation
    assert asked == [1]
    assert SimilarityLink.objects.filter(source_kind="projet", source_id=project.pk).exists()


def test_an_older_run_skips_itself(corpus):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    RecomputeState.objects.create(pk=1, requested_at=now)
    assert services.recompute(requested_at=now - timedelta(seconds=1)) == {"skipped": True}
    assert not SimilarityLink.objects.exists()
    assert services.recompute(requested_at=now)["skipped"] is False


def test_pair_key_is_symmetric():
    assert pair_key("projet:2", "initiative:1") == pair_key("initiative:1", "projet:2")
