"""Accompagnement sur-mesure (issue 13): eligibility, steps, days ledger, ranked needs,
deliverable opened back, the JSON document round trip, access for every role."""

import io
import json
import zipfile
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from fabrique.accounts.models import Membership, Role
from fabrique.diagnostics import importers, rules, services
from fabrique.diagnostics.exports import deliverable_odt, deliverable_pdf, mission_document
from fabrique.diagnostics.models import EligibilityRule, Mission, Need
from fabrique.diagnostics.vocabulary import DEFAULT_GRID, MissionStatus
from tests.documents import pdf_text
from tests.factories import CommuneFactory, EPCIFactory, UserFactory

pytestmark = pytest.mark.django_db
SCORES = {"importance": 3, "population": 2, "urgence": 1, "faisabilite": 3, "cout": 1}
MINIMAL = {
    "collectivite": "01004", "status": "en cours", "consultant": "coach@fabrique.localhost",
    "start": "2026-09-01",
    "needs": [
        {"title": "Site internet de la mairie", "theme": "site-internet",
         "scores": {"importance": 3, "population": 2, "urgence": 1, "faisabilite": 3, "cout": 1}},
        {"title": "Messagerie sur le domaine de la commune", "theme": "messagerie",
         "scores": {"importance": 2, "population": 1, "urgence": 3, "faisabilite": 2, "cout": 0}},
    ],
}  # fmt: skip


@pytest.fixture
def people():
    return {
        "team": UserFactory(role=Role.INCUBATOR),
        "coach": UserFactory(role=Role.COACH, email="coach@fabrique.localhost"),
        "other_coach": UserFactory(role=Role.COACH),
        "agent": UserFactory(role=Role.AGENT),
        "other_agent": UserFactory(role=Role.AGENT),
        "porteur": UserFactory(role=Role.SERVICE_OWNER),
    }


@pytest.fixture
def commune():
    return CommuneFactory(insee="01004", name="Petiteville", population=1200)


def started(commune, coach, today=date(2026, 9, 1)):
    mission = services.mission_request(collectivite=commune, hopes="Un site", today=today)
    return services.mission_accept(mission=mission, consultant=coach, start=today)


def test_eligibility_is_computed_with_a_french_reason_and_kept_when_out_of_criteria(commune):
    large = CommuneFactory(name="Grandeville", population=12_000)
    ok = services.mission_request(collectivite=commune, hopes="Un site")
    refused = services.mission_request(collectivite=large, hopes="Un site")
    assert ok.status == MissionStatus.REQUESTED and ok.eligible
    assert refused.status == MissionStatus.OUT_OF_CRITERIA and not refused.eligible
    assert "Grandeville est hors critères : 12\u202f000 habitants" in refused.eligibility_reason
    assert "3\u202f500" in refused.eligibility_reason


def test_a_mission_keeps_the_rule_it_was_accepted_under(commune):
    first = services.mission_request(
        collectivite=CommuneFactory(population=4000), hopes="x", today=date(2025, 1, 1)
    )
    EligibilityRule.objects.create(
        valid_from=date(2026, 1, 1), commune_threshold=5000, epci_threshold=20000
    )
    second = services.mission_request(
        collectivite=CommuneFactory(population=4000), hopes="x", today=date(2026, 2, 1)
    )
    assert not first.eligible and second.eligible
    assert first.rule.commune_threshold == 3500 and second.rule.commune_threshold == 5000


def test_impossible_steps_are_refused_in_french(commune, people):
    mission = services.mission_request(collectivite=commune, hopes="x")
    with pytest.raises(ValidationError) as error:
        services.mission_move(mission=mission, to=MissionStatus.CLOSED)
    assert "« demandée » ne peut pas passer à « close »" in error.value.messages[0]
    mission = services.mission_accept(mission=mission, consultant=people["coach"])
    with pytest.raises(ValidationError):
        services.mission_move(mission=mission, to=MissionStatus.ABANDONED)  # no reason
    assert mission.planned_end == rules.planned_end(mission.start)


def test_the_11th_day_needs_the_teams_approval(commune, people):
    mission = started(commune, people["coach"])
    for index in range(10):  # one day per date
        day = date(2026, 9, 1) + timedelta(index)
        services.time_log(
            mission=mission, person=people["coach"], day=day, half_days=2, kind="analyse"
        )
    assert services.days_used(mission) == Decimal(10)
    with pytest.raises(ValidationError) as error:
        services.time_log(mission=mission, person=people["coach"], day=date(2026, 9, 12),
                          half_days=1, kind="redaction")  # fmt: skip
    assert "10,5 jours" in error.value.messages[0] or "10.5 jours" in error.value.messages[0]
    services.time_log(
        mission=mission, person=people["coach"], day=date(2026, 9, 12), half_days=1,
        kind="redaction", approved_by=people["team"], approval_reason="Restitution aux élus",
    )  # fmt: skip
    assert services.days_used(mission) == Decimal("10.5")
    assert rules.days_status(Decimal(8)) == "warning" and rules.days_status(Decimal(10)) == "error"


def test_needs_are_ranked_by_weighted_score_ties_by_urgency(commune, people):
    mission = started(commune, people["coach"])
    low = services.need_save(mission=mission, title="A", theme="autre",
                             scores={**SCORES, "importance": 0})  # fmt: skip
    tie_1 = services.need_save(mission=mission, title="B", theme="autre",
                               scores={**SCORES, "urgence": 1, "population": 3})  # fmt: skip
    tie_2 = services.need_save(mission=mission, title="C", theme="autre",
                               scores={**SCORES, "urgence": 2, "population": 2})  # fmt: skip
    grid = mission.grid.criteria
    assert rules.weighted_score(tie_1.scores, grid) == rules.weighted_score(tie_2.scores, grid)
    order = [need.title for need in rules.ranked(list(mission.needs.all()), grid)]
    assert order == ["C", "B", "A"]
    with pytest.raises(ValidationError):
        services.need_place(need=low, position=1, justification="")
    services.need_place(need=low, position=1, justification="Demande des élus")
    order = [need.title for need in rules.ranked(list(mission.needs.all()), grid)]
    assert order == ["A", "C", "B"]


@pytest.mark.parametrize(
    ("scores", "message"),
    [({**SCORES, "cout": 4}, "hors de l'échelle"), ({"importance": 3}, "manquante"),
     ({**SCORES, "beaute": 2}, "Critère inconnu")],
)  # fmt: skip
def test_bad_scores_are_refused(commune, people, scores, message):
    mission = started(commune, people["coach"])
    with pytest.raises(ValidationError) as error:
        services.need_save(mission=mission, title="X", theme="autre", scores=scores)
    assert message in " ".join(error.value.messages)
    assert not Need.objects.exists()


def test_the_deliverable_is_produced_as_pdf_and_odt_and_opened_back(commune, people):
    epci = EPCIFactory(name="CC des Monts", population=9000)
    commune.epci = epci
    commune.save()
    mission = started(commune, people["coach"])
    with pytest.raises(ValidationError):
        services.deliverable_generate(mission=mission, by=people["coach"])
    services.need_save(mission=mission, title="Site internet de la mairie",
                       theme="site-internet", scores=SCORES)  # fmt: skip
    deliverable = services.deliverable_generate(mission=mission, by=people["coach"])
    text = pdf_text(deliverable.pdf.read())
    assert "Petiteville" in text and "CC des Monts" in text and "Site internet de la mairie" in text
    with zipfile.ZipFile(io.BytesIO(deliverable_odt(mission))) as archive:
        content = archive.read("content.xml").decode()
    assert "Petiteville" in content and "CC des Monts" in content
    assert "Site internet de la mairie" in content and "1\u202f200" in content
    services.mission_move(mission=mission, to=MissionStatus.IN_PROGRESS)
    services.deliverable_finalize(deliverable=deliverable)
    mission.refresh_from_db()
    assert mission.status == MissionStatus.DELIVERED and mission.delivered_on


def test_the_deliverable_lists_needs_by_rank_each_title_whole(commune, people):
    """A reader (or a text extractor) finds each ranked need on one line, never a title split
    across narrow table cells or pages."""
    mission = started(commune, people["coach"])
    titles = ["Messagerie sur le domaine de la commune pour tous les agents",
              "Site internet de la mairie avec les démarches en ligne"]  # fmt: skip
    services.need_save(mission=mission, title=titles[0], theme="messagerie",
                       scores={**SCORES, "urgence": 0})  # fmt: skip
    services.need_save(mission=mission, title=titles[1], theme="site-internet", scores=SCORES)
    text = pdf_text(deliverable_pdf(mission))
    reference = f"code Insee {commune.insee}, population {commune.population}"
    assert reference in text  # the raw figures, beside the grouped ones of the prose
    assert f"1. {titles[1]} (Site internet), score pondéré 23" in text
    assert f"2. {titles[0]} (Messagerie), score pondéré" in text
    with zipfile.ZipFile(io.BytesIO(deliverable_odt(mission))) as archive:
        content = archive.read("content.xml").decode()
    assert content.index(f"1. {titles[1]}") < content.index(f"2. {titles[0]}")
    assert "Aucun outil inventorié." in content and "Aucune formation." in content
    assert reference in content


def test_a_minimal_document_imports_with_defaults(commune, people):
    (mission,) = importers.import_documents(MINIMAL)
    assert mission.status == MissionStatus.IN_PROGRESS
    assert mission.consultant == people["coach"] and mission.grid.criteria == DEFAULT_GRID
    assert mission.start == date(2026, 9, 1) and mission.needs.count() == 2


def test_export_import_export_gives_the_same_document(commune, people):
    (mission,) = importers.import_documents(MINIMAL)
    services.time_log(mission=mission, person=people["coach"], day=date(2026, 9, 2),
                      half_days=2, kind="entretiens")  # fmt: skip
    first = mission_document(mission)
    Mission.objects.all().delete()
    (again,) = importers.import_documents(json.loads(json.dumps(first)))
    assert mission_document(again) == first


@pytest.mark.parametrize(
    ("change", "path"),
    [({"collectivite": "99999"}, "$.collectivite"), ({"consultant": "x@y.fr"}, "$.consultant"),
     ({"needs": [{"title": "T", "theme": "licorne", "scores": SCORES}]}, "$.needs[0].theme"),
     ({"needs": [{"title": "T", "theme": "autre", "scores": {**SCORES, "cout": 9}}]},
      "$.needs[0].scores.cout")],
)  # fmt: skip
def test_bad_documents_name_their_json_path_and_import_nothing(commune, people, change, path):
    with pytest.raises(importers.DocumentError) as error:
        importers.import_documents({**MINIMAL, **change})
    assert str(error.value).startswith(path)
    assert not Mission.objects.exists()


def test_import_command_reports_truncated_files_in_french(tmp_path, commune, people):
    bad = tmp_path / "missions.json"
    bad.write_text(json.dumps([MINIMAL, MINIMAL])[:-20])
    with pytest.raises(CommandError) as error:
        call_command("import_diagnostics", str(bad))
    assert "JSON illisible" in str(error.value)
    good = tmp_path / "ok.json"
    good.write_text(json.dumps([MINIMAL, {**MINIMAL, "start": "2027-01-04"}]))
    call_command("import_diagnostics", str(good))
    assert Mission.objects.count() == 2
    out = tmp_path / "rapport.odt"
    call_command("diagnostic_report", str(Mission.objects.first().pk), "--format", "odt",
                 "--output", str(out))  # fmt: skip
    assert zipfile.is_zipfile(out)


def test_access_for_every_role(client, commune, people):
    Membership.objects.create(user=people["agent"], commune=commune)
    Membership.objects.create(user=people["other_agent"], commune=CommuneFactory())
    mission = started(commune, people["coach"])
    url = mission.get_absolute_url()
    api = reverse("api:diagnostic-detail", args=[mission.pk])
    expected = {"team": 200, "coach": 200, "agent": 200, "other_coach": 404,
                "other_agent": 404, "porteur": 404}  # fmt: skip
    for role, status in expected.items():
        client.force_login(people[role])
        assert client.get(url).status_code == status, role
        assert client.get(api).status_code == status, role
    client.logout()
    assert client.get(api).status_code in (401, 403)
    client.force_login(people["agent"])
    response = client.post(reverse("diagnostics:accept", args=[mission.pk]))
    assert response.status_code == 403


def test_api_finds_the_missions_of_a_collectivite(client, commune, people):
    started(commune, people["coach"])
    services.mission_request(collectivite=CommuneFactory(population=800), hopes="x")
    client.force_login(people["team"])
    data = client.get("/api/v1/diagnostics/", {"collectivite": "01004"}).json()
    assert data["count"] == 1 and data["results"][0]["collectivite"] == "01004"


def test_an_agent_requests_for_their_collectivite_only(client, commune, people):
    Membership.objects.create(user=people["agent"], commune=commune)
    other = CommuneFactory(name="Ailleurs", population=500)
    client.force_login(people["agent"])
    response = client.post(reverse("diagnostics:request"),
                           {"collectivite": other.insee, "hopes": "Un site"})  # fmt: skip
    assert "que pour vos collectivités" in response.content.decode().replace("&#x27;", "'")
    response = client.post(
        reverse("diagnostics:request"),
        {"collectivite": "01004", "hopes": "<script>x</script>"},
        follow=True,
    )
    assert Mission.objects.count() == 1
    assert "<script>x</script>" not in response.content.decode()


def test_the_team_list_runs_constant_queries(client, people, django_assert_max_num_queries):
    from tests.query_counts import assert_constant_queries

    client.force_login(people["team"])
    first = started(CommuneFactory(population=900), people["coach"])
    services.time_log(mission=first, person=people["coach"], day=date(2026, 9, 2),
                      half_days=2, kind="analyse")  # fmt: skip

    def grow():
        for index in range(15):  # one day per date and per person
            mission = started(CommuneFactory(population=900), people["coach"])
            services.time_log(mission=mission, person=people["coach"],
                              day=date(2026, 9, 3) + timedelta(index), half_days=2,
                              kind="analyse")  # fmt: skip

    assert_constant_queries(
        django_assert_max_num_queries, lambda: client.get("/sur-mesure/"), grow, budget=10
    )


@pytest.mark.parametrize(
    "start", ["01/09/2026", "2026-9-1", "1er septembre 2026", "2026-09-01T10:00:00+02:00"]
)
def test_a_start_date_typed_in_a_spreadsheet_is_read(commune, people, start):
    (mission,) = importers.import_documents({**MINIMAL, "start": start})
    assert mission.start == date(2026, 9, 1)


def test_an_impossible_date_is_refused_not_guessed(commune, people):
    with pytest.raises(importers.DocumentError) as error:
        importers.import_documents({**MINIMAL, "start": "31/09/2026"})
    assert str(error.value).startswith("$.start : date invalide « 31/09/2026 »")
    assert not Mission.objects.exists()


def test_a_theme_written_as_its_label_is_read_and_a_missing_one_is_named(commune, people):
    needs = [{**MINIMAL["needs"][0], "theme": "Site internet"},
             {**MINIMAL["needs"][1], "theme": "MESSAGERIE"}]  # fmt: skip
    (mission,) = importers.import_documents({**MINIMAL, "needs": needs})
    assert sorted(mission.needs.values_list("theme", flat=True)) == ["messagerie", "site-internet"]
    with pytest.raises(importers.DocumentError) as error:
        importers.import_documents(
            {**MINIMAL, "start": "2027-01-04", "needs": [{**needs[0], "theme": None}]}
        )
    assert str(error.value).startswith("$.needs[0].theme : thème absent (site-internet,")


def test_a_document_imported_twice_is_refused_whole_not_duplicated(tmp_path, commune, people):
    path = tmp_path / "missions.json"
    path.write_text(json.dumps([MINIMAL]), encoding="utf-8")
    call_command("import_diagnostics", str(path))
    with pytest.raises(CommandError) as error:
        call_command("import_diagnostics", str(path))
    assert "Rien n'a été importé. $[0] : une mission pour Petiteville " in str(error.value)
    assert "commencée le 01/09/2026 existe déjà" in str(error.value)
    # Twice in one list: nothing of the list is kept.
    path.write_text(json.dumps([{**MINIMAL, "start": "2027-01-04"}] * 2), encoding="utf-8")
    with pytest.raises(CommandError, match=r"\$\[1\] : une mission pour"):
        call_command("import_diagnostics", str(path))
    assert Mission.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "path"),
    [({"contact": "Mme Durand"}, "$.contact"), ({"days": 3}, "$.days"),
     ({"days": ["2026-09-02"]}, "$.days[0]"), ({"needs": {"title": "T"}}, "$.needs"),
     ({"days": [{"half_days": 2, "kind": "entretiens"}]}, "$.days[0].date"),
     ({"consultant": None, "days": [{"date": "2026-09-02", "half_days": 2,
                                     "kind": "entretiens"}]}, "$.days[0].person"),
     ({"needs": [{"title": "T", "theme": "autre", "scores": [3, 2]}]}, "$.needs[0].scores"),
     ({"criteria": ["importance"]}, "$.criteria"),
     ({"criteria": {"importance": {"label": "I", "weight": "lourd"}}},
      "$.criteria.importance.weight"),
     ({"eligibility": {"eligible": "peut-être"}}, "$.eligibility.eligible")],
)  # fmt: skip
def test_a_value_of_the_wrong_type_is_named_by_its_path_not_a_traceback(
    commune, people, change, path
):
    """Each of these ended on a Python error (AttributeError, TypeError, IntegrityError,
    ValidationError) instead of the JSON path of the value to fix."""
    with pytest.raises(importers.DocumentError) as error:
        importers.import_documents({**MINIMAL, **change})
    assert str(error.value).startswith(f"{path} : ")
    assert not Mission.objects.exists()


def test_an_eligibility_written_oui_is_read(commune, people):
    (mission,) = importers.import_documents({**MINIMAL, "eligibility": {"eligible": "non"}})
    assert mission.eligible is False


def test_an_empty_file_is_said_empty(tmp_path):
    path = tmp_path / "missions.json"
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(CommandError, match="le fichier est vide, rien à importer"):
        call_command("import_diagnostics", str(path))
