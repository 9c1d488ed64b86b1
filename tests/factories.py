import factory

from fabrique.accounts.models import Membership, Role, User
from fabrique.portfolio.demo.generator import generate_portfolio
from fabrique.territories.models import EPCI, Commune, Departement, Region

TEST_PASSWORD = "un-mot-de-passe-de-test"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]

    email = factory.Sequence(lambda n: f"personne{n}@exemple.gouv.fr")
    first_name = "Claude"
    last_name = factory.Sequence(lambda n: f"Testeur{n}")
    role = Role.AGENT
    password = factory.django.Password(TEST_PASSWORD)
    is_staff = factory.LazyAttribute(lambda user: user.role == Role.ADMIN)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{10 + n % 89:02d}")
    name = factory.Sequence(lambda n: f"Région {n}")


class DepartementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Departement
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{10 + n % 89:02d}")
    name = factory.Sequence(lambda n: f"Département {n}")
    region = factory.SubFactory(RegionFactory)


class EPCIFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EPCI

    siren = factory.Sequence(lambda n: f"{200000000 + n}")
    name = factory.Sequence(lambda n: f"Communauté de communes numéro {n}")
    kind = EPCI.Kind.CC
    population = 8000
    member_count = 1


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune

    insee = factory.Sequence(lambda n: f"{10000 + n:05d}")
    name = factory.Sequence(lambda n: f"Commune {n}")
    population = 1200
    departement = factory.SubFactory(DepartementFactory)
    epci = factory.SubFactory(EPCIFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)


def generated_portfolio(count: int = 40, *, today=None) -> list:
    """`count` projects of the generated portfolio (the one of the benches and `make load`),
    with phases, teams, expenses, committees, decisions and funding, for tests that need
    volume and variety rather than one story."""
    return generate_portfolio(count, today=today)
