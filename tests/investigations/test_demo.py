import pytest

from fabrique.accounts.services import load_demo_accounts
from fabrique.investigations.demo import load_demo
from fabrique.investigations.models import Call, Investigation
from fabrique.investigations.vocabulary import Decision


@pytest.mark.django_db
def test_demo_is_complete_and_idempotent(territories):
    load_demo_accounts()
    summary = load_demo()
    assert "4 investigations" in summary
    decisions = sorted(Investigation.objects.values_list("decision", flat=True))
    assert decisions == ["", "", Decision.GO, Decision.NO_GO]
    go = Investigation.objects.get(decision=Decision.GO)
    assert go.project.phases.order_by("-start").first().name == "construction"
    assert "déjà" in load_demo()
    assert Call.objects.count() == 2
