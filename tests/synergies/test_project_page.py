"""« Similaires ailleurs » on the project page: what each role sees, the team's decisions taken
from there, privacy of the shared words, query count, accessible markup."""

from html.parser import HTMLParser

import pytest

from fabrique.accounts.models import Role
from fabrique.synergies import selectors, services
from fabrique.synergies.models import SimilarityLink, SynergyDecision
from fabrique.synergies.selectors import sources
from fabrique.synergies.vocabulary import ItemKind, item_key, pair_key
from tests.factories import UserFactory
from tests.portfolio.factories import ProjectFactory, TeamMemberFactory
from tests.synergies.django_fixtures import unrelated_items

pytestmark = pytest.mark.django_db

ANCHOR = "#similaires-ailleurs"
DECIDE = "/synergies/decision/"
STAFF = {"admin", "incubateur"}
VIEWERS = ["admin", "incubateur", "coach-equipe", "coach-autre", "agent", "porteur", "anonyme"]


def _solution(name="Végétal'Cour", slug="vegetal-cour"):
    model = sources.solution_model()
    fields = {f.name: f for f in model._meta.get_fields()}
    values = {"name": name, "slug": slug}
    values["description"] = "Outil pour végétaliser et désimperméabiliser la cour d'école"
    if "origin" in fields:
        values["origin"] = fields["origin"].choices[0][0]
    if "cost_model" in fields:
        values["cost_model"] = fields["cost_model"].choices[0][0]
    return model.objects.create(**values)


@pytest.fixture
def computed(corpus):
    corpus["solution"] = _solution()
    services.recompute()
    return corpus


@pytest.fixture
def viewers(users, computed):
    """Every kind of visitor of the « cours d'école » project page (None: anonymous)."""
    cour = computed["cour"]
    TeamMemberFactory(project=cour, user=users[Role.COACH])
    TeamMemberFactory(project=cour, user=users[Role.SERVICE_OWNER])
    other_coach = UserFactory(role=Role.COACH, email="coach.ailleurs@exemple.gouv.fr")
    TeamMemberFactory(project=computed["cantine"], user=other_coach)
    return {
        "admin": users[Role.ADMIN],
        "incubateur": users[Role.INCUBATOR],
        "coach-equipe": users[Role.COACH],
        "coach-autre": other_coach,
        "agent": users[Role.AGENT],
        "porteur": users[Role.SERVICE_OWNER],
        "anonyme": None,
    }


def _as(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


def _similar_link(cour) -> SimilarityLink:
    """The best neighbour shown on the project page."""
    return selectors.similar_to(ItemKind.PROJET, cour.pk).elsewhere[0]


def _solution_link(cour) -> SimilarityLink:
    return selectors.similar_to(ItemKind.PROJET, cour.pk).solutions[0]


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Page(HTMLParser):
    """The buttons (text, attributes), the ids and their texts of a page; enough to check
    accessible names without a browser."""

    def __init__(self, html: str):
        super().__init__()
        self.buttons: list[dict] = []
        self.texts: dict[str, str] = {}
        self._open: list[tuple[str, str | None]] = []  # (tag, id) of the open elements
        self._button: dict | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in VOID:
            return
        if attrs.get("id"):
            assert attrs["id"] not in self.texts, f"id en double : {attrs['id']}"
            self.texts[attrs["id"]] = ""
        self._open.append((tag, attrs.get("id")))
        if tag == "button":
            self._button = {"attrs": attrs, "text": ""}

    def handle_endtag(self, tag):
        while any(open_tag == tag for open_tag, _ in self._open):
            open_tag, _ = self._open.pop()
            if open_tag == tag:
                break
        if tag == "button" and self._button is not None:
            self.buttons.append(self._button)
            self._button = None

    def handle_data(self, data):
        for _, element_id in self._open:
            if element_id:
                self.texts[element_id] += data
        if self._button is not None:
            self._button["text"] += data


def _decision_buttons(html: str) -> list[dict]:
    return [b for b in Page(html).buttons if b["attrs"].get("name") == "status"]


# --- What each role sees -------------------------------------------------------------------


@pytest.mark.parametrize("who", VIEWERS)
def test_every_visitor_sees_similar_elsewhere_and_only_the_team_may_decide(
    client, viewers, computed, who
):
    cour = computed["cour"]
    link = _similar_link(cour)
    services.decide(
        a=link.source_key, b=link.target_key, status="confirmee", by=viewers["incubateur"]
    )
    html = _as(client, viewers[who]).get(cour.get_absolute_url()).content.decode()
    assert 'id="similaires-ailleurs"' in html and "Similaires ailleurs" in html
    assert html.count('class="fr-mb-2w synergy-similar"') == len(
        selectors.similar_to(ItemKind.PROJET, cour.pk).elsewhere
    )
    assert f'data-pair="{link.pair_key}"' in html
    assert "\u00a0%" in html  # scores
    assert 'aria-label="Mots partagés"' in html and "cour" in " ".join(link.reasons)
    assert "Solutions du catalogue qui pourraient répondre" in html
    assert "Végétal&#x27;Cour" in html
    buttons = _decision_buttons(html)
    if who in STAFF:
        shown = len(selectors.similar_to(ItemKind.PROJET, cour.pk).elsewhere) + 1
        assert len(buttons) == 3 * shown  # each neighbour and the solution
        assert "Synergie confirmée" in html  # the decision already taken on that pair
        assert f'action="{DECIDE}"' in html
    else:
        assert buttons == []
        assert f'action="{DECIDE}"' not in html
        assert "Synergie confirmée" not in html  # the team's follow-up is not public


@pytest.mark.parametrize("who", VIEWERS)
def test_a_dismissed_pair_is_shown_to_nobody(client, viewers, computed, who):
    cour = computed["cour"]
    link = _similar_link(cour)
    solution = _solution_link(cour)
    for pair in (link, solution):
        services.decide(a=pair.source_key, b=pair.target_key, status="ecartee", by=viewers["admin"])
    html = _as(client, viewers[who]).get(cour.get_absolute_url()).content.decode()
    assert "Similaires ailleurs" in html
    assert f'data-pair="{link.pair_key}"' not in html
    assert f'data-pair="{solution.pair_key}"' not in html
    assert "Végétal&#x27;Cour" not in html


# --- Decisions from the project page -------------------------------------------------------


@pytest.mark.parametrize("who", ["admin", "incubateur"])
def test_the_team_decides_from_the_project_page(
    client, viewers, computed, who, django_capture_on_commit_callbacks
):
    cour = computed["cour"]
    url = cour.get_absolute_url()
    link = _similar_link(cour)
    _as(client, viewers[who])
    html = client.get(url).content.decode()
    assert f'name="next" value="{url}{ANCHOR}"' in html

    pair = {"a": link.source_key, "b": link.target_key, "next": url + ANCHOR}
    response = client.post(DECIDE, {**pair, "status": "confirmee"})
    assert response.status_code == 302 and response["Location"] == url + ANCHOR
    response = client.post(DECIDE, {**pair, "status": "mise-en-relation"}, follow=True)
    html = response.content.decode()
    assert "Mise en relation enregistrée." in html
    assert "Synergie confirmée" in html and "Mis en relation" in html
    assert SynergyDecision.objects.filter(decided_by=viewers[who]).count() == 2

    # Dismissed: gone at once, and for good (the decision triggers a recomputation on commit).
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(DECIDE, {**pair, "status": "ecartee"}, follow=True)
    assert len(callbacks) == 1
    html = response.content.decode()
    assert "cette paire ne sera plus proposée" in html
    assert f'data-pair="{link.pair_key}"' not in html
    for _ in range(2):
        assert not SimilarityLink.objects.filter(
            source_kind=link.source_kind,
            source_id=link.source_id,
            target_kind=link.target_kind,
            target_id=link.target_id,
        ).exists()
        html = client.get(url).content.decode()
        assert f'data-pair="{link.pair_key}"' not in html
        services.recompute()


def test_a_catalogue_solution_is_dismissed_from_the_project_page(
    client, viewers, computed, django_capture_on_commit_callbacks
):
    cour = computed["cour"]
    url = cour.get_absolute_url()
    solution = _solution_link(cour)
    _as(client, viewers["incubateur"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            DECIDE,
            {"a": solution.source_key, "b": solution.target_key, "status": "ecartee",
             "next": url + ANCHOR},
        )  # fmt: skip
    assert response["Location"] == url + ANCHOR
    services.recompute()
    assert not SimilarityLink.objects.filter(
        source_kind=ItemKind.PROJET, source_id=cour.pk, target_kind=ItemKind.SOLUTION
    ).exists()
    html = _as(client, None).get(url).content.decode()
    assert "Solutions du catalogue qui pourraient répondre" not in html
    assert "Végétal&#x27;Cour" not in html


@pytest.mark.parametrize("who", ["coach-equipe", "coach-autre", "agent", "porteur", "anonyme"])
def test_others_may_not_decide(client, viewers, computed, who):
    cour = computed["cour"]
    link = _similar_link(cour)
    for status in ("confirmee", "ecartee", "mise-en-relation"):
        response = _as(client, viewers[who]).post(
            DECIDE,
            {"a": link.source_key, "b": link.target_key, "status": status,
             "next": cour.get_absolute_url() + ANCHOR},
        )  # fmt: skip
        if who == "anonyme":  # the site's rule for anonymous visitors: log in first
            assert response.status_code == 302 and "/connexion/" in response["Location"]
        else:
            assert response.status_code == 403
    assert not SynergyDecision.objects.exists()
    assert f'data-pair="{link.pair_key}"' in client.get(cour.get_absolute_url()).content.decode()


# --- Privacy of the shared words -----------------------------------------------------------


def test_index_texts_hold_only_what_public_pages_show(client, computed):
    """Reasons are words of both texts: the indexed text of a project must be made of the
    fields its public page shows (name, mission, description), nothing private."""
    secret = "motconfidentielxyz"
    project = ProjectFactory(
        name="Cour d'école verte",
        slug="cour-verte",
        mission="Végétaliser la cour d'école",
        description="Désimperméabiliser les cours d'école.",
        review_notes=secret,
        postmortem_learnings=secret,
        postmortem_reasons=secret,
        contact=f"{secret}@exemple.fr",
        user_types=secret,
        incubator=secret,
    )
    entry = next(e for e in sources.collect() if e.key == item_key(ItemKind.PROJET, project.pk))
    assert secret not in entry.item.text
    public = client.get(project.get_absolute_url()).content.decode()
    for word in ("Végétaliser la cour d&#x27;école", "Désimperméabiliser les cours"):
        assert word in public  # what is indexed is on the public page
    services.recompute()
    assert not any(
        secret in reason for link in SimilarityLink.objects.all() for reason in link.reasons
    )


def test_a_kind_with_private_text_stays_hidden_from_the_public(
    client, viewers, computed, monkeypatch
):
    """Should a kind carry private text (later: problems, needs), taking it out of
    `PUBLIC_KINDS` hides its items from the public, but not from the incubator team."""
    from fabrique.synergies import access

    cour = computed["cour"]
    link = _similar_link(cour)
    assert link.target_kind == ItemKind.INITIATIVE
    monkeypatch.setattr(access, "PUBLIC_KINDS", frozenset({ItemKind.PROJET, ItemKind.SOLUTION}))
    public = _as(client, viewers["agent"]).get(cour.get_absolute_url()).content.decode()
    assert f'data-pair="{link.pair_key}"' not in public
    assert "(Initiative locale" not in public
    staff = _as(client, viewers["incubateur"]).get(cour.get_absolute_url()).content.decode()
    assert f'data-pair="{link.pair_key}"' in staff


def test_no_shared_word_of_a_private_source_is_shown(viewers, computed, monkeypatch):
    """The reasons of a pair show only when both texts are public to the viewer."""
    from fabrique.synergies import access

    cour = computed["cour"]
    monkeypatch.setattr(access, "PUBLIC_KINDS", frozenset({ItemKind.INITIATIVE, ItemKind.SOLUTION}))
    kinds = access.similar_kinds(viewers["anonyme"])
    public = selectors.similar_to(ItemKind.PROJET, cour.pk, kinds=kinds)
    assert public.elsewhere and all(link.reasons == [] for link in public.elsewhere)
    assert all(link.target_kind != ItemKind.PROJET for link in public.elsewhere)
    staff = selectors.similar_to(
        ItemKind.PROJET, cour.pk, kinds=access.similar_kinds(viewers["admin"])
    )
    assert staff.elsewhere[0].reasons


# --- Query count, markup -------------------------------------------------------------------


@pytest.mark.parametrize("who", ["incubateur", "anonyme"])
def test_query_count_does_not_grow_with_the_links(
    client, viewers, computed, who, django_assert_max_num_queries
):
    cour = computed["cour"]
    url = cour.get_absolute_url()
    _as(client, viewers[who])
    client.get(url)
    with django_assert_max_num_queries(50) as few:
        small = client.get(url).content.decode()
    unrelated_items(200)  # so that the cour d'école words stay rare enough to explain a pair
    for number in range(15):  # far more neighbours, solutions and decisions
        ProjectFactory(
            name=f"Cours d'école végétalisées, lot {number}",
            slug=f"cour-lot-{number}",
            mission="Végétaliser et désimperméabiliser les cours d'école",
        )
        _solution(f"Cour verte {number}", f"cour-verte-{number}")
    services.recompute()
    for link in SimilarityLink.objects.filter(source_kind=ItemKind.PROJET, source_id=cour.pk):
        services.decide(
            a=link.source_key, b=link.target_key, status="confirmee", by=viewers["admin"]
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        large = client.get(url).content.decode()
    assert large.count("synergy-similar") == selectors.SIMILAR_SHOWN
    assert large.count("synergy-solution") == selectors.SOLUTIONS_SHOWN
    assert large.count("synergy-similar") > small.count("synergy-similar")


def test_decision_buttons_have_accessible_names(client, viewers, computed):
    cour = computed["cour"]
    html = _as(client, viewers["incubateur"]).get(cour.get_absolute_url()).content.decode()
    page = Page(html)
    buttons = _decision_buttons(html)
    assert buttons
    labels = {"Confirmer", "Mise en relation faite", "Écarter"}
    assert {b["text"].strip() for b in buttons} == labels
    similar = selectors.similar_to(ItemKind.PROJET, cour.pk)
    names = {link.target_label for link in [*similar.elsewhere, *similar.solutions]}
    for button in buttons:
        assert button["attrs"]["type"] == "submit"
        described = button["attrs"]["aria-describedby"]
        assert described in page.texts, f"aria-describedby sans cible : {described}"
        assert page.texts[described].strip() in names  # names the item it decides on


def test_the_synergies_page_uses_the_same_decision_form(client, viewers, computed):
    html = _as(client, viewers["incubateur"]).get("/synergies/").content.decode()
    page = Page(html)
    buttons = _decision_buttons(html)
    assert {b["text"].strip() for b in buttons} == {
        "Confirmer",
        "Mise en relation faite",
        "Écarter",
    }
    assert all(b["attrs"]["aria-describedby"] in page.texts for b in buttons)
    assert 'name="next" value="/synergies/"' in html


def test_pair_key_of_a_link_is_the_pair_key_of_its_items(computed):
    link = SimilarityLink.objects.first()
    assert link.pair_key == pair_key(link.target_key, link.source_key)
