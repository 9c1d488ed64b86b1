"""The team's list of problems: the theme filter lists the themes found (accents and case are
never to be guessed), and an unknown theme is refused without hiding the list."""

import re
from html import unescape

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.investigations.forms.calls import CallForm
from fabrique.investigations.vocabulary import ProblemStatus
from tests.factories import RegionFactory, UserFactory

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


def test_mon_espace_counts_to_examine_only_the_problems_that_can_be_scored_today(client):
    """A problem of a call still open cannot be scored before the call closes: « Mon espace » does
    not send the team to examine it today, it says when its scoring opens."""
    from datetime import timedelta

    from django.utils import timezone

    from .factories import CallFactory, ClosedCallFactory

    open_call = CallFactory()
    ProblemFactory(title="Appel encore ouvert", call=open_call)
    ProblemFactory(title="Appel clos", call=ClosedCallFactory())
    ProblemFactory(title="Sans appel")
    client.force_login(UserFactory(role=Role.INCUBATOR))
    page = unescape(client.get(reverse("accounts:dashboard")).content.decode())
    to_examine = re.search(r'>2</span>\s*<a[^>]*href="([^"]+)"[^>]*>\s*Problèmes à examiner', page)
    listed = unescape(client.get(to_examine.group(1)).content.decode())
    assert "Appel clos" in listed and "Sans appel" in listed
    assert "Appel encore ouvert" not in listed
    waiting = re.search(
        r'>1</span>\s*<a[^>]*href="([^"]+)"[^>]*>\s*Problème déposé dans un appel encore ouvert',
        page,
    )
    opens = open_call.closes_on + timedelta(days=1)
    assert f"notation à partir du {opens:%d/%m/%Y}" in page
    listed = unescape(client.get(waiting.group(1)).content.decode())
    assert "Appel encore ouvert" in listed and "Appel clos" not in listed
    assert "Sans appel" not in listed
    assert timezone.localdate() <= open_call.closes_on


def test_the_call_form_offers_the_regions_in_french_alphabetical_order():
    """Walk of round 3: « Île-de-France » came after « Provence-Alpes-Côte d'Azur »."""
    regions = (
        ("93", "Provence-Alpes-Côte d'Azur"),
        ("11", "Île-de-France"),
        ("52", "Pays de la Loire"),
    )
    for code, name in regions:
        RegionFactory(code=code, name=name)
    names = [region.name for region in CallForm().fields["regions"].queryset]
    assert names == ["Île-de-France", "Pays de la Loire", "Provence-Alpes-Côte d'Azur"]
