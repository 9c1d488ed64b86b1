from datetime import date, timedelta

import factory
from django.utils import timezone

from fabrique.recruitment.models import Application, JobOffer
from fabrique.recruitment.vocabulary import Contract, OfferStatus, Stage


class JobOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobOffer

    slug = factory.Sequence(lambda n: f"offre-{n}")
    title = factory.Sequence(lambda n: f"Développeur·se {n}")
    team_name = "Incubateur"
    contract = Contract.FREELANCE
    status = OfferStatus.PUBLISHED
    opens_on = factory.LazyFunction(lambda: date.today() - timedelta(days=5))
    closes_on = factory.LazyFunction(lambda: date.today() + timedelta(days=30))
    body = "## Mission\n\nConstruire un service public."


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    offer = factory.SubFactory(JobOfferFactory)
    name = factory.Sequence(lambda n: f"Personne {n}")
    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    message = "Bonjour, je candidate."
    consent_at = factory.LazyFunction(timezone.now)
    stage = Stage.RECEIVED
    stage_changed_at = factory.LazyFunction(timezone.now)
