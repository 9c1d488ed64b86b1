"""Issue 17, defect 12: generic or half-agreed French messages."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fabrique.accounts.models import Role
from fabrique.catalogue.services import unknown_values
from fabrique.portfolio.models import MaturityReview

from .factories import ExpenseFactory, ProjectFactory

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


def test_the_expenses_caption_says_the_list_is_cut_only_when_it_is(client, users):
    client.force_login(users[Role.INCUBATOR])
    project = ProjectFactory()
    for _ in range(10):
        ExpenseFactory(project=project)
    html = " ".join(client.get(project.get_absolute_url()).content.decode().split())
    assert "<caption> Dépenses </caption>" in html
    assert "plus récentes" not in html
    for _ in range(11):
        ExpenseFactory(project=project)
    html = " ".join(client.get(project.get_absolute_url()).content.decode().split())
    assert "<caption> Les 20 dépenses les plus récentes </caption>" in html
