"""Writing one demo project and everything it holds, through the services where one exists.

Organisations, thematics and shared committees are looked up before being created; a
project's team, services faits, maturity reviews, funding, decisions and expenses follow its
plan (`plan.py`), drawing from its own `random.Random`.
"""

import contextlib
import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from fabrique.accounts.models import User

from .. import services
from ..models import (
    Committee,
    Organisation,
    Phase,
    Project,
    TeamMember,
    Thematic,
)
from ..vocabulary import MaturityAxis, TeamRole
from .data import (
    ACCEL,
    ADMIN_EMAIL,
    ADMIN_MANAGED,
    ATTENDEES,
    BUILD,
    COACH_EMAIL,
    CONDITIONS,
    FIRST_NAMES,
    INCUBATOR,
    INV,
    LAST_NAMES,
    MANAGER_EMAIL,
    OWNER_EMAIL,
    REVIEW_COMMENTS,
    SEED,
    DemoProject,
    P,
)
from .plan import (
    Calendar,
    Event,
    build_expenses,
    build_timeline,
    month_start,
    plan_funding,
)


@dataclass
class Context:
    today: date
    calendar: Calendar
    users: dict[str, User | None]
    organisations: dict[str, Organisation]
    thematics: dict[str, Thematic]


def demo_organisation(name: str, acronym: str) -> Organisation:
    organisation = Organisation.objects.filter(name=name).first()
    return organisation or Organisation.objects.create(name=name, acronym=acronym)


def demo_thematic(slug: str, name: str) -> Thematic:
    thematic = Thematic.objects.filter(Q(slug=slug) | Q(name=name)).first()
    return thematic or Thematic.objects.create(slug=slug, name=name)


def _committee_for(event: Event, project: Project) -> Committee:
    """The shared committee of that day and kind, with the project added to its agenda."""
    # No title: a committee is named as any committee without one is (`Committee.__str__`,
    # « Comité d'investissement du 24/12/2026 »), and follows its date if it is moved.
    committee = Committee.objects.filter(date=event.day, kind=event.kind, title="").first()
    if committee is None:
        past = event.outcome is not None
        return services.committee_save(
            date=event.day,
            kind=event.kind,
            attendees=ATTENDEES if past else "",
            minutes=(
                "Revue des projets inscrits à l'ordre du jour : indicateurs d'usage, "
                "budget consommé, recrutements.\n\nLes décisions par projet figurent dans "
                "la section « Décisions » de cette page."
                if past
                else "Ordre du jour en préparation."
            ),
            projects=[project],
        )
    agenda = list(committee.projects.all())
    if project not in agenda:
        services.committee_agenda_add(committee=committee, projects=[project])
    return committee


def _funding_source(spec: DemoProject, context: Context, day: date, index: int) -> str:
    if day.year <= 2022:
        return "France Relance"
    organisation = context.organisations[spec.sponsors[index % len(spec.sponsors)]]
    return organisation.name


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _team(spec, timeline, context, rng) -> list[TeamMember]:
    """Intrapreneur and coach from the start, then makers as the project grows."""
    closed = timeline.closed_on
    coach_user = context.users.get(COACH_EMAIL) if spec.coach else None
    owner_user = context.users.get(OWNER_EMAIL) if spec.owner else None
    members = [
        TeamMember(
            full_name=owner_user.get_full_name() if owner_user else _person(rng),
            user=owner_user,
            role=TeamRole.INTRAPRENEUR,
            start=timeline.start,
            end=closed,
            company=spec.host,
        ),
        TeamMember(
            full_name=coach_user.get_full_name() if coach_user else _person(rng),
            user=coach_user,
            role=TeamRole.COACH,
            start=timeline.start,
            end=closed,
            is_freelance=True,
        ),
    ]
    if spec.current == INV and not spec.path:
        members.append(
            TeamMember(role=TeamRole.DESIGNER, start=timeline.start, end=closed, is_freelance=True)
        )
    build, accel = timeline.start_of(BUILD), timeline.start_of(ACCEL)
    if build:
        members.append(TeamMember(role=TeamRole.DEVELOPER, start=build, end=closed))
        members.append(TeamMember(role=TeamRole.DESIGNER, start=build, end=accel or closed))
        members.append(TeamMember(role=TeamRole.PRODUCT_MANAGER, start=build, end=closed))
    if accel:
        members.append(TeamMember(role=TeamRole.DEVELOPER, start=accel, end=closed))
        members.append(TeamMember(role=TeamRole.DEPLOYMENT, start=accel, end=closed))
    for member in members:
        if member.role not in (TeamRole.INTRAPRENEUR, TeamRole.COACH):
            member.is_freelance = member.role != TeamRole.PRODUCT_MANAGER or rng.random() < 0.5
        if not member.full_name:
            member.full_name = _person(rng)
        if member.is_freelance and not member.company:
            member.company = f"EI {member.full_name}"
        if not member.company:
            member.company = INCUBATOR
    return members


def _attestations(spec, members, context) -> None:
    """Monthly services faits of the freelancers still on an active project: the last months
    attested, last month pending on some projects (late) and this month pending (due)."""
    today = context.today
    by = context.users.get(MANAGER_EMAIL)
    for member in members:
        if not member.is_freelance or member.end is not None:
            continue
        for months_back in (2, 1, 0):
            first = month_start(today, months_back)
            last = month_start(today, months_back - 1) - timedelta(days=1)
            if last < member.start:
                continue
            period = services.service_fait_save(
                member=member, period_start=max(first, member.start), period_end=last
            )
            if months_back == 2 or (months_back == 1 and not spec.late_attestations):
                services.service_fait_attest(period=period, by=by)


def _reviews(project, spec, timeline, context, rng) -> None:
    """A maturity review every six months from three months into construction."""
    build = timeline.start_of(BUILD)
    if not build or spec.imported:
        return
    stop = min(timeline.closed_on or context.today, context.today - timedelta(days=10))
    base = {axis: rng.uniform(0, 1) for axis in MaturityAxis.values}
    slope = {axis: rng.uniform(0.7, 1.5) for axis in MaturityAxis.values}
    reviewer = context.users.get(COACH_EMAIL if spec.coach else MANAGER_EMAIL)
    day = build + timedelta(days=90)
    while day <= stop:
        years = (day - build).days / 365
        scores = {
            axis: max(0, min(3, round(base[axis] + slope[axis] * years + rng.uniform(-0.4, 0.4))))
            for axis in MaturityAxis.values
        }
        comment = rng.choice(REVIEW_COMMENTS)
        services.maturity_review_save(
            project=project, date=day, comment=comment, reviewer=reviewer, **scores
        )
        day += timedelta(days=182)


def _phases(project, spec, timeline) -> None:
    if spec.imported:
        for name, start, end in timeline.phases:
            Phase.objects.create(project=project, name=name, start=start, end=end)
        return
    for name, start, _ in timeline.phases:
        is_last = name == spec.current
        services.phase_save(
            project=project,
            name=name,
            start=start,
            comment=spec.phase_comment if is_last else "",
            postmortem_learnings=spec.postmortem[0] if name == P.ABANDONED else "",
            postmortem_reasons=spec.postmortem[1] if name == P.ABANDONED else "",
        )


@transaction.atomic
def create_project(spec: DemoProject, context: Context) -> Project:
    rng = random.Random(f"{SEED}-{spec.slug}")
    timeline = build_timeline(spec, context.calendar)
    expenses = build_expenses(spec, timeline, context.today, rng)
    launch = plan_funding(spec, timeline, expenses, context.today, rng)

    project = services.project_save(
        name=spec.name,
        slug=spec.slug,
        kind=spec.kind,
        mission=spec.mission,
        description=spec.description,
        manager=context.users.get(ADMIN_EMAIL if spec.slug in ADMIN_MANAGED else MANAGER_EMAIL),
        incubator=INCUBATOR,
        user_types=spec.user_types,
        contact=f"contact@{spec.slug}.example.org",
        service_url=spec.service_url,
        repository_url=f"https://forge.example.org/fabrique/{spec.slug}" if spec.licence else "",
        licence=spec.licence,
        review_notes=(
            "Post-mortem à rédiger : abandon repris d'un ancien tableau de suivi, sans "
            "post-mortem ni décision de comité."
            if spec.imported
            else ""
        ),
        thematics=[context.thematics[slug] for slug in spec.thematics],
        sponsors=[context.organisations[key] for key in spec.sponsors],
    )
    _phases(project, spec, timeline)
    for kind, code in spec.partners:
        # Without the reference (or with a small test one), partners that do not exist are left
        # out.
        with contextlib.suppress(ValidationError):
            services.partner_add(project=project, kind=kind, code=code)

    sponsor = context.organisations[spec.sponsors[0]]
    services.funding_save(
        project=project,
        source=(
            "Reprise de l'ancien suivi (montant global)"
            if spec.imported
            else f"{sponsor.name} — convention de lancement"
        ),
        amount=launch,
        start=timeline.start,
        end=timeline.start + timedelta(days=730),
    )
    for index, event in enumerate(timeline.events):
        committee = _committee_for(event, project)
        if event.outcome is None:
            continue
        services.decision_record(
            committee=committee,
            project=project,
            outcome=event.outcome,
            amount=event.amount,
            conditions=rng.choice(CONDITIONS[event.outcome]),
            funding_source=_funding_source(spec, context, event.day, index),
        )
    for day, amount, label in expenses:
        services.expense_save(project=project, date=day, amount=amount, label=label)

    members = [
        services.team_member_save(
            project=project, full_name=member.full_name, role=member.role, start=member.start,
            end=member.end, user=member.user, is_freelance=member.is_freelance,
            company=member.company,
        )
        for member in _team(spec, timeline, context, rng)
    ]  # fmt: skip
    if not timeline.closed_on:
        _attestations(spec, members, context)
    _reviews(project, spec, timeline, context, rng)
    return project
