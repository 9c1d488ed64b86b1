import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_production_settings_pass_check_deploy(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": "k" * 20 + "production-secret-for-the-check-only-0123456789",
        "ALLOWED_HOSTS": "fabrique.example.gouv.fr",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_a_short_secret_key(tmp_path):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.prod", "SECRET_KEY": "court"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "SECRET_KEY doit contenir au moins 50 caractères" in result.stderr


def test_csp_header_carries_the_nonce_of_every_script(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    html = response.content.decode()
    scripts = html.count("<script")
    assert scripts >= 2
    assert html.count(f'nonce="{nonce}"') == scripts


def test_admin_is_not_at_the_default_path(client):
    assert settings.ADMIN_URL != "admin/"
    assert client.get("/admin/").status_code == 404
    response = client.get(f"/{settings.ADMIN_URL}")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_security_headers(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_layout_has_header_search_skip_links_and_footer(client):
    html = client.get("/").content.decode()
    assert '<html lang="fr"' in html
    assert 'class="fr-skiplinks"' in html
    assert 'href="#content"' in html
    assert 'id="header-search-input"' in html
    assert 'class="fr-header__service-title"' in html
    assert 'id="footer"' in html
    assert settings.TIME_ZONE == "Europe/Paris"
    assert settings.LANGUAGE_CODE == "fr-fr"


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("DATABASE_URL", "DATABASE_URL est obligatoire"),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS est obligatoire"),
    ],
)
def test_production_refuses_to_fall_back_silently(tmp_path, missing, message):
    """Issue 17, defect 11: prod fell back to SQLite and to localhost without a word."""
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "ALLOWED_HOSTS")},
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": "k" * 60,
        "ALLOWED_HOSTS": "fabrique.example.gouv.fr",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
    }
    del env[missing]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True,
        check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert message in result.stderr
