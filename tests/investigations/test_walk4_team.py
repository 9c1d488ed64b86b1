"""What the fourth walk of the team found in the programme d'investigation."""

import pytest

from fabrique.investigations.forms import CallForm

pytestmark = pytest.mark.django_db


def test_a_negative_funded_count_gets_the_calls_own_message_not_a_contradicting_minimum():
    # « supérieure ou égale à 0 » contradicted the rule (0 is refused too): the rule speaks.
    form = CallForm(
        data={
            "title": "Appel",
            "opens_on": "2026-05-01",
            "closes_on": "2026-06-01",
            "funded_count": "-2",
            "grid": "Réalité",
        }
    )
    assert not form.is_valid()
    assert form.errors["funded_count"] == [
        "Un appel finance au moins une investigation : indiquez 1 ou plus."
    ]


# --- The administration: grids and scores read as people read them, not as stored JSON ---------


def test_the_admin_shows_scores_and_grids_in_words_not_raw_json(client):
    from django.urls import reverse

    from fabrique.investigations.models import Review
    from tests.factories import UserFactory

    from .factories import ClosedCallFactory, InvestigationFactory, ProblemFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True, role="admin"))
    problem = ProblemFactory(call=ClosedCallFactory())
    review = Review.objects.create(
        problem=problem, reviewer=UserFactory(), scores={"realite": 2, "engagement": 4}, total=6
    )
    page = client.get(reverse("admin:investigations_review_change", args=[review.pk])).text
    assert "Réalité et ampleur du problème : 2 / 5" in page
    assert "{&quot;realite&quot;" not in page and '{"realite"' not in page
    page = client.get(reverse("admin:investigations_call_change", args=[problem.call.pk])).text
    assert "Réalité et ampleur du problème" in page and "[[&quot;realite" not in page
    investigation = InvestigationFactory(go_scores={"ampleur": 3})
    url = reverse("admin:investigations_investigation_change", args=[investigation.pk])
    page = client.get(url).text
    assert "Problème : ampleur : 3 / 5" in page and "{&quot;ampleur" not in page
    empty = InvestigationFactory()
    page = client.get(reverse("admin:investigations_investigation_change", args=[empty.pk])).text
    assert ">{}<" not in page


def test_the_admin_delete_action_is_not_misgendered(client):
    from django.urls import reverse

    from tests.factories import UserFactory

    from .factories import InvestigationFactory

    InvestigationFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True, role="admin"))
    page = client.get(reverse("admin:investigations_investigation_changelist")).text
    assert 'value="delete_selected"' in page
    assert "Supprimer les investigations sélectionnés" not in page
    assert "Supprimer la sélection" in page
