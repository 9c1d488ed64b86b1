"""A moment is read as the day it was in France (Europe/Paris), not in London: at 23:30 UTC on
31 December it is already 1 January in Paris. And a day recorded « today » is today, whatever
the date the suite runs on."""

import json
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from fabrique.recruitment.models import JobOffer, StageChange
from fabrique.recruitment.selectors import statistics
from fabrique.recruitment.services import offer_update, purge_applications
from fabrique.recruitment.vocabulary import OfferStatus, Stage

from .factories import ApplicationFactory, JobOfferFactory

pytestmark = pytest.mark.django_db


def test_an_offer_marked_filled_is_filled_today_not_on_its_previous_change():
    offer = JobOfferFactory()
    long_ago = timezone.now() - timedelta(days=40)
    JobOffer.objects.filter(pk=offer.pk).update(updated_at=long_ago)
    offer.refresh_from_db()
    offer_update(offer=offer, status=OfferStatus.FILLED)
    offer.refresh_from_db()
    assert offer.filled_on == timezone.localdate()


def test_purge_counts_from_the_day_an_offer_was_closed_in_france():
    # Closed by hand at 23:30 UTC on 31 December 2024: 1 January 2025 in France.
    offer = JobOfferFactory(status=OfferStatus.CLOSED, opens_on=None, closes_on=None)
    JobOffer.objects.filter(pk=offer.pk).update(
        updated_at=datetime(2024, 12, 31, 23, 30, tzinfo=UTC)
    )
    application = ApplicationFactory(offer=offer)
    assert purge_applications(today=date(2026, 12, 31), dry_run=True) == []
    assert purge_applications(today=date(2027, 1, 1), dry_run=True) == [application.pk]


def test_time_to_hire_counts_the_day_of_hiring_in_france():
    offer = JobOfferFactory(opens_on=date(2026, 3, 1), status=OfferStatus.FILLED)
    application = ApplicationFactory(offer=offer, stage=Stage.HIRED)
    # 22:30 UTC on 31 March 2026 is 00:30 on 1 April in Paris (summer time): 31 days.
    StageChange.objects.create(
        application=application, stage=Stage.HIRED, at=datetime(2026, 3, 31, 22, 30, tzinfo=UTC)
    )
    row = next(row for row in statistics() if row.quarter == "2026 T1")
    assert row.days_to_hire == 31


def job_posting(client, offer) -> dict:
    html = client.get(offer.get_absolute_url()).content.decode()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    return json.loads(raw)


def test_job_posting_ends_the_closing_day_at_midnight_in_france_summer_or_winter(client):
    next_year = timezone.localdate().year + 1
    summer = JobOfferFactory(closes_on=date(next_year, 7, 14))
    winter = JobOfferFactory(closes_on=date(next_year, 1, 15))
    assert job_posting(client, summer)["validThrough"] == f"{next_year}-07-14T23:59:59+02:00"
    assert job_posting(client, winter)["validThrough"] == f"{next_year}-01-15T23:59:59+01:00"


def test_job_posting_without_opening_date_is_posted_on_its_creation_day_in_france(client):
    offer = JobOfferFactory(opens_on=None)
    created = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)  # 1 December, 00:30 in Paris
    JobOffer.objects.filter(pk=offer.pk).update(created_at=created)
    assert job_posting(client, offer)["datePosted"] == "2026-12-01"
