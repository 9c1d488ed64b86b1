"""Found while walking the sur-mesure as each demo account: no link that leads to a refusal, no
form offered to those who cannot send it."""

import io
import re
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import Membership, Role
from fabrique.core.personal_data import Person as PersonalDataPerson
from fabrique.diagnostics import services
from fabrique.diagnostics.exports import deliverable_odt
from fabrique.diagnostics.models import Comment, EligibilityRule, Prediagnostic
from fabrique.diagnostics.services import benchmark, discovery, personal_data
from tests.documents import pdf_text
from tests.factories import CommuneFactory, EPCIFactory, UserFactory

pytestmark = pytest.mark.django_db

FOLLOWUPS = reverse("diagnostics:followups")
NATIONAL = reverse("diagnostics:national")
REQUEST = reverse("diagnostics:request")


@pytest.mark.parametrize(
    ("role", "followups", "national", "request_form"),
    [
        (Role.INCUBATOR, True, True, True),
        (Role.COACH, True, False, False),
        (Role.AGENT, False, False, True),
        (Role.SERVICE_OWNER, False, False, False),
    ],
)
def test_the_home_page_only_links_to_pages_the_role_may_open(
    client, role, followups, national, request_form
):
    client.force_login(UserFactory(role=role))
    page = client.get(reverse("diagnostics:queue")).text
    assert (f'href="{FOLLOWUPS}"' in page) is followups
    assert (f'href="{NATIONAL}"' in page) is national
    assert (f'href="{REQUEST}"' in page) is request_form
    # Every link shown opens; every link hidden would have been refused.
    assert client.get(FOLLOWUPS).status_code == (200 if followups else 403)
    assert client.get(NATIONAL).status_code == (200 if national else 403)
    assert client.get(REQUEST).status_code == (200 if request_form else 403)


def _mission_with_needs():
    coach = UserFactory(role=Role.COACH)
    commune = CommuneFactory(name="Petiteville", population=1200)
    mission = services.mission_request(
        collectivite=commune, hopes="Un site", today=date(2026, 9, 1)
    )
    mission = services.mission_accept(mission=mission, consultant=coach, start=date(2026, 9, 1))
    base = {"importance": 1, "population": 1, "urgence": 1, "faisabilite": 1, "cout": 1}
    services.need_save(mission=mission, title="Site", theme="site-internet",
                       scores={**base, "importance": 3})  # fmt: skip
    services.need_save(mission=mission, title="Messagerie", theme="messagerie",
                       scores={**base, "urgence": 3})  # fmt: skip
    return coach, mission


def test_the_ranking_shows_each_criterion_is_sortable_and_charted(client):
    coach, mission = _mission_with_needs()
    client.force_login(coach)
    url = reverse("diagnostics:mission", args=[mission.pk])
    page = client.get(url).text
    # Each criterion in its own column, with its weight; the score out of the best possible.
    for header in ("Importance pour les usagers (×3)", "Urgence (×2)", "Faisabilité (×2)"):
        assert header in page
    assert "sort=critere-urgence" in page and "sort=score" in page
    assert "17 / 30" in page and "15 / 30" in page
    # The chart: one bar per need, in ranking order, with its value in words.
    assert page.index('aria-label="Site : 17 sur 30"') < page.index(
        'aria-label="Messagerie : 15 sur 30"'
    )
    # Sorted by urgency, most urgent first: Messagerie comes first but keeps its rank (2).
    rows = client.get(url, {"sort": "critere-urgence", "desc": "on"}).context["need_rows"]
    assert [(row["need"].title, row["rank"]) for row in rows] == [("Messagerie", 2), ("Site", 1)]
    # An unknown column falls back on the ranking, never an error.
    rows = client.get(url, {"sort": "critere-inconnu"}).context["need_rows"]
    assert [row["need"].title for row in rows] == ["Site", "Messagerie"]


def test_the_chart_says_which_need_was_placed_by_hand(client):
    """A need placed by hand above a better-scored one: the bars (20 above 23) said nothing."""
    coach, mission = _mission_with_needs()
    services.need_place(
        need=mission.needs.get(title="Messagerie"), position=1, justification="Demande des élus"
    )
    client.force_login(coach)
    page = client.get(reverse("diagnostics:mission", args=[mission.pk])).text
    chart = page[page.index('id="besoins-graphique"') :]
    assert "1. Messagerie" in chart and "(placé à la main)" in chart
    assert chart.count("(placé à la main)") == 1


def test_a_refused_hand_placement_saves_nothing_of_the_need(client):
    coach, mission = _mission_with_needs()
    need = mission.needs.get(title="Messagerie")
    client.force_login(coach)
    url = reverse("diagnostics:need-edit", args=[need.pk])
    data = {
        "title": "Messagerie renommée",
        "theme": "messagerie",
        "description": "",
        **{f"score_{key}": "2" for key in need.scores},
        "rang-position": "1",
        "rang-justification": "",
    }
    page = client.post(url, data)
    assert page.status_code == 200
    assert "Un besoin déplacé à la main demande une justification." in page.text
    assert 'value="Messagerie renommée"' in page.text  # the input is kept on the page
    need.refresh_from_db()
    assert (need.title, need.manual_position, need.scores["urgence"]) == ("Messagerie", None, 3)
    # With a justification, both are saved at once.
    data["rang-justification"] = "Demande des élus"
    client.post(url, data)
    need.refresh_from_db()
    assert (need.title, need.manual_position) == ("Messagerie renommée", 1)


def test_other_missions_needs_in_the_prediagnostic_are_shown_to_the_team_only(client):
    coach, mission = _mission_with_needs()
    agent = UserFactory(role=Role.AGENT)
    Membership.objects.create(user=agent, commune=mission.commune)
    Prediagnostic.objects.update_or_create(
        mission=mission,
        defaults={"computed_at": timezone.now(), "data": {
            "similar": [
                {"label": "Besoin d'une autre commune", "url": "/sur-mesure/missions/999/",
                 "kind": "besoin"},
                {"label": "Portail famille", "url": "/catalogue/portail/", "kind": "solution"},
            ]
        }},
    )  # fmt: skip
    url = reverse("diagnostics:mission", args=[mission.pk])
    for user, sees_other_needs in ((UserFactory(role=Role.INCUBATOR), True), (agent, False),
                                   (coach, False)):  # fmt: skip
        client.force_login(user)
        page = client.get(url).text
        assert "Semblables ailleurs" in page and "Besoins semblables" not in page
        assert "Portail famille" in page and "Solution du catalogue" in page
        assert ("Besoin d&#x27;une autre commune" in page) is sees_other_needs


def test_the_api_document_hides_other_missions_needs_from_the_agent(client):
    _coach, mission = _mission_with_needs()
    agent = UserFactory(role=Role.AGENT)
    Membership.objects.create(user=agent, commune=mission.commune)
    similar = [
        {"label": "Besoin d'une autre commune", "url": "/x/", "kind": "besoin"},
        {"label": "Portail famille", "url": "/catalogue/portail/", "kind": "solution"},
    ]
    Prediagnostic.objects.filter(mission=mission).update(data={"similar": similar})
    url = f"/api/v1/diagnostics/{mission.pk}/"
    for user, expected in ((agent, similar[1:]), (UserFactory(role=Role.INCUBATOR), similar)):
        client.force_login(user)
        assert client.get(url).json()["prediagnostic"]["data"]["similar"] == expected


def test_an_interview_lists_people_and_needs_without_a_space_before_commas(client):
    coach, mission = _mission_with_needs()
    maire = discovery.person_save(mission=mission, role="elu", service="Conseil municipal")
    agent = discovery.person_save(mission=mission, role="agent", service="Secrétariat")
    discovery.interview_save(
        mission=mission, day=date(2026, 9, 2), mode="sur-place", notes="",
        people=[maire, agent], needs=list(mission.needs.all()),
    )  # fmt: skip
    client.force_login(coach)
    page = client.get(reverse("diagnostics:mission", args=[mission.pk])).text
    assert " ," not in page.split("Avec :")[1].split("</p>")[0]
    assert "Site, Messagerie" in page or "Messagerie, Site" in page


def test_the_agent_comments_a_mission_edits_and_deletes_their_comment(client):
    """Access: an agent reads and comments the missions of their collectivités."""
    coach, mission = _mission_with_needs()
    agent = UserFactory(role=Role.AGENT)
    Membership.objects.create(user=agent, commune=mission.commune)
    client.force_login(agent)
    add = reverse("diagnostics:comment-add", args=[mission.pk])
    # Bad input: empty, then 10,000 characters — a French message, the text kept, nothing saved.
    page = client.post(add, {"body": "   "})
    assert page.status_code == 200 and "Ce champ est obligatoire." in page.text
    page = client.post(add, {"body": "x" * 10_000})
    assert "Commentaire trop long : 10000 caractères, 5000 au plus." in page.text
    assert Comment.objects.count() == 0
    done = client.post(add, {"body": "<b>Merci</b> pour l'atelier"}, follow=True)
    assert "Commentaire publié." in done.text
    assert "&lt;b&gt;Merci&lt;/b&gt; pour l&#x27;atelier" in done.text  # shown escaped
    comment = Comment.objects.get()
    assert (comment.author, comment.mission) == (agent, mission)
    edit = reverse("diagnostics:comment-edit", args=[comment.pk])
    delete = reverse("diagnostics:comment-delete", args=[comment.pk])
    assert edit in done.text and delete in done.text
    client.post(edit, {"body": "Merci pour l'atelier du 8"})
    comment.refresh_from_db()
    assert comment.body == "Merci pour l'atelier du 8"
    assert comment.history.count() == 2
    # The consultant reads it but may not edit someone else's comment; another agent sees nothing.
    client.force_login(coach)
    page = client.get(reverse("diagnostics:mission", args=[mission.pk])).text
    assert "Merci pour l&#x27;atelier du 8" in page and edit not in page
    assert client.get(edit).status_code == 403
    client.force_login(UserFactory(role=Role.AGENT))
    assert client.get(edit).status_code == 404
    assert client.post(add, {"body": "Intrus"}).status_code == 404
    client.force_login(agent)
    assert "Suppression faite" in client.post(delete, follow=True).text
    assert not Comment.objects.exists()


def test_comments_are_in_the_personal_data_export_and_erasure():
    _coach, mission = _mission_with_needs()
    agent = UserFactory(role=Role.AGENT, email="dominique.petit@exemple.fr")
    comment = services.comment_save(
        mission=mission, author=agent, body="Écrire à dominique.petit@exemple.fr"
    )
    person = PersonalDataPerson(user=agent, email=agent.email, placeholder_email="efface@invalid")
    rows = [row for row in personal_data.person_export(person) if row["type"] == "commentaire"]
    assert [row["commentaire"] for row in rows] == ["Écrire à dominique.petit@exemple.fr"]
    assert personal_data.person_erase(person) >= 1
    comment.refresh_from_db()
    assert comment.body == "Écrire à efface@invalid"
    assert all("dominique" not in old.body for old in comment.history.all())


def test_import_of_a_file_that_is_no_text_says_so_in_french(tmp_path):
    """A file in Windows-1252 is read (and flagged, see test_import_bad_input); one that is
    no text at all is refused in French."""
    binary = tmp_path / "missions.json"
    binary.write_bytes(b'{"collectivite": "01004"}\n\x00\x01')
    with pytest.raises(CommandError) as error:
        call_command("import_diagnostics", str(binary))
    assert str(error.value) == (
        f"{binary} : fichier illisible, caractère nul (octet 0) ligne 2 : le fichier est binaire "
        "ou abîmé, ce n'est pas un fichier texte (un document JSON s'enregistre en UTF-8)."
    )
    with pytest.raises(CommandError) as error:
        call_command("import_diagnostics", str(tmp_path))
    assert "impossible de lire ce fichier" in str(error.value)


def test_the_request_page_states_the_thresholds_in_force(client):
    client.force_login(UserFactory(role=Role.AGENT))
    url = reverse("diagnostics:request")
    assert "moins de 3\u202f500 habitants et EPCI de moins de 15\u202f000" in client.get(url).text
    # The team raised the commune threshold: the page says so, without a deploy.
    EligibilityRule.objects.create(
        valid_from=date(2020, 1, 2), commune_threshold=5000, epci_threshold=20000
    )
    assert "moins de 5\u202f000 habitants et EPCI de moins de 20\u202f000" in client.get(url).text


def test_an_epci_is_masculine_in_the_eligibility_sentence():
    epci = EPCIFactory(name="CC du Pays", population=5212)
    mission = services.mission_request(collectivite=epci, hopes="Un site", today=date(2026, 9, 1))
    assert mission.eligibility_reason.endswith("habitants pour un EPCI.")


def test_the_deliverable_writes_costs_in_french_and_ends_with_next_steps():
    _coach, mission = _mission_with_needs()
    need = mission.needs.get(title="Site")
    candidate = benchmark.candidate_save(
        need=need, name="Mairie web", technical=3, economic=2, human=3,
        cost_once=Decimal("1500"), cost_per_year=Decimal("120.5"), recommended=True,
        choice_criteria="Simple à tenir",
    )  # fmt: skip
    benchmark.lead_decide(
        candidate=candidate, kind="financement", key="aide:dsil", name="DSIL", kept=True
    )
    for day, half_days in ((2, 2), (3, 1)):
        services.time_log(mission=mission, person=mission.consultant, day=date(2026, 9, day),
                          half_days=half_days, kind="analyse")  # fmt: skip
    deliverable = services.deliverable_generate(mission=mission, by=mission.consultant)
    pdf = re.sub(r"[ \t\n\u00a0\u202f]+", " ", pdf_text(deliverable.pdf.read()))
    with zipfile.ZipFile(io.BytesIO(deliverable_odt(mission))) as archive:
        odt = re.sub(r"[ \t\n\u00a0\u202f]+", " ", archive.read("content.xml").decode())
    for text in (pdf, odt):
        assert "1 500 € une fois" in text and "120,50 € par an" in text
        assert "Prochaines étapes" in text
        assert (
            "Mettre en place « Mairie web » pour « Site » ; financement à solliciter : DSIL."
            in (text)
        )
        assert "à 3 et à 6 mois après la livraison" in text
    assert "Analyse 1,5" in pdf  # days in French, not « 1.5 »
    assert ") ." not in pdf


def test_the_deliverable_counts_the_people_met_in_a_sentence():
    _coach, mission = _mission_with_needs()
    empty = services.deliverable_generate(mission=mission, by=mission.consultant)
    assert "Aucun entretien ni atelier enregistré pour l'instant." in re.sub(
        r"\s+", " ", pdf_text(empty.pdf.read())
    )
    maire = discovery.person_save(mission=mission, role="elu", service="Conseil municipal")
    agents = [discovery.person_save(mission=mission, role="agent", service="Accueil")
              for _ in range(2)]  # fmt: skip
    discovery.interview_save(mission=mission, day=date(2026, 9, 2), mode="sur-place", notes="",
                             people=[maire, *agents], needs=[])  # fmt: skip
    deliverable = services.deliverable_generate(mission=mission, by=mission.consultant)
    pdf = re.sub(r"[ \t\n\u00a0\u202f]+", " ", pdf_text(deliverable.pdf.read()))
    with zipfile.ZipFile(io.BytesIO(deliverable_odt(mission))) as archive:
        odt = re.sub(r"[ \t\n\u00a0\u202f]+", " ", archive.read("content.xml").decode())
    for text in (pdf, odt):
        assert "1 entretien ou atelier, 3 personnes rencontrées (" in text
        assert "Agent : 2" in text and " : 1" in text


def test_the_questionnaire_states_its_conditions_with_the_earlier_question(client):
    coach, mission = _mission_with_needs()
    client.force_login(coach)
    page = client.get(reverse("diagnostics:questionnaire-answer", args=[mission.pk])).text
    assert "(si « La collectivité a-t-elle un site internet » : oui)" in page
    assert "« site »" not in page
    assert 'class="fr-breadcrumb"' in page and "État des lieux" in page


def test_every_form_page_of_a_mission_has_its_breadcrumb_back_to_the_mission(client):
    coach, mission = _mission_with_needs()
    need = mission.needs.first()
    entry = services.time_log(mission=mission, person=coach, day=date(2026, 9, 2),
                              half_days=1, kind="analyse")  # fmt: skip
    client.force_login(coach)
    pages = [
        reverse("diagnostics:need-add", args=[mission.pk]),
        reverse("diagnostics:need-edit", args=[need.pk]),
        reverse("diagnostics:candidate-add", args=[need.pk]),
        reverse("diagnostics:time-edit", args=[entry.pk]),
        reverse("diagnostics:person-add", args=[mission.pk]),
        reverse("diagnostics:tool-add", args=[mission.pk]),
        reverse("diagnostics:training-add", args=[mission.pk]),
    ]
    for url in pages:
        page = client.get(url).text
        crumb = page.split('class="fr-breadcrumb"')[1].split("</nav>")[0]
        assert mission.get_absolute_url() in crumb, url


def test_a_refused_11th_day_keeps_what_the_consultant_typed(client):
    coach, mission = _mission_with_needs()
    for index in range(10):
        services.time_log(mission=mission, person=coach, day=date(2026, 9, 1 + index),
                          half_days=2, kind="analyse")  # fmt: skip
    client.force_login(coach)
    url = reverse("diagnostics:time-add", args=[mission.pk])
    data = {"day": "2026-09-12", "half_days": "1", "kind": "redaction",
            "note": "Restitution aux élus", "approval_reason": ""}  # fmt: skip
    page = client.post(url, data)
    assert page.status_code == 200
    assert "10,5 jours" in page.text and "Restitution aux élus" in page.text
    assert mission.time_entries.count() == 10
    assert "0,5 jour</option>" in page.text and "1 jour</option>" in page.text
    done = client.post(url, {**data, "half_days": "1", "day": "2026-09-13"}, follow=True)
    assert "Temps enregistré." not in done.text  # still over 10 days
    assert mission.time_entries.count() == 10


def test_a_mission_in_an_epci_is_named_without_a_broken_preposition():
    epci = EPCIFactory(name="Communauté de communes du Pays", population=5212)
    mission = services.mission_request(collectivite=epci, hopes="Un site", today=date(2026, 9, 1))
    assert str(mission) == "Mission sur-mesure — Communauté de communes du Pays"


def test_the_deliverable_never_writes_a_full_stop_after_a_note_ending_with_one():
    """Reviewer: « (Proposé à la collectivité lors de la restitution.). » in the mission PDF."""
    from fabrique.diagnostics.exports import deliverable_pdf
    from tests.documents import odt_text

    _coach, mission = _mission_with_needs()
    candidate = benchmark.candidate_save(
        need=mission.needs.get(title="Site"), name="Mairie web", technical=3, economic=2,
        human=3, recommended=True, choice_criteria="Simple à tenir",
    )  # fmt: skip
    benchmark.lead_decide(
        candidate=candidate, kind="partenaire", key="opsn", name="SITIV", kept=True,
        note="Proposé à la collectivité lors de la restitution.",
    )  # fmt: skip
    for text in (pdf_text(deliverable_pdf(mission)), odt_text(deliverable_odt(mission))):
        assert "SITIV (Proposé à la collectivité lors de la restitution)." in text
        assert ".)." not in text


def test_a_recommendation_without_lead_says_aucune_decision(client):
    coach, mission = _mission_with_needs()
    benchmark.candidate_save(
        need=mission.needs.get(title="Site"), name="Mairie web", technical=3, economic=2,
        human=3, recommended=True, choice_criteria="Simple à tenir",
    )  # fmt: skip
    client.force_login(coach)
    page = client.get(mission.get_absolute_url()).content.decode()
    assert "(aucune décision)" in page and "(0 décision)" not in page


def test_each_edit_and_delete_link_of_a_mission_names_what_it_acts_on(client):
    """Same defect as « Modifier ma demande du 06/12/2026 »: the mission page had 13
    « Modifier », 8 « modifier », 4 « Comparer une solution pour ce besoin » and 3
    « Financements et partenaires (2 décisions) », each to a different record."""
    from html import unescape

    coach, mission = _mission_with_needs()
    for need in mission.needs.all():
        benchmark.candidate_save(
            need=need, name="Mairie web", technical=3, economic=2, human=3,
            recommended=True, choice_criteria="Simple",
        )  # fmt: skip
    for name in ("Parapheur", "Tableur"):
        discovery.tool_save(mission=mission, name=name, kind="logiciel")
    for role in ("agent", "elu"):
        discovery.person_save(mission=mission, role=role, service="Mairie")
    client.force_login(coach)
    page = client.get(mission.get_absolute_url()).content.decode()
    hrefs_by_name = {}
    for href, inner in re.findall(r'<a[^>]*href="([^"]+)"[^>]*>(.*?)</a>', page, re.S):
        name = " ".join(unescape(re.sub(r"<[^>]+>", "", inner)).split())
        hrefs_by_name.setdefault(name, set()).add(href)
    ambiguous = {name for name, hrefs in hrefs_by_name.items() if len(hrefs) > 1}
    assert not ambiguous, ambiguous
