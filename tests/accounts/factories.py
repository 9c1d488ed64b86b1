import factory
from django.utils import timezone

from fabrique.accounts.models import AccountRequest
from fabrique.accounts.vocabulary import AccountRequestStatus, RequesterKind


class AccountRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccountRequest

    first_name = "Dominique"
    last_name = factory.Sequence(lambda n: f"Demandeur{n}")
    email = factory.Sequence(lambda n: f"demande{n}@mairie-exemple.fr")
    kind = RequesterKind.AGENT
    commune = None
    position = "Secrétaire de mairie"
    message = "Pour déposer une demande d'accompagnement."
    consent_at = factory.LazyFunction(timezone.now)
    status = AccountRequestStatus.PENDING
