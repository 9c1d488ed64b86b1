from io import StringIO

import pytest
from django.core.management import call_command

from fabrique.accounts.services import load_demo_accounts
from fabrique.catalogue.demo import SCHEMES, SOLUTIONS, load_demo_catalogue
from fabrique.catalogue.models import (
    FundingScheme,
    Operator,
    Solution,
    SolutionSuggestion,
    SolutionUse,
)
from fabrique.catalogue.selectors import collectivite_by_code, funding_for
from fabrique.catalogue.vocabulary import Category, CostModel, Origin
from fabrique.portfolio.demo import load_demo_portfolio

pytestmark = pytest.mark.django_db


def snapshot():
    return [
        list(model.objects.order_by("pk").values_list())
        for model in (
            Solution,
            SolutionUse,
            FundingScheme,
            Operator,
            SolutionSuggestion,
            Solution.similar.through,
            Operator.departements.through,
            Operator.solutions.through,
            FundingScheme.departements.through,
            FundingScheme.regions.through,
        )
    ] + [Solution.history.count(), SolutionUse.history.count(), FundingScheme.history.count()]


@pytest.fixture
def demo(territories):
    load_demo_accounts()
    load_demo_portfolio()
    return load_demo_catalogue()


def test_demo_covers_every_origin_need_and_cost(demo):
    assert demo["solutions"] == demo["created"] == len(SOLUTIONS) >= 30
    assert demo["schemes"] == len(SCHEMES) >= 12
    assert set(Solution.objects.values_list("origin", flat=True)) == set(Origin.values)
    assert set(Solution.objects.values_list("cost_model", flat=True)) == set(CostModel.values)
    used = {value for s in Solution.objects.all() for value in s.category_list}
    assert used == set(Category.values)
    assert demo["uses"] > 50  # among the real communes of the test reference
    assert SolutionUse.objects.filter(commune__insee="42248").count() >= 5
    assert Solution.objects.get(slug="actes-en-ligne").project.slug == "actes-en-ligne"
    assert FundingScheme.objects.filter(is_closed=True).count() >= 3
    assert demo["operators"] == 27 and demo["suggestions"] == 1  # real OPSN with départements
    # A small commune has funding for the catalogue's needs.
    saint_just = collectivite_by_code("commune", "42248")
    names = [m.scheme.name for m in funding_for(saint_just, categories=["relation-usagers"])]
    assert "Département de la Loire : équipement numérique des communes rurales" in names
    assert not any("France Relance" in name for name in names)


def test_a_collectivite_eligible_to_the_sur_mesure_finds_its_scheme(demo):
    """The agent's EPCI (5 212 inhabitants) is « éligible à l'accompagnement sur-mesure » on
    « Mon espace »: the funding page must not say the programme is closed to it."""
    for kind, code in (("commune", "42248"), ("epci", "244200820")):
        collectivite = collectivite_by_code(kind, code)
        names = [match.scheme.name for match in funding_for(collectivite)]
        assert any(name.startswith("Accompagnement numérique sur mesure") for name in names), kind


def test_the_sur_mesure_scheme_and_the_eligibility_agree_at_the_threshold(demo):
    """« Moins de 3 500 habitants » is strict everywhere: a commune of exactly 3 500 is neither
    eligible to the accompagnement sur-mesure nor offered its scheme in the catalogue."""
    from fabrique.territories.models import EPCI, Commune

    commune = Commune.objects.get(insee="42248")
    epci = EPCI.objects.get(siren="244200820")
    for territory, limit in ((commune, 3_500), (epci, 15_000)):
        for population, eligible in ((limit, False), (limit - 1, True)):
            type(territory).objects.filter(pk=territory.pk).update(population=population)
            territory.refresh_from_db()
            assert territory.is_eligible is eligible
            kind = "commune" if territory is commune else "epci"
            code = commune.insee if territory is commune else epci.siren
            names = [m.scheme.name for m in funding_for(collectivite_by_code(kind, code))]
            offered = any(name.startswith("Accompagnement numérique sur mesure") for name in names)
            assert offered is eligible, (kind, population)


def test_runs_again_without_changing_anything(demo):
    before = snapshot()
    assert load_demo_catalogue() == {**demo, "created": 0, "existing": len(SOLUTIONS)}
    assert snapshot() == before
    # What the team changed is kept; a deleted demo solution comes back.
    solution = Solution.objects.get(slug="nextcloud")
    solution.summary = "Réécrit par l'équipe."
    solution.save()
    Solution.objects.get(slug="umap").delete()
    result = load_demo_catalogue()
    assert (result["created"], result["solutions"]) == (1, len(SOLUTIONS))
    assert Solution.objects.get(slug="nextcloud").summary == "Réécrit par l'équipe."


def test_works_without_territories_nor_accounts(db):
    result = load_demo_catalogue()
    assert result["solutions"] == len(SOLUTIONS)
    assert result["uses"] == 0 and result["suggestions"] == 0
    assert FundingScheme.objects.count() == len(SCHEMES)


def test_load_demo_prints_the_catalogue(territories):
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert f"Catalogue de démonstration : {len(SOLUTIONS)} solutions ({len(SOLUTIONS)} créées)" in (
        out.getvalue()
    )
