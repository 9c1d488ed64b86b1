"""Leftovers, round 7b: an elided article is a word of its own in an offer's address."""

from datetime import date

import pytest
from django.urls import reverse

from fabrique.core.slugs import slug_of
from fabrique.recruitment.services import offer_create, offer_update
from fabrique.recruitment.vocabulary import OfferStatus

from .factories import JobOfferFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Coach de l'Incubateur", "coach-de-l-incubateur"),
        ("Chargée d’accessibilité", "chargee-d-accessibilite"),
        ("Aujourd'hui", "aujourd-hui"),
        ("'''", "offre"),
    ],
)
def test_slug_of_separates_elided_words(title, slug):
    assert slug_of(title, max_length=90, fallback="offre") == slug


def test_new_offer_address_separates_the_elided_article(client):
    offer = offer_create(
        title="Coach à l'Incubateur des Territoires", contract="stage",
        status=OfferStatus.PUBLISHED, opens_on=date.today(), body="Accompagner.",
    )  # fmt: skip
    assert offer.slug == "coach-a-l-incubateur-des-territoires"
    assert client.get(offer.get_absolute_url()).status_code == 200


def test_an_address_already_given_out_keeps_working(client):
    offer = JobOfferFactory(slug="coach-a-lincubateur", title="Coach à l'Incubateur")
    offer_update(offer=offer, title="Coach à l'Incubateur des Territoires")
    offer.refresh_from_db()
    assert offer.slug == "coach-a-lincubateur"
    response = client.get(reverse("recruitment:offer", args=["coach-a-lincubateur"]))
    assert response.status_code == 200
