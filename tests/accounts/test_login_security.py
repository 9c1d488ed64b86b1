"""Issue 17, defect 7: no lockout, no password reset, sessions of 14 days that survived the
browser. Now: django-axes locks an account (and an address) after repeated failures, with a
French page that says how long to wait; a single-use, one-hour reset link by e-mail; sessions
that end with the browser and after inactivity; a password change ends the other sessions."""

import re
from html import unescape

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from fabrique.accounts.models import Role, SecurityEvent, SecurityEventKind
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
LOGIN = "/connexion/"


def attempt(client, email, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address)


def test_31_wrong_passwords_lock_the_account_even_for_the_right_one(client):
    user = UserFactory(role=Role.INCUBATOR)
    statuses = [attempt(client, user.email, f"faux-{n}").status_code for n in range(31)]
    assert statuses[: django_settings.AXES_FAILURE_LIMIT - 1] == [200] * (
        django_settings.AXES_FAILURE_LIMIT - 1
    )
    assert set(statuses[django_settings.AXES_FAILURE_LIMIT :]) == {429}
    locked = attempt(client, user.email, TEST_PASSWORD)
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "Connexion bloquée" in html and "Réessayez dans 15 minutes" in html
    assert "_auth_user_id" not in client.session
    # Another address is locked for this account too (lockout by account).
    assert attempt(Client(), user.email, TEST_PASSWORD, address="10.9.9.9").status_code == 429


def test_an_address_is_locked_after_failures_on_many_accounts(client):
    for index in range(django_settings.AXES_FAILURE_LIMIT):
        attempt(client, f"inconnu{index}@example.org", "faux", address="10.0.0.2")
    other = UserFactory()
    assert attempt(client, other.email, TEST_PASSWORD, address="10.0.0.2").status_code == 429
    assert attempt(Client(), other.email, TEST_PASSWORD, address="10.0.0.3").status_code == 302


def test_the_admin_unlocks_an_account_from_the_security_log(client):
    user = UserFactory()
    for n in range(django_settings.AXES_FAILURE_LIMIT):
        attempt(client, user.email, f"faux-{n}")
    assert attempt(client, user.email, TEST_PASSWORD).status_code == 429
    admin = Client()
    admin.force_login(UserFactory(role=Role.ADMIN))
    espace = unescape(admin.get(reverse("accounts:dashboard")).content.decode())
    assert re.search(r">2</span>\s*<a[^>]*>Connexions bloquées", espace)  # account, address
    log = unescape(admin.get(reverse("accounts:security-log")).content.decode())
    assert "Comptes bloqués (1)" in log and user.email in log
    assert "Adresses IP bloquées (1)" in log and "10.0.0.1" in log
    page = admin.post(reverse("accounts:lockout-release"), {"username": user.email}, follow=True)
    html = unescape(page.content.decode())
    assert f"Le compte {user.email} peut de nouveau se connecter" in html
    assert "Aucune connexion bloquée en ce moment." in html
    event = SecurityEvent.objects.get(kind=SecurityEventKind.UNLOCK)
    assert (event.email, event.actor.role) == (user.email, Role.ADMIN)
    assert attempt(client, user.email, TEST_PASSWORD).status_code == 302
    again = admin.post(reverse("accounts:lockout-release"), {"username": user.email}, follow=True)
    assert "Rien à débloquer" in unescape(again.content.decode())


def test_the_admin_unlocks_an_address_and_only_admins_may(client):
    for index in range(django_settings.AXES_FAILURE_LIMIT):
        attempt(client, f"inconnu{index}@example.org", "faux", address="10.0.0.2")
    other = UserFactory()
    assert attempt(client, other.email, TEST_PASSWORD, address="10.0.0.2").status_code == 429
    for role in (Role.INCUBATOR, Role.COACH):
        team = Client()
        team.force_login(UserFactory(role=role))
        refused = team.post(reverse("accounts:lockout-release"), {"ip_address": "10.0.0.2"})
        assert refused.status_code == 403
    admin = Client()
    admin.force_login(UserFactory(role=Role.ADMIN))
    admin.post(reverse("accounts:lockout-release"), {"ip_address": "10.0.0.2"})
    assert attempt(client, other.email, TEST_PASSWORD, address="10.0.0.2").status_code == 302
    empty = admin.post(reverse("accounts:lockout-release"), {}, follow=True)
    assert "Indiquez le compte ou l'adresse IP à débloquer." in unescape(empty.content.decode())


def test_password_reset_link_is_single_use(client):
    user = UserFactory()
    page = client.get(LOGIN).content.decode()
    assert "Mot de passe oublié" in page
    response = client.post(reverse("accounts:password-reset"), {"email": user.email})
    assert response.status_code == 302
    body = mail.outbox[0].body
    link = re.search(r"https?://[^/]+(/mot-de-passe/nouveau/\S+)", body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session marker
    new = {"new_password1": "Un-nouveau-mot-2026", "new_password2": "Un-nouveau-mot-2026"}
    assert client.post(form_url, new).status_code == 302
    user.refresh_from_db()
    assert user.check_password("Un-nouveau-mot-2026")
    again = Client().get(link, follow=True).content.decode()
    assert "Lien expiré ou déjà utilisé" in again


def test_unknown_address_gets_the_same_answer_and_no_mail(client):
    response = client.post(reverse("accounts:password-reset"), {"email": "x@example.org"})
    assert response.status_code == 302 and mail.outbox == []


def test_sessions_end_with_the_browser_and_after_inactivity(client, settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600
    assert settings.PASSWORD_RESET_TIMEOUT <= 3600
    settings.SESSION_IDLE_MINUTES = 30
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:dashboard")).status_code == 200
    session = client.session
    session["_last_seen"] -= 31 * 60
    session.save()
    response = client.get(reverse("accounts:dashboard"), follow=True)
    assert "Votre session a expiré" in response.content.decode()
    assert response.redirect_chain[-1][0].startswith("/connexion/")


def test_changing_the_password_ends_the_other_sessions():
    user = UserFactory()
    here, elsewhere = Client(), Client()
    here.force_login(user)
    elsewhere.force_login(user)
    response = here.post(
        reverse("accounts:password-change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "Encore-un-autre-2026",
            "new_password2": "Encore-un-autre-2026",
        },
        follow=True,
    )
    assert "vos autres sessions ont été fermées" in response.content.decode()
    assert here.get(reverse("accounts:dashboard")).status_code == 200
    assert elsewhere.get(reverse("accounts:dashboard")).status_code == 302


def test_the_lockout_page_gives_the_time_really_left(client, rf):
    from datetime import timedelta

    from axes.models import AccessAttempt

    from fabrique.accounts.views.lockout import lockout_response

    user = UserFactory(role=Role.INCUBATOR)
    for n in range(django_settings.AXES_FAILURE_LIMIT):
        attempt(client, user.email, f"faux-{n}")
    html = unescape(attempt(client, user.email, TEST_PASSWORD).content.decode())
    assert "Réessayez dans 15 minutes, à partir de" in html
    assert "Chaque nouvel essai pendant le blocage le prolonge" in html
    # Ten minutes after the last failure, five are left (the block counts from it).
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.first().attempt_time - timedelta(minutes=10)
    )
    request = rf.post(LOGIN, {"username": user.email}, REMOTE_ADDR="10.0.0.1")
    page = unescape(lockout_response(request, None, {"username": user.email}).content.decode())
    assert "Réessayez dans 5 minutes, à partir de" in page
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.first().attempt_time - timedelta(minutes=4, seconds=30)
    )
    page = unescape(lockout_response(request, None, {"username": user.email}).content.decode())
    assert "Réessayez dans 1 minute, à partir de" in page


def page_title(response) -> str:
    html = unescape(response.content.decode())
    return " ".join(re.search(r"<title>(.*?)</title>", html, re.S).group(1).split())


def test_reset_link_page_title_says_what_the_page_says(client):
    """The <title> names the page as its heading does (RGAA 8.6), not Django's own wording
    ("Échec lors de la mise à jour du mot de passe" for a link that was merely expired)."""
    user = UserFactory()
    client.post(reverse("accounts:password-reset"), {"email": user.email})
    link = re.search(r"https?://[^/]+(/mot-de-passe/nouveau/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert page_title(form) == "Nouveau mot de passe — Fabrique"
    expired = Client().get(
        reverse("accounts:password-reset-confirm", args=["MQ", "jeton-perime"]), follow=True
    )
    assert page_title(expired) == "Lien expiré ou déjà utilisé — Fabrique"


ROUTER = "10.20.0.1"  # every request reaches the application from the PaaS router


def attempt_through_router(client, email, password, client_address):
    return client.post(
        LOGIN, {"username": email, "password": password},
        REMOTE_ADDR=ROUTER, HTTP_X_FORWARDED_FOR=client_address,
    )  # fmt: skip


def test_behind_the_router_an_address_lockout_does_not_lock_everybody(client, settings):
    """Behind one trusted proxy (FABRIQUE_PROXY_COUNT=1), failures from one client lock that
    client's address only: another person, reaching the site through the same router, logs in."""
    settings.TRUSTED_PROXY_COUNT = 1
    for index in range(django_settings.AXES_FAILURE_LIMIT):
        attempt_through_router(client, f"inconnu{index}@example.org", "faux", "203.0.113.5")
    other = UserFactory()
    locked = attempt_through_router(Client(), other.email, TEST_PASSWORD, "203.0.113.5")
    assert locked.status_code == 429
    elsewhere = attempt_through_router(Client(), other.email, TEST_PASSWORD, "198.51.100.9")
    assert elsewhere.status_code == 302


def test_a_forged_forwarded_header_does_not_choose_the_address(rf, settings):
    """The client's address is the one the trusted proxy wrote (rightmost); without a trusted
    proxy the header is ignored altogether."""
    from fabrique.core.ratelimit import client_address

    request = rf.get("/", REMOTE_ADDR=ROUTER, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == ROUTER
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "203.0.113.5"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request) == "1.2.3.4"


def test_password_reset_is_limited_per_address_and_per_network(client):
    """Eight « Mot de passe oublié » for one address sent eight e-mails: anyone could flood a
    person's mailbox. Now a few per hour per typed address and per network, in French, with
    the same answer whether an account exists or not."""
    from fabrique.accounts.vocabulary import (
        MAX_PASSWORD_RESETS_PER_EMAIL_PER_HOUR as PER_EMAIL,
    )
    from fabrique.accounts.vocabulary import (
        MAX_PASSWORD_RESETS_PER_IP_PER_HOUR as PER_IP,
    )

    user = UserFactory()
    url = reverse("accounts:password-reset")
    statuses = [
        client.post(url, {"email": user.email.upper()}, REMOTE_ADDR="10.0.0.7").status_code
        for _ in range(PER_EMAIL + 2)
    ]
    assert statuses == [302] * PER_EMAIL + [200, 200]
    assert len(mail.outbox) == PER_EMAIL
    refused = client.post(url, {"email": user.email}, REMOTE_ADDR="10.0.0.8")
    page = unescape(refused.content.decode())
    assert "Trop de demandes de lien pour cette adresse électronique en une heure" in page
    assert user.email in page  # what was typed is kept
    assert "corrigez les champs signalés" not in page  # no field is wrong: the limit is
    # An unknown address is refused the same way: the limit tells nothing about accounts.
    for _ in range(PER_EMAIL):
        client.post(url, {"email": "inconnue@example.org"}, REMOTE_ADDR="10.0.0.9")
    unknown = client.post(url, {"email": "inconnue@example.org"}, REMOTE_ADDR="10.0.0.9")
    assert "Trop de demandes de lien" in unescape(unknown.content.decode())
    # Per network: many addresses from one network.
    answers = [
        client.post(url, {"email": f"p{n}@example.org"}, REMOTE_ADDR="10.0.0.10").status_code
        for n in range(PER_IP + 1)
    ]
    assert answers == [302] * PER_IP + [200]
    other_network = client.post(url, {"email": "p99@example.org"}, REMOTE_ADDR="10.0.0.11")
    assert other_network.status_code == 302


def test_password_reset_limit_holds_across_web_processes_and_restarts(client):
    """The limit was counted in the process's memory (LocMemCache, no CACHES set): each web
    process, and each restart, started again from zero, so N processes sent N times the
    limit. It counts the links sent, kept in the security log, in the shared database."""
    from django.core.cache import cache

    from fabrique.accounts.vocabulary import (
        MAX_PASSWORD_RESETS_PER_EMAIL_PER_HOUR as PER_EMAIL,
    )

    user = UserFactory()
    url = reverse("accounts:password-reset")
    for _ in range(PER_EMAIL):
        assert client.post(url, {"email": user.email}, REMOTE_ADDR="10.0.1.1").status_code == 302
        cache.clear()  # another web process answers, or the server was restarted
    refused = client.post(url, {"email": user.email}, REMOTE_ADDR="10.0.1.2")
    assert "Trop de demandes de lien pour cette adresse" in unescape(refused.content.decode())
    assert len(mail.outbox) == PER_EMAIL
    asked = SecurityEvent.objects.filter(kind=SecurityEventKind.PASSWORD_RESET_ASKED)
    assert asked.count() == PER_EMAIL  # a refused request is not a link sent
    assert {event.email for event in asked} == {user.email}
