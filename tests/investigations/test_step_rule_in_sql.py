"""Issue 11, « each rule once »: the SQL versions of an investigation's current phase and
lateness (`selectors.investigation_rows`, `selectors.late_only`) give the answers of
`rules.current_step` and `rules.late_steps` on the generated programme of the benchmark
(`investigations.demo.generator`), phases ending today included."""

import random
from datetime import date

import pytest

from fabrique.investigations import rules, selectors
from fabrique.investigations.demo.generator import generate_programme
from fabrique.investigations.models import Investigation, InvestigationPhase
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)


def test_current_step_and_lateness_in_sql_agree_with_the_rules():
    generate_programme(random.Random(11), count=400, today=TODAY, commune=CommuneFactory())
    # Ties: an open phase ending today is not late yet; one ending yesterday is.
    open_phases = InvestigationPhase.objects.filter(closed_on__isnull=True).order_by("pk")
    open_phases.filter(pk__in=list(open_phases.values_list("pk", flat=True)[::7])).update(
        planned_end=TODAY
    )
    states: dict[int, list] = {}
    for phase in InvestigationPhase.objects.all():
        states.setdefault(phase.investigation_id, []).append(
            rules.PhaseState(phase.step, phase.planned_end, phase.closed_on is not None)
        )
    everything = Investigation.objects.all()
    rows = {row.pk: row for row in selectors.investigation_rows(everything, today=TODAY)}
    assert len(rows) == len(states) == 40
    for pk, phases in states.items():
        closed = {state.step for state in phases if state.closed}
        assert rows[pk].current_step == rules.current_step(closed), pk
        assert rows[pk].is_late == bool(rules.late_steps(phases, TODAY)), pk
    late = set(selectors.late_only(everything, today=TODAY).values_list("pk", flat=True))
    assert late == {pk for pk, phases in states.items() if rules.late_steps(phases, TODAY)}
    assert 0 < len(late) < len(states)
    assert len({row.current_step for row in rows.values()}) > 3  # the generated steps vary
