from datetime import date, datetime, timedelta

import pytest

from fabrique.recruitment import rules
from fabrique.recruitment.vocabulary import Contract, OfferStatus, Stage


@pytest.mark.parametrize(
    ("word", "contract"),
    [
        ("indépendant", Contract.FREELANCE),
        ("Indépendant", Contract.FREELANCE),
        ("inde\u0301pendant", Contract.FREELANCE),  # decomposed accent, as in a real file
        ("indépendent", Contract.FREELANCE),
        ("indépendant/freelance", Contract.FREELANCE),
        ("préstataire", Contract.FREELANCE),
        ("freelance", Contract.FREELANCE),
        ("contractuel (CDD 3 ans)", Contract.EMPLOYEE),
        ("stagiaire", Contract.INTERNSHIP),
        ("Alternance", Contract.APPRENTICESHIP),
        ("mise à disposition", Contract.SECONDMENT),
        ("sorcier", ""),
        ("", ""),
    ],
)
def test_every_spelling_of_a_contract_maps_to_one_word(word, contract):
    assert rules.contract_from_word(word) == contract


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-03-12T09:40:16.601Z", date(2021, 3, 12)),
        ("2021-03-24", date(2021, 3, 24)),
        ("24/03/2021", date(2021, 3, 24)),
        (datetime(2021, 3, 24, 10), date(2021, 3, 24)),
        ("2022-04-T15:00:00.000Z", None),
        ("2021-02-30", None),
        (None, None),
    ],
)
def test_dates_of_real_files(value, expected):
    assert rules.parse_date(value) == expected


def test_an_offer_closes_itself_two_months_after_publication_without_a_date():
    opened = date(2026, 1, 31)
    assert rules.closing_date(opened, None) == date(2026, 3, 31)
    assert rules.effective_status(OfferStatus.PUBLISHED, opened, None, date(2026, 3, 31)) == (
        OfferStatus.PUBLISHED
    )
    assert rules.effective_status(OfferStatus.PUBLISHED, opened, None, date(2026, 4, 1)) == (
        OfferStatus.CLOSED
    )
    assert not rules.is_open(OfferStatus.PUBLISHED, opened, None, date(2026, 4, 1))
    assert not rules.is_open(OfferStatus.DRAFT, opened, None, date(2026, 2, 1))


def test_posting_checklist_flags_what_is_missing():
    checks = rules.posting_checklist(
        closes_on=None,
        contract="",
        contract_holder="",
        days_per_week="lundi et mardi",
        body="Présence le lundi, le mardi et le jeudi.",
    )
    assert [check.ok for check in checks] == [False, False, False, False]
    checks = rules.posting_checklist(
        closes_on=date(2026, 1, 1),
        contract=Contract.FREELANCE,
        contract_holder="Le titulaire du marché",
        days_per_week="3 à 5 jours",
        body="Une mission.",
    )
    assert all(check.ok for check in checks)


def test_stage_moves_and_time_in_each_stage():
    assert rules.stage_allowed(Stage.RECEIVED, Stage.INTERVIEW)
    assert not rules.stage_allowed(Stage.RECEIVED, Stage.RECEIVED)
    assert not rules.stage_allowed(Stage.HIRED, Stage.OFFER)
    assert rules.stage_allowed(Stage.REJECTED, Stage.SHORTLISTED)
    start = datetime(2026, 1, 1)
    spent = rules.stage_durations(
        [(Stage.RECEIVED, start), (Stage.SHORTLISTED, start + timedelta(days=3))],
        start + timedelta(days=10),
    )
    assert spent == {Stage.RECEIVED: timedelta(days=3), Stage.SHORTLISTED: timedelta(days=7)}


def test_applications_are_kept_24_months_after_the_offer_closes():
    assert rules.purge_after(date(2024, 2, 29)) == date(2026, 2, 28)


def test_links_of_an_application_are_web_addresses():
    from fabrique.recruitment.rules import links_problem

    assert links_problem("https://github.com/moi\n\ngitlab.com/moi\nhttp://site.fr") == ""
    assert "Ligne 1" in links_problem("JavaScript:alert(1)")
    assert "Ligne 2" in links_problem("https://ok.fr\nfile:///etc/passwd")
