"""The generated portfolio shared by the benches, `make load` and the tests
(`fabrique.portfolio.demo.generator`): its volumes, and the current-phase rule giving the same
answer in Python and in SQL on every generated project."""

from datetime import date

import pytest

from fabrique.impact.selectors.overview.portfolio import CLOSED_PHASES, followed_projects
from fabrique.portfolio import rules
from fabrique.portfolio.demo import generator
from fabrique.portfolio.models import Committee, FundingLine, Phase, Project, TeamMember
from fabrique.portfolio.selectors import annotated_projects
from tests.factories import generated_portfolio

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 5)


def test_the_generated_portfolio_has_the_bench_volumes():
    projects = generated_portfolio(30, today=TODAY)
    assert [project.slug for project in projects[:2]] == ["projet-0001", "projet-0002"]
    assert Project.objects.count() == 30
    assert Phase.objects.count() == 30 * generator.PHASES_PER_PROJECT
    assert TeamMember.objects.count() == 30 * generator.TEAM_PER_PROJECT
    assert Committee.objects.count() == 30 * generator.COMMITTEES_PER_PROJECT
    launch = FundingLine.objects.filter(source="Convention de lancement")
    assert launch.count() == 30 and all(line.amount > 0 for line in launch)


def test_the_same_seed_gives_the_same_portfolio():
    def snapshot():
        return [
            (project.name, project.kind, [(p.name, p.start, p.end) for p in project.phases.all()])
            for project in Project.objects.order_by("slug").prefetch_related("phases")
        ]

    generated_portfolio(12, today=TODAY)
    first = snapshot()
    Project.objects.all().delete()
    generated_portfolio(12, today=TODAY)
    assert snapshot() == first


def test_current_phase_is_the_same_in_python_and_in_sql_on_every_generated_project():
    generated_portfolio(60, today=TODAY)
    spans = {}
    for project_id, name, start, end in Phase.objects.values_list(
        "project_id", "name", "start", "end"
    ):
        spans.setdefault(project_id, []).append(rules.PhaseSpan(name, start, end))
    python = {pk: rules.current_phase(phases) for pk, phases in spans.items()}
    sql = dict(annotated_projects(detail=False).values_list("pk", "current_phase"))
    overview = followed_projects(Project.objects.all())
    followed = dict(zip(overview.pk.astype(int).tolist(), overview.phase.tolist(), strict=True))
    assert sql == python
    assert len(set(python.values())) > 3  # the generated phases vary
    # The impact overview leaves the closed projects out and gives the others the same phase.
    assert followed == {pk: phase for pk, phase in python.items() if phase not in CLOSED_PHASES}
    assert len(followed) < len(python)
