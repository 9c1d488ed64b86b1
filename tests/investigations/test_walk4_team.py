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
