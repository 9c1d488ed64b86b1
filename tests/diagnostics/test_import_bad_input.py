"""Bad input of the issue, through the importer (`import_diagnostics`): an ineligible
collectivité, an 11th day without approval, a need ranked by hand out of range, a consultant
who is not one, 10,000-character fields. Each is refused with its JSON path, nothing saved."""

import io
import json
from datetime import date

import pytest
from django.core.management import call_command

from fabrique.accounts.models import Role
from fabrique.diagnostics import importers
from fabrique.diagnostics.exports import mission_document
from fabrique.diagnostics.models import Mission
from fabrique.diagnostics.vocabulary import MissionStatus
from tests.factories import CommuneFactory, UserFactory

pytestmark = pytest.mark.django_db
SCORES = {"importance": 3, "population": 2, "urgence": 1, "faisabilite": 3, "cout": 1}
NEEDS = [
    {"title": "Site internet de la mairie", "theme": "site-internet", "scores": SCORES},
    {"title": "Messagerie sur le domaine", "theme": "messagerie", "scores": SCORES},
]


@pytest.fixture(autouse=True)
def world():
    CommuneFactory(insee="01004", name="Petiteville", population=1200)
    CommuneFactory(insee="01053", name="Grandeville", population=12_000)
    UserFactory(role=Role.COACH, email="coach@fabrique.localhost")
    UserFactory(role=Role.INCUBATOR, email="equipe@fabrique.localhost")
    UserFactory(role=Role.AGENT, email="agent@fabrique.localhost")


def document(**changes):
    return {"collectivite": "01004", "status": "en cours", "consultant": "coach@fabrique.localhost",
            "start": "2026-09-01", "needs": NEEDS, **changes}  # fmt: skip


def refused(data) -> str:
    with pytest.raises(importers.DocumentError) as error:
        importers.import_documents(data, today=date(2026, 12, 1))
    assert not Mission.objects.exists()
    return str(error.value)


def test_the_issues_minimal_document_in_a_large_commune_imports_and_is_said_out_of_criteria(
    tmp_path,
):
    """The issue's own example (01004 is Ambérieu-en-Bugey, 14,035 inhabitants) imports as is;
    the command says the mission is out of criteria, with the eligibility sentence."""
    path = tmp_path / "mission.json"
    path.write_text(json.dumps(document(collectivite="01053")), encoding="utf-8")
    out = io.StringIO()
    call_command("import_diagnostics", str(path), stdout=out)
    mission = Mission.objects.get()
    assert mission.status == MissionStatus.IN_PROGRESS and not mission.eligible
    assert "Attention, mission n° " in out.getvalue()
    assert "Grandeville est hors critères : 12" in out.getvalue()
    assert "sans motif d'acceptation hors critères" in out.getvalue()


def test_an_ineligible_collectivite_cannot_be_said_eligible():
    message = refused(document(collectivite="01053", eligibility={"eligible": True}))
    assert message.startswith("$.eligibility.eligible : Grandeville est hors critères")


def test_an_ineligible_request_is_kept_out_of_criteria_and_a_reason_accepts_it():
    (request,) = importers.import_documents(
        document(collectivite="01053", status="demandée", start=None, needs=[])
    )
    assert request.status == MissionStatus.OUT_OF_CRITERIA and not request.eligible
    (accepted,) = importers.import_documents(
        document(collectivite="01053", eligibility={"acceptance_reason": "Commune nouvelle"})
    )
    assert accepted.status == MissionStatus.IN_PROGRESS and not accepted.eligible
    assert accepted.acceptance_reason == "Commune nouvelle"


def test_an_agent_is_not_a_consultant():
    message = refused(document(consultant="agent@fabrique.localhost"))
    assert message.startswith("$.consultant : « agent@fabrique.localhost » : Choisissez un compte")


def days(count: int) -> list[dict]:
    return [{"date": f"2026-09-{day:02d}", "half_days": 2, "kind": "analyse"}
            for day in range(1, count + 1)]  # fmt: skip


def test_an_11th_day_without_approval_is_refused():
    message = refused(document(days=days(11)))
    assert message.startswith("$.days : 11 jours sur 10 : au-delà de 10 jours")


def test_an_approval_by_someone_outside_the_team_or_without_reason_is_refused():
    assert refused(
        document(
            days=days(11),
            extra_days={"approved_by": "coach@fabrique.localhost", "reason": "Deux communes"},
        )
    ).startswith("$.extra_days.approved_by : « coach@fabrique.localhost » n'est pas de l'équipe")
    assert refused(
        document(days=days(11), extra_days={"approved_by": "equipe@fabrique.localhost"})
    ).startswith("$.extra_days.reason : ")


def test_an_approved_overrun_is_imported_and_exported_again():
    extra = {"approved_by": "equipe@fabrique.localhost", "reason": "Deux communes en une"}
    (mission,) = importers.import_documents(document(days=days(11), extra_days=extra))
    assert mission.extra_days_approved_by.email == "equipe@fabrique.localhost"
    exported = json.loads(json.dumps(mission_document(mission)))
    assert exported["extra_days"] == extra
    Mission.objects.all().delete()
    (again,) = importers.import_documents(exported)
    assert mission_document(again) == exported


@pytest.mark.parametrize("position", [3, 0, -1, "premier", True, 1.5])
def test_a_hand_rank_out_of_range_or_not_a_number_is_refused(position):
    needs = [{**NEEDS[0], "manual_position": position, "justification": "Demande du maire"},
             NEEDS[1]]  # fmt: skip
    assert refused(document(needs=needs)).startswith("$.needs[0].manual_position : ")


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"hopes": "x" * 10_001}, "$.hopes"),
        ({"contact": {"name": "x" * 201}}, "$.contact.name"),
        ({"closing_reason": "x" * 10_001}, "$.closing_reason"),
        ({"needs": [{**NEEDS[0], "title": "x" * 301}]}, "$.needs[0].title"),
        ({"needs": [{**NEEDS[0], "description": "x" * 10_001}]}, "$.needs[0].description"),
        ({"days": [{**days(1)[0], "note": "x" * 301}]}, "$.days[0].note"),
    ],
)
def test_a_text_too_long_is_refused_with_its_length_not_cut(change, path):
    message = refused(document(**change))
    assert message.startswith(f"{path} : ") and "caractères au plus (ce texte en a" in message


def test_a_hand_rank_justification_of_10001_characters_is_refused_by_the_form(client):
    """The form of a need took any length of justification (saved, then printed whole in the
    deliverable); like every other text of the mission, 10,000 characters at most."""
    from django.urls import reverse

    from fabrique.diagnostics import services

    coach = UserFactory(role=Role.COACH)
    mission = services.mission_request(
        collectivite=CommuneFactory(population=900), hopes="Un site", today=date(2026, 9, 1)
    )
    services.mission_accept(mission=mission, consultant=coach, start=date(2026, 9, 1))
    need = services.need_save(mission=mission, title="Site", theme="site-internet", scores=SCORES)
    services.need_save(mission=mission, title="Messagerie", theme="messagerie", scores=SCORES)
    client.force_login(coach)
    data = {"title": "Site", "theme": "site-internet", "rang-position": "2",
            "rang-justification": "x" * 10_001,
            **{f"score_{key}": value for key, value in SCORES.items()}}  # fmt: skip
    response = client.post(reverse("diagnostics:need-edit", args=[need.pk]), data)
    assert response.status_code == 200
    assert "au plus 10000 caractères (actuellement 10001)" in response.content.decode()
    need.refresh_from_db()
    assert need.manual_position is None and need.justification == ""


def test_the_command_ends_with_the_summary_every_import_prints(tmp_path):
    """Like the other imports (core.importing.write_report): the file, missions read and
    created, then one line per warning."""
    path = tmp_path / "missions.json"
    path.write_text(json.dumps([document(), document(collectivite="01053")]), encoding="utf-8")
    out = io.StringIO()
    call_command("import_diagnostics", str(path), stdout=out, verbosity=1)
    lines = out.getvalue().splitlines()
    assert lines[0] == "missions.json : 2 missions lues — 2 créées, 0 mise à jour, 0 inchangée."
    assert lines[1].startswith("  - Attention, mission n° ")
    assert Mission.objects.count() == 2


def test_amounts_copied_from_a_spreadsheet_are_read():
    """« 1 200,50 € » and « 3 000 » (a French spreadsheet's amounts) refused the whole document:
    « montant invalide »."""
    tools = [{"name": "Logiciel de paie", "kind": "logiciel", "cost_per_year": "1 200,50 €"}]
    assert "montant invalide « 1.500,50 » (attendu : 1500,50" in refused(
        document(tools=[dict(tools[0], cost_per_year="1.500,50")])
    )
    # Not 1,50 € (nor a thousand guessed): refused, which line to fix named.
    assert "cost_per_year : montant invalide « 1.500 € » (attendu : 1500,50, au plus deux" in (
        refused(document(tools=[dict(tools[0], cost_per_year="1.500 €")]))
    )
    (mission,) = importers.import_documents(document(tools=tools), today=date(2026, 12, 1))
    assert str(mission.tools.get().cost_per_year) == "1200.50"


def test_a_document_saved_by_a_windows_tool_is_read_and_flagged(tmp_path):
    """Saved in Windows-1252 (« ANSI ») or as « Unicode » (UTF-16): refused as not UTF-8."""
    data = json.dumps(document(tools=[{"name": "Matériel réseau", "kind": "materiel"}]),
                      ensure_ascii=False)  # fmt: skip
    latin, unicode = tmp_path / "latin.json", tmp_path / "unicode.json"
    latin.write_bytes(data.encode("cp1252"))
    unicode.write_bytes(data.replace("01004", "01053").encode("utf-16"))
    out = io.StringIO()
    call_command("import_diagnostics", str(latin), stdout=out)
    call_command("import_diagnostics", str(unicode), stdout=out)
    assert "latin.json : Fichier qui n'est pas en UTF-8 : lu en Windows-1252" in out.getvalue()
    names = sorted(Mission.objects.values_list("tools__name", flat=True))
    assert names == ["Matériel réseau", "Matériel réseau"]
