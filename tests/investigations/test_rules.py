from datetime import date

from fabrique.investigations import rules


def test_territory_profile_never_guesses_coast_or_mountain():
    assert rules.territory_profile(1141).startswith("commune rurale")
    assert rules.territory_profile(172565).startswith("commune urbaine")
    assert "non renseigné" in rules.territory_profile(1141)
    assert rules.territory_profile(None) == "profil inconnu"


def test_scores_and_spread():
    assert rules.score_problems({"a": 3}, ["a", "b"]) == {"b": "Donnez une note à ce critère."}
    assert rules.average_and_spread([10, 20]) == (15, 5)
    assert rules.average_and_spread([]) == (None, None)


def test_phase_calendar_and_order():
    dates = rules.planned_phase_dates(date(2026, 1, 5), 10)
    assert dates[0][0] == date(2026, 1, 5) and dates[-1][1] == date(2026, 3, 15)
    assert rules.close_order_problem(3, {1}).startswith("Clôturez d'abord la phase 2")
    assert rules.current_step({1, 2}) == 3 and rules.current_step({1, 2, 3, 4, 5}) is None
    states = [
        rules.PhaseState(1, date(2026, 1, 10), False),
        rules.PhaseState(2, date(2026, 2, 1), True),
    ]
    assert rules.late_steps(states, date(2026, 1, 20)) == [1]
    assert rules.conversion(10, 4, 1) == (40.0, 25.0)
    assert rules.duration_problem(13) and not rules.duration_problem(9)
