"""A module delivered after its planned date shows among the late deliveries, even once closed;
the delivery is recorded on the day it happened."""

from datetime import timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.support import rules, selectors, services
from fabrique.support.models import ExpertModule
from fabrique.support.vocabulary import ModuleStatus
from tests.factories import UserFactory

from .factories import ExpertModuleFactory, SupplierFactory

pytestmark = pytest.mark.django_db


def _in_progress(team, *, ordered_days_ago=60, due_days_ago=20):
    today = timezone.localdate()
    module = ExpertModuleFactory()
    services.module_quote(
        module=module, supplier=SupplierFactory(), statement_of_need="Audit", days_per_profile="5 j"
    )
    services.module_order(
        module=module, by=team, order_reference="BC-1", amount_excl_vat=Decimal("1000"),
        amount_incl_vat=Decimal("1200"), days=Decimal("5"),
        ordered_on=today - timedelta(days=ordered_days_ago),
        due_on=today - timedelta(days=due_days_ago),
    )  # fmt: skip
    services.module_mark(module=module, target=ModuleStatus.IN_PROGRESS)
    return module


def test_a_module_delivered_late_and_closed_stays_among_late_deliveries():
    team = UserFactory(role=Role.INCUBATOR)
    today = timezone.localdate()
    late = _in_progress(team)
    services.module_mark(
        module=late, target=ModuleStatus.DELIVERED, delivered_on=today - timedelta(days=10)
    )
    services.module_attest(module=late, by=team, paid_incl_vat=Decimal("1200"))
    services.module_close(module=late, evaluation="Bien", score=4)
    on_time = _in_progress(team)
    services.module_mark(
        module=on_time, target=ModuleStatus.DELIVERED, delivered_on=today - timedelta(days=25)
    )
    waiting = _in_progress(team)
    board = selectors.modules_board()
    assert [module.pk for module in board["late"]] == [waiting.pk, late.pk]
    assert [module.days_late for module in board["late"]] == [20, 10]
    for module in ExpertModule.objects.all():
        expected = module.pk in (late.pk, waiting.pk)
        assert rules.is_late(
            status=module.status, due_on=module.due_on, delivered_on=module.delivered_on,
            today=today,
        ) is expected  # fmt: skip


def test_delivery_date_is_typed_on_the_module_page_and_checked(client):
    team = UserFactory(role=Role.INCUBATOR)
    client.force_login(team)
    module = _in_progress(team)
    page = client.get(reverse("support:module", args=[module.pk])).content.decode()
    assert 'name="delivered_on"' in page
    url = reverse("support:module-mark", args=[module.pk, "livre"])
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(url, {"delivered_on": future}, follow=True)
    assert "ne peut pas être dans le futur" in unescape(response.content.decode())
    before_order = (module.ordered_on - timedelta(days=1)).isoformat()
    response = client.post(url, {"delivered_on": before_order}, follow=True)
    assert "ne peut pas précéder la commande" in unescape(response.content.decode())
    module.refresh_from_db()
    assert module.status == ModuleStatus.IN_PROGRESS and module.delivered_on is None
    day = timezone.localdate() - timedelta(days=5)
    response = client.post(url, {"delivered_on": day.isoformat()}, follow=True)
    assert "Livraison enregistrée" in unescape(response.content.decode())
    module.refresh_from_db()
    assert module.delivered_on == day
    board = unescape(client.get(reverse("support:modules")).content.decode())
    assert f"livrée le {day:%d/%m/%Y} (15 jours de retard)" in " ".join(board.split())


def test_delivery_date_rule():
    today = timezone.localdate()
    assert rules.delivery_date_problem(delivered_on=today, ordered_on=today, today=today) == ""
    with pytest.raises(ValidationError):
        services.module_mark(module=ExpertModuleFactory(), target="inconnu")
