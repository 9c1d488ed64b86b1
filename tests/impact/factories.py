"""Factories of impact measurement (indicators, measurements, tokens)."""

from datetime import date
from decimal import Decimal

import factory

from fabrique.impact.models import Indicator, Measurement
from fabrique.impact.services import refresh_latest
from fabrique.impact.vocabulary import Direction, Frequency, IndicatorKind, Level, Unit
from tests.portfolio.factories import ProjectFactory


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Indicateur {n}")
    definition = "Ce que l'on compte."
    level = Level.USED
    kind = IndicatorKind.INTERMEDIATE
    unit = Unit.NUMBER
    direction = Direction.UP
    frequency = Frequency.MONTHLY
    is_public = True


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    period = date(2026, 1, 1)
    value = Decimal(100)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Written like the services do: the indicator's copy of its latest value follows."""
        measurement = super()._create(model_class, *args, **kwargs)
        refresh_latest(indicator_ids=[measurement.indicator_id])
        return measurement
