"""The indicator form shows stored values as people write them."""

import pytest

from fabrique.impact.forms import IndicatorForm
from tests.impact.factories import IndicatorFactory


@pytest.mark.django_db
def test_indicator_form_shows_values_without_trailing_zeros():
    from decimal import Decimal

    indicator = IndicatorFactory(baseline_value=Decimal("5781.2900"), target_value=Decimal(1000))
    html = IndicatorForm(instance=indicator).as_div()
    assert 'value="5781,29"' in html and 'value="1000"' in html
