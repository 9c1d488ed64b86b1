"""The pages every DSFR site links from its footer: legal notice, personal data, accessibility;
each public, in French, with a way to reach the team (the contact address of the settings)."""

from html import unescape

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

PAGES = {
    "/mentions-legales/": "Mentions légales",
    "/donnees-personnelles/": "Données personnelles",
    "/accessibilite/": "Accessibilité",
}


@pytest.mark.parametrize("url", ["/", "/recrutement/", "/compte/demande/"])
def test_footer_links_the_legal_pages(client, url):
    page = client.get(url).content.decode()
    footer = page[page.index('<footer class="fr-footer"') :]
    for link in PAGES:
        assert f'href="{link}"' in footer


@override_settings(CONTACT_EMAIL="incubateur@exemple.gouv.fr")
@pytest.mark.parametrize(("url", "title"), PAGES.items())
def test_legal_pages_are_public_and_give_a_contact(client, url, title):
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<h1>{title}</h1>" in page
    head = page[page.index("<title>") + 7 : page.index("</title>")]
    assert " ".join(head.split()) == f"{title} — Fabrique"
    assert 'href="mailto:incubateur@exemple.gouv.fr"' in page


def test_personal_data_page_tells_applicants_and_requesters_what_is_kept(client):
    page = client.get("/donnees-personnelles/").content.decode()
    # The people without an account: applicants and those who ask for one.
    assert "candidature" in page.lower() and "demande de compte" in page.lower()
    assert "24 mois" in page and "12 mois" in page


def test_mes_donnees_links_the_public_page(client, django_user_model):
    user = django_user_model.objects.create_user(email="zoe@exemple.fr", password="x-Y-z-2026!")
    client.force_login(user)
    page = client.get("/mon-espace/donnees/").content.decode()
    assert 'href="/donnees-personnelles/"' in page
    assert "de la documentation" not in page


@override_settings(CONTACT_EMAIL="incubateur@exemple.gouv.fr")
def test_refused_page_gives_the_contact(client, django_user_model):
    user = django_user_model.objects.create_user(email="zoe@exemple.fr", password="x-Y-z-2026!")
    client.force_login(user)
    response = client.get("/mon-espace/demandes-de-compte/")
    assert response.status_code == 403
    page = response.content.decode()
    assert 'href="mailto:incubateur@exemple.gouv.fr"' in page
    # A way back to where this person works, not only the home page.
    assert '<a class="fr-btn" href="/mon-espace/">Mon espace</a>' in page


def test_a_form_sent_back_with_errors_says_so_in_the_title(client):
    """RGAA 11.10: the title of a page showing form errors says so (it stayed « Demander un
    compte — Fabrique », and a phone showed the top of the page, far from the message)."""
    page = client.post("/compte/demande/", {}).content.decode()
    title = page[page.index("<title>") : page.index("</title>")]
    assert "Erreur : " in title and "Demander un compte" in title
    fresh = client.get("/compte/demande/").content.decode()
    assert "Erreur" not in fresh[fresh.index("<title>") : fresh.index("</title>")]


def test_legal_notice_gives_the_mentions_the_law_requires(client, settings):
    """LCEN, article 6: the legal notice names the director of publication and the host (name,
    address, telephone); the page had neither. They are the operator's facts (environment);
    until given, the page says they are missing rather than leaving them out silently."""
    page = unescape(client.get("/mentions-legales/").content.decode())
    assert "Directeur ou directrice de la publication" in page and "Hébergement" in page
    assert "Non renseigné par l'exploitant du site (variable LEGAL_HOST" in page
    settings.LEGAL_PUBLISHER = "Agence nationale de la cohésion des territoires"
    settings.LEGAL_PUBLICATION_DIRECTOR = "Camille Martin, directrice générale"
    settings.LEGAL_HOST = "Hébergeur SAS, 1 rue de l'Exemple, 75000 Paris, 01 23 45 67 89"
    page = unescape(client.get("/mentions-legales/").content.decode())
    assert "qui l'exploite : Agence nationale de la cohésion des territoires." in page
    assert "Camille Martin, directrice générale" in page
    assert "Hébergeur SAS, 1 rue de l'Exemple, 75000 Paris" in page
    assert "Non renseigné" not in page
