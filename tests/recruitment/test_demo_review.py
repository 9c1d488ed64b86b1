"""What reviewers saw on the demo (issue 16): actions shown only to who may do them, a member
hiring only for their projects, no JobPosting for a closed offer, the offer's contact shown,
readable addresses for machine-named files, one name per team, titles and links that say what
they list."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.portfolio.models import TeamMember
from fabrique.recruitment import selectors, services
from fabrique.recruitment.importers import import_offer_files
from fabrique.recruitment.importers.mapping import offer_slug
from fabrique.recruitment.models import JobOffer
from fabrique.recruitment.vocabulary import INCUBATOR_TEAM, OfferStatus, Stage
from tests.factories import UserFactory
from tests.portfolio.factories import ProjectFactory

from .factories import ApplicationFactory, JobOfferFactory

pytestmark = pytest.mark.django_db

MACHINE_NAME = (
    "map-poste_ouvert-tue-dec-22-2020-16-53-56-gmt-0100-heure-normale-deurope-centrale-"
    "poste_ferme-sun-jan-31-2021-16-53-56-gmt-0100-heure-normale-deurope-centrale-body-vous-"
    "voulez-mettre-vos-competences.md"
)
MACHINE_TEXT = (
    "---\nrole: UX designer senior\nequipe: Conseiller Numérique\nposte_ouvert: 2020-12-22\n"
    "poste_ferme: 2021-01-31\n---\n\nVous voulez mettre vos compétences au service de tous.\n"
)


@pytest.fixture
def member_world():
    mine, other = ProjectFactory(name="Mon projet"), ProjectFactory(name="Projet voisin")
    member = UserFactory(role=Role.SERVICE_OWNER)
    TeamMember.objects.create(
        project=mine, user=member, full_name="Membre", role="intrapreneur",
        start=date.today() - timedelta(days=90),
    )  # fmt: skip
    offer = JobOfferFactory(project=mine, team_name="Mon projet")
    return {"member": member, "mine": mine, "other": other, "offer": offer}


def _edit_data(offer, **changes):
    data = {
        "title": offer.title, "team_name": offer.team_name, "contract": offer.contract,
        "opens_on": offer.opens_on.isoformat(), "closes_on": offer.closes_on.isoformat(),
        "days_per_week": "3 à 5 jours", "body": offer.body, "status": offer.status,
        "project": offer.project_id or "",
    }  # fmt: skip
    data.update(changes)
    return data


def test_a_member_sees_no_delete_link_and_the_team_does(client, member_world):
    offer = member_world["offer"]
    delete_url = reverse("recruitment:offer-delete", args=[offer.slug])
    client.force_login(member_world["member"])
    page = client.get(reverse("recruitment:offer-edit", args=[offer.slug]))
    assert page.status_code == 200 and delete_url not in page.text
    assert client.get(delete_url).status_code == 403
    client.force_login(UserFactory(role=Role.INCUBATOR))
    assert delete_url in client.get(reverse("recruitment:offer-edit", args=[offer.slug])).text


def test_a_member_may_attach_an_offer_only_to_their_projects(client, member_world):
    offer, other = member_world["offer"], member_world["other"]
    client.force_login(member_world["member"])
    url = reverse("recruitment:offer-edit", args=[offer.slug])
    page = client.get(url)
    assert "Mon projet" in page.text and "Projet voisin" not in page.text
    assert "Les projets dont vous êtes membre." in page.text and "Laisser vide" not in page.text
    refused = client.post(url, _edit_data(offer, project=other.pk))
    assert refused.status_code == 200
    offer.refresh_from_db()
    assert offer.project == member_world["mine"]
    with pytest.raises(ValidationError) as error:
        services.offer_update(offer=offer, by=member_world["member"], project=other)
    assert "projets dont vous êtes membre" in str(error.value)
    with pytest.raises(ValidationError):
        services.offer_update(offer=offer, by=member_world["member"], project=None)
    # The team keeps every project.
    team = UserFactory(role=Role.INCUBATOR)
    services.offer_update(offer=offer, by=team, project=other, team_name="Mon projet")
    offer.refresh_from_db()
    # The team named after the old project follows the offer to its new project.
    assert (offer.project, offer.team_name) == (other, "Projet voisin")


def test_a_closed_offer_carries_no_job_posting(client):
    open_offer = JobOfferFactory()
    closed = JobOfferFactory(status=OfferStatus.CLOSED)
    past = JobOfferFactory(
        opens_on=date.today() - timedelta(days=90), closes_on=date.today() - timedelta(days=1)
    )
    assert '"directApply": true' in client.get(open_offer.get_absolute_url()).text
    for offer in (closed, past):
        page = client.get(offer.get_absolute_url()).text
        assert "application/ld+json" not in page and "directApply" not in page


def test_the_offer_page_shows_its_contact(client):
    offer = JobOfferFactory(contact="recrutement@example.org")
    page = client.get(offer.get_absolute_url()).text
    assert 'href="mailto:recrutement@example.org"' in page


def test_a_machine_named_file_gets_an_address_from_its_title(tmp_path):
    folder = tmp_path / "offres"
    folder.mkdir()
    (folder / MACHINE_NAME).write_text(MACHINE_TEXT)
    import_offer_files([folder])
    offer = JobOffer.objects.get()
    assert offer.slug == "ux-designer-senior-conseiller-numerique"
    import_offer_files([folder])  # stable on re-import
    assert list(JobOffer.objects.values_list("slug", flat=True)) == [offer.slug]


def test_a_machine_named_offer_imported_before_keeps_its_address(tmp_path):
    folder = tmp_path / "offres"
    folder.mkdir()
    (folder / MACHINE_NAME).write_text(MACHINE_TEXT)
    old = JobOfferFactory(slug=offer_slug(folder / MACHINE_NAME), source_file=MACHINE_NAME)
    import_offer_files([folder])
    assert list(JobOffer.objects.values_list("slug", flat=True)) == [old.slug]


def test_an_offer_of_another_file_keeps_the_title_address(tmp_path):
    JobOfferFactory(slug="ux-designer-senior-conseiller-numerique", source_file="autre.md")
    folder = tmp_path / "offres"
    folder.mkdir()
    (folder / MACHINE_NAME).write_text(MACHINE_TEXT)
    import_offer_files([folder])
    import_offer_files([folder])
    assert JobOffer.objects.count() == 2
    assert JobOffer.objects.get(source_file="autre.md").slug == (
        "ux-designer-senior-conseiller-numerique"
    )


def test_the_incubator_is_one_team_on_the_board(client, tmp_path):
    services.offer_create(
        title="Chargé·e de déploiement", team_name="Incubateur", contract="salarie",
        opens_on=date.today(), closes_on=date.today() + timedelta(days=30),
        days_per_week="4 à 5 jours", status=OfferStatus.PUBLISHED,
    )  # fmt: skip
    folder = tmp_path / "offres"
    folder.mkdir()
    (folder / "2021-08-04-incubateur-cp.md").write_text(
        "---\nrole: Chef·fe de projet\nequipe: Incubateur des Territoires\n"
        "poste_ouvert: 2021-08-04\n---\n\nRejoindre l'incubateur.\n"
    )
    import_offer_files([folder])
    assert selectors.team_names() == [INCUBATOR_TEAM]
    listed = client.get(reverse("recruitment:board"), {"team": "Incubateur"}).text
    assert "Chargé·e de déploiement" in listed and "Chef·fe de projet" in listed


def test_the_manage_page_says_what_it_lists_for_each_role(client, member_world):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = client.get(reverse("recruitment:manage")).text
    assert "<h1>Toutes les offres</h1>" in page and "Offres que je suis" not in page
    assert ">Gérer les offres</a>" in client.get(reverse("recruitment:board")).text
    client.force_login(member_world["member"])
    assert "<h1>Les offres de mes projets</h1>" in client.get(reverse("recruitment:manage")).text
    board = client.get(reverse("recruitment:board")).text
    assert ">Gérer les offres de mes projets</a>" in board and "que je suis" not in board


def test_mon_espace_links_to_the_interviews_and_offers_only(client):
    team = UserFactory(role=Role.INCUBATOR)
    offer = JobOfferFactory()
    ApplicationFactory(offer=offer, stage=Stage.INTERVIEW, name="Inès Entretien")
    ApplicationFactory(offer=offer, stage=Stage.OFFER, name="Hugo Proposition")
    ApplicationFactory(offer=offer, stage=Stage.RECEIVED, name="Camille Reçue")
    line = next(
        line
        for line in selectors.espace_block(team).lines
        if line.label.startswith("Candidatures en entretien")
    )
    assert line.count == 2
    client.force_login(team)
    page = client.get(line.url).text
    assert "Inès Entretien" in page and "Hugo Proposition" in page
    assert "Camille Reçue" not in page


def test_mon_espace_open_offers_lead_to_exactly_those_offers(client):
    """Mon espace counts the offers open to applications; its link lists those offers, not all
    of them (a draft, a closed offer, one published to open later stay out), and the list's
    status filter says what it shows."""
    team = UserFactory(role=Role.INCUBATOR)
    JobOfferFactory(title="Ouverte ce jour")
    JobOfferFactory(title="Brouillon en cours", status=OfferStatus.DRAFT)
    JobOfferFactory(title="Ancienne offre", closes_on=date.today() - timedelta(days=1))
    JobOfferFactory(title="Publiée pour demain", opens_on=date.today() + timedelta(days=1))
    line = next(
        line
        for line in selectors.espace_block(team).lines
        if line.label.startswith("Offre") and "ouverte" in line.label.lower()
    )
    assert line.count == 1
    client.force_login(team)
    page = client.get(line.url).text
    assert "Ouverte ce jour" in page
    assert not any(t in page for t in ("Brouillon en cours", "Ancienne offre", "Publiée pour"))
    assert "ouverte aux candidatures (1)" in page
    closed = client.get(reverse("recruitment:manage") + "?statut=fermee").text
    assert "Ancienne offre" in closed and "Ouverte ce jour" not in closed
    everything = client.get(reverse("recruitment:manage") + "?statut=nimportequoi").text
    assert all(t in everything for t in ("Brouillon en cours", "Ancienne offre", "Publiée pour"))
