import json
import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.portfolio.models import TeamMember
from fabrique.recruitment.importers import import_offer_files
from fabrique.recruitment.models import Application, JobOffer
from fabrique.recruitment.services import offer_create, offer_update
from fabrique.recruitment.vocabulary import OfferStatus, Remote, Stage
from tests.factories import UserFactory
from tests.portfolio.factories import ProjectFactory
from tests.query_counts import assert_constant_queries

from .factories import ApplicationFactory, JobOfferFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def apply(client, offer, **overrides):
    data = {
        "name": "Alex Dupont",
        "email": "alex@example.org",
        "message": "Je candidate.",
        "links": "https://gitlab.com/alex",
        "consent": "on",
        "website": "",
        **overrides,
    }
    return client.post(offer.get_absolute_url(), data)


def test_board_lists_open_offers_first_with_constant_queries(client, django_assert_max_num_queries):
    JobOfferFactory(title="Ancienne", opens_on=date(2020, 1, 1), closes_on=date(2020, 2, 1))
    JobOfferFactory(title="Ouverte")
    JobOfferFactory(title="Brouillon", status=OfferStatus.DRAFT)
    url = reverse("recruitment:board")
    before, after = assert_constant_queries(
        django_assert_max_num_queries,
        lambda: client.get(url),
        lambda: JobOfferFactory.create_batch(15),
        budget=6,
    )
    html = before.content.decode()
    assert html.index("Ouverte") < html.index("Ancienne")
    assert "Brouillon" not in html
    assert after.status_code == 200


def test_board_filters_and_accent_insensitive_search(client):
    offer_create(
        title="Développeuse données", contract="stage", status=OfferStatus.PUBLISHED,
        opens_on=date.today(), body="Analyse de données publiques.",
    )  # fmt: skip
    JobOfferFactory(title="Designer")
    response = client.get(reverse("recruitment:board"), {"q": "developpeuse", "contract": "stage"})
    assert "Développeuse données" in response.content.decode()
    assert "Designer" not in response.content.decode()


def test_search_reads_the_word_index_kept_up_to_date(client, tmp_path):
    """Each word typed starts a word of the offer; an edit or an import rewrites its words."""
    offer = offer_create(
        title="Chargée de déploiement", contract="salarie", status=OfferStatus.PUBLISHED,
        opens_on=date.today(), body="Accompagner les collectivités.",
    )  # fmt: skip
    board = reverse("recruitment:board")

    def found(query):
        return offer.get_absolute_url() in client.get(board, {"q": query}).content.decode()

    assert found("deploi collectiv") and found("CHARGÉE") and not found("ploiement")
    offer_update(offer=offer, title="Chargée d'accessibilité")
    offer.refresh_from_db()
    assert found("accessib") and not found("deploiement")
    (tmp_path / "offre.md").write_text(
        "---\ntitle: Géomaticienne\ncontrat: CDD\nopen: true\n"
        f"date: {date.today().isoformat()}\n---\nCartes et SIG.\n"
    )  # an imported offer without any date is a draft, kept off the board
    import_offer_files([tmp_path])
    page = client.get(board, {"q": "geomat sig"}).content.decode()
    assert "Géomaticienne" in page


def test_applying_with_a_pdf_sends_an_acknowledgement_with_a_deletion_link(
    client, django_capture_on_commit_callbacks
):
    offer = JobOfferFactory()
    cv = SimpleUploadedFile("mon cv.pdf", PDF, content_type="application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = apply(client, offer, cv=cv)
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.cv.name.startswith("candidatures/") and "mon cv" not in application.cv.name
    assert application.stage == Stage.RECEIVED
    assert len(mail.outbox) == 1
    assert str(application.deletion_token) in mail.outbox[0].body
    client.post(reverse("recruitment:forget", args=[application.deletion_token]))
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"consent": ""}, "Votre accord"),
        ({"email": "pas-une-adresse"}, "adresse électronique valide"),
        ({"cv": SimpleUploadedFile("cv.pdf", b"%PDF-1.4 pas vraiment")}, "Seuls les documents PDF"),
        ({"cv": SimpleUploadedFile("cv.pdf", PDF + b"0" * 5_300_000)}, "trop volumineux"),
        ({"links": "https://gitlab.com/moi\njavascript:alert(1)"}, "Ligne 2 : « javascript:"),
        ({"links": "data:text/html,coucou"}, "pas une adresse web"),
    ],
)
def test_bad_applications_are_refused_in_french_and_nothing_is_saved(client, overrides, message):
    offer = JobOfferFactory()
    response = apply(client, offer, **overrides)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Application.objects.exists()


def test_a_script_in_the_message_is_shown_as_text(client):
    offer = JobOfferFactory()
    apply(client, offer, message="<script>alert('x')</script>")
    staff = UserFactory(role=Role.INCUBATOR)
    client.force_login(staff)
    html = client.get(Application.objects.get().get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_honeypot_and_rate_limit(client):
    offer = JobOfferFactory()
    apply(client, offer, website="http://spam.example")
    assert not Application.objects.exists()
    for index in range(3):
        assert apply(client, offer, email="same@example.org", name=f"N{index}").status_code == 302
    response = apply(client, offer, email="same@example.org")
    assert "Trop de candidatures" in response.content.decode()
    assert Application.objects.count() == 3
    for index in range(10):
        apply(client, offer, email=f"other{index}@example.org")
    assert Application.objects.count() == 10  # 10 per network address and per hour


def test_closed_offers_take_no_application(client):
    offer = JobOfferFactory(opens_on=date(2020, 1, 1), closes_on=date(2020, 2, 1))
    response = apply(client, offer)
    assert "n'accepte plus de candidatures" in unescape(response.content.decode())
    assert not Application.objects.exists()


def test_offer_page_carries_job_posting_json_ld(client):
    offer = JobOfferFactory(title="Coach <impact>", place="Lyon")
    html = client.get(offer.get_absolute_url()).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<impact>" not in raw
    data = json.loads(raw)
    assert data["@type"] == "JobPosting" and data["title"] == "Coach <impact>"
    assert data["employmentType"] == "CONTRACTOR"
    assert data["validThrough"].startswith(offer.closes_on.isoformat())
    assert data["jobLocation"]["address"]["addressLocality"] == "Lyon"
    assert {"datePosted", "description", "hiringOrganization"} <= set(data)


def feedparser_like(content: bytes):
    """Our own Atom feed, parsed by the standard library (no external entity in it)."""
    from xml.etree import ElementTree

    assert b"<!ENTITY" not in content
    return ElementTree.fromstring(content)  # noqa: S314 - produced by the site itself


def test_atom_feed_and_json_list_give_open_offers(client):
    JobOfferFactory(title="Ouverte")
    JobOfferFactory(title="Fermée", opens_on=date(2020, 1, 1), closes_on=date(2020, 2, 1))
    feed = feedparser_like(client.get(reverse("recruitment:feed")).content)
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [entry.find(f"{atom}title").text for entry in feed.iter(f"{atom}entry")]
    assert titles == ["Ouverte"]
    listed = client.get(reverse("recruitment:json")).json()["offres"]
    assert [offer["title"] for offer in listed] == ["Ouverte"]


def test_markdown_export_of_an_offer(client):
    offer = JobOfferFactory(title="Designer", contract_raw="indépendant")
    text = client.get(reverse("recruitment:offer-markdown", args=[offer.slug])).content.decode()
    assert text.startswith("---\ntitle: Designer\n")
    assert "contrat: indépendant" in text


def test_team_moves_an_application_and_refusal_needs_a_reason(
    client, django_capture_on_commit_callbacks
):
    application = ApplicationFactory()
    staff = UserFactory(role=Role.INCUBATOR)
    client.force_login(staff)
    url = application.get_absolute_url()
    response = client.post(url, {"action": "move", "stage": Stage.REJECTED, "reason": ""})
    assert "Indiquez le motif du refus" in response.content.decode()
    client.post(url, {"action": "move", "stage": Stage.INTERVIEW})
    client.post(url, {"action": "review", "rating": "4", "note": "Solide."})
    application.refresh_from_db()
    assert application.stage == Stage.INTERVIEW
    assert application.reviews.get().rating == 4
    assert [move.stage for move in application.moves.all()] == [Stage.INTERVIEW]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "action": "move",
                "stage": Stage.REJECTED,
                "reason": "Profil éloigné",
                "send_email": "on",
            },
            follow=True,
        )
    assert "Refusée" in response.content.decode()
    assert mail.outbox and "ne la retenons pas" in mail.outbox[-1].body


def test_filling_an_offer_adds_the_person_to_the_project_team(client):
    project = ProjectFactory()
    application = ApplicationFactory(offer=JobOfferFactory(project=project))
    staff = UserFactory(role=Role.INCUBATOR)
    client.force_login(staff)
    client.post(
        application.get_absolute_url(),
        {"action": "fill", "add_to_team": "on", "team_role": "developpeur"},
    )
    application.refresh_from_db()
    assert application.stage == Stage.HIRED
    assert application.offer.status == OfferStatus.FILLED
    member = TeamMember.objects.get(project=project)
    assert member.full_name == application.name and member.role == "developpeur"


def test_offer_edit_shows_the_posting_checklist_and_refuses_closing_before_opening(client):
    offer = JobOfferFactory()
    client.force_login(UserFactory(role=Role.INCUBATOR))
    url = reverse("recruitment:offer-edit", args=[offer.slug])
    html = client.get(url).content.decode()
    assert "Règles de publication" in html
    response = client.post(
        url,
        {
            "title": offer.title, "status": OfferStatus.PUBLISHED,
            "opens_on": "2026-03-01", "closes_on": "2026-02-01", "body": "x",
        },
    )  # fmt: skip
    assert "La date de clôture doit suivre" in response.content.decode()
    offer.refresh_from_db()
    assert offer.closes_on != date(2026, 2, 1)


def test_offer_create_edit_delete_keep_history(client):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    client.post(
        reverse("recruitment:offer-create"),
        {"title": "Product manager", "status": OfferStatus.DRAFT, "body": "Mission"},
    )
    offer = JobOffer.objects.get()
    client.post(
        reverse("recruitment:offer-edit", args=[offer.slug]),
        {"title": "Product manager·euse", "status": OfferStatus.DRAFT, "body": "Mission"},
    )
    assert offer.history.count() == 2
    response = client.post(reverse("recruitment:offer-delete", args=[offer.slug]), follow=True)
    assert "Suppression faite" in response.content.decode()
    assert not JobOffer.objects.exists()


def test_statistics_export_opens_as_a_spreadsheet(client):
    from io import BytesIO

    from openpyxl import load_workbook

    offer = JobOfferFactory(opens_on=date(2026, 1, 10))
    ApplicationFactory.create_batch(2, offer=offer)
    client.force_login(UserFactory(role=Role.INCUBATOR))
    content = client.get(reverse("recruitment:statistics-export", args=["xlsx"])).content
    rows = list(load_workbook(BytesIO(content)).active.values)
    assert rows[1][:3] == ("2026 T1", 1, 2)


def test_purge_deletes_applications_24_months_after_closing(tmp_path):
    from io import StringIO

    from django.core.management import call_command

    old = JobOfferFactory(opens_on=date(2020, 1, 1), closes_on=date(2020, 3, 1))
    recent = JobOfferFactory()
    ApplicationFactory(offer=old)
    ApplicationFactory(offer=recent)
    out = StringIO()
    call_command("purge_applications", "--dry-run", stdout=out)
    assert "1 candidature serait supprimée" in out.getvalue()
    assert Application.objects.count() == 2
    call_command("purge_applications", stdout=out)
    assert list(Application.objects.values_list("offer_id", flat=True)) == [recent.pk]


def test_pipeline_board_has_constant_queries(client, django_assert_max_num_queries):
    offer = JobOfferFactory()
    ApplicationFactory(offer=offer)
    client.force_login(UserFactory(role=Role.INCUBATOR))
    url = reverse("recruitment:pipeline", args=[offer.slug])
    assert_constant_queries(
        django_assert_max_num_queries,
        lambda: client.get(url),
        lambda: ApplicationFactory.create_batch(12, offer=offer),
        budget=10,
    )


def test_project_members_see_their_offers_applications_only(client):
    project = ProjectFactory()
    member = UserFactory(role=Role.SERVICE_OWNER)
    TeamMember.objects.create(
        project=project, user=member, full_name="M", role="intrapreneur",
        start=date.today() - timedelta(days=30),
    )  # fmt: skip
    mine = ApplicationFactory(offer=JobOfferFactory(project=project))
    other = ApplicationFactory()
    client.force_login(member)
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(reverse("recruitment:application-cv", args=[other.pk])).status_code == 404


def test_json_ld_invents_no_city_for_an_offer_without_place(client):
    offer = JobOfferFactory(place="")
    html = client.get(offer.get_absolute_url()).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    address = json.loads(raw)["jobLocation"]["address"]
    assert address == {"@type": "PostalAddress", "addressCountry": "FR"}


def test_board_says_0_offre_in_the_singular(client):
    html = unescape(client.get(reverse("recruitment:board"), {"q": "introuvable"}).content.decode())
    assert "0 offre<" in html.replace("</p>", "<") and "0 offres" not in html


@pytest.mark.parametrize("days", ["-3", "−2 à 4 jours", "0", "12 jours"])
def test_offer_form_refuses_impossible_days_per_week(client, days):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    response = client.post(
        reverse("recruitment:offer-create"),
        {"title": "Coach", "status": OfferStatus.DRAFT, "body": "Mission", "days_per_week": days},
    )
    assert "Indiquez entre 1 et 7 jours par semaine" in unescape(response.content.decode())
    assert not JobOffer.objects.exists()


@pytest.mark.parametrize("days", ["3 à 5 jours", "3-5", "4/5", "80 %", "0,5 à 1", ""])
def test_offer_days_per_week_stay_free_text(days):
    offer = offer_create(
        title="Coach", status=OfferStatus.DRAFT, body="Mission", days_per_week=days
    )
    assert offer.days_per_week == days


def test_application_form_shows_every_mistake_at_the_first_sending(client):
    offer = JobOfferFactory()
    response = apply(client, offer, name="", message="", email="pas-une-adresse", consent="")
    html = unescape(response.content.decode())
    assert "Indiquez une adresse électronique valide" in html
    assert "Votre accord pour le traitement de vos données est nécessaire" in html
    assert html.count("Ce champ est obligatoire.") == 2  # name and message
    assert not Application.objects.exists()


def test_offer_form_shows_every_mistake_at_the_first_sending(client):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    response = client.post(
        reverse("recruitment:offer-create"),
        {
            "title": "",
            "status": OfferStatus.DRAFT,
            "body": "Mission",
            "opens_on": "2026-03-01",
            "closes_on": "2026-02-01",
            "days_per_week": "-3",
        },
    )
    html = unescape(response.content.decode())
    assert "Ce champ est obligatoire." in html
    assert "La date de clôture doit suivre la date d'ouverture." in html
    assert "Indiquez entre 1 et 7 jours par semaine" in html
    assert not JobOffer.objects.exists()


@pytest.mark.parametrize(
    ("count", "said"),
    [
        (0, "Elle n'a aucune candidature."),
        (1, "Sa candidature et son CV aussi."),
        (2, "Ses 2 candidatures et leurs CV aussi."),
    ],
)
def test_offer_delete_page_agrees_with_the_number_of_applications(client, count, said):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    offer = JobOfferFactory()
    ApplicationFactory.create_batch(count, offer=offer)
    page = unescape(
        client.get(reverse("recruitment:offer-delete", args=[offer.slug])).content.decode()
    )
    assert said in page


def test_a_refused_application_asks_for_the_cv_again(client):
    """Tester: after an error the CV input came back empty, with no word; sent again, the
    application went without its CV."""
    offer = JobOfferFactory()
    cv = SimpleUploadedFile("mon cv.pdf", PDF, content_type="application/pdf")
    response = apply(client, offer, cv=cv, consent="")
    page = unescape(response.content.decode())
    assert "Votre accord" in page
    assert (
        "Joignez de nouveau votre fichier (« mon cv.pdf ») : "
        "il n'est pas gardé quand le formulaire est refusé."
    ) in page
    assert not Application.objects.exists()


def badges(html: str) -> list[str]:
    return [
        unescape(text).strip() for text in re.findall(r'class="fr-badge(?: [^"]*)?">([^<]*)<', html)
    ]


def test_the_board_and_the_offer_page_name_a_status_with_the_same_word(client):
    """Tester: the board said « OUVERTE », the offer's page « PUBLIÉE », for the same offer."""
    open_offer = JobOfferFactory(title="Ouverte", contract="")
    past = JobOfferFactory(
        title="Passée", contract="", opens_on=date(2020, 1, 1), closes_on=date(2020, 2, 1)
    )
    board = client.get(reverse("recruitment:board")).content.decode()
    for offer, word in ((open_offer, "Publiée"), (past, "Fermée")):
        page = client.get(offer.get_absolute_url()).content.decode()
        assert badges(page[page.index("<h1>") :])[0] == word
        card = board[board.index(f"{offer.title}</a>") :]
        assert badges(card)[0] == word
    assert "Ouverte</p>" not in board


ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def atom_problems(feed) -> list[str]:
    """What RFC 4287 requires of a feed and its entries (the MUSTs a feed validator checks)."""
    problems = []

    def one(element, name, where):
        found = element.findall(f"{ATOM}{name}")
        if len(found) != 1:
            problems.append(f"{where}: {len(found)} atom:{name}, exactly one expected")
        elif name == "updated" and not RFC3339.match(found[0].text or ""):
            problems.append(f"{where}: atom:updated « {found[0].text} » is not RFC 3339")

    for name in ("id", "title", "updated"):
        one(feed, name, "feed")
    entries = feed.findall(f"{ATOM}entry")
    if not feed.findall(f"{ATOM}author") and not all(e.findall(f"{ATOM}author") for e in entries):
        problems.append("feed: no atom:author, and not every entry has one (4.1.1)")
    for index, entry in enumerate(entries):
        for name in ("id", "title", "updated"):
            one(entry, name, f"entry {index}")
        links = entry.findall(f"{ATOM}link")
        alternate = [link for link in links if link.get("rel") in (None, "alternate")]
        if not alternate and entry.find(f"{ATOM}content") is None:
            problems.append(f"entry {index}: neither atom:content nor an alternate link")
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    if len(ids) != len(set(ids)):
        problems.append("two entries share an atom:id")
    return problems


def job_posting_problems(data: dict) -> list[str]:
    """The properties Google requires of a schema.org JobPosting (Search Central, job posting
    structured data): title, description, datePosted, hiringOrganization, jobLocation (or a
    remote job with applicantLocationRequirements), validThrough as an ISO 8601 moment."""
    problems = []
    if data.get("@context") not in ("https://schema.org/", "https://schema.org"):
        problems.append("@context")
    if data.get("@type") != "JobPosting":
        problems.append("@type")
    for name in ("title", "description", "datePosted"):
        if not data.get(name):
            problems.append(name)
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", data.get("datePosted", "")):
        problems.append("datePosted is not an ISO date")
    if "validThrough" in data and not RFC3339.match(data["validThrough"]):
        problems.append("validThrough is not an ISO 8601 moment")
    organization = data.get("hiringOrganization") or {}
    if organization.get("@type") != "Organization" or not organization.get("name"):
        problems.append("hiringOrganization")
    if data.get("jobLocationType") == "TELECOMMUTE":
        if not (data.get("applicantLocationRequirements") or {}).get("name"):
            problems.append("applicantLocationRequirements")
    else:
        address = (data.get("jobLocation") or {}).get("address") or {}
        if address.get("@type") != "PostalAddress" or not address.get("addressCountry"):
            problems.append("jobLocation.address.addressCountry")
    return problems


def test_every_open_offer_page_carries_a_job_posting_google_accepts(client):
    offers = [
        JobOfferFactory(title="Dev à Lyon", place="Lyon"),
        JobOfferFactory(title="Sans lieu", place="", closes_on=None),
        JobOfferFactory(title="À distance", remote=Remote.FULL),
    ]
    for offer in offers:
        html = client.get(offer.get_absolute_url()).content.decode()
        raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        data = json.loads(raw.group(1))
        assert job_posting_problems(data) == [], offer.title
    assert job_posting_problems({"@type": "JobPosting"}) != []  # the check does check


def test_the_atom_feed_is_valid_atom(client):
    """Our Atom feed had no author, neither for the feed nor for its entries: RFC 4287 requires
    one (a feed validator refuses it)."""
    JobOfferFactory(title="Première")
    JobOfferFactory(title="Seconde", place="Lyon")
    feed = feedparser_like(client.get(reverse("recruitment:feed")).content)
    assert len(feed.findall(f"{ATOM}entry")) == 2
    assert atom_problems(feed) == []
    assert feed.find(f"{ATOM}author/{ATOM}name").text
