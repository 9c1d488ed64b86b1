from datetime import time, timedelta

import pytest
from django.utils import timezone

from fabrique.accounts.models import User
from fabrique.accounts.services import load_demo_accounts
from fabrique.portfolio.models import Expense
from fabrique.support.demo import load_demo
from fabrique.support.models import (
    ExpertModule,
    KnowledgePage,
    Registration,
    Session,
    SupportRequest,
)
from tests.portfolio.factories import ProjectFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db


def test_demo_loads_once():
    load_demo_accounts()
    project = ProjectFactory()
    TeamMemberFactory(project=project, user=User.objects.get(email="porteur@fabrique.localhost"))
    summary = load_demo()
    assert summary.startswith("Accompagnement : 6 formats")
    assert KnowledgePage.objects.count() == 5
    assert all(page.slug.isascii() for page in KnowledgePage.objects.all())
    # The page's title is its <h1>: the body does not repeat it as a heading under it.
    assert not any(page.title in page.body for page in KnowledgePage.objects.all())
    assert ExpertModule.objects.filter(status="clos").count() == 1
    assert Expense.objects.filter(project=project).exists()
    assert Registration.objects.filter(score__isnull=False).exists()
    # The team's triage queue is not empty on the demo: one request per requester role.
    assert summary.endswith("2 demandes à trier.")
    assert set(SupportRequest.objects.values_list("requester__role", "status")) == {
        ("porteur", "nouvelle"),
        ("agent", "nouvelle"),
    }
    assert "déjà présentes" in load_demo()


def test_demo_sessions_last_as_long_as_their_format_says():
    """Tester: « Durée : 2 jours » or « 1 jour », yet every session ran 11:00–14:00."""
    load_demo_accounts()
    load_demo()
    sessions = Session.objects.select_related("format")
    assert sessions.count() == 12
    for session in sessions:
        start, end = timezone.localtime(session.start), timezone.localtime(session.end)
        number, unit = session.format.duration.split()
        assert start.weekday() < 5
        if unit.startswith("heure"):
            assert end - start == timedelta(hours=int(number)), session.format.duration
        else:
            assert (end.date() - start.date()).days == int(number) - 1, session.format.duration
            assert (start.time(), end.time()) == (time(9, 30), time(17, 0))


def test_demo_service_fait_is_the_order_incl_vat_and_leaves_no_remainder():
    """Tester: order « 6 000 € HT, 7 200 € TTC », service fait « 6 000 € TTC … reliquat
    non consommé : 1 200 € TTC »: the HT amount was attested as TTC."""
    load_demo_accounts()
    project = ProjectFactory()
    TeamMemberFactory(project=project, user=User.objects.get(email="porteur@fabrique.localhost"))
    load_demo()
    module = ExpertModule.objects.get(status="clos")
    assert module.paid_incl_vat == module.amount_incl_vat
    assert module.remainder == 0
    assert module.expense.amount == module.amount_incl_vat
