"""Issue 17, defect 12: generic or half-agreed French messages."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fabrique.catalogue.services import unknown_values
from fabrique.portfolio.models import MaturityReview

from .factories import ProjectFactory

pytestmark = pytest.mark.django_db
SCORES = {"impact": 1, "deployment": 1, "design": 1, "open_source": 1, "open_data": 1}


def test_a_second_maturity_review_on_the_same_day_says_what_to_do():
    project = ProjectFactory()
    MaturityReview.objects.create(project=project, date=date(2026, 3, 1), **SCORES)
    with pytest.raises(ValidationError) as error:
        MaturityReview(project=project, date=date(2026, 3, 1), **SCORES).full_clean()
    message = " ".join(error.value.messages)
    assert "Un objet" not in message and "avec ces champs" not in message
    assert "déjà une revue de maturité à cette date" in message


def test_unknown_values_are_named_without_brackets():
    assert unknown_values("Catégories", ["cuisine", "jardin"]) == (
        "Valeurs inconnues pour « Catégories » : cuisine, jardin."
    )
    assert unknown_values("Catégories", ["cuisine"]) == (
        "Valeur inconnue pour « Catégories » : cuisine."
    )
