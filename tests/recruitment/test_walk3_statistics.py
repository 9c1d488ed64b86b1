"""Walk of the team's week, round 3: 5 offers filled out of 8 showed « 62 % » (Python rounds
half to even); the share is rounded half up, as a reader does: 63 %."""

from datetime import date

import pytest

from fabrique.recruitment.selectors import statistics
from fabrique.recruitment.vocabulary import OfferStatus

from .factories import JobOfferFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("filled", "published", "share"), [(5, 8, 63), (1, 8, 13), (1, 3, 33)])
def test_the_filled_share_is_rounded_half_up(filled, published, share):
    for n in range(published):
        status = OfferStatus.FILLED if n < filled else OfferStatus.CLOSED
        JobOfferFactory(opens_on=date(2020, 11, 2), closes_on=date(2020, 12, 2), status=status)
    row = next(row for row in statistics(today=date(2026, 12, 7)) if row.quarter == "2020 T4")
    assert row.share_filled == share
