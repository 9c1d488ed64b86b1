"""Plausible dates in every app's forms (core.forms.PlausibleDatesMixin)."""

import pytest

from fabrique.catalogue.forms import SolutionUseForm
from fabrique.impact.forms import MeasurementForm
from fabrique.recruitment.forms import OfferForm
from fabrique.support.forms import FollowUpForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("form_class", "data", "field"),
    [
        (MeasurementForm, {"date": "0001-01-01", "value": "3"}, "date"),
        (SolutionUseForm, {"code": "01004", "since": "2206-01-01"}, "since"),
        (OfferForm, {"opens_on": "1900-01-01"}, "opens_on"),
        (FollowUpForm, {"next_due": "0001-01-01"}, "next_due"),
    ],
)
def test_every_app_refuses_implausible_dates_unless_confirmed(form_class, data, field):
    """Issue 12: dates are checked for plausibility everywhere, not only in the portfolio."""
    form = form_class(data=data)
    form.is_valid()
    assert "Date peu plausible" in " ".join(form.errors.get(field, []))
    confirmed = form_class(data={**data, "confirm_dates": "on"})
    confirmed.is_valid()
    assert "Date peu plausible" not in " ".join(confirmed.errors.get(field, []))


def test_model_form_lists_start_with_a_french_empty_choice():
    from fabrique.core.forms import EMPTY_CHOICE_LABEL, DsfrModelForm
    from fabrique.portfolio.models import Committee, Decision

    class DecisionForm(DsfrModelForm):
        class Meta(DsfrModelForm.Meta):
            model = Decision
            fields = ["committee", "outcome"]

    class CommitteeForm(DsfrModelForm):
        class Meta(DsfrModelForm.Meta):
            model = Committee
            fields = ["kind"]

    decision = DecisionForm()
    assert decision.fields["committee"].empty_label == EMPTY_CHOICE_LABEL
    assert "---------" not in str(decision["outcome"]) + str(CommitteeForm()["kind"])
