"""Issue 12: under `make run`, an unknown URL showed Django's English debug page. `make run`
now serves with DEBUG off (static files by WhiteNoise): French 404, 403, 500 and CSRF pages."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def test_make_run_serves_without_debug():
    makefile = (ROOT / "Makefile").read_text()
    run = re.search(r"^run:.*?\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "DEBUG=0" in run and "runserver" in run
    assert re.search(r"^dev:", makefile, re.M)


def test_the_settings_of_make_run_give_a_french_404_and_serve_static_files(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "0",
        # In a folder not made yet, as var/ in a fresh clone: `migrate` makes it.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'var' / 'base.sqlite3'}",
    }
    code = (
        "import django; django.setup();"
        "from django.core.management import call_command; call_command('migrate', verbosity=0);"
        "from django.test import Client; c = Client(HTTP_HOST='localhost');"
        "r = c.get('/adresse-inconnue/'); print(r.status_code, 'Page introuvable' in r.text);"
        "s = c.get('/static/core/fabrique.css'); print(s.status_code)"
    )
    result = subprocess.run(  # noqa: S603 - our own code, run by the test
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    assert result.stdout.split() == ["404", "True", "200"]


def test_a_form_without_its_csrf_token_gets_the_french_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/connexion/", {"username": "a@b.fr", "password": "x"})
    assert response.status_code == 403
    assert "Formulaire expiré" in response.content.decode()


def test_an_action_address_opened_by_a_link_gets_a_french_page(client, django_user_model):
    user = django_user_model.objects.create_user(
        "equipe-405@fabrique.localhost", "x", role="incubateur"
    )
    client.force_login(user)
    response = client.get("/synergies/decision/")
    assert response.status_code == 405 and response["Allow"] == "POST"
    html = response.content.decode()
    assert "Action impossible depuis cette adresse" in html and "Rien n'a été modifié" in html
    assert client.get("/api/v1/projects/", REQUEST_METHOD="DELETE").status_code in {401, 403, 405}
