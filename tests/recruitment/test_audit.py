"""Gaps found by trying recruitment as a new user would (audit of issue 16)."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.portfolio.models import TeamMember
from fabrique.recruitment import rules
from fabrique.recruitment.exports import to_markdown
from fabrique.recruitment.importers import import_offer_files
from fabrique.recruitment.models import JobOffer
from fabrique.recruitment.vocabulary import OfferStatus
from tests.factories import UserFactory
from tests.portfolio.factories import ProjectFactory

from .factories import ApplicationFactory, JobOfferFactory

pytestmark = pytest.mark.django_db


def test_a_hiring_team_does_not_see_the_applicants_other_applications_to_other_teams(client):
    project = ProjectFactory()
    member = UserFactory(role=Role.SERVICE_OWNER)
    TeamMember.objects.create(
        project=project, user=member, full_name="Membre", role="intrapreneur",
        start=date.today() - timedelta(days=30),
    )  # fmt: skip
    mine = ApplicationFactory(offer=JobOfferFactory(project=project), email="a@example.org")
    elsewhere = ApplicationFactory(
        offer=JobOfferFactory(title="Offre pour une autre équipe"), email="a@example.org"
    )
    client.force_login(member)
    page = client.get(reverse("recruitment:application", args=[mine.pk])).content.decode()
    assert "Offre pour une autre équipe" not in page
    assert elsewhere.get_absolute_url() not in page
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = client.get(reverse("recruitment:application", args=[mine.pk])).content.decode()
    assert "Offre pour une autre équipe" in page
    assert elsewhere.get_absolute_url() in page


# --- Import of a larger collection in the beta.gouv.fr format ---------------------------------


def _write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_file_of_a_folder_is_imported_or_listed_with_its_reason(tmp_path):
    _write(tmp_path, "2019-01-02-dev.md", "---\nroles: Dev\nopen: false\n---\n\nCorps.\n")
    _write(tmp_path, "README", "Ce dossier rassemble les offres.\n")
    _write(tmp_path, "page.html", "<p>ancienne page</p>\n")
    _write(tmp_path, "2019-vide.md", "")
    report = import_offer_files([tmp_path])
    reasons = {Path(name).name: reason for name, reason in report.skipped}
    assert set(reasons) == {"README", "page.html", "2019-vide.md"}
    # An extension-less text may be an offer written without a header: the reason says how to
    # import it instead of calling it "not an offer".
    assert "ajoutez-lui l'extension .md" in reasons["README"]
    assert "pas lu comme une offre" in reasons["page.html"]
    assert reasons["2019-vide.md"] == "fichier vide : rien à importer."
    assert report.imported == 1


def test_a_jekyll_file_name_gives_the_opening_day_so_an_old_open_offer_closes_itself(tmp_path):
    _write(tmp_path, "2018-01-15-dev-front.md", "---\nroles: Dev\nopen: true\n---\n\nCorps.\n")
    import_offer_files([tmp_path])
    offer = JobOffer.objects.get()
    assert offer.opens_on == date(2018, 1, 15)
    assert offer.review_notes == ""
    assert not rules.is_open(offer.status, offer.opens_on, offer.closes_on, date.today())


def test_jekyll_and_french_dates_are_read():
    assert rules.parse_date("2019-05-07 10:00:00 +0200") == date(2019, 5, 7)
    assert rules.parse_date("2019-05-07T10:00:00+02:00") == date(2019, 5, 7)
    assert rules.parse_date("2019/05/07") == date(2019, 5, 7)
    assert rules.parse_date("2019/05-07") is None
    assert rules.parse_date("7 mai 2019") == date(2019, 5, 7)
    assert rules.parse_date("1er Février 2021") == date(2021, 2, 1)
    assert rules.parse_date("lundi 3 janvier 2022") == date(2022, 1, 3)
    assert rules.parse_date("31 février 2021") is None
    assert rules.parse_date("mai 2021") is None


def test_two_files_with_the_same_slug_are_both_imported_and_again_without_duplicates(tmp_path):
    _write(tmp_path, "2018-01-15-outil", "---\nroles: Dev front\nopen: true\n---\n\nA.\n")
    _write(tmp_path, "2018-01-15-outil.md", "---\nroles: Dev back\nopen: true\n---\n\nB.\n")
    _write(tmp_path, "2019-05-07- Espace Déchets.md", "---\nroles: Bizdev\n---\n\nC.\n")
    _write(tmp_path, "2019-05-07-espace-dechets.md", "---\nroles: Designer\n---\n\nD.\n")
    first = import_offer_files([tmp_path])
    assert first.skipped == [] and first.imported == 4
    assert set(JobOffer.objects.values_list("role", flat=True)) == {
        "Dev front", "Dev back", "Bizdev", "Designer",
    }  # fmt: skip
    again = import_offer_files([tmp_path])
    assert again.keys.get("unchanged") and len(again.keys["unchanged"]) == 4
    assert JobOffer.objects.count() == 4


def test_an_offer_written_in_fabrique_exported_then_imported_is_updated_not_duplicated(
    tmp_path,
):
    offer = JobOfferFactory(slug="2019-01-02-dev", title="Offre saisie à la main")
    _write(tmp_path, "2019-01-02-dev.md", to_markdown(offer))
    report = import_offer_files([tmp_path])
    assert report.skipped == [] and JobOffer.objects.count() == 1
    assert JobOffer.objects.get().title == "Offre saisie à la main"


def test_a_colon_left_unquoted_in_a_value_is_read_line_by_line_and_flagged(tmp_path):
    _write(
        tmp_path,
        "2019-deux-points.md",
        "---\nroles: Développeur : full stack\ntitle: Le service recrute : un·e dev\n"
        "open: true\ndomaines:\n  - Développement\n  - Données\n---\n\nCorps.\n",
    )
    report = import_offer_files([tmp_path])
    assert report.skipped == []
    offer = JobOffer.objects.get()
    assert offer.title == "Le service recrute : un·e dev"
    assert offer.role == "Développeur : full stack"
    assert offer.domains == ["Développement", "Données"]
    assert "« : » inattendu" in offer.review_notes and "ligne par ligne" in offer.review_notes


def test_a_header_without_title_or_role_takes_the_first_heading(tmp_path):
    _write(tmp_path, "a.md", "---\nstartup: delta\nopen: true\n---\n\n# Chargé·e de déploiement\n")
    _write(tmp_path, "b.md", "---\n# rien\n---\n\n## Titre dans le corps\n\nCorps.\n")
    _write(tmp_path, "c.md", "---\nstartup: delta\n---\n\nPas de titre.\n")
    report = import_offer_files([tmp_path])
    assert JobOffer.objects.get(slug="a").title == "Chargé·e de déploiement"
    assert JobOffer.objects.get(slug="b").title == "Titre dans le corps"
    reasons = {Path(name).name: reason for name, reason in report.skipped}
    assert set(reasons) == {"c.md"} and "intertitre" in reasons["c.md"]


def test_unclosed_quotes_are_still_refused_with_the_reason(tmp_path):
    _write(tmp_path, "casse.md", '---\nroles: "Dev : front\n---\n\nCorps.\n')
    report = import_offer_files([tmp_path])
    assert JobOffer.objects.count() == 0
    assert "guillemet non fermé" in report.skipped[0].reason


def test_the_api_gives_the_status_a_reader_sees_and_filters_on_it(client):
    today = date.today()
    JobOfferFactory(slug="ouverte")
    JobOfferFactory(slug="passee", opens_on=today - timedelta(days=400), closes_on=None)
    JobOfferFactory(slug="close", closes_on=today - timedelta(days=1))
    JobOfferFactory(slug="fermee", status=OfferStatus.CLOSED)
    url = "/api/v1/jobs/"
    rows = {row["slug"]: row["status"] for row in client.get(url).json()["results"]}
    assert rows == {
        "ouverte": "publiee", "passee": "fermee", "close": "fermee", "fermee": "fermee",
    }  # fmt: skip
    published = client.get(url, {"status": "publiee"}).json()["results"]
    assert [row["slug"] for row in published] == ["ouverte"]
    closed = client.get(url, {"status": "fermee"}).json()["results"]
    assert {row["slug"] for row in closed} == {"passee", "close", "fermee"}


def test_a_relayed_partner_offer_takes_its_team_from_friend_and_exports_back_stably(tmp_path):
    _write(
        tmp_path,
        "2019-09-24-data-engineer",
        "---\nfriend: 'Etalab'\nroles: un.e Data Engineer\ntype: 'friend'\n"
        "externalURL: 'https://example.org/offre'\nopen: true\n---\n\n# Data Engineer\n",
    )
    import_offer_files([tmp_path])
    offer = JobOffer.objects.get()
    assert offer.team_name == "Etalab" and offer.title == "un.e Data Engineer — Etalab"
    assert offer.extra["friend"] == "Etalab"
    before = {f.name: getattr(offer, f.name) for f in JobOffer._meta.concrete_fields}
    again = tmp_path / "export"
    again.mkdir()
    (again / "2019-09-24-data-engineer.md").write_text(to_markdown(offer), encoding="utf-8")
    import_offer_files([again])
    offer = JobOffer.objects.get()  # the same offer, updated in place
    after = {f.name: getattr(offer, f.name) for f in JobOffer._meta.concrete_fields}
    changed = {name for name in before if before[name] != after[name]}
    assert changed <= {"source_file", "updated_at"}, changed


def test_an_imported_offer_is_linked_to_the_portfolio_project_its_team_names(tmp_path):
    project = ProjectFactory(slug="guichet-solidaire", name="Guichet solidaire")
    manual = ProjectFactory(slug="autre-projet")
    _write(tmp_path, "a.md", "---\nroles: Dev\nstartup: guichet-solidaire\n---\n\nA.\n")
    _write(tmp_path, "b.md", "---\nrole: Designer\nequipe: Guichet Solidaire\n---\n\nB.\n")
    _write(tmp_path, "c.md", "---\nroles: Bizdev\nstartup: inconnue\n---\n\nC.\n")
    import_offer_files([tmp_path])
    assert JobOffer.objects.get(slug="a").project == project
    assert JobOffer.objects.get(slug="b").project == project
    assert JobOffer.objects.get(slug="c").project is None
    JobOffer.objects.filter(slug="c").update(project=manual)  # linked by hand in Fabrique
    again = import_offer_files([tmp_path])
    assert JobOffer.objects.get(slug="c").project == manual
    assert len(again.keys["unchanged"]) == 3


def test_an_open_offer_without_any_date_is_a_flagged_draft_since_it_cannot_close_itself(tmp_path):
    # A dot in a name without extension (`15.04_Bizdev`) does not make an extension.
    _write(tmp_path, "15.04_Bizdev", "---\nroles: Bizdev\nopen: true\n---\n\nCorps.\n")
    _write(tmp_path, "config.yml", "---\nclef: valeur\n")
    _write(tmp_path, "2021-10-29-dev.full.stack", "---\nroles: Dev\nopen: false\n---\n\nA.\n")
    _write(tmp_path, "2019-page.html", "---\nroles: Designer\nopen: false\n---\n\n<p>B.</p>\n")
    _write(tmp_path, "ferme.md", "---\nroles: Dev\nopen: false\n---\n\nCorps.\n")
    report = import_offer_files([tmp_path])
    assert {Path(where).name: why for where, why in report.skipped} == {
        "config.yml": "fichier de données YAML (.yml, .yaml) : pas une offre."
    }
    undated = JobOffer.objects.get(slug="1504_bizdev")
    assert undated.status == OfferStatus.DRAFT and "en brouillon" in undated.review_notes
    assert JobOffer.objects.get(slug="ferme").review_notes == ""
    assert JobOffer.objects.count() == 4
    assert JobOffer.objects.filter(slug="2021-10-29-devfullstack", role="Dev").exists()


def test_a_forgotten_closing_line_is_read_up_to_the_first_blank_line_and_flagged(tmp_path):
    _write(tmp_path, "a.md", "---\nroles: Dev\nopen: true\n\n## Mission\n\nConstruire.\n")
    _write(tmp_path, "b.md", "---\nroles: [Dev\n\nCorps.\n")
    report = import_offer_files([tmp_path])
    offer = JobOffer.objects.get(slug="a")
    assert offer.role == "Dev" and offer.body.startswith("## Mission")
    assert "non fermé" in offer.review_notes
    assert [(Path(where).name, why) for where, why in report.skipped] == [
        (
            "b.md",
            "en-tête YAML non fermé : la ligne « --- » de fin est absente "
            "(en-tête ouvert ligne 1).",
        )
    ]


def test_an_unclosed_quote_or_bracket_is_located_where_it_opens(tmp_path):
    """Seen in the walk: the reason pointed at the last line of the header (« open: true »),
    where PyYAML gave up, not at the quote left open two lines above."""
    _write(
        tmp_path, "guillemet.md", '---\ntitle: "Offre cassée\nroles: dev\nopen: true\n---\n\nX\n'
    )
    _write(tmp_path, "crochet.md", "---\ntitle: Offre\ntechno: [python, django\nopen: true\n---\n")
    reasons = {Path(n).name: r for n, r in import_offer_files([tmp_path]).skipped}
    assert reasons["guillemet.md"] == (
        "en-tête YAML illisible à la ligne 2, colonne 8 : guillemet non fermé."
    )
    assert reasons["crochet.md"] == (
        "en-tête YAML illisible à la ligne 3, colonne 9 : crochet non fermé."
    )
