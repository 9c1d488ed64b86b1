"""Factories of the portfolio (shared by every portfolio test module)."""

from datetime import date
from decimal import Decimal

import factory

from fabrique.portfolio.models import (
    Committee,
    Decision,
    Expense,
    FundingLine,
    MaturityReview,
    Organisation,
    Phase,
    Project,
    ServiceFait,
    TeamMember,
    Thematic,
)
from fabrique.portfolio.vocabulary import CommitteeKind, Outcome, PhaseName, ProjectKind, TeamRole


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Organisation {n}")


class ThematicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thematic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Thématique {n}")
    slug = factory.Sequence(lambda n: f"thematique-{n}")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"Projet {n}")
    slug = factory.Sequence(lambda n: f"projet-{n}")
    kind = ProjectKind.STARTUP_ETAT
    mission = "Simplifier la vie des mairies"


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    project = factory.SubFactory(ProjectFactory)
    name = PhaseName.CONSTRUCTION
    start = date(2025, 1, 1)


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee
        skip_postgeneration_save = True

    date = date(2026, 6, 1)
    kind = CommitteeKind.INVESTMENT

    @factory.post_generation
    def projects(self, create, extracted, **kwargs):
        if create and extracted:
            self.projects.set(extracted)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    committee = factory.SubFactory(CommitteeFactory)
    project = factory.SubFactory(ProjectFactory)
    outcome = Outcome.CONTINUE
    amount = Decimal(100_000)


class FundingLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingLine

    project = factory.SubFactory(ProjectFactory)
    source = "ANCT"
    amount = Decimal(200_000)
    start = date(2025, 1, 1)


class ExpenseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expense

    project = factory.SubFactory(ProjectFactory)
    date = date(2026, 10, 1)
    amount = Decimal(10_000)
    label = "Prestation"


class TeamMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMember

    project = factory.SubFactory(ProjectFactory)
    full_name = factory.Sequence(lambda n: f"Personne {n}")
    role = TeamRole.DEVELOPER
    start = date(2025, 1, 1)


class ServiceFaitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceFait

    member = factory.SubFactory(TeamMemberFactory, is_freelance=True)
    period_start = date(2026, 9, 1)
    period_end = date(2026, 9, 30)


class MaturityReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MaturityReview

    project = factory.SubFactory(ProjectFactory)
    date = date(2026, 6, 1)
    impact = 1
    deployment = 2
    design = 2
    open_source = 3
    open_data = 0
