"""What the fourth walk of the team found in the offre d'accompagnement: an order typed with a
mistake (its reference, an amount, a postponed delivery) could never be corrected."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.support import services
from fabrique.support.models import ExpertModule
from fabrique.support.vocabulary import ModuleStatus
from tests.factories import UserFactory

from .factories import ExpertModuleFactory, SupplierFactory

pytestmark = pytest.mark.django_db


def _ordered(team):
    module = ExpertModuleFactory(status=ModuleStatus.QUOTE, supplier=SupplierFactory())
    today = timezone.localdate()
    return services.module_order(
        module=module, by=team, order_reference="BC-1", amount_excl_vat=Decimal("1000"),
        amount_incl_vat=Decimal("1200"), days=Decimal("2"), ordered_on=today, due_on=today,
    )  # fmt: skip


def test_the_team_corrects_an_order_and_the_module_stays_where_it_was(client):
    team = UserFactory(role=Role.INCUBATOR)
    client.force_login(team)
    module = _ordered(team)
    services.module_mark(module=module, target=ModuleStatus.IN_PROGRESS)
    page = client.get(reverse("support:module", args=[module.pk])).text
    url = reverse("support:module-step", args=[module.pk, "commande"])
    assert url in page and "Corriger la commande" in page
    form = client.get(url).text
    assert 'value="BC-1"' in form
    later = timezone.localdate() + timedelta(days=30)
    data = {
        "order_reference": "BC-2026-117", "amount_excl_vat": "1000", "amount_incl_vat": "1200",
        "days": "2", "ordered_on": timezone.localdate().isoformat(), "due_on": later.isoformat(),
    }  # fmt: skip
    response = client.post(url, data, follow=True)
    assert "Commande corrigée" in response.text
    module = ExpertModule.objects.get(pk=module.pk)
    assert (module.order_reference, module.due_on) == ("BC-2026-117", later)
    assert module.status == ModuleStatus.IN_PROGRESS
    # The same rules as the order: a wrong amount is refused and nothing changes.
    bad = {**data, "amount_incl_vat": "900"}
    assert "taux de TVA" in client.post(url, bad).text
    assert ExpertModule.objects.get(pk=module.pk).amount_incl_vat == Decimal("1200")


def test_an_attested_order_is_no_longer_corrected(client):
    team = UserFactory(role=Role.INCUBATOR)
    client.force_login(team)
    module = _ordered(team)
    services.module_mark(module=module, target=ModuleStatus.IN_PROGRESS)
    services.module_mark(module=module, target=ModuleStatus.DELIVERED)
    services.module_attest(module=module, by=team, paid_incl_vat=Decimal("1200"))
    url = reverse("support:module-step", args=[module.pk, "commande"])
    page = client.get(reverse("support:module", args=[module.pk])).text
    assert "Corriger la commande" not in page
    # A complete and valid correction (an incomplete one would be refused anyway): refused
    # by the page and by the service, which says why.
    today = timezone.localdate().isoformat()
    data = {
        "order_reference": "BC-9", "amount_excl_vat": "1000", "amount_incl_vat": "1200",
        "days": "2", "ordered_on": today, "due_on": today,
    }  # fmt: skip
    client.post(url, data)
    assert ExpertModule.objects.get(pk=module.pk).order_reference == "BC-1"
    with pytest.raises(ValidationError, match="attesté"):
        services.module_order_correct(
            module=module, by=team, order_reference="BC-9", amount_excl_vat=Decimal("1000"),
            amount_incl_vat=Decimal("1200"), days=Decimal("2"),
            ordered_on=timezone.localdate(), due_on=timezone.localdate(),
        )  # fmt: skip


def test_a_service_fait_above_the_order_says_the_amount_ordered():
    team = UserFactory(role=Role.INCUBATOR)
    module = _ordered(team)
    services.module_mark(module=module, target=ModuleStatus.IN_PROGRESS)
    services.module_mark(module=module, target=ModuleStatus.DELIVERED)
    with pytest.raises(ValidationError) as refused:
        services.module_attest(module=module, by=team, paid_incl_vat=Decimal("1500"))
    said = refused.value.message_dict["paid_incl_vat"][0]
    said = said.replace("\u202f", " ").replace("\xa0", " ")
    assert "de 0 à 1 200 € TTC" in said
