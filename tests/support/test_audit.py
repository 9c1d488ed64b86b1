"""Gaps found by trying the support offer as a new user would (audit of issue 15)."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.portfolio.models import TeamMember
from fabrique.support.models import Supplier
from fabrique.support.selectors import espace_block
from fabrique.support.vocabulary import RequestStatus
from tests.factories import UserFactory
from tests.portfolio.factories import ProjectFactory

from .factories import (
    ExpertModuleFactory,
    RegistrationFactory,
    SessionFactory,
    SupplierFactory,
    SupportRequestFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "on_team", "shown"),
    [
        (Role.INCUBATOR, False, True),
        (Role.COACH, False, False),
        (Role.AGENT, False, False),
        (Role.SERVICE_OWNER, False, False),
        (Role.SERVICE_OWNER, True, True),
        (Role.AGENT, True, True),
    ],
)
def test_the_project_page_links_to_its_support_history_only_for_who_may_open_it(
    client, role, on_team, shown
):
    project = ProjectFactory()
    user = UserFactory(role=role)
    if on_team:
        TeamMember.objects.create(
            project=project, user=user, full_name="Membre", role="intrapreneur",
            start=date.today() - timedelta(days=30),
        )  # fmt: skip
    client.force_login(user)
    link = reverse("support:project", args=[project.slug])
    page = client.get(reverse("portfolio:project", args=[project.slug])).content.decode()
    assert (link in page) is shown
    assert client.get(link).status_code == (200 if shown else 403)


def test_a_session_is_named_with_the_time_the_pages_show_not_utc(client):
    # A future public session (the page of a past one is not public), in winter (UTC+1).
    year = timezone.localdate().year + 1
    session = SessionFactory(start=datetime(year, 12, 8, 10, 0, tzinfo=UTC))
    assert str(session).endswith(f"08/12/{year} 11:00")
    page = client.get(reverse("support:session", args=[session.pk])).content.decode()
    assert f"08/12/{year} 10:00" not in page and "11:00" in page


# --- Suppliers: the team keeps the list the quotes choose from ----------------------------------


def test_the_team_adds_edits_and_deletes_a_supplier_from_the_product(client):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    listing = client.get(reverse("support:modules")).content.decode()
    assert reverse("support:suppliers") in listing
    response = client.post(
        reverse("support:supplier-create"),
        {"name": "Expertises Test SAS", "contract_reference": "AC-2026-07, lot 1"},
        follow=True,
    )
    assert "Le prestataire est ajouté." in response.content.decode()
    supplier = Supplier.objects.get(name="Expertises Test SAS")
    again = client.post(
        reverse("support:supplier-create"),
        {"name": "Expertises Test SAS", "contract_reference": "AC-2026-08"},
    )
    assert again.status_code == 200 and Supplier.objects.count() == 1
    assert "AC-2026-08" in again.content.decode()  # what was typed is kept
    client.post(
        reverse("support:supplier-edit", args=[supplier.pk]),
        {"name": "Expertises Test SAS", "contract_reference": "AC-2026-07, lot 2"},
    )
    supplier.refresh_from_db()
    assert supplier.contract_reference == "AC-2026-07, lot 2"
    confirm = client.get(reverse("support:supplier-delete", args=[supplier.pk]))
    assert confirm.status_code == 200 and Supplier.objects.count() == 1
    client.post(reverse("support:supplier-delete", args=[supplier.pk]))
    assert not Supplier.objects.exists()


def test_a_supplier_with_modules_is_kept_with_a_french_message(client):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    supplier = SupplierFactory(name="Prestataire utilisé")
    ExpertModuleFactory(supplier=supplier)
    response = client.post(reverse("support:supplier-delete", args=[supplier.pk]), follow=True)
    assert Supplier.objects.filter(pk=supplier.pk).exists()
    assert "a 1 module d&#x27;expertise" in response.content.decode()


@pytest.mark.parametrize("role", [Role.COACH, Role.AGENT, Role.SERVICE_OWNER])
def test_only_the_team_manages_suppliers(client, role):
    supplier = SupplierFactory()
    client.force_login(UserFactory(role=role))
    for name, args in [
        ("support:suppliers", []),
        ("support:supplier-create", []),
        ("support:supplier-edit", [supplier.pk]),
        ("support:supplier-delete", [supplier.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 403
    assert client.post(reverse("support:supplier-delete", args=[supplier.pk])).status_code == 403
    assert Supplier.objects.filter(pk=supplier.pk).exists()


def test_the_supplier_list_runs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    for _ in range(3):
        ExpertModuleFactory(supplier=SupplierFactory())
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("support:suppliers"))
    for _ in range(20):
        ExpertModuleFactory(supplier=SupplierFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("support:suppliers"))
    assert page.content.decode().count("Modifier<span") == 23


def test_the_module_filters_say_all_in_french_rather_than_dashes(client):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = client.get(reverse("support:modules")).content.decode()
    assert "---------" not in page
    for label in ("Tous les statuts", "Tous les thèmes", "Tous les prestataires"):
        assert label in page


def test_a_requester_asks_from_their_space_and_sees_the_answer_there(client):
    agent = UserFactory(role=Role.AGENT)
    client.force_login(agent)
    space = client.get(reverse("accounts:dashboard")).content.decode()
    assert reverse("support:request-create") in space
    SupportRequestFactory(requester=agent)
    SupportRequestFactory(requester=agent, status=RequestStatus.DECLINED, answer="Pas ce mois.")
    block = espace_block(agent)
    labels = {line.label: line.count for line in block.lines}
    assert labels == {
        "Réponses à mes demandes d'accompagnement": 1,
        "Mes demandes en attente de réponse": 1,
    }
    assert "Pas ce mois." in client.get(reverse("support:mine")).content.decode()


def test_the_reach_table_says_dash_when_no_attendance_was_taken_yet(client):
    client.force_login(UserFactory(role=Role.INCUBATOR))
    # A session held, its attendance not taken yet.
    RegistrationFactory(session=SessionFactory(start=timezone.now() - timedelta(hours=3)))
    page = client.get(reverse("support:team")).content.decode()
    table = page.split("<tbody>")[1].split("</tbody>")[0]
    cells = [cell.strip() for cell in re.findall(r"<td>(.*?)</td>", table, re.S)]
    assert cells[-2:] == ["—", "—"]  # Présence, Satisfaction


def test_my_registrations_page_cancels_a_future_one_and_offers_to_ask_for_help(client):
    porteur = UserFactory(role=Role.SERVICE_OWNER)
    client.force_login(porteur)
    future = RegistrationFactory(user=porteur)
    past = RegistrationFactory(
        user=porteur, session=SessionFactory(start=datetime(2020, 1, 6, 9, 0, tzinfo=UTC))
    )
    page = client.get(reverse("support:mine")).content.decode()
    assert reverse("support:registration-cancel", args=[future.pk]) in page
    assert reverse("support:registration-cancel", args=[past.pk]) not in page
    assert reverse("support:request-create") in page
    client.force_login(UserFactory(role=Role.INCUBATOR))
    assert (
        reverse("support:request-create")
        not in client.get(reverse("support:mine")).content.decode()
    )
