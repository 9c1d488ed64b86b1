"""History pages speak French: a field named in English by its attribute ("attested_by") and
an empty link before the change are never shown as "Attested by" or "Deleted … (pk=None)"."""

from datetime import timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.support import services
from fabrique.support.vocabulary import ModuleStatus
from tests.factories import UserFactory
from tests.support.factories import ExpertModuleFactory, SupplierFactory

pytestmark = pytest.mark.django_db


def test_the_history_of_an_attested_module_is_all_in_french(client):
    team = UserFactory(role=Role.INCUBATOR, first_name="Camille", last_name="Durand")
    module = ExpertModuleFactory()
    services.module_quote(
        module=module, supplier=SupplierFactory(), statement_of_need="Audit", days_per_profile="5 j"
    )
    today = timezone.localdate()
    services.module_order(
        module=module, by=team, order_reference="BC-1", amount_excl_vat=Decimal("5000"),
        amount_incl_vat=Decimal("6000"), days=Decimal("5"), ordered_on=today,
        due_on=today + timedelta(days=30),
    )  # fmt: skip
    services.module_mark(module=module, target=ModuleStatus.IN_PROGRESS)
    services.module_mark(module=module, target=ModuleStatus.DELIVERED)
    services.module_attest(module=module, by=team, paid_incl_vat=Decimal("4800"))
    client.force_login(team)
    url = reverse("support:module-history", args=[module.pk])
    page = unescape(client.get(url).content.decode())
    assert "Attesté par : « — » → « Camille Durand »" in " ".join(page.split())
    assert "Dépense : « — » → « Module d'expertise" in " ".join(page.split())
    for english in ("Attested by", "Expense", "Deleted", "pk=None", "Supplier"):
        assert english not in page
