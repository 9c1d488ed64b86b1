"""Delete confirmations of the sur-mesure pages: no promise of a history page the mission does
not have, and a need's confirmation says what goes with it (its compared solutions)."""

from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from fabrique.diagnostics import rules, services
from fabrique.diagnostics.services import benchmark

pytestmark = pytest.mark.django_db
SCORES = {"importance": 3, "population": 2, "urgence": 1, "faisabilite": 3, "cout": 1}


def _page(client, url):
    return " ".join(unescape(client.get(url).content.decode()).split())


def test_a_need_confirmation_names_its_compared_solutions(client, coach, mission):
    need = services.need_save(mission=mission, title="Site", theme="site-internet", scores=SCORES)
    for name in ("Offre A", "Offre B", "Offre C"):
        benchmark.candidate_save(need=need, name=name, technical=1, economic=1, human=1)
    client.force_login(coach)
    page = _page(client, reverse("diagnostics:need-delete", args=[need.pk]))
    assert "Vous allez supprimer le besoin « Site ». Ses 3 solutions comparées sont supprimées" \
        " avec lui." in page  # fmt: skip
    assert "reste visible dans l'historique" not in page
    assert "journal des modifications de la plateforme" in page


def test_a_time_confirmation_does_not_promise_a_history_page(client, coach, mission):
    entry = services.time_log(mission=mission, person=coach, day=date(2026, 9, 2), half_days=1,
                              kind="analyse")  # fmt: skip
    client.force_login(coach)
    page = _page(client, reverse("diagnostics:time-delete", args=[entry.pk]))
    assert "reste visible dans l'historique" not in page


@pytest.mark.parametrize(
    ("candidates", "leads", "text"),
    [
        (0, 0, ""),
        (1, 0, "Sa solution comparée est supprimée avec lui."),
        (3, 0, "Ses 3 solutions comparées sont supprimées avec lui."),
        (
            2,
            1,
            "Ses 2 solutions comparées sont supprimées avec lui, avec 1 financement ou "
            "partenaire examiné.",
        ),
    ],
)
def test_need_deletion_consequence(candidates, leads, text):
    assert rules.need_deletion_consequence(candidates, leads) == text


def test_a_confirmation_page_title_names_what_is_deleted(client, coach, mission):
    """Every confirmation was titled « Confirmer la suppression — Fabrique » whatever it deleted:
    the browser tab (and a screen reader's first words) now say what."""
    entry = services.time_log(mission=mission, person=coach, day=date(2026, 9, 2), half_days=1,
                              kind="analyse")  # fmt: skip
    client.force_login(coach)
    page = _page(client, reverse("diagnostics:time-delete", args=[entry.pk]))
    assert "<title> Confirmer la suppression : le temps « 02/09/2026 : 0,5 jour (Analyse) »" in page
