"""« Demander un compte »: the public form, the team's queue, accept / decline, personal data."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from fabrique.accounts.access import account_request_for_user_or_404
from fabrique.accounts.demo import load_demo
from fabrique.accounts.models import (
    AccountRequest,
    Membership,
    Role,
    SecurityEvent,
    SecurityEventKind,
    User,
)
from fabrique.accounts.selectors import account_requests_block, person_export
from fabrique.accounts.services import (
    account_request_accept,
    account_request_decline,
    person_erase,
    person_for,
    purge_account_requests,
)
from fabrique.accounts.vocabulary import AccountRequestStatus, RequesterKind
from fabrique.core.espace import blocks_for
from tests.factories import CommuneFactory, UserFactory
from tests.query_counts import assert_constant_queries

from .factories import AccountRequestFactory

pytestmark = pytest.mark.django_db

FORM_URL = "/compte/demande/"
QUEUE_URL = "/mon-espace/demandes-de-compte/"


@pytest.fixture
def commune(db):
    return CommuneFactory(insee="42248", name="Saint-Just-en-Chevalet")


def form_data(**overrides):
    data = {
        "first_name": "Camille",
        "last_name": "Vernet",
        "email": "camille.vernet@mairie-exemple.fr",
        "kind": RequesterKind.AGENT,
        "collectivite": "42248",
        "position": "Secrétaire de mairie",
        "message": "Pour demander un accompagnement sur-mesure.",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def mails(django_capture_on_commit_callbacks):
    """`with mails(execute=True):` sends the e-mails a write leaves for after its commit."""
    return django_capture_on_commit_callbacks


@pytest.fixture
def team_client(client, users):
    client.force_login(users[Role.INCUBATOR])
    return client


# --- The public form ----------------------------------------------------------------------


def test_login_and_home_pages_link_to_the_form(client):
    assert FORM_URL in client.get(reverse("accounts:login")).content.decode()
    home = client.get(reverse("home:home")).content.decode()
    assert FORM_URL in home and "demander un compte" in home


def test_form_page_states_the_retention_period(client):
    page = client.get(FORM_URL).content.decode()
    assert "conservées 12 mois après la décision" in page
    assert "Ne pas remplir ce champ" in page  # the honeypot, hidden by CSS


def test_valid_request_is_saved_and_acknowledged(client, commune, mails):
    with mails(execute=True):
        response = client.post(FORM_URL, form_data(), REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:account-request-sent")
    item = AccountRequest.objects.get()
    assert (item.first_name, item.last_name) == ("Camille", "Vernet")
    assert item.commune == commune and item.epci is None
    assert item.status == AccountRequestStatus.PENDING
    assert item.consent_at is not None
    assert item.source_hash and "192.0.2.10" not in item.source_hash
    assert [message.to for message in mail.outbox] == [["camille.vernet@mairie-exemple.fr"]]
    assert "Nous avons bien reçu votre demande de compte" in mail.outbox[0].body
    sent = client.get(response["Location"]).content.decode()
    assert "Votre demande de compte est envoyée" in sent


def test_collectivite_found_by_name(client, territories):
    response = client.post(FORM_URL, form_data(collectivite="Saint-Just-en-Chevalet"))
    assert response.status_code == 302
    assert AccountRequest.objects.get().commune.insee == "42248"


def test_empty_form_gives_french_errors_and_saves_nothing(client):
    response = client.post(FORM_URL, {})
    assert response.status_code == 400
    page = response.content.decode()
    assert "rien n&#x27;a été enregistré" in page or "rien n'a été enregistré" in page
    assert "Dites qui vous êtes." in page
    assert "Votre accord pour le traitement de vos données est nécessaire" in page
    assert AccountRequest.objects.count() == 0
    assert mail.outbox == []


def test_agent_needs_a_collectivite(client):
    response = client.post(FORM_URL, form_data(collectivite=""))
    assert response.status_code == 400
    assert "Indiquez votre collectivité" in response.content.decode()
    assert AccountRequest.objects.count() == 0


def test_service_owner_needs_no_collectivite(client):
    response = client.post(FORM_URL, form_data(kind=RequesterKind.SERVICE_OWNER, collectivite=""))
    assert response.status_code == 302
    assert AccountRequest.objects.get().collectivite is None


def test_unknown_collectivite_says_what_to_type(client, commune):
    response = client.post(FORM_URL, form_data(collectivite="Nullepart-sur-Rien"))
    assert response.status_code == 400
    page = unescape(response.content.decode())
    assert "Aucune collectivité ne correspond à" in page
    assert "SIREN de l'EPCI (9 chiffres)" in page
    assert AccountRequest.objects.count() == 0


def test_invalid_email_in_french(client, commune):
    response = client.post(FORM_URL, form_data(email="pas-une-adresse"))
    assert response.status_code == 400
    assert "adresse électronique valide" in response.content.decode()


def test_honeypot_answers_as_usual_and_keeps_nothing(client, commune):
    response = client.post(FORM_URL, form_data(website="https://spam.example"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:account-request-sent")
    assert "Votre demande de compte est envoyée" in response.content.decode()
    assert AccountRequest.objects.count() == 0
    assert mail.outbox == []


def test_rate_limit_per_email(client, commune):
    for n in range(3):
        assert client.post(FORM_URL, form_data(), REMOTE_ADDR=f"192.0.2.{n}").status_code == 302
    response = client.post(FORM_URL, form_data(), REMOTE_ADDR="192.0.2.99")
    assert response.status_code == 400
    assert "Trop de demandes envoyées pour cette adresse électronique" in (
        response.content.decode()
    )
    assert AccountRequest.objects.count() == 3


def test_rate_limit_per_network(client, commune):
    for n in range(10):
        data = form_data(email=f"personne{n}@mairie-exemple.fr")
        assert client.post(FORM_URL, data, REMOTE_ADDR="198.51.100.7").status_code == 302
    response = client.post(
        FORM_URL, form_data(email="encore@mairie-exemple.fr"), REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 400
    assert "Trop de demandes envoyées depuis ce réseau" in response.content.decode()
    assert "corrigez les champs signalés" not in response.content.decode()  # none is wrong
    # Another network is not limited.
    other = client.post(
        FORM_URL, form_data(email="encore@mairie-exemple.fr"), REMOTE_ADDR="198.51.100.8"
    )
    assert other.status_code == 302


def test_old_requests_do_not_count_in_the_rate_limit(client, commune):
    old = timezone.now() - timedelta(hours=2)
    for _ in range(3):
        item = AccountRequestFactory(email="camille.vernet@mairie-exemple.fr")
        AccountRequest.objects.filter(pk=item.pk).update(created_at=old)
    assert client.post(FORM_URL, form_data()).status_code == 302


def test_no_enumeration_of_existing_accounts(client, commune, mails):
    UserFactory(email="deja@mairie-exemple.fr")
    with mails(execute=True):
        new = client.post(FORM_URL, form_data(email="nouvelle@mairie-exemple.fr"), follow=True)
    with mails(execute=True):
        existing = client.post(FORM_URL, form_data(email="Deja@mairie-exemple.fr"), follow=True)
    # Same redirect, same page, same message.
    assert new.redirect_chain == existing.redirect_chain
    assert _stable(new.content) == _stable(existing.content)
    # The address that has an account is told so, with the link to recover its password.
    to_existing = [message for message in mail.outbox if message.to == ["deja@mairie-exemple.fr"]]
    assert len(to_existing) == 1
    assert "un compte existe déjà" in to_existing[0].body
    assert reverse("accounts:password-reset") in to_existing[0].body
    kept = AccountRequest.objects.get(email="deja@mairie-exemple.fr")
    assert kept.status == AccountRequestStatus.EXISTING
    assert kept.decided_at is not None
    assert not AccountRequest.objects.filter(
        email="deja@mairie-exemple.fr", status=AccountRequestStatus.PENDING
    ).exists()


def _stable(content: bytes) -> str:
    """A page without what changes at each response (CSP nonce, CSRF token)."""
    text = content.decode()
    text = re.sub(r'nonce="[^"]*"', "", text)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)


def test_logged_in_person_is_sent_to_mon_espace(client, users):
    client.force_login(users[Role.AGENT])
    response = client.get(FORM_URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:dashboard")


# --- Access --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (None, 302),
        (Role.SERVICE_OWNER, 403),
        (Role.AGENT, 403),
        (Role.COACH, 403),
        (Role.INCUBATOR, 200),
        (Role.ADMIN, 200),
    ],
)
def test_queue_and_pages_access_for_every_role(client, users, role, expected):
    item = AccountRequestFactory()
    if role is not None:
        client.force_login(users[role])
    for url in (
        QUEUE_URL,
        reverse("accounts:account-request-detail", args=[item.pk]),
        reverse("accounts:account-request-edit", args=[item.pk]),
        reverse("accounts:account-request-delete", args=[item.pk]),
    ):
        response = client.get(url)
        assert response.status_code == expected, url
        if expected == 302:
            assert response["Location"].startswith(reverse("accounts:login"))
    for action in ("accept", "decline"):
        url = reverse(f"accounts:account-request-{action}", args=[item.pk])
        response = client.post(url, {"role": Role.AGENT, "reason": "non"})
        assert response.status_code in ((expected,) if expected != 200 else (302, 400))
    if expected != 200:
        item.refresh_from_db()
        assert item.status == AccountRequestStatus.PENDING
        assert not User.objects.filter(email=item.email).exists()


def test_access_function_refuses_before_looking_up(users):
    with pytest.raises(PermissionDenied):
        account_request_for_user_or_404(users[Role.COACH], 999_999)
    with pytest.raises(Http404):
        account_request_for_user_or_404(users[Role.INCUBATOR], 999_999)


def test_queue_shows_pending_first_and_filters_by_status(team_client):
    old_pending = AccountRequestFactory(last_name="Ancienne")
    AccountRequest.objects.filter(pk=old_pending.pk).update(
        created_at=timezone.now() - timedelta(days=3)
    )
    AccountRequestFactory(
        last_name="Refusee", status=AccountRequestStatus.DECLINED, decided_at=timezone.now()
    )
    AccountRequestFactory(
        last_name="Acceptee", status=AccountRequestStatus.ACCEPTED, decided_at=timezone.now()
    )
    AccountRequestFactory(last_name="Recente")
    page = team_client.get(QUEUE_URL).content.decode()
    # As the page says: those waiting, the oldest first; then the decided ones, latest first.
    assert page.index("Ancienne") < page.index("Recente") < page.index("Acceptee")
    assert page.index("Acceptee") < page.index("Refusee")
    filtered = team_client.get(QUEUE_URL, {"statut": "refusee"}).content.decode()
    assert "Refusee" in filtered and "Recente" not in filtered
    # An unknown status shows everything rather than failing.
    everything = team_client.get(QUEUE_URL, {"statut": "nimporte"})
    assert everything.status_code == 200 and "Refusee" in everything.content.decode()


def test_queue_runs_constant_queries(team_client, django_assert_max_num_queries):
    departement = CommuneFactory().departement

    def grow(count=5):
        for n in range(count):
            AccountRequestFactory(
                commune=CommuneFactory(departement=departement),
                decided_by=UserFactory(role=Role.INCUBATOR),
                status=AccountRequestStatus.DECLINED if n % 2 else AccountRequestStatus.PENDING,
            )

    grow(3)
    assert_constant_queries(
        django_assert_max_num_queries, lambda: team_client.get(QUEUE_URL), grow, budget=6
    )


# --- Accept, decline, correct, delete ------------------------------------------------------


def test_accept_creates_the_account_and_the_link_lets_the_person_in(client, users, commune, mails):
    item = AccountRequestFactory(
        email="nouvelle.agente@mairie-exemple.fr", commune=commune, position="Maire adjointe"
    )
    team = users[Role.INCUBATOR]
    client.force_login(team)
    with mails(execute=True):
        response = client.post(
            reverse("accounts:account-request-accept", args=[item.pk]),
            {"role": Role.AGENT},
            follow=True,
        )
    assert "Demande acceptée" in response.content.decode()
    user = User.objects.get(email="nouvelle.agente@mairie-exemple.fr")
    assert user.is_active and user.role == Role.AGENT
    assert not user.has_usable_password()
    membership = Membership.objects.get(user=user)
    assert membership.commune == commune and membership.position == "Maire adjointe"
    item.refresh_from_db()
    assert item.status == AccountRequestStatus.ACCEPTED
    assert (item.user, item.decided_by, item.granted_role) == (user, team, Role.AGENT)
    assert item.history.count() >= 2  # created, then decided
    event = SecurityEvent.objects.filter(user=user, actor=team).get()
    assert event.kind == SecurityEventKind.ROLE_CHANGED
    assert f"demande de compte n° {item.pk} acceptée" in event.detail
    assert SecurityEvent.objects.filter(user=user, kind=SecurityEventKind.MEMBERSHIP_ADDED).exists()

    (message,) = mail.outbox
    assert message.to == ["nouvelle.agente@mairie-exemple.fr"]
    link = re.search(r"https?://\S+/mot-de-passe/nouveau/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.logout()
    form = client.get(f"/{path}", follow=True)
    assert form.status_code == 200
    set_url = form.redirect_chain[-1][0]
    done = client.post(
        set_url,
        {"new_password1": "Un-nouveau-mot-2026!", "new_password2": "Un-nouveau-mot-2026!"},
    )
    assert done.status_code == 302
    assert (
        client.post(
            reverse("accounts:login"),
            {"username": "nouvelle.agente@mairie-exemple.fr", "password": "Un-nouveau-mot-2026!"},
        ).status_code
        == 302
    )
    dashboard = client.get(reverse("accounts:dashboard"))
    assert dashboard.status_code == 200
    assert "Saint-Just-en-Chevalet" in dashboard.content.decode()
    # Single use: the same link no longer works.
    client.logout()
    again = client.get(f"/{path}", follow=True)
    assert again.context["validlink"] is False


def test_accept_as_service_owner_without_collectivite(users):
    item = AccountRequestFactory(kind=RequesterKind.SERVICE_OWNER)
    user = account_request_accept(
        account_request=item, role=Role.SERVICE_OWNER, by=users[Role.INCUBATOR]
    )
    assert user.role == Role.SERVICE_OWNER
    assert not Membership.objects.filter(user=user).exists()


def test_agent_without_collectivite_is_refused_and_nothing_is_created(team_client):
    item = AccountRequestFactory(kind=RequesterKind.OTHER)
    response = team_client.post(
        reverse("accounts:account-request-accept", args=[item.pk]), {"role": Role.AGENT}
    )
    assert response.status_code == 400
    assert "corrigez d&#x27;abord la demande" in response.content.decode()
    assert not User.objects.filter(email=item.email).exists()
    item.refresh_from_db()
    assert item.status == AccountRequestStatus.PENDING
    assert mail.outbox == []


def test_a_decided_request_cannot_be_decided_again(users):
    item = AccountRequestFactory(status=AccountRequestStatus.DECLINED)
    with pytest.raises(ValidationError, match="plus à examiner"):
        account_request_accept(account_request=item, role=Role.AGENT, by=users[Role.ADMIN])


def test_accept_when_the_address_got_an_account_meanwhile(users, commune):
    item = AccountRequestFactory(commune=commune)
    UserFactory(email=item.email)
    with pytest.raises(ValidationError, match="Un compte existe déjà"):
        account_request_accept(account_request=item, role=Role.AGENT, by=users[Role.ADMIN])
    assert User.objects.filter(email=item.email).count() == 1


def test_decline_needs_a_reason_and_tells_it(team_client, mails):
    item = AccountRequestFactory()
    url = reverse("accounts:account-request-decline", args=[item.pk])
    empty = team_client.post(url, {"reason": "  "})
    assert empty.status_code == 400
    assert "Indiquez le motif du refus" in empty.content.decode()
    with mails(execute=True):
        response = team_client.post(url, {"reason": "Votre commune n'est pas encore suivie."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == AccountRequestStatus.DECLINED
    assert item.decided_at is not None
    (message,) = mail.outbox
    assert message.to == [item.email]
    assert "Votre commune n'est pas encore suivie." in message.body
    assert not User.objects.filter(email=item.email).exists()


def test_decline_service_refuses_a_decided_request(users):
    item = AccountRequestFactory()
    account_request_decline(account_request=item, reason="Doublon", by=users[Role.ADMIN])
    with pytest.raises(ValidationError, match="plus à examiner"):
        account_request_decline(account_request=item, reason="Encore", by=users[Role.ADMIN])


def test_team_corrects_a_request(team_client, commune):
    item = AccountRequestFactory(kind=RequesterKind.OTHER, email="typo@mairie-exmple.fr")
    url = reverse("accounts:account-request-edit", args=[item.pk])
    form = team_client.get(url)
    assert form.status_code == 200 and "typo@mairie-exmple.fr" in form.content.decode()
    data = form_data(email="juste@mairie-exemple.fr", consent=None, website=None)
    response = team_client.post(url, data, follow=True)
    assert "Demande de compte corrigée." in response.content.decode()
    item.refresh_from_db()
    assert item.email == "juste@mairie-exemple.fr"
    assert item.commune == commune and item.kind == RequesterKind.AGENT
    bad = team_client.post(url, {**data, "collectivite": "", "kind": RequesterKind.AGENT})
    assert bad.status_code == 200 and "Indiquez votre collectivité" in bad.content.decode()
    item.refresh_from_db()
    assert item.commune == commune


def test_team_deletes_a_request_after_confirmation(team_client):
    item = AccountRequestFactory()
    url = reverse("accounts:account-request-delete", args=[item.pk])
    confirm = team_client.get(url)
    assert "Confirmer la suppression" in confirm.content.decode()
    assert AccountRequest.objects.filter(pk=item.pk).exists()
    response = team_client.post(url, follow=True)
    assert "Suppression faite" in response.content.decode()
    assert not AccountRequest.objects.filter(pk=item.pk).exists()


# --- Mon espace ---------------------------------------------------------------------------


def test_mon_espace_line_with_the_count_absent_when_zero(client, users):
    team = users[Role.INCUBATOR]
    assert account_requests_block(team) is None
    AccountRequestFactory(status=AccountRequestStatus.DECLINED)
    assert account_requests_block(team) is None
    AccountRequestFactory()
    AccountRequestFactory()
    block = account_requests_block(team)
    (line,) = block.lines
    assert (line.label, line.count) == ("Demandes de compte à examiner", 2)
    assert line.url.startswith(QUEUE_URL)
    assert any(item.title == "Comptes" for item in blocks_for(team))
    assert account_requests_block(users[Role.COACH]) is None
    client.force_login(team)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Demandes de compte à examiner" in page


# --- Password recovery for an account never used -----------------------------------------


def test_password_reset_reaches_an_opened_account_without_password(client, users, commune):
    item = AccountRequestFactory(commune=commune, email="pas-encore@mairie-exemple.fr")
    account_request_accept(account_request=item, role=Role.AGENT, by=users[Role.ADMIN])
    mail.outbox.clear()
    client.post(reverse("accounts:password-reset"), {"email": "pas-encore@mairie-exemple.fr"})
    assert [message.to for message in mail.outbox] == [["pas-encore@mairie-exemple.fr"]]


def test_password_reset_still_skips_a_used_account_without_password(client):
    user = UserFactory(email="oidc@mairie-exemple.fr", last_login=timezone.now())
    user.set_unusable_password()
    user.save()
    client.post(reverse("accounts:password-reset"), {"email": "oidc@mairie-exemple.fr"})
    assert mail.outbox == []


# --- Personal data ------------------------------------------------------------------------


def test_requests_are_in_the_export_and_erased(users, commune):
    item = AccountRequestFactory(
        email="zoe.martin@mairie-exemple.fr", first_name="Zoé", last_name="Martin",
        commune=commune,
    )  # fmt: skip
    user = account_request_accept(account_request=item, role=Role.AGENT, by=users[Role.ADMIN])
    AccountRequestFactory(email="zoe.martin@mairie-exemple.fr", status="refusee")
    AccountRequestFactory(email="autre@mairie-exemple.fr")
    exported = person_export(user, person_for(user))["demandes_compte"]
    assert exported["titre"] == "Demandes de compte"
    assert len(exported["enregistrements"]) == 2
    assert exported["enregistrements"][0]["collectivite"] == "Saint-Just-en-Chevalet (42248)"
    report = person_erase(user=user, by=users[Role.ADMIN])
    assert report.apps["demandes_compte"] == 2
    assert not AccountRequest.objects.filter(email__icontains="zoe.martin").exists()
    assert not AccountRequest.history.filter(email__icontains="zoe.martin").exists()
    assert AccountRequest.objects.filter(email="autre@mairie-exemple.fr").exists()


def test_purge_deletes_decided_requests_after_twelve_months(capsys):
    now = timezone.now()
    old = AccountRequestFactory(
        status=AccountRequestStatus.DECLINED, decided_at=now - timedelta(days=370)
    )
    old_existing = AccountRequestFactory(
        status=AccountRequestStatus.EXISTING, decided_at=now - timedelta(days=400)
    )
    recent = AccountRequestFactory(
        status=AccountRequestStatus.ACCEPTED, decided_at=now - timedelta(days=300)
    )
    waiting = AccountRequestFactory()
    AccountRequest.objects.filter(pk=waiting.pk).update(created_at=now - timedelta(days=800))
    assert purge_account_requests(dry_run=True) == 2
    assert AccountRequest.objects.count() == 4
    call_command("purge_account_requests")
    assert "2 demandes de compte supprimées" in capsys.readouterr().out
    remaining = set(AccountRequest.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, waiting.pk}
    assert not AccountRequest.history.filter(id__in=[old.pk, old_existing.pk]).exists()


# --- Demo ---------------------------------------------------------------------------------


def test_demo_requests_wait_in_the_queue_and_are_not_duplicated(territories):
    assert load_demo() == "Demandes de compte de démonstration : 2 créées, 2 à examiner."
    assert load_demo() == "Demandes de compte de démonstration : 0 créée, 2 à examiner."
    agent = AccountRequest.objects.get(kind=RequesterKind.AGENT)
    assert agent.commune.insee == "42248"
