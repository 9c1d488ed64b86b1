from datetime import timedelta

import factory
from django.utils import timezone

from fabrique.support.models import (
    ExpertModule,
    FollowUp,
    KnowledgePage,
    Registration,
    Session,
    Supplier,
    SupportFormat,
    SupportRequest,
)
from fabrique.support.vocabulary import Audience, FormatKind, Theme
from tests.factories import UserFactory
from tests.portfolio.factories import ProjectFactory


class SupportFormatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportFormat

    kind = FormatKind.WORKSHOP
    title = factory.Sequence(lambda n: f"Atelier {n}")
    theme = Theme.IMPACT
    audience = Audience.TEAMS
    duration = "2 heures"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    format = factory.SubFactory(SupportFormatFactory)
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    end = factory.LazyAttribute(lambda s: s.start + timedelta(hours=2))
    place = "Salle du conseil"
    capacity = 10


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    session = factory.SubFactory(SessionFactory)
    user = factory.SubFactory(UserFactory)


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    project = factory.SubFactory(ProjectFactory)
    theme = Theme.IMPACT
    title = "Coaching mesure d'impact"


class SupplierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Supplier

    name = factory.Sequence(lambda n: f"Prestataire {n}")
    contract_reference = "AC-2026-01"


class ExpertModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertModule

    project = factory.SubFactory(ProjectFactory)
    expertise = "Audit d'accessibilité"
    theme = Theme.ACCESSIBILITY


class KnowledgePageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KnowledgePage

    title = factory.Sequence(lambda n: f"Méthode {n}")
    slug = factory.Sequence(lambda n: f"methode-{n}")
    theme = Theme.DESIGN
    body = "Contenu"


class SupportRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportRequest

    requester = factory.SubFactory(UserFactory)
    theme = Theme.IMPACT
    message = "Besoin d'aide"
