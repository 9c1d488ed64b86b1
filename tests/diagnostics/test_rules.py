"""Pure rules of the diagnostics."""

from decimal import Decimal

from fabrique.diagnostics import rules


def test_days_are_written_the_french_way():
    """Seen in Mon espace: « 6.0 jour(s) sur 10 »."""
    assert rules.days_text(Decimal("6.0")) == "6 jours"
    assert rules.days_text(Decimal("0.5")) == "0,5 jour"
    assert rules.days_number(rules.days(13)) == "6,5"
