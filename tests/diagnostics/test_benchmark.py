"""Benchmark of solutions, recommendations, funding and local partners (issue 13, items 8, 9,
11, 13 and 15): rules, pages, access, the JSON document, the deliverable opened back."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fabrique.accounts.models import Membership, Role
from fabrique.catalogue.models import SolutionSuggestion
from fabrique.diagnostics import importers, services
from fabrique.diagnostics.exports import deliverable_odt, deliverable_pdf, mission_document
from fabrique.diagnostics.models import Candidate, Lead, Mission
from fabrique.diagnostics.selectors.benchmark import lead_options
from fabrique.diagnostics.services import benchmark
from fabrique.synergies import selectors as synergy_selectors
from fabrique.synergies.access import similar_kinds
from fabrique.synergies.selectors.sources import collect
from tests.catalogue.factories import FundingSchemeFactory, OperatorFactory, SolutionFactory
from tests.documents import odt_text, pdf_text
from tests.factories import CommuneFactory, EPCIFactory, UserFactory
from tests.portfolio.factories import ProjectFactory

pytestmark = pytest.mark.django_db

SCORES = {"importance": 3, "population": 2, "urgence": 1, "faisabilite": 3, "cout": 1}


@pytest.fixture
def people():
    return {
        "team": UserFactory(role=Role.INCUBATOR),
        "coach": UserFactory(role=Role.COACH),
        "other_coach": UserFactory(role=Role.COACH),
        "agent": UserFactory(role=Role.AGENT),
    }


@pytest.fixture
def mission(people):
    epci = EPCIFactory(name="CC du Plateau", population=9_000)
    commune = CommuneFactory(insee="01004", name="Petiteville", population=1200, epci=epci)
    requested = services.mission_request(
        collectivite=commune, hopes="Un site internet", today=date(2026, 9, 1)
    )
    Membership.objects.create(user=people["agent"], commune=commune)
    return services.mission_accept(
        mission=requested, consultant=people["coach"], start=date(2026, 9, 1)
    )


@pytest.fixture
def need(mission):
    return services.need_save(
        mission=mission, title="Site internet de la mairie", theme="site-internet", scores=SCORES
    )


def recommend(need, solution, **extra):
    return benchmark.candidate_save(
        need=need,
        solution=solution,
        technical=3,
        economic=2,
        human=2,
        cost_once=Decimal("0"),
        cost_per_year=Decimal("120"),
        recommended=True,
        choice_criteria="Gratuit pour les communes, opéré par l'OPSN",
        **extra,
    )


def test_a_recommendation_needs_its_three_feasibilities_and_its_criteria(need):
    solution = SolutionFactory(name="Site communal clé en main")
    with pytest.raises(ValidationError) as error:
        benchmark.candidate_save(need=need, solution=solution, technical=3, recommended=True)
    assert set(error.value.message_dict) == {"economic", "human", "choice_criteria"}
    with pytest.raises(ValidationError) as error:
        benchmark.candidate_save(need=need, solution=solution, technical=7)
    assert "hors de l'échelle" in error.value.message_dict["technical"][0]
    with pytest.raises(ValidationError):
        benchmark.candidate_save(need=need, name="  ")
    assert not Candidate.objects.exists()
    candidate = recommend(need, solution)
    assert candidate.name == "Site communal clé en main" and candidate.recommended
    with pytest.raises(ValidationError) as error:
        benchmark.candidate_save(need=need, solution=solution)
    assert "déjà comparée" in error.value.message_dict["solution"][0]


def test_a_typed_market_offer_is_proposed_to_the_catalogue_once(need, people):
    candidate = benchmark.candidate_save(
        need=need,
        name="SiteFacile Pro",
        provider="SiteFacile SAS",
        technical=2,
        by=people["coach"],
    )
    suggestion = SolutionSuggestion.objects.get()
    assert suggestion.name == "SiteFacile Pro" and suggestion.submitted_by == people["coach"]
    assert "Site internet de la mairie" in suggestion.description
    assert candidate.suggestion == suggestion
    benchmark.candidate_save(
        need=need, candidate=candidate, name="SiteFacile Pro", technical=3, by=people["coach"]
    )
    assert SolutionSuggestion.objects.count() == 1
    # An offer already in the catalogue is not suggested again.
    SolutionFactory(name="Mairie Web")
    benchmark.candidate_save(need=need, name="Mairie web", by=people["coach"])
    assert SolutionSuggestion.objects.count() == 1


def test_funding_and_partners_of_a_recommendation(mission, need):
    scheme = FundingSchemeFactory(name="France Numérique Ensemble")
    operator = OperatorFactory(name="Numérique Ain", departements=[mission.commune.departement])
    candidate = recommend(need, SolutionFactory(name="Site communal"))
    options = {option.key: option for option in lead_options(candidate)}
    funding = options[f"aide:{scheme.slug}"]
    assert funding.kind == "financement" and "ouvert aux communes" in funding.reasons
    assert options[f"opsn:{operator.slug}"].name == "Numérique Ain"
    assert f"departement:{mission.commune.departement.code}" in options
    with pytest.raises(ValidationError) as error:
        benchmark.lead_decide(
            candidate=candidate, kind="financement", key=funding.key, name=funding.name, kept=False
        )
    assert "pourquoi" in error.value.message_dict["note"][0]
    benchmark.lead_decide(
        candidate=candidate,
        kind="financement",
        key=funding.key,
        name=funding.name,
        reasons=funding.reasons,
        scheme=scheme,
        kept=True,
        note="Dossier à déposer avant mars",
    )
    lead = benchmark.lead_decide(
        candidate=candidate,
        kind="partenaire",
        key=f"opsn:{operator.slug}",
        name=operator.name,
        kept=False,
        note="Hors de son offre",
    )
    # Deciding again corrects the decision, never a duplicate.
    again = benchmark.lead_decide(
        candidate=candidate,
        kind="partenaire",
        key=f"opsn:{operator.slug}",
        name=operator.name,
        kept=True,
    )
    assert again.pk == lead.pk and again.kept and Lead.objects.count() == 2
    assert lead_options(candidate)[0].decision is not None
    # No longer recommended: its funding and partners go with it.
    benchmark.candidate_save(need=need, candidate=candidate, solution=candidate.solution)
    assert not Lead.objects.exists()
    with pytest.raises(ValidationError):
        benchmark.lead_decide(
            candidate=candidate, kind="financement", key=funding.key, name=funding.name, kept=True
        )


def test_pages_add_edit_delete_and_decide(client, mission, need, people):
    solution = SolutionFactory(name="Site communal")
    scheme = FundingSchemeFactory(name="France Numérique Ensemble")
    client.force_login(people["coach"])
    add = reverse("diagnostics:candidate-add", args=[need.pk])
    assert "Comparer une solution" in client.get(add).content.decode()
    response = client.post(
        add,
        {
            "solution": solution.pk,
            "technical": "3",
            "economic": "2",
            "human": "",
            "recommended": "on",
            "choice_criteria": "",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "faisabilité humaine" in page
    assert not Candidate.objects.exists()
    response = client.post(
        add,
        {
            "solution": solution.pk,
            "technical": "3",
            "economic": "2",
            "human": "1",
            "cost_per_year": "120",
            "recommended": "on",
            "choice_criteria": "Simple à tenir",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Solution ajoutée au benchmark" in page and "Simple à tenir" in page
    candidate = Candidate.objects.get()
    edit = reverse("diagnostics:candidate-edit", args=[candidate.pk])
    assert client.get(edit).status_code == 200
    leads = reverse("diagnostics:leads", args=[candidate.pk])
    page = client.get(leads).content.decode()
    assert "France Numérique Ensemble" in page and "ouvert aux communes" in page
    response = client.post(
        leads, {"key": f"aide:{scheme.slug}", "kept": "oui", "note": "Oui"}, follow=True
    )
    assert "« France Numérique Ensemble » retenu" in response.content.decode()
    response = client.post(leads, {"key": "aide:inconnue", "kept": "oui"}, follow=True)
    assert "plus proposée" in response.content.decode()
    page = client.get(mission.get_absolute_url()).content.decode()
    assert "Benchmark des solutions" in page and "France Numérique Ensemble" in page
    delete = reverse("diagnostics:candidate-delete", args=[candidate.pk])
    response = client.post(delete, follow=True)
    assert response.status_code == 200 and not Candidate.objects.exists()


def test_access_to_the_benchmark(client, mission, need, people):
    candidate = recommend(need, SolutionFactory())
    urls = [
        reverse("diagnostics:candidate-add", args=[need.pk]),
        reverse("diagnostics:candidate-edit", args=[candidate.pk]),
        reverse("diagnostics:candidate-delete", args=[candidate.pk]),
        reverse("diagnostics:leads", args=[candidate.pk]),
    ]
    client.force_login(people["agent"])  # reads the mission, does not work on it
    assert "Benchmark des solutions" in client.get(mission.get_absolute_url()).content.decode()
    assert [client.get(url).status_code for url in urls] == [403] * 4
    client.force_login(people["other_coach"])
    assert [client.get(url).status_code for url in urls] == [404] * 4
    client.logout()
    assert all(client.get(url).status_code in (302, 404) for url in urls)
    client.force_login(people["team"])
    assert [client.get(url).status_code for url in urls] == [200] * 4


def test_mission_page_queries_do_not_grow_with_candidates(
    client, mission, people, django_assert_max_num_queries
):
    client.force_login(people["coach"])

    def grow(n):
        for i in range(n):
            need = services.need_save(
                mission=mission, title=f"Besoin {i}", theme="autre", scores=SCORES
            )
            for _ in range(3):
                candidate = recommend(need, SolutionFactory())
                benchmark.lead_decide(
                    candidate=candidate, kind="partenaire", key="x:1", name="Partenaire", kept=True
                )

    grow(1)
    with django_assert_max_num_queries(60) as first:
        client.get(mission.get_absolute_url())
    grow(8)
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(mission.get_absolute_url()).status_code == 200


def test_document_round_trip_and_deliverable_opened_back(mission, need, people):
    solution = SolutionFactory(name="Site communal", slug="site-communal", licence="AGPL-3.0-only")
    scheme = FundingSchemeFactory(name="France Numérique Ensemble", slug="fne")
    operator = OperatorFactory(
        name="Numérique Ain", slug="numerique-ain", departements=[mission.commune.departement]
    )
    candidate = recommend(need, solution, technical_note="Hébergé par l'OPSN")
    benchmark.candidate_save(
        need=need,
        name="SiteFacile Pro",
        technical=1,
        economic=1,
        human=2,
        economic_note="Abonnement cher",
        cost_per_year=Decimal("900"),
    )
    benchmark.lead_decide(
        candidate=candidate,
        kind="financement",
        key="aide:fne",
        name=scheme.name,
        reasons=["ouvert aux communes"],
        kept=True,
        scheme=scheme,
        note="Avant mars",
    )
    benchmark.lead_decide(
        candidate=candidate,
        kind="partenaire",
        key="opsn:numerique-ain",
        name=operator.name,
        kept=True,
        operator=operator,
    )
    first = mission_document(mission)
    (recommended, typed) = first["needs"][0]["candidates"]
    assert recommended["solution"] == "site-communal" and recommended["recommended"] is True
    assert recommended["technical"] == {"score": 3, "comment": "Hébergé par l'OPSN"}
    assert recommended["cost_per_year"] == "120.00"
    assert [lead["key"] for lead in recommended["leads"]] == ["aide:fne", "opsn:numerique-ain"]
    assert typed["solution"] is None and typed["economic"]["comment"] == "Abonnement cher"

    pdf, odt = pdf_text(deliverable_pdf(mission)), odt_text(deliverable_odt(mission))
    for text in (pdf, odt):
        assert "Benchmark des solutions" in text and "SiteFacile Pro" in text
        assert "Gratuit pour les communes" in text  # criteria of choice
        assert "France Numérique Ensemble" in text and "Numérique Ain" in text
        assert "Petiteville" in text and "CC du Plateau" in text

    Mission.objects.all().delete()
    (again,) = importers.import_documents(json.loads(json.dumps(first)))
    assert mission_document(again) == first
    lead = Lead.objects.get(key="aide:fne")
    assert lead.scheme == scheme and Lead.objects.get(key="opsn:numerique-ain").operator == operator


@pytest.mark.parametrize(
    ("candidate", "path"),
    [
        (
            {"name": "X", "recommended": True, "technical": {"score": 3}},
            "$.needs[0].candidates[0].economic",
        ),
        ({"name": "X", "technical": {"score": 9}}, "$.needs[0].candidates[0].technical"),
        ({"solution": "absente"}, "$.needs[0].candidates[0].solution"),
        (
            {"name": "X", "leads": [{"kind": "financement", "key": "a", "name": "A"}]},
            "$.needs[0].candidates[0].leads",
        ),
        (
            {
                "name": "X",
                "recommended": True,
                "choice_criteria": "c",
                **{f: {"score": 1} for f in ("technical", "economic", "human")},
                "leads": [{"kind": "financement", "key": "a", "name": "A", "kept": False}],
            },
            "$.needs[0].candidates[0].leads[0].note",
        ),
    ],
)
def test_bad_benchmark_documents_name_their_path(people, candidate, path):
    CommuneFactory(insee="01004", population=800)
    document = {
        "collectivite": "01004",
        "status": "en cours",
        "consultant": people["coach"].email,
        "needs": [
            {"title": "Site", "theme": "site-internet", "scores": SCORES, "candidates": [candidate]}
        ],
    }
    with pytest.raises(importers.DocumentError) as error:
        importers.import_documents(document)
    assert str(error.value).startswith(path)
    assert not Mission.objects.exists()


def test_needs_and_recommendations_feed_the_synergy_engine(mission, need, people):
    """A need found in one mission is an item of the engine (team only): the pre-diagnostic of
    another mission finds it, with the solution recommended for it in its text."""
    recommend(need, SolutionFactory(name="Site communal clé en main"))
    entries = {entry.key: entry for entry in collect()}
    entry = entries[f"besoin:{need.pk}"]
    assert entry.owner == "commune:01004" and "Site communal clé en main" in entry.item.text
    assert entry.url.endswith("#besoins")
    assert "besoin" in similar_kinds(people["team"])
    assert "besoin" not in similar_kinds(people["agent"])
    # A word of a single text is out of the engine's vocabulary: « internet » is shared here, so
    # the likeness is explained by a word and not by letters only.
    ProjectFactory(name="Internet au village", mission="Amener internet dans les hameaux")
    other = CommuneFactory(insee="01005", name="Autreville", population=900)
    requested = services.mission_request(
        collectivite=other, hopes="Refaire le site internet de la mairie"
    )
    synergy_selectors.forget_text_index()
    accepted = services.mission_accept(mission=requested, consultant=people["coach"])
    similar = accepted.prediagnostic.data["similar"]
    assert {"label": "Site internet de la mairie", "kind": "besoin"}.items() <= similar[0].items()


def test_an_imported_mission_reports_its_opsn_without_a_snapshot(people):
    """A mission brought in by JSON without its pre-diagnostic: the report computes one from
    today's data (population, EPCI, OPSN) and says so; the mission keeps no snapshot."""
    epci = EPCIFactory(name="CC des Vallons", population=7_000)
    commune = CommuneFactory(insee="07123", name="Petit-Bourg", population=640, epci=epci)
    OperatorFactory(name="Inforoutes de l'Ardèche", departements=[commune.departement])
    (mission,) = importers.import_documents(
        {"collectivite": "07123", "status": "en cours", "consultant": people["coach"].email,
         "needs": [{"title": "Site internet", "theme": "site-internet", "scores": SCORES}]}
    )  # fmt: skip
    for text in (pdf_text(deliverable_pdf(mission)), odt_text(deliverable_odt(mission))):
        assert "Petit-Bourg" in text and "640" in text and "CC des Vallons" in text
        assert "Inforoutes de l'Ardèche" in text and "Site internet" in text
        assert "calculé à la date du rapport" in text
    assert mission_document(mission)["prediagnostic"] is None


def test_benchmark_tables_share_their_column_widths_on_the_page_and_in_the_pdf(
    client, mission, need, people
):
    """One table per need: the same columns at the same widths, whatever the text in them, so
    that the needs compare at a glance (fixed layout, widths given by a shared colgroup)."""
    import re

    from django.template.loader import render_to_string

    from fabrique.diagnostics.exports import report_context

    other = services.need_save(
        mission=mission, title="Messagerie", theme="messagerie", scores=SCORES
    )
    recommend(need, SolutionFactory(name="Site"))
    benchmark.candidate_save(
        need=other, name="Une offre au nom très long " * 4, technical=1, economic=1, human=1,
        economic_note="Un abonnement annuel dont le coût dépasse de loin le budget " * 3,
    )  # fmt: skip
    client.force_login(people["coach"])
    page = client.get(mission.get_absolute_url()).text
    tables = re.findall(
        r'<div class="([^"]*)">\s*<table>(\s*<caption[^>]*>Solutions comparées.*?)</thead>',
        page,
        re.S,
    )
    assert len(tables) == 2
    colgroups = set()
    for wrapper, table in tables:
        assert "fr-table--layout-fixed" in wrapper
        colgroups.add(re.search(r"<colgroup>.*?</colgroup>", table, re.S).group())
    assert len(colgroups) == 1 and colgroups.pop().count("<col ") == 6

    html = render_to_string("diagnostics/report_pdf.html", report_context(mission))
    tables = re.findall(r'<table class="benchmark">(.*?)</thead>', html, re.S)
    assert len(tables) == 2
    assert len({re.search(r"<colgroup>.*?</colgroup>", t, re.S).group() for t in tables}) == 1
    assert re.search(r"table\.benchmark\s*\{[^}]*table-layout:\s*fixed", html)
