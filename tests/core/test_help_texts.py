"""A hint given to a field after a DSFR form is built shows (core.forms.set_help_text)."""

import pytest
from django import forms
from dsfr.forms import DsfrBaseForm

from fabrique.accounts.models import Role
from fabrique.core.forms import set_help_text
from fabrique.impact.forms import IndicatorForm
from fabrique.impact.vocabulary import Computation
from fabrique.portfolio.forms import ProjectForm
from fabrique.recruitment.forms import OfferForm
from tests.factories import UserFactory
from tests.impact.factories import IndicatorFactory
from tests.portfolio.factories import TeamMemberFactory


class NameForm(forms.Form):
    name = forms.CharField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        set_help_text(self, "name", "Votre nom d'usage.")


def test_hint_set_after_the_form_is_drawn_shows():
    class Drawn(DsfrBaseForm, NameForm):
        pass

    assert "Votre nom d'usage." in Drawn().as_div()


@pytest.mark.django_db
def test_project_form_says_what_a_licence_is():
    assert "Identifiant SPDX, par exemple" in ProjectForm().as_div()


@pytest.mark.django_db
def test_computed_indicator_says_its_fixed_fields():
    indicator = IndicatorFactory(computed=Computation.COST_PER_USE)
    html = IndicatorForm(instance=indicator).as_div()
    assert html.count("Fixé : l'indicateur est calculé par Fabrique.") == 3


@pytest.mark.django_db
def test_offer_form_of_a_member_says_which_projects():
    member = TeamMemberFactory(user=UserFactory(role=Role.SERVICE_OWNER))
    assert "Les projets dont vous êtes membre." in OfferForm(user=member.user).as_div()
