"""The odd shapes of real offers of the beta.gouv.fr site (content/_jobs, 2016 to 2022), each kept
in tests/fixtures/recruitment with its keys, dates and file name, the prose rewritten."""

from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from fabrique.recruitment import rules
from fabrique.recruitment.exports import to_markdown
from fabrique.recruitment.importers import import_offer_files
from fabrique.recruitment.importers.mapping import parse_offer
from fabrique.recruitment.models import JobOffer
from fabrique.recruitment.vocabulary import Contract, OfferStatus

FIXTURES = Path(__file__).parent.parent / "fixtures" / "recruitment"
pytestmark = pytest.mark.django_db


@pytest.fixture
def imported():
    report = import_offer_files([FIXTURES])
    return report, {offer.source_file: offer for offer in JobOffer.objects.all()}


def test_a_header_written_under_a_heading_is_still_read(imported):
    _, offers = imported
    offer = offers["2021-06-15-intertitre-puis-entete.md"]
    assert offer.title == "L'équipe transverse cherche une personne pour ses outils communs"
    assert offer.role == "Développeur·euse produit full-stack"
    assert (offer.team_name, offer.contact) == ("DINUM", "recrutement@example.org")
    assert offer.contract == Contract.FREELANCE and offer.contract_raw == "indépendent"
    assert offer.opens_on == date(2021, 6, 15)
    assert offer.body.startswith("# Développeur·euse produit full-stack\n\n## L'équipe")
    assert "placé sous un intertitre" in offer.review_notes


def test_a_heading_followed_by_a_horizontal_rule_is_not_a_header():
    data = parse_offer("# Titre\n\n---\nUn paragraphe.\n---\n\nSuite.\n", slug="regle")
    assert data.fields["title"] == "Titre" and data.fields["role"] == ""
    assert "Un paragraphe." in data.fields["body"]


def test_a_french_date_before_the_file_name_is_the_opening_day(imported):
    _, offers = imported
    offer = offers["28-11-2017-date-a-la-francaise.md"]
    assert offer.opens_on == date(2017, 11, 28)
    assert not rules.is_open(offer.status, offer.opens_on, offer.closes_on, date.today())


def test_an_offer_without_any_date_is_imported_as_a_draft_kept_off_the_board(imported, client):
    _, offers = imported
    offer = offers["A+"]
    assert offer.status == OfferStatus.DRAFT and offer.opens_on is None
    assert "importée en brouillon" in offer.review_notes
    assert "brouillon: true" in to_markdown(offer)
    assert client.get(offer.get_absolute_url()).status_code == 404
    assert offer.get_absolute_url() not in client.get(reverse("recruitment:board")).content.decode()


def test_old_offers_marked_open_are_closed_not_published(imported, client):
    _, offers = imported
    today = date.today()
    board = client.get(reverse("recruitment:board"))
    assert board.status_code == 200
    for name in ("2019-05-07- Bizdev Trackdéchets.md", "trajpro_sans-date-dans-le-nom.md"):
        offer = offers[name]
        assert offer.status == OfferStatus.PUBLISHED  # as the file says…
        assert rules.effective_status(offer.status, offer.opens_on, None, today) == "fermee"
        assert client.get(offer.get_absolute_url()).status_code == 200  # …closed, still readable


def test_two_copies_of_one_offer_are_both_kept_and_flagged(imported):
    report, offers = imported
    plain, with_extension = offers["2019-02-11-dev-controle"], offers["2019-02-11-dev-controle.md"]
    assert plain.slug == "2019-02-11-dev-controle" and with_extension.slug != plain.slug
    assert "copie de la même offre" in with_extension.review_notes
    assert "« 2019-02-11-dev-controle »" in with_extension.review_notes
    assert with_extension.status == OfferStatus.CLOSED
    assert with_extension.techno == ["Javascript", "Python/Django"]
    assert with_extension.slug in dict(report.warnings)


def test_the_template_title_and_its_comments_are_not_taken_for_values(imported):
    _, offers = imported
    offer = offers["2019-10-15-titre-du-modele_.md"]
    assert offer.title == "Chargé·e de déploiement — domifa"
    assert offer.role == "Chargé·e de déploiement" and offer.team_name == "domifa"
    assert offer.junior is True
    assert "« titre »" in offer.review_notes


def test_a_name_with_a_space_and_an_accent_and_a_contract_said_in_the_text(imported):
    _, offers = imported
    offer = offers["2019-05-07- Bizdev Trackdéchets.md"]
    assert offer.slug == "2019-05-07-bizdev-trackdechets"
    assert offer.opens_on == date(2019, 5, 7)
    assert offer.contract == Contract.EMPLOYEE and offer.contract_raw == "CDD de 6 mois"
    assert "lu dans le texte" in offer.review_notes


def test_open_false_wins_over_status_open_in_a_file_of_both_formats(imported):
    _, offers = imported
    offer = offers["2021-08-04-open-false-status-open.md"]
    assert offer.status == OfferStatus.CLOSED
    assert "« open: false » et « status: open » se contredisent" in offer.review_notes
    assert (offer.opens_on, offer.closes_on) == (date(2021, 8, 4), date(2021, 9, 30))
    assert offer.contract == Contract.EMPLOYEE
    assert offer.external_url == "https://example.org/recrutements/charge-de-projets"
    assert offer.extra["friend"] == "Incubateur des Territoires"


def test_a_contract_naming_two_kinds_is_left_to_choose_and_flagged(imported):
    _, offers = imported
    text = offers["2018-06-02-Bizdev_contrat-ambigu"]
    assert text.contract == "" and "« CDD ou en freelance » : contrat ambigu" in text.review_notes
    line = offers["2017-09-15-redirect-from.md"]
    assert line.contract == "" and "ambigu (Salarié·e ou Indépendant·e)" in line.review_notes
    assert line.extra["redirect_from"] == ["/recrutement/2017/09/15/CTO-Fun.html"]
    header = parse_offer("---\nroles: Dev\ncontrat: CDD ou freelance\n---\nA.", slug="x")
    assert header.fields["contract"] == "" and header.fields["contract_raw"] == "CDD ou freelance"
    assert any("ambigu" in note for note in header.notes)


def test_the_terms_line_gives_the_contract_when_the_header_has_none(imported):
    _, offers = imported
    status_line = offers["2019-10-09-url-vide.md"]
    assert status_line.contract == Contract.EMPLOYEE and status_line.external_url == ""
    open_to = offers["2019-02-21-open-vide"]
    # `Poste ouvert le 21/02/2019` names no contract: the next such line is read.
    assert open_to.contract == Contract.INTERNSHIP
    assert open_to.contract_raw == "Poste ouvert pour un·e stagiaire"
    assert offers["A+"].contract == Contract.FREELANCE


def test_a_text_without_header_nor_extension_is_skipped_with_what_to_do(imported):
    report, _ = imported
    reasons = {Path(name).name: reason for name, reason in report.skipped}
    assert "ajoutez-lui l'extension .md" in reasons["Bizdev_sans-entete"]


def test_iso_dates_and_lists_of_domains(imported):
    _, offers = imported
    offer = offers["2022-03-08-date-iso-domaines.md"]
    assert offer.opens_on == date(2022, 3, 8) and offer.domains == ["Développement"]
    assert offer.team_name == "Incubateur des Territoires"
    assert offers["trajpro_sans-date-dans-le-nom.md"].opens_on == date(2021, 12, 14)


def test_real_shapes_survive_export_then_import(imported):
    _, offers = imported
    for offer in offers.values():
        again = parse_offer(to_markdown(offer), slug=offer.slug, source_file=offer.source_file)
        for name, value in again.fields.items():
            current = getattr(offer, name)
            same = current == value or (name == "body" and current.strip() == value.strip())
            assert same, (offer.source_file, name)


@pytest.mark.parametrize(
    ("words", "named"),
    [
        ("CDD ou en freelance", [Contract.EMPLOYEE, Contract.FREELANCE]),
        ("contractuel (CDD 3 ans)", [Contract.EMPLOYEE]),
        ("contrat d'indépendant", [Contract.FREELANCE]),
        ("Postes ouverts pour des indépendant·e·s (en portage)", [Contract.FREELANCE]),
        ("mission de prestation (freelance)", [Contract.FREELANCE]),
        ("contrat", [Contract.EMPLOYEE]),
        ("contrat de 6 mois", []),
    ],
)
def test_the_contracts_a_phrase_names(words, named):
    assert rules.contracts_named(words) == named
    assert rules.contract_from_word(words) == (named[0] if len(named) == 1 else "")


def test_a_line_of_spaces_before_the_text_is_not_kept_and_the_export_reads_back_unchanged(imported):
    """A real offer (content/_jobs, 2021) starts its text with a line holding a tab: the first
    import kept it, the export dropped it, so the offer read back from its export changed."""
    _, offers = imported
    offer = offers["2021-12-21-ligne-de-tabulation.md"]
    assert offer.body.startswith("**Une équipe cherche")
    again = parse_offer(to_markdown(offer), slug=offer.slug, source_file=offer.source_file)
    assert again.fields["body"] == offer.body


def test_an_offer_naming_a_startup_and_another_equipe_exports_both(imported):
    """`startup: conseiller-numerique` is the team; the file's own `equipe` was lost on export
    (the team was written back under `equipe`)."""
    _, offers = imported
    offer = offers["2022-03-11-startup-et-equipe.md"]
    assert offer.team_name == "conseiller-numerique"
    assert offer.extra["equipe"] == "Cartographie Nationale"
    text = to_markdown(offer)
    assert "startup: conseiller-numerique\n" in text and "equipe: Cartographie Nationale\n" in text
    again = parse_offer(text, slug=offer.slug, source_file=offer.source_file)
    assert again.fields["team_name"] == offer.team_name and again.fields["extra"] == offer.extra


def test_a_misspelt_key_shadowed_by_the_right_one_is_not_said_to_be_read(imported):
    """`post_ouvert` beside `date`: the note said « lu comme poste_ouvert » though its value
    (1 April) was not the one read (11 March)."""
    _, offers = imported
    offer = offers["2022-03-11-startup-et-equipe.md"]
    assert offer.opens_on == date(2022, 3, 11) and offer.extra["post_ouvert"] == "2022-04-01"
    assert "lu comme" not in offer.review_notes
    assert "« post_ouvert » (proche de « poste_ouvert ») laissé de côté" in offer.review_notes
    used = offers["2020-05-19-deploiement.md"]  # alone, it is read
    assert "Champ « post_ouvert » lu comme « poste_ouvert »." in used.review_notes


def test_the_terms_after_a_bold_label_give_the_contract(imported):
    """`* **Modalités** poste ouvert pour un·e indépendant·e` (content/_jobs, 2021)."""
    _, offers = imported
    offer = offers["2021-08-04-modalites-en-gras.md"]
    assert offer.contract == Contract.FREELANCE
    assert offer.contract_raw == "poste ouvert pour un·e indépendant·e"
    assert "Contrat lu dans le texte" in offer.review_notes


def test_an_impossible_date_in_the_file_name_is_said_so(imported):
    """`2021-25-01-…`: the draft's note said the name had no date at its head."""
    _, offers = imported
    offer = offers["2021-25-01-date-impossible-dans-le-nom.md"]
    assert offer.status == OfferStatus.DRAFT and offer.opens_on is None
    assert "« 2021-25-01 » en tête du nom du fichier n'est pas une date" in offer.review_notes
    assert "ni date en tête du nom du fichier" not in offer.review_notes
