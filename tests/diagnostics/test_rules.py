"""Pure rules of the diagnostics."""

from decimal import Decimal

import pytest

from fabrique.diagnostics import rules


def test_days_are_written_the_french_way():
    """Seen in Mon espace: « 6.0 jour(s) sur 10 »."""
    assert rules.days_text(Decimal("6.0")) == "6 jours"
    assert rules.days_text(Decimal("0.5")) == "0,5 jour"
    assert rules.days_number(rules.days(13)) == "6,5"


@pytest.mark.django_db
def test_a_time_entry_is_named_with_a_french_decimal():
    """« 04/12/2026 : 0.5 j (Analyse) » on the ledger and its delete confirmation."""
    from datetime import date

    from fabrique.diagnostics.models import TimeEntry
    from fabrique.diagnostics.vocabulary import ActivityKind

    entry = TimeEntry(day=date(2026, 12, 4), half_days=1, kind=ActivityKind.ANALYSIS)
    assert str(entry) == "04/12/2026 : 0,5 jour (Analyse)"
    entry.half_days = 3
    assert str(entry) == "04/12/2026 : 1,5 jour (Analyse)"
