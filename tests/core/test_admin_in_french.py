"""The administration speaks French: the list page (columns, filters) and the add form of every
registered model, ours and the libraries', show no label that Django derived from an English
attribute name (« Attested by », « Created at », « Is public »)."""

import re
from html import unescape

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from fabrique.diagnostics.models import (
    CriteriaGrid,
    FollowUpReminder,
    Mission,
    Need,
    NeedFollowUp,
    QuestionnaireAnswer,
)
from fabrique.diagnostics.services import discovery as diagnostics_services
from fabrique.support import services
from tests.access_world import build_world
from tests.factories import UserFactory
from tests.support.factories import ExpertModuleFactory, SupplierFactory

pytestmark = pytest.mark.django_db

# Words of the English labels the administration used to show (« Uploaded at », « Search
# key », « Follow up »…): none is a French word.
ENGLISH_WORDS = {
    "answered", "application", "approved", "at", "attested", "author", "by", "candidate",
    "committee", "computed", "content", "created", "deletion", "errors", "expense", "extra",
    "follow", "group", "groups", "hash", "is", "items", "key", "kind", "label", "links",
    "member", "need", "offer", "operator", "pair", "person", "problem", "project", "rank",
    "reasons", "recipient", "recorded", "registered", "requested", "reviewer", "rows", "rule",
    "scheme", "search", "target", "token", "updated", "uploaded", "word",
}  # fmt: skip

# Texts the administration gives its reader as names: column headers, filter titles, field
# labels of the form.
LABEL = re.compile(r"<(label|th|summary|h3)\b[^>]*>(.*?)</\1>", re.S)
TAG = re.compile(r"<[^>]+>")


def english_labels(html: str) -> list[str]:
    found = []
    for _, inner in LABEL.findall(html):
        text = " ".join(unescape(TAG.sub(" ", inner)).split())
        if set(re.findall(r"[a-z]+", text.lower())) & ENGLISH_WORDS:
            found.append(text)
    return found


def registered():
    """(model, its admin) for every registered model, through the site's public API."""
    models = [model for model in apps.get_models() if admin.site.is_registered(model)]
    return [
        (model, admin.site.get_model_admin(model))
        for model in sorted(models, key=lambda model: model._meta.label)
    ]


@pytest.fixture
def superuser():
    return UserFactory(is_staff=True, is_superuser=True, role="admin")


def test_the_walk_covers_our_apps_and_the_libraries():
    apps = {model._meta.app_label for model, _ in registered()}
    assert {"accounts", "portfolio", "support", "diagnostics", "auth", "axes"} <= apps


def test_every_list_and_add_page_of_the_admin_is_in_french(client, superuser):
    client.force_login(superuser)
    request = RequestFactory().get("/")
    request.user = superuser
    english = {}
    for model, model_admin in registered():
        opts = model._meta
        pages = [reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")]
        if model_admin.has_add_permission(request):
            pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, url
            labels = english_labels(response.content.decode())
            if labels:
                english[url] = labels
    assert english == {}


def test_the_check_would_see_an_english_label():
    html = '<th scope="col" class="column-uploaded_at"><a href="?o=1">Uploaded at</a></th>'
    assert english_labels(html) == ["Uploaded at"]
    assert english_labels("<label>Déposé le :</label>") == []


def test_the_history_page_of_the_admin_is_in_french(client, superuser):
    """« Historique » of a record: French column names, choices by their label, no « None »
    nor « Deleted prestataire (pk=None) » for a link that was empty."""
    module = ExpertModuleFactory()
    services.module_quote(
        module=module, supplier=SupplierFactory(), statement_of_need="Audit", days_per_profile="5 j"
    )
    client.force_login(superuser)
    page = client.get(reverse("admin:support_expertmodule_history", args=[module.pk]))
    text = " ".join(unescape(TAG.sub(" ", page.content.decode())).split())
    assert page.status_code == 200
    assert "Statut : Identifié → Devis" in text
    assert "Prestataire : — →" in text
    for english in ("Changes", "None", "Deleted", "pk=None", "identifie → devis"):
        assert english not in text


def test_a_version_number_typed_by_hand_is_a_404_not_a_server_error(client, superuser):
    module = ExpertModuleFactory()
    client.force_login(superuser)
    history = reverse("admin:support_expertmodule_history", args=[module.pk])
    assert client.get(f"{history}abc/").status_code == 404
    assert client.get(f"{history}999999/").status_code == 404


def test_the_admin_titles_do_not_miss_the_elision(client, superuser):
    """Walk of round 3: « Ajout de utilisateur·rice », « Modification de import du référentiel »
    (Django's French titles); the name of the object now comes after a colon."""
    client.force_login(superuser)
    pages = {
        reverse("admin:accounts_user_add"): "Ajout : utilisateur·rice",
        reverse(
            "admin:accounts_user_change", args=[superuser.pk]
        ): "Modification : utilisateur·rice",
        reverse(
            "admin:accounts_user_changelist"
        ): "Sélectionnez l’objet à modifier : utilisateur·rice",
    }
    for url, title in pages.items():
        page = unescape(client.get(url).content.decode())
        assert f"{title} | Fabrique</title>" in page, url
        assert " de utilisateur" not in page, url


def test_the_title_of_a_section_page_does_not_miss_the_elision(client, superuser):
    """« Administration de Accompagnement sur-mesure » was Django's French for a section."""
    client.force_login(superuser)
    for label, name in [
        ("diagnostics", "Accompagnement sur-mesure"),
        ("impact", "Mesure d'impact"),
    ]:
        page = unescape(client.get(reverse("admin:app_list", args=[label])).content.decode())
        assert f"<title>Administration : {name} | Fabrique</title>" in page, label
        assert "Administration de " not in page.replace("Administration de Fabrique", ""), label


def _diagnostics_records():
    """Records of the accompagnement sur-mesure the access world does not make: questionnaire,
    pre-diagnostic, follow-up of a need and its reminder."""
    mission = Mission.objects.order_by("pk").first()
    diagnostics_services.questionnaire_answer(mission=mission, raw={"site": "non"})
    diagnostics_services.prediagnostic_refresh(mission=mission)
    need = Need.objects.filter(mission=mission).first()
    need.scores = {"importance": 3, "urgence": 2}
    need.save()
    NeedFollowUp.objects.create(
        need=need, milestone=3, state="en-cours", recorded_on=timezone.localdate()
    )
    FollowUpReminder.objects.create(mission=mission, milestone=3, recipient=mission.consultant)


def test_every_change_page_of_the_admin_answers_in_french(client, superuser):
    """Leftovers round 7: the sur-mesure had no administration. Every registered model, ours
    and the libraries', opens its change page (an object of each from the access world), in
    French; the diagnostics models are all there."""
    build_world()
    _diagnostics_records()
    client.force_login(superuser)
    diagnostics = {
        model
        for model in apps.get_app_config("diagnostics").get_models()
        if not model.__name__.startswith("Historical")
    }
    assert diagnostics <= {model for model, _ in registered()}
    english, missing = {}, []
    for model, _ in registered():
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            missing.append(model._meta.label)
            continue
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        response = client.get(url)
        assert response.status_code == 200, url
        if labels := english_labels(response.content.decode()):
            english[url] = labels
    assert english == {}
    assert not [label for label in missing if label.startswith("diagnostics.")], missing


def test_the_json_of_the_sur_mesure_is_shown_in_words(client, superuser):
    build_world()
    _diagnostics_records()
    client.force_login(superuser)
    pages = {
        reverse("admin:diagnostics_need_change", args=[Need.objects.exclude(scores={}).get().pk]): [
            "Importance pour les usagers : 3 / 3",
            "Urgence : 2 / 3",
            "importance",
        ],
        reverse("admin:diagnostics_criteriagrid_change", args=[CriteriaGrid.objects.first().pk]): [
            "Coût (plus bas, mieux c'est) : coefficient 1 ; plus la note est basse",
            "weight",
        ],
        reverse(
            "admin:diagnostics_questionnaireanswer_change",
            args=[QuestionnaireAnswer.objects.get().pk],
        ): ["La collectivité a-t-elle un site internet ?<br>→ non", "site"],
    }
    for url, (*expected, key) in pages.items():
        page = unescape(client.get(url).content.decode())
        for text in expected:
            assert text in page, (url, text)
        for raw in (f'"{key}"', f"'{key}'"):  # no JSON left raw
            assert raw not in page, (url, raw)


def test_the_days_of_a_mission_are_in_the_list(client, superuser):
    build_world()
    client.force_login(superuser)
    page = client.get(reverse("admin:diagnostics_mission_changelist")).content.decode()
    assert "Jours passés (sur 10)" in page
    assert 'class="field-days_used">1<' in page  # two half-days logged
