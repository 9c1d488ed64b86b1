"""The team walks an expert module from its quote to its closure: each step says what it did."""

from datetime import timedelta
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.support import services as support_services
from tests.factories import UserFactory
from tests.portfolio.factories import ProjectFactory

from .factories import ExpertModuleFactory, SupplierFactory

pytestmark = pytest.mark.django_db


def test_each_step_of_a_module_says_what_it_did(client):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    module = ExpertModuleFactory()
    today = timezone.localdate()

    def step(name, data):
        url = reverse("support:module-step", args=[module.pk, name])
        return unescape(client.post(url, data, follow=True).content.decode())

    def mark(target):
        url = reverse("support:module-mark", args=[module.pk, target])
        return unescape(client.post(url, follow=True).content.decode())

    quote = {
        "supplier": SupplierFactory().pk,
        "statement_of_need": "Audit",
        "days_per_profile": "5 j",
    }
    assert "Devis enregistré" in step("devis", quote)
    order = {
        "order_reference": "BC-1", "amount_excl_vat": "1000", "amount_incl_vat": "1200",
        "days": "4", "ordered_on": today.isoformat(),
        "due_on": (today + timedelta(days=20)).isoformat(),
    }  # fmt: skip
    assert "Commande enregistrée : le module est commandé." in step("commande", order)
    assert "Prestation démarrée" in mark("en-cours")
    assert "Livraison enregistrée : attestez maintenant le service fait." in mark("livre")
    assert "Service fait attesté" in step("service-fait", {"paid_incl_vat": "1200"})
    assert "Module clos avec son évaluation." in step(
        "cloture", {"evaluation": "Utile.", "evaluation_score": "4"}
    )
    assert "Le module est à jour" not in mark("livre")  # an impossible step: its own message


def test_the_answer_page_recalls_theme_project_and_who_asks(client):
    owner = UserFactory(role=Role.SERVICE_OWNER, email="porteuse@exemple.gouv.fr")
    project = ProjectFactory(name="Salles ouvertes")
    item = support_services.request_create(
        requester=owner, theme="impact", project=project, message="Choisir nos indicateurs."
    )
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = unescape(client.get(reverse("support:request-triage", args=[item.pk])).content.decode())
    text = " ".join(page.split())
    assert "Thème : Mesure d'impact · projet : Salles ouvertes" in text
    assert "Porteur de service (porteuse@exemple.gouv.fr)" in text
    assert "« Choisir nos indicateurs. »" in text
