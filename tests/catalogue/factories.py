"""Factories of the catalogue: they save through the services, which fill the search columns."""

import factory

from fabrique.catalogue import services
from fabrique.catalogue.models import FundingScheme, Operator, Solution
from fabrique.catalogue.vocabulary import (
    AidType,
    Beneficiary,
    Category,
    CostModel,
    Hosting,
    Origin,
    Recurrence,
    Theme,
)


class SolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Solution

    name = factory.Sequence(lambda n: f"Solution {n}")
    slug = factory.Sequence(lambda n: f"solution-{n}")
    origin = Origin.FREE_SOFTWARE
    summary = "Un outil utile aux mairies"
    cost_model = CostModel.FREE
    licence = "AGPL-3.0-or-later"

    @classmethod
    def _create(cls, model_class, *args, categories=(Category.USERS,), hosting=(Hosting.SAAS,),
                **kwargs):  # fmt: skip
        return services.solution_save(*args, **kwargs, categories=categories, hosting=hosting)


class FundingSchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingScheme

    name = factory.Sequence(lambda n: f"Dispositif {n}")
    slug = factory.Sequence(lambda n: f"dispositif-{n}")
    funders = "Agence nationale de la cohésion des territoires (ANCT)"
    recurrence = Recurrence.PERMANENT

    @classmethod
    def _create(
        cls, model_class, *args, aid_types=(AidType.GRANT,),
        beneficiaries=(Beneficiary.COMMUNE, Beneficiary.EPCI), themes=(Theme.DIGITAL,),
        departements=None, regions=None, **kwargs,
    ):  # fmt: skip
        return services.scheme_save(
            *args, **kwargs, aid_types=aid_types, beneficiaries=beneficiaries,
            themes=themes, departements=departements, regions=regions,
        )  # fmt: skip


class OperatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Operator

    name = factory.Sequence(lambda n: f"Opérateur {n}")
    slug = factory.Sequence(lambda n: f"operateur-{n}")
    status = "partenaire"

    @classmethod
    def _create(cls, model_class, *args, departements=(), solutions=(), **kwargs):
        return services.operator_save(
            *args, **kwargs, departements=departements, solutions=solutions
        )
