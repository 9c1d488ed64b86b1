"""A review of an application is corrected (the « Mon avis » form, prefilled) and deleted by
its author only (issue 12, item 1), kept in the history."""

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.recruitment import services
from fabrique.recruitment.models import Review
from tests.factories import UserFactory

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def review():
    author = UserFactory(role=Role.INCUBATOR)
    return services.review_save(
        application=ApplicationFactory(), reviewer=author, rating=3, note="À revoir"
    )


def test_the_author_corrects_a_review_then_the_rules_still_hold(client, review):
    client.force_login(review.reviewer)
    url = review.application.get_absolute_url()
    page = client.get(url)
    assert "À revoir" in page.text and reverse("recruitment:review-delete", args=[review.pk]) in (
        page.text
    )
    refused = client.post(url, {"action": "review", "rating": "9", "note": "Excellent"})
    assert refused.status_code == 200
    review.refresh_from_db()
    assert (review.rating, review.note) == (3, "À revoir")
    response = client.post(url, {"action": "review", "rating": "5", "note": "Excellent"},
                           follow=True)  # fmt: skip
    assert "Votre avis a été enregistré." in response.text
    review.refresh_from_db()
    assert (review.rating, review.note) == (5, "Excellent")
    assert Review.objects.count() == 1
    last = review.history.order_by("-history_date").first()
    assert (last.history_type, last.history_user_id) == ("~", review.reviewer_id)


def test_the_author_deletes_a_review_after_confirmation(client, review):
    client.force_login(review.reviewer)
    url = reverse("recruitment:review-delete", args=[review.pk])
    assert "Vous allez supprimer" in client.get(url).text
    response = client.post(url, follow=True)
    assert "Suppression faite" in response.text
    assert not Review.objects.filter(pk=review.pk).exists()
    last = Review.history.filter(id=review.pk).order_by("-history_date").first()
    assert (last.history_type, last.history_user_id) == ("-", review.reviewer_id)


def test_another_team_member_cannot_delete_someone_elses_review(client, review):
    colleague = UserFactory(role=Role.INCUBATOR)
    client.force_login(colleague)
    page = client.get(review.application.get_absolute_url())
    assert reverse("recruitment:review-delete", args=[review.pk]) not in page.text
    assert client.post(reverse("recruitment:review-delete", args=[review.pk])).status_code == 403
    client.force_login(UserFactory(role=Role.SERVICE_OWNER))  # not on the offer's project
    assert client.post(reverse("recruitment:review-delete", args=[review.pk])).status_code == 404
    assert Review.objects.filter(pk=review.pk).exists()
