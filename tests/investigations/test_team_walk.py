"""The team's list of problems: the theme filter lists the themes found (accents and case are
never to be guessed), and an unknown theme is refused without hiding the list."""

import re
from html import unescape

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.investigations.vocabulary import ProblemStatus
from tests.factories import UserFactory

from .factories import ProblemFactory

pytestmark = pytest.mark.django_db


def test_the_theme_filter_offers_the_themes_found(client):
    ProblemFactory(title="Navette", theme="Mobilité")
    ProblemFactory(title="Déchetterie", theme="Déchets")
    ProblemFactory(title="Sans thème", theme="")
    client.force_login(UserFactory(role=Role.INCUBATOR))
    url = reverse("investigations:problems")
    page = unescape(client.get(url).content.decode())
    assert '<select name="theme"' in page
    assert '<option value="Déchets">Déchets</option>' in page
    assert '<option value="Mobilité">Mobilité</option>' in page
    filtered = unescape(client.get(url, {"theme": "Mobilité"}).content.decode())
    assert "Navette" in filtered and "Déchetterie" not in filtered
    unknown = unescape(client.get(url, {"theme": "mobilite"}).content.decode())
    assert "Sélectionnez un choix valide" in unknown and "Navette" in unknown


def test_mon_espace_links_the_problems_to_examine_to_exactly_those(client):
    ProblemFactory(title="À examiner")
    ProblemFactory(title="Déjà retenu", status=ProblemStatus.SELECTED)
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = unescape(client.get(reverse("accounts:dashboard")).content.decode())
    link = re.search(r'>1</span>\s*<a[^>]*href="([^"]+)"[^>]*>\s*Problème à examiner', page)
    listed = unescape(client.get(link.group(1)).content.decode())
    assert "À examiner" in listed and "Déjà retenu" not in listed
