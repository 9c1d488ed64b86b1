from datetime import date, timedelta

import factory

from fabrique.investigations.models import (
    Call,
    Investigation,
    InvestigationPhase,
    Problem,
    ProblemCollectivite,
)
from fabrique.investigations.rules import planned_phase_dates
from fabrique.investigations.vocabulary import ProblemStatus
from tests.factories import CommuneFactory


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    title = factory.Sequence(lambda n: f"Appel à problématiques {n}")
    opens_on = factory.LazyFunction(lambda: date.today() - timedelta(days=10))
    closes_on = factory.LazyFunction(lambda: date.today() + timedelta(days=20))
    funded_count = 2


class ClosedCallFactory(CallFactory):
    opens_on = factory.LazyFunction(lambda: date.today() - timedelta(days=60))
    closes_on = factory.LazyFunction(lambda: date.today() - timedelta(days=5))


class ProblemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Problem
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Problème {n}")
    statement = "Les habitants ne trouvent pas les horaires de la déchetterie."
    theme = "Déchets"

    @factory.post_generation
    def communes(self, create, extracted, **kwargs):
        if not create:
            return
        for commune in extracted if extracted is not None else [CommuneFactory()]:
            ProblemCollectivite.objects.create(problem=self, commune=commune)


class InvestigationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Investigation
        skip_postgeneration_save = True

    problem = factory.SubFactory(ProblemFactory, status=ProblemStatus.SELECTED)
    start = factory.LazyFunction(lambda: date.today() - timedelta(days=14))
    weeks = 10

    @factory.post_generation
    def phases(self, create, extracted, **kwargs):
        if not create:
            return
        for step, (begin, end) in enumerate(planned_phase_dates(self.start, self.weeks), 1):
            InvestigationPhase.objects.create(
                investigation=self, step=step, planned_start=begin, planned_end=end
            )


def close_all_phases(investigation, on=None):
    """The five phases closed (as a coach would before the go/no-go committee), on `on` or on
    the investigation's first day."""
    investigation.phases.update(
        closed_on=on or investigation.start, summary="Phase close (fabrique de test)."
    )
    return investigation
