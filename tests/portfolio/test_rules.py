from datetime import date
from decimal import Decimal

from fabrique.portfolio.rules import (
    PhaseSpan,
    budget_status,
    current_phase,
    next_committee_due,
    phase_problems,
)


def test_consistent_history_has_no_problem():
    phases = [
        PhaseSpan("investigation", date(2024, 1, 1), date(2024, 3, 1)),
        PhaseSpan("construction", date(2024, 3, 1), date(2025, 3, 1)),
        PhaseSpan("acceleration", date(2025, 3, 1), None),
    ]
    assert phase_problems(phases) == []
    assert current_phase(phases) == "acceleration"


def test_overlap_and_phase_after_terminal_are_reported_in_french():
    problems = phase_problems(
        [
            PhaseSpan("construction", date(2024, 1, 1), date(2024, 6, 1)),
            PhaseSpan("acceleration", date(2024, 5, 1), date(2024, 9, 1)),
            PhaseSpan("abandon", date(2024, 9, 1), date(2024, 9, 2)),
            PhaseSpan("consolidation", date(2024, 10, 1), None),
        ]
    )
    assert any("se chevauchent" in problem for problem in problems)
    assert any("suit la phase terminale « Abandon »" in problem for problem in problems)


def test_reversed_dates_are_reported():
    problems = phase_problems([PhaseSpan("construction", date(2024, 6, 1), date(2024, 1, 1))])
    assert problems == [
        "La phase « Construction » finit le 01/01/2024, avant son début (01/06/2024)."
    ]


def test_budget_runs_out_at_the_current_burn_rate():
    status = budget_status(Decimal(100_000), Decimal(40_000), Decimal(9_000))
    assert status.remaining == Decimal(60_000)
    assert status.daily_burn == Decimal(100)
    assert status.runs_out_on(date(2026, 1, 1)) == date(2027, 8, 24)  # 600 days later


def test_no_recent_spending_means_no_run_out_date():
    assert budget_status(1000, 0, 0).runs_out_on(date(2026, 1, 1)) is None
    assert budget_status(1000, 2000, 10).runs_out_on(date(2026, 1, 1)) == date(2026, 1, 1)


def test_next_committee_is_six_months_after_the_last_or_before_the_money_ends():
    assert next_committee_due(date(2026, 1, 1), None, None) == date(2026, 7, 3)
    assert next_committee_due(date(2026, 1, 1), date(2026, 4, 1), None) == date(2026, 2, 15)
    assert next_committee_due(None, None, date(2026, 1, 1)) == date(2026, 7, 3)
    assert next_committee_due(None, None, None) is None
