"""Issue 15, audited point by point: a step asked out of turn says why (service fait before
delivery), and the remainder of a partial service fait is carried to the next order."""

import importlib
from datetime import timedelta
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.models import Role
from fabrique.support import rules, selectors, services
from fabrique.support.models import ExpertModule
from fabrique.support.vocabulary import ModuleStatus
from tests.factories import UserFactory

from .factories import (
    ExpertModuleFactory,
    KnowledgePageFactory,
    SessionFactory,
    SupplierFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_client(client):
    team = UserFactory(role=Role.INCUBATOR)
    client.force_login(team)
    client.team = team
    return client


def _ordered(team, **amounts):
    module = ExpertModuleFactory(status=ModuleStatus.QUOTE, supplier=SupplierFactory())
    services.module_order(
        module=module,
        by=team,
        order_reference="BC-1",
        amount_excl_vat=amounts.get("excl", Decimal("1000")),
        amount_incl_vat=amounts.get("incl", Decimal("1200")),
        days=Decimal("2"),
        ordered_on=timezone.localdate(),
        due_on=timezone.localdate(),
    )
    return module


def test_move_problem_says_the_service_fait_comes_after_the_delivery():
    assert rules.move_problem("livre", "service-fait") == ""
    for status in ("identifie", "devis", "commande", "en-cours"):
        assert rules.move_problem(status, "service-fait") == rules.ATTEST_BEFORE_DELIVERY
    assert "déjà « Service fait »" in rules.move_problem("service-fait", "service-fait")
    assert "ne peut pas passer à « Commandé »" in rules.move_problem("identifie", "commande")


def test_the_service_fait_asked_before_delivery_says_why_and_saves_nothing(team_client):
    module = _ordered(team_client.team)
    url = reverse("support:module-step", args=[module.pk, "service-fait"])
    for method in (team_client.get, team_client.post):
        response = method(url, {"paid_incl_vat": "1200"}, follow=True)
        assert response.status_code == 200
        assert response.redirect_chain[-1][0] == reverse("support:module", args=[module.pk])
        assert "Le service fait s&#x27;atteste après la livraison" in response.text
    module.refresh_from_db()
    assert (module.status, module.paid_incl_vat, module.expense_id) == ("commande", None, None)
    # An unknown step is still a page that does not exist.
    unknown = reverse("support:module-step", args=[module.pk, "payer"])
    assert team_client.get(unknown).status_code == 404


def test_the_remainder_is_proposed_and_said_on_the_next_order(team_client):
    team = team_client.team
    module = _ordered(team, excl=Decimal("1000"), incl=Decimal("1200"))
    services.module_mark(module=module, target=ModuleStatus.IN_PROGRESS)
    services.module_mark(module=module, target=ModuleStatus.DELIVERED)
    services.module_attest(module=module, by=team, paid_incl_vat=Decimal("900"))
    follow = services.module_carry_over(module=module)
    services.module_quote(
        module=follow, supplier=module.supplier, statement_of_need="Suite", days_per_profile="1 j"
    )
    page = team_client.get(reverse("support:module-step", args=[follow.pk, "commande"]))
    text = page.text.replace("\u202f", " ").replace("\xa0", " ")
    assert f"Reliquat reporté du module n° {module.pk}" in text
    assert "300 € TTC non consommés" in text
    assert 'name="amount_incl_vat" value="300.00"' in text
    assert "Une collectivité ne peut pas commander" in text
    assert ExpertModule.objects.get(pk=follow.pk).status == ModuleStatus.QUOTE


def test_the_knowledge_search_finds_a_word_far_down_a_page_accents_or_not():
    """Only the first 64 words of a page were searchable: « full-text » fell short."""
    filler = " ".join(f"mot{n}" for n in range(150))
    page = services.page_save(
        title="Mesurer l'impact",
        theme="impact",
        body=f"{filler}\n\nEnfin, l'évaluation après déploiement.",
        is_public=True,
    )
    anonymous = AnonymousUser()
    for query in ("évaluation", "EVALUATION", "evalu deploiem", "Déploiement"):
        assert list(selectors.search_pages(anonymous, query)) == [page], query
    assert not list(selectors.search_pages(anonymous, "evaluations"))


def _session_form(session, **changes):
    data = {
        "format": session.format_id,
        "start": timezone.localtime(session.start).strftime("%Y-%m-%dT%H:%M"),
        "end": timezone.localtime(session.end).strftime("%Y-%m-%dT%H:%M"),
        "place": session.place,
        "video_url": session.video_url,
        "trainer": "",
        "capacity": session.capacity,
        "is_public": "on",
        "confirm_dates": "on",
    }
    return {**data, **changes}


def test_changing_a_session_from_its_form_emails_its_registrants_once(
    team_client, django_capture_on_commit_callbacks
):
    """From the team's form (not only the service): a change of seats tells nobody, a change
    of time tells each registrant once, in French, with the session's link."""
    start = (timezone.now() + timedelta(days=10)).replace(second=0, microsecond=0)
    session = SessionFactory(capacity=5, start=start, end=start + timedelta(hours=2))
    person = UserFactory(email="inscrite@exemple.gouv.fr")
    services.registration_create(session=session, user=person, by=person)
    url = reverse("support:session-edit", args=[session.pk])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = team_client.post(url, _session_form(session, capacity=6), follow=True)
    assert response.status_code == 200 and mail.outbox == []  # seats only: nobody to tell
    later = timezone.localtime(session.start + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    end = timezone.localtime(session.end + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    with django_capture_on_commit_callbacks(execute=True):
        response = team_client.post(
            url, _session_form(session, capacity=6, start=later, end=end), follow=True
        )
    assert "La session est modifiée" in response.text
    [email] = mail.outbox
    assert email.to == ["inscrite@exemple.gouv.fr"]
    assert email.subject == f"Session modifiée : {session.format.title}"
    assert f"/accompagnement/sessions/{session.pk}/" in email.body
    assert f"{timezone.localtime(session.start + timedelta(days=1)):%d/%m/%Y à %H:%M}" in email.body


def test_the_migration_refolds_the_pages_kept_with_their_first_words_only():
    migration = importlib.import_module(
        "fabrique.support.migrations.0006_knowledge_full_text_search"
    )
    filler = " ".join(f"mot{n}" for n in range(150))
    page = KnowledgePageFactory(
        is_public=True, title="Ancienne page", body=f"{filler} accessibilité", search_text=""
    )
    migration.refold(django_apps, None)
    assert list(selectors.search_pages(AnonymousUser(), "accessibilite")) == [page]


def test_the_knowledge_search_reads_st_as_saint_or_as_the_start_of_a_word():
    """As the catalogue and the job board: « st » finds « Saint-Malo » and « Stationnement »."""
    parking = services.page_save(
        title="Stationnement", theme="impact", body="Payer en ligne.", is_public=True
    )
    saint = services.page_save(
        title="Retour d'expérience", theme="impact", body="À St-Malo, un atelier.", is_public=True
    )
    anonymous = AnonymousUser()
    assert set(selectors.search_pages(anonymous, "st")) == {parking, saint}
    assert list(selectors.search_pages(anonymous, "saint")) == [saint]
    assert list(selectors.search_pages(anonymous, "stationn")) == [parking]
