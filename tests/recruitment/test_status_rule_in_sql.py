"""Issue 11, « each rule once »: the SQL versions of an offer's status (`open_condition` of the
job board and `status_condition` of the filters) give the answers of `rules.is_open` and
`rules.effective_status` on generated offers, the closing day itself and month ends included."""

import random
from datetime import date, timedelta

import pytest

from fabrique.recruitment import rules
from fabrique.recruitment.filters import open_condition, status_condition
from fabrique.recruitment.models import JobOffer
from fabrique.recruitment.vocabulary import OfferStatus

from .factories import JobOfferFactory

pytestmark = pytest.mark.django_db

# Month ends and the days around them, where « two months later » is clamped.
TODAYS = [date(2026, 3, 10), date(2026, 4, 30), date(2026, 3, 31), date(2026, 2, 28),
          date(2028, 2, 29), date(2026, 5, 1), date(2026, 12, 31)]  # fmt: skip


def generated_offers(rng: random.Random, today: date) -> None:
    for index in range(160):
        opens_on = today - timedelta(days=rng.randint(-10, 75)) if index % 9 else None
        closes_on = today + timedelta(days=rng.randint(-3, 3)) if index % 3 == 0 else None
        JobOfferFactory(
            status=rng.choice(OfferStatus.values), opens_on=opens_on, closes_on=closes_on
        )
    for days in range(55, 66):  # published without closing date, around « two months ago »
        JobOfferFactory(
            status=OfferStatus.PUBLISHED, opens_on=today - timedelta(days=days), closes_on=None
        )


@pytest.mark.parametrize("today", TODAYS)
def test_the_sql_status_agrees_with_the_rule_on_every_generated_offer(today):
    generated_offers(random.Random(today.toordinal()), today)
    offers = list(JobOffer.objects.values_list("pk", "status", "opens_on", "closes_on"))
    expected_open = {pk for pk, *fields in offers if rules.is_open(*fields, today)}
    assert set(JobOffer.objects.filter(open_condition(today)).values_list("pk", flat=True)) == (
        expected_open
    )
    for status in OfferStatus.values:
        expected = {
            pk for pk, *fields in offers if rules.effective_status(*fields, today) == status
        }
        found = set(
            JobOffer.objects.filter(status_condition(status, today)).values_list("pk", flat=True)
        )
        assert found == expected, status
