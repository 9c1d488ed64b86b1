"""The generated portfolio shared by the benchmarks, `make load` and the tests: as many
projects as asked, each with five phases, a team, monthly expenses, maturity reviews, two
committees (with their decisions and funding lines) per project on average, and a launch
funding line. Bulk writes (`bulk_create`), no history: it is volume for measures, unlike the
28 written projects of the demo (`load_demo_portfolio`), which go through the services.

Deterministic: the same seed, `today` and counts give the same portfolio. `bench/portfolio.py`
calls `generate` twice (200 projects, then 1,800 more, to compare the query counts);
`generate_portfolio` is the one call for the rest.
"""

import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from itertools import cycle, islice

from django.utils import timezone

from fabrique.accounts.models import Role, User

from ..models import (
    Committee,
    Decision,
    Expense,
    FundingLine,
    MaturityReview,
    Organisation,
    Phase,
    Project,
    TeamMember,
    Thematic,
)
from ..vocabulary import CommitteeKind, MaturityAxis, Outcome, ProjectKind, TeamRole

SEED = 2026
# The decisions of generated committees (a go or a no-go is an investigation's).
_GENERATED_OUTCOMES = (Outcome.CONTINUE, Outcome.PIVOT, Outcome.ACCELERATE, Outcome.STOP)
PHASES_PER_PROJECT = 5
COMMITTEES_PER_PROJECT = 2
TEAM_PER_PROJECT = 5
REVIEWS_PER_PROJECT = 3
MAX_EXPENSE_MONTHS = 24

SUBJECTS = (
    "Cantine", "Salles", "État civil", "Voirie", "Cimetières", "Budget", "Navette", "Adresses",
    "Périscolaire", "Conseil", "Arbres", "Eau", "Écoles", "Déchets", "Marchés", "Archives",
    "Crues", "Solaire", "Associations", "Logement",
)  # fmt: skip
QUALIFIERS = (
    "en ligne", "ouvertes", "claires", "partagées", "pour tous", "locales", "simplifiées",
    "connectées", "du village", "de proximité",
)  # fmt: skip
# Current phase of the generated projects, as a share of the portfolio.
CURRENT_PHASES = {
    "investigation": 8,
    "construction": 25,
    "acceleration": 20,
    "consolidation": 12,
    "transfere": 10,
    "opere": 10,
    "abandon-investigation": 5,
    "abandon": 10,
}
CANONICAL = {
    "investigation": ["investigation"],
    "construction": ["investigation", "construction"],
    "acceleration": ["investigation", "construction", "acceleration"],
    "consolidation": ["investigation", "construction", "acceleration", "consolidation"],
    "transfere": ["investigation", "construction", "acceleration", "consolidation", "transfere"],
    "opere": ["investigation", "construction", "acceleration", "consolidation", "opere"],
    "abandon-investigation": ["investigation", "abandon-investigation"],
    "abandon": ["investigation", "construction", "acceleration", "abandon"],
}
TERMINAL = {"transfere", "opere", "abandon-investigation", "abandon"}


def phase_names(current: str) -> list[str]:
    """Five phases ending with `current`; short histories start with earlier cycles (pivots)."""
    path = CANONICAL[current]
    padding = list(islice(cycle(["investigation", "construction"]), PHASES_PER_PROJECT - len(path)))
    return padding + path


def money(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randrange(low, high, 100))


def generate(
    rng: random.Random, today: date, first: int, count: int, managers: list, spans: dict
) -> list[Project]:
    """Add `count` projects (numbered from `first`) and 2 committees per project, with every
    figure the dashboard reads.

    Like a portfolio that is followed: most projects in progress had a committee in the last
    months and have money for several more, a few are late or running out. `spans` keeps, per
    project, its dates and spending, for the committees of later calls (which take their
    projects among all the projects so far).
    """
    thematics, sponsors = list(Thematic.objects.all()), list(Organisation.objects.all())
    currents = rng.choices(list(CURRENT_PHASES), weights=list(CURRENT_PHASES.values()), k=count)
    # Most abandons have their post-mortem; one in ten is still to write.
    postmortem = [current == "abandon" and rng.random() < 0.9 for current in currents]
    projects = Project.objects.bulk_create(
        Project(
            name=f"{rng.choice(SUBJECTS)} {rng.choice(QUALIFIERS)} {index:04d}",
            slug=f"projet-{index:04d}",
            kind=rng.choice(ProjectKind.values),
            mission="Un service numérique pour les collectivités, généré pour le banc d'essai.",
            manager=rng.choice(managers),
            incubator="Fabrique",
            postmortem_learnings="Ce qui a été appris." if written else "",
            postmortem_reasons="Pourquoi le service s'arrête." if written else "",
        )
        for index, written in zip(range(first, first + count), postmortem, strict=True)
    )
    Project.thematics.through.objects.bulk_create(
        Project.thematics.through(project=project, thematic=thematic)
        for project in projects
        for thematic in rng.sample(thematics, rng.randint(1, 2))
    )
    Project.sponsors.through.objects.bulk_create(
        Project.sponsors.through(project=project, organisation=organisation)
        for project in projects
        for organisation in rng.sample(sponsors, rng.randint(1, 2))
    )

    phases, team, expenses, reviews = [], [], [], []
    for project, current in zip(projects, currents, strict=True):
        starts = [today - timedelta(days=rng.randint(5, 500))]
        for _ in range(PHASES_PER_PROJECT - 1):
            starts.insert(0, starts[0] - timedelta(days=rng.randint(40, 400)))
        ends = [*starts[1:], None]
        for name, start, end in zip(phase_names(current), starts, ends, strict=True):
            phases.append(Phase(project=project, name=name, start=start, end=end))
        closed = starts[-1] if current in TERMINAL else None
        for role in rng.sample(TeamRole.values, TEAM_PER_PROJECT):
            freelance = role not in (TeamRole.INTRAPRENEUR, TeamRole.PRODUCT_MANAGER)
            team.append(
                TeamMember(
                    project=project,
                    full_name=f"Personne {rng.randint(1, 9999)}",
                    role=role,
                    start=starts[0],
                    end=closed,
                    is_freelance=freelance,
                )
            )
        spent = recent = Decimal(0)
        day, stop = max(starts[0], today - timedelta(days=30 * MAX_EXPENSE_MONTHS)), closed or today
        while day <= stop:
            amount = money(rng, 15_000, 60_000)
            spent += amount
            recent += amount if (today - day).days < 90 else 0
            expenses.append(
                Expense(
                    project=project,
                    date=day,
                    amount=amount,
                    label=f"Prestations de l'équipe — {day:%m/%Y}",
                )
            )
            day += timedelta(days=30)
        for offset in rng.sample(range(30, 900, 30), REVIEWS_PER_PROJECT):
            reviews.append(
                MaturityReview(
                    project=project,
                    date=today - timedelta(days=offset),
                    **{axis: rng.randint(0, 3) for axis in MaturityAxis.values},
                )
            )
        spans[project.pk] = {
            "start": starts[0],
            "end": closed or today,
            "closed": closed is not None,
            "spent": spent,
            "recent": recent,
        }
    Phase.objects.bulk_create(phases)
    TeamMember.objects.bulk_create(team)
    Expense.objects.bulk_create(expenses)
    MaturityReview.objects.bulk_create(reviews)

    def committee_date(span) -> date:
        """Most committees of a project in progress are recent; a few are planned."""
        if not span["closed"] and rng.random() < 0.08:
            return today + timedelta(days=rng.randint(1, 90))
        if not span["closed"] and rng.random() < 0.6:
            return today - timedelta(days=rng.randint(1, 150))
        length = max(1, (span["end"] - span["start"]).days)
        return span["start"] + timedelta(days=rng.randrange(length))

    pool = list(spans)
    agendas = [rng.sample(pool, rng.randint(1, 2)) for _ in range(count * COMMITTEES_PER_PROJECT)]
    committees = Committee.objects.bulk_create(
        Committee(
            date=committee_date(spans[agenda[0]]),
            kind=rng.choices(CommitteeKind.values, weights=[6, 3, 1])[0],
            attendees="Équipe de l'incubateur, sponsors",
        )
        for agenda in agendas
    )
    through, decisions = [], []
    for committee, agenda in zip(committees, agendas, strict=True):
        for project_id in agenda:
            through.append(Committee.projects.through(committee=committee, project_id=project_id))
            if committee.date <= today:
                outcome = rng.choices(_GENERATED_OUTCOMES, weights=[6, 1, 2, 1])[0]
                amount = Decimal(0) if outcome == Outcome.STOP else money(rng, 50_000, 300_000)
                decisions.append(
                    Decision(
                        committee=committee, project_id=project_id, outcome=outcome, amount=amount
                    )
                )
    Committee.projects.through.objects.bulk_create(through)
    decisions = Decision.objects.bulk_create(decisions)
    funding = [
        FundingLine(
            project_id=decision.project_id,
            source="Comité d'investissement",
            amount=decision.amount,
            start=decision.committee.date,
            decision=decision,
        )
        for decision in decisions
        if decision.amount > 0
    ]
    decided = defaultdict(Decimal)
    for decision in decisions:
        decided[decision.project_id] += decision.amount
    for project in projects:
        # The launch line tops up to what was spent plus a runway: months for most projects,
        # weeks (or an overspend) for a few.
        span = spans[project.pk]
        runway = rng.randint(-30, 60) if rng.random() < 0.08 else rng.randint(120, 500)
        target = span["spent"] + (0 if span["closed"] else span["recent"] * runway / 90)
        amount = max(Decimal(20_000), round((target - decided[project.pk]) / 100) * 100)
        funding.append(
            FundingLine(
                project=project,
                source="Convention de lancement",
                amount=amount,
                start=span["start"],
            )
        )
    FundingLine.objects.bulk_create(funding)
    return projects


def reference_data() -> list[User]:
    """The thematics and sponsors the projects draw from, and their eight managers."""
    names = (
        "Citoyenneté", "Mobilités", "Enfance", "Transition écologique", "Données ouvertes",
        "Finances locales", "Solidarités", "Espace public", "Participation", "Logement",
    )  # fmt: skip
    # ignore_conflicts: `make load` adds them to a database that has the demo's.
    Thematic.objects.bulk_create(
        [Thematic(name=name, slug=f"theme-{i}") for i, name in enumerate(names)],
        ignore_conflicts=True,
    )
    Organisation.objects.bulk_create(
        [
            Organisation(name=name, acronym=acronym)
            for name, acronym in (
                ("Agence nationale de la cohésion des territoires", "ANCT"),
                ("Direction interministérielle du numérique", "DINUM"),
                ("Banque des Territoires", ""),
                ("Agence de la transition écologique", "ADEME"),
                ("Région Bretagne", ""),
                ("Département de la Loire", ""),
            )
        ],
        ignore_conflicts=True,
    )
    return [
        User.objects.get_or_create(
            email=f"charge{i}@fabrique.localhost",
            defaults={"role": Role.INCUBATOR, "first_name": "Chargé·e", "last_name": f"n° {i}"},
        )[0]
        for i in range(8)
    ]


def generate_portfolio(
    count: int, *, seed: int = SEED, today: date | None = None, first: int = 1
) -> list[Project]:
    """`count` generated projects (slugs `projet-0001`…) with their reference data."""
    today = today or timezone.localdate()
    return generate(random.Random(seed), today, first, count, reference_data(), {})
