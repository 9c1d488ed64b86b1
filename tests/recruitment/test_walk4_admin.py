"""The fourth walk, as the administrator: an offer's lists and imported extras read as words,
not as the JSON they are stored in (« [] », « {} », HTML source)."""

import pytest
from django.urls import reverse

from fabrique.recruitment.models import JobOffer
from tests.factories import UserFactory

from .factories import JobOfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True, role="admin"))
    return client


def test_the_admin_shows_an_offers_lists_and_extras_in_words(admin_client):
    offer = JobOfferFactory(techno=["Python", "Django"], domains=[], extra={"salaire": "45 k€"})
    page = admin_client.get(reverse("admin:recruitment_joboffer_change", args=[offer.pk])).text
    assert 'value="Python, Django"' in page
    assert 'name="title"' in page and 'name="status"' in page  # the whole offer, not two lists
    assert "&quot;Python&quot;" not in page and ">[]<" not in page and ">{}<" not in page
    assert "salaire : 45 k€" in page
    assert "&lt;h2&gt;" not in page  # the sanitised HTML is not shown as its source


def test_the_admin_saves_the_lists_typed_with_commas(admin_client):
    offer = JobOfferFactory(techno=["Python"])
    url = reverse("admin:recruitment_joboffer_change", args=[offer.pk])
    page = admin_client.get(url)
    data = {
        key: value
        for key, value in page.context["adminform"].form.initial.items()
        if value is not None
    }
    data.update(
        slug=offer.slug, title=offer.title, contract=offer.contract, status=offer.status,
        opens_on=offer.opens_on.isoformat(), closes_on=offer.closes_on.isoformat(),
        techno="Python, Vue.js ,", domains="Santé", source_format=offer.source_format,
        body=offer.body,
    )  # fmt: skip
    data.pop("project", None)
    data.pop("filled_on", None)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    offer = JobOffer.objects.get(pk=offer.pk)
    assert (offer.techno, offer.domains) == (["Python", "Vue.js"], ["Santé"])
