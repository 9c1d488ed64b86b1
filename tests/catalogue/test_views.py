from datetime import date, timedelta

import pytest
from django.urls import reverse

from fabrique.accounts.models import Role
from fabrique.catalogue import selectors, services
from fabrique.catalogue.models import (
    FundingScheme,
    Operator,
    Solution,
    SolutionSuggestion,
    SolutionUse,
)
from fabrique.territories.models import Commune, Departement

from ..factories import UserFactory
from ..query_counts import assert_constant_queries
from .factories import FundingSchemeFactory, OperatorFactory, SolutionFactory

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def text(response) -> str:
    """The page with its whitespace collapsed, as one reads it."""
    return " ".join(html(response).split())


def make_solutions(count, communes=()):
    for index in range(count):
        solution = SolutionFactory(
            name=f"Outil {index}",
            categories=["relation-usagers", "securite"][: 1 + index % 2],
            origin=["incubateur", "logiciel-libre", "marche"][index % 3],
            licence=["MIT", "EUPL-1.2", ""][index % 3],
        )
        for commune in communes:
            services.solution_use_add(solution=solution, territory=commune)


# --- Search ---------------------------------------------------------------------------------


def test_search_page_with_facets(client):
    SolutionFactory(name="Sécurité numérique", categories=["securite"], origin="marche",
                    licence="")  # fmt: skip
    SolutionFactory(name="Démarches simplifiées", categories=["relation-usagers"])
    page = html(client.get("/catalogue/?q=securite"))
    assert "Sécurité numérique" in page and "Démarches simplifiées" not in page
    assert "1 solution" in page
    assert 'class="fr-search-bar' in page and 'class="fr-tag fr-tag--sm"' in page
    page = html(client.get("/catalogue/?categorie=relation-usagers"))
    assert "Démarches simplifiées" in page and "Sécurité numérique" not in page
    assert 'aria-current="true"' in page  # the selected tag
    assert "Effacer les filtres" in page


def test_search_answers_htmx_with_the_results_only(client):
    SolutionFactory(name="Cartographie")
    response = client.get(
        "/catalogue/?q=carto", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="catalogue-results"
    )
    assert "Cartographie" in html(response)
    assert "<html" not in html(response)


@pytest.mark.parametrize("count", [3, 30])
def test_search_runs_a_constant_number_of_queries(client, territories, count,
                                                  django_assert_max_num_queries):  # fmt: skip
    make_solutions(count, communes=Commune.objects.filter(insee__in=["42248", "35288"]))
    with django_assert_max_num_queries(4):
        response = client.get("/catalogue/?q=outil&categorie=securite&origine=marche")
    assert response.status_code == 200


# --- A solution -----------------------------------------------------------------------------


def test_solution_page(client, territories):
    solution = SolutionFactory(
        name="Registre des arbres", description="**Un inventaire** <script>x</script>",
        yearly_cost=250, cost_model="abonnement", licence="EUPL-1.2",
    )  # fmt: skip
    other = SolutionFactory(name="Arbres remarquables")
    services.solution_save(name=solution.name, solution=solution, similar=[other])
    services.solution_use_add(
        solution=solution, territory=Commune.objects.get(insee="42248"), since=date(2024, 1, 1)
    )
    OperatorFactory(name="SITIV", solutions=[solution])
    page = html(client.get(solution.get_absolute_url()))
    assert "<strong>Un inventaire</strong>" in page and "<script>x</script>" not in page
    assert "EUPL-1.2" in page and "250 € par an pour une petite commune" in page
    assert "Arbres remarquables" in page and "SITIV" in page
    assert "Communes utilisatrices, par département" in page
    assert "Saint-Just-en-Chevalet" in page and "(depuis 2024)" in page
    assert 'id="funding-match-form"' in page
    assert "Modifier" not in page


def test_unknown_solution_gives_the_french_404(client):
    response = client.get("/catalogue/solutions/inconnue/")
    assert response.status_code == 404
    assert "Page introuvable" in html(response)


@pytest.mark.parametrize("users_count", [1, 15])
def test_solution_page_runs_a_constant_number_of_queries(
    client, territories, users_count, django_assert_max_num_queries
):
    solution = SolutionFactory()
    services.solution_save(
        name=solution.name, solution=solution, similar=[SolutionFactory(), SolutionFactory()]
    )
    OperatorFactory(solutions=[solution], departements=Departement.objects.filter(code="42"))
    for commune in Commune.objects.order_by("insee")[:users_count]:
        services.solution_use_add(solution=solution, territory=commune)
    with django_assert_max_num_queries(9):
        assert client.get(solution.get_absolute_url()).status_code == 200


# --- Near you and funding -------------------------------------------------------------------


def test_near_you_page_and_commune_block(client, territories, django_assert_max_num_queries):
    loire = Departement.objects.get(code="42")
    OperatorFactory(name="SITIV", departements=[loire], website="https://www.sitiv.fr/")
    solution = SolutionFactory(name="Conseil facile")
    services.solution_use_add(solution=solution, territory=Commune.objects.get(insee="42282"))
    with django_assert_max_num_queries(8):
        page = html(client.get("/catalogue/communes/42248/"))
    assert "Solutions utilisées près de Saint-Just-en-Chevalet" in page
    assert "Conseil facile" in page and "Saint-Romain-d&#x27;Urfé" in page
    assert "SITIV" in page
    territory_page = html(client.get("/territoires/communes/42248/"))
    assert "Opérateur public de services numériques (OPSN)" in territory_page
    assert "SITIV" in territory_page
    assert "/catalogue/financements/?commune=42248" in territory_page
    assert "Aucun opérateur public" in html(client.get("/territoires/communes/35288/"))
    assert client.get("/catalogue/communes/99999/").status_code == 404


def test_near_you_page_elides_before_a_vowel_and_names_the_intercommunalite(client, territories):
    """« près d'Andrézieux-Bouthéon », not « près de Andrézieux-Bouthéon »; the EPCI is named as
    such, not glued after « les communes de »."""
    commune = Commune.objects.get(insee="42005")
    page = text(client.get("/catalogue/communes/42005/"))
    assert "Solutions utilisées près d&#x27;Andrézieux-Bouthéon" in page
    assert "près de Andrézieux" not in page
    assert "Ce que Andrézieux" not in page
    assert f"les autres communes de son intercommunalité ({commune.epci.name})" in page
    block = text(client.get("/territoires/communes/42005/"))
    assert "Solutions utilisées près d&#x27;Andrézieux-Bouthéon" in block


@pytest.fixture
def schemes(territories):
    FundingSchemeFactory(
        name="Loire numérique", population_max=3500,
        departements=Departement.objects.filter(code="42"),
    )  # fmt: skip
    FundingSchemeFactory(name="Fonds clos", is_closed=True, deadline=date(2023, 12, 31))
    for index in range(12):
        FundingSchemeFactory(name=f"Aide nationale {index}")


def test_funding_match_page_lists_reasons(client, schemes, django_assert_max_num_queries):
    solution = SolutionFactory(name="Registre", categories=["relation-usagers"])
    with django_assert_max_num_queries(6):
        response = client.get(f"/catalogue/financements/?commune=42248&solution={solution.slug}")
    page = text(response)
    assert "Financements que Saint-Just-en-Chevalet peut obtenir" in page
    assert "13 dispositifs ouverts pour Saint-Just-en-Chevalet." in page
    assert "population 1 141 ≤ 3 500" in page and "périmètre : Loire (42)" in page
    assert "thème : numérique" in page and "ouvert aux communes" in page
    assert "Fonds clos" not in page
    # By name, through the form.
    page = html(client.get("/catalogue/financements/?collectivite=Saint-Just-en-Chevalet"))
    assert "Financements que Saint-Just-en-Chevalet peut obtenir" in page
    page = html(client.get("/catalogue/financements/?collectivite=zzzzzz"))
    assert "Aucune collectivité ne correspond à « zzzzzz » : tapez son nom ou le code Insee" in page
    response = client.get("/catalogue/financements/?commune=99999")
    assert response.status_code == 404 and "Page introuvable" in html(response)


def test_scheme_list_and_page(client, schemes):
    page = html(client.get("/catalogue/financements/"))
    assert "Loire numérique" in page and "Fonds clos" not in page
    page = html(client.get("/catalogue/financements/?etat=clos"))
    assert "Fonds clos" in page and "Loire numérique" not in page
    closed = FundingScheme.objects.get(name="Fonds clos")
    page = html(client.get(closed.get_absolute_url()))
    assert 'id="scheme-state">Clos' in page and "31/12/2023" in page
    assert "Loire (42)" in html(
        client.get(FundingScheme.objects.get(name="Loire numérique").get_absolute_url())
    )


def test_scheme_perimeter_is_a_list_without_a_space_before_its_commas(client, territories):
    scheme = FundingSchemeFactory(
        name="Deux départements", departements=Departement.objects.filter(code__in=["42", "35"])
    )
    page = text(client.get(scheme.get_absolute_url()))
    assert "Ille-et-Vilaine (35), Loire (42)" in page or "Loire (42), Ille-et-Vilaine (35)" in page
    assert " ," not in page


def test_operator_pages(client, territories):
    loire = Departement.objects.get(code="42")
    for index in range(5):
        OperatorFactory(name=f"OPSN {index}", departements=[loire], solutions=[SolutionFactory()])
    page = html(client.get("/catalogue/operateurs/?departement=42"))
    assert "OPSN 4" in page
    assert "Aucun opérateur connu pour ce département" in html(
        client.get("/catalogue/operateurs/?departement=35")
    )
    operator = Operator.objects.get(name="OPSN 0")
    assert "Loire (42)" in html(client.get(operator.get_absolute_url()))


def test_open_data_page(client):
    page = html(client.get("/catalogue/donnees/"))
    assert "/catalogue/donnees/solutions.csv" in page and "Relation aux usagers" in page


# --- Constant number of queries: each list page at 2 then 20 rows ---------------------------


def grow_catalogue(rows: int) -> None:
    """`rows` more of everything a public list page shows: schemes over the Loire, OPSN of the
    Loire with a solution each, solutions used near Saint-Just-en-Chevalet."""
    loire = Departement.objects.get(code="42")
    neighbour = Commune.objects.get(insee="42282")
    for _ in range(rows):
        FundingSchemeFactory(departements=[loire], population_max=3500)
        solution = SolutionFactory()
        services.solution_use_add(solution=solution, territory=neighbour)
        OperatorFactory(departements=[loire], solutions=[solution])


@pytest.mark.parametrize(
    ("url", "budget", "shown"),
    [
        ("/catalogue/financements/", 2, FundingScheme),
        ("/catalogue/financements/?etat=tous&type=subvention&theme=numerique", 2, FundingScheme),
        ("/catalogue/financements/?commune=42248", 5, FundingScheme),
        ("/catalogue/operateurs/", 3, Operator),
        ("/catalogue/operateurs/?departement=42", 3, Operator),
        ("/catalogue/communes/42248/", 7, Solution),
    ],
)
def test_public_list_pages_run_a_constant_number_of_queries(
    client, territories, url, budget, shown, django_assert_max_num_queries
):
    grow_catalogue(2)
    _, response = assert_constant_queries(
        django_assert_max_num_queries, lambda: client.get(url), lambda: grow_catalogue(18),
        budget=budget,
    )  # fmt: skip
    assert shown.objects.count() == 20
    if shown is Solution:  # the neighbours' solutions, the most used first, up to a limit
        assert len(response.context["near"].epci) == selectors.NEAR_LIMIT < 20
    else:
        assert shown.objects.order_by("-pk").first().name in html(response)


@pytest.mark.parametrize("role", [Role.INCUBATOR, Role.AGENT])
def test_suggestions_page_runs_a_constant_number_of_queries(
    client, users, role, django_assert_max_num_queries
):
    """The team sees every suggestion (with its author), an agent their own."""
    agent, staff = users[Role.AGENT], users[Role.INCUBATOR]

    def grow(rows):
        for index in range(rows):
            suggestion = services.suggestion_submit(
                name=f"Idée {SolutionSuggestion.objects.count()}", description="x", by=agent
            )
            if index % 2:
                services.suggestion_accept(
                    suggestion=suggestion, by=staff, origin="logiciel-libre", cost_model="gratuit"
                )

    grow(2)
    client.force_login(users[role])
    _, response = assert_constant_queries(
        django_assert_max_num_queries, lambda: client.get("/catalogue/suggestions/"),
        lambda: grow(18), budget=4,
    )  # fmt: skip
    assert response.context["page"].paginator.count == 20


HISTORIES = {
    "solutions": (SolutionFactory, lambda obj: services.solution_save(name=obj.name, solution=obj)),
    "financements": (
        FundingSchemeFactory,
        lambda obj: services.scheme_save(
            name=obj.name, aid_types=["subvention"], beneficiaries=["commune"], scheme=obj
        ),
    ),
    "operateurs": (
        OperatorFactory,
        lambda obj: services.operator_save(name=obj.name, operator=obj),
    ),
}


@pytest.mark.parametrize("kind", HISTORIES)
def test_history_pages_run_a_constant_number_of_queries(
    staff_client, users, kind, django_assert_max_num_queries
):
    """2 then 20 recorded versions, by several people."""
    factory, save = HISTORIES[kind]
    obj = factory()
    authors = [users[Role.INCUBATOR], users[Role.ADMIN], None]

    def grow(rows):
        for _ in range(rows):
            count = obj.history.count()
            obj.name, obj.description = f"Nom {count}", f"Version {count}"
            obj._history_user = authors[count % 3]
            save(obj)

    grow(1)  # the creation and one change
    url = f"/catalogue/{kind}/{obj.slug}/historique/"
    _, response = assert_constant_queries(
        django_assert_max_num_queries, lambda: staff_client.get(url), lambda: grow(18),
        budget=4,
    )  # fmt: skip
    assert len(response.context["rows"]) == 20
    assert "« Nom 18 » → « Nom 19 »" in html(response)


# --- Editing by the team --------------------------------------------------------------------

STAFF_PAGES = [
    "/catalogue/solutions/nouvelle/",
    "/catalogue/financements/nouveau/",
    "/catalogue/operateurs/nouveau/",
]


@pytest.mark.parametrize("url", STAFF_PAGES)
@pytest.mark.parametrize("role", [Role.COACH, Role.AGENT, Role.SERVICE_OWNER])
def test_editing_is_refused_to_other_roles(client, users, url, role):
    client.force_login(users[role])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_editing_needs_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/connexion/")


SOLUTION_FORM = {
    "name": "Registre des arbres",
    "origin": "incubateur",
    "categories": ["amenagement-cartographie", "donnees"],
    "hosting": ["saas"],
    "cost_model": "abonnement",
    "maturity": "beta",
}


def test_staff_creates_and_edits_a_solution_with_history(staff_client, users):
    response = staff_client.post(
        "/catalogue/solutions/nouvelle/", SOLUTION_FORM | {"licence": "Licence maison"}
    )
    assert "n&#x27;est pas une expression SPDX valide" in html(response)
    assert "rien n'a été enregistré" in html(response)
    response = staff_client.post(
        "/catalogue/solutions/nouvelle/", SOLUTION_FORM | {"yearly_cost": "-5", "licence": "MIT"}
    )
    assert "Le coût annuel ne peut pas être négatif." in html(response)
    assert not Solution.objects.exists()

    response = staff_client.post(
        "/catalogue/solutions/nouvelle/",
        SOLUTION_FORM | {"licence": "gpl-3.0+", "yearly_cost": "120", "website": "arbres.fr"},
    )
    solution = Solution.objects.get()
    assert response["Location"] == solution.get_absolute_url()
    assert solution.licence == "GPL-3.0-or-later"
    assert solution.category_list == ["donnees", "amenagement-cartographie"]
    assert solution.website == "https://arbres.fr"

    edit = reverse("catalogue:solution-edit", args=[solution.slug])
    page = html(staff_client.get(edit))
    assert 'value="donnees"' in page and "checked" in page
    staff_client.post(edit, SOLUTION_FORM | {"name": "Registre des arbres communaux",
                                             "licence": "MIT"})  # fmt: skip
    solution.refresh_from_db()
    assert solution.name == "Registre des arbres communaux"
    history = html(staff_client.get(reverse("catalogue:solution-history", args=[solution.slug])))
    assert "Création" in history and "Modification" in history
    assert "« Registre des arbres » → « Registre des arbres communaux »" in history
    assert users[Role.INCUBATOR].display_name in history


def test_history_is_for_the_team(client, users):
    solution = SolutionFactory()
    client.force_login(users[Role.AGENT])
    assert client.get(f"/catalogue/solutions/{solution.slug}/historique/").status_code == 403


def test_staff_adds_and_removes_a_user(staff_client, territories):
    solution = SolutionFactory()
    url = reverse("catalogue:use-add", args=[solution.slug])
    response = staff_client.post(url, {"collectivite": "inconnue-zzz"})
    assert "Aucune collectivité ne correspond" in html(response)
    staff_client.post(url, {"collectivite": "Saint-Just-en-Chevalet", "since": "2024-05-01"})
    staff_client.post(url, {"collectivite": "244200820"})
    use = SolutionUse.objects.get(solution=solution, commune__insee="42248")
    assert use.since == date(2024, 5, 1)
    solution.refresh_from_db()
    assert solution.user_count == 2
    future = (date.today() + timedelta(days=5)).isoformat()
    response = staff_client.post(url, {"collectivite": "35288", "since": future})
    assert "dans le futur" in html(response)
    staff_client.post(reverse("catalogue:use-remove", args=[use.pk]))
    solution.refresh_from_db()
    assert solution.user_count == 1


def test_staff_schemes_refuse_closed_as_open(staff_client, territories):
    data = {
        "name": "Aide au numérique",
        "aid_types": ["subvention"],
        "beneficiaries": ["commune"],
        "themes": ["numerique"],
        "deadline": "2023-06-30",
        "departements_codes": "42, 2a",
        "recurrence": "ponctuelle",
    }
    response = staff_client.post("/catalogue/financements/nouveau/", data)
    assert "La date de clôture (30/06/2023) est passée : ce dispositif est clos." in html(response)
    assert not FundingScheme.objects.exists()
    response = staff_client.post(
        "/catalogue/financements/nouveau/", data | {"departements_codes": "42, 99"}
    )
    assert "Département inconnu : 99." in html(response)
    response = staff_client.post(
        "/catalogue/financements/nouveau/",
        data | {"population_min": "5000", "population_max": "10"},
    )
    assert "La population minimale doit être inférieure" in html(response)
    staff_client.post("/catalogue/financements/nouveau/", data | {"is_closed": "on"})
    scheme = FundingScheme.objects.get()
    assert scheme.is_closed and scheme.themes == " numerique "
    assert [d.code for d in scheme.departements.order_by("code")] == ["2A", "42"]
    edit = html(staff_client.get(reverse("catalogue:scheme-edit", args=[scheme.slug])))
    assert 'value="2A, 42"' in edit


def test_staff_edits_an_operator(staff_client, territories):
    solution = SolutionFactory(slug="messages")
    response = staff_client.post(
        "/catalogue/operateurs/nouveau/",
        {"name": "SITIV", "status": "partenaire", "departements_codes": "42 69",
         "solutions_slugs": "messages", "siret": "25691018300027"},
    )  # fmt: skip
    operator = solution.operators.get()
    assert response["Location"] == operator.get_absolute_url()
    assert sorted(d.code for d in operator.departements.all()) == ["42", "69"]
    assert operator.history.count() == 1


# --- Suggestions ----------------------------------------------------------------------------


def test_agent_suggests_and_the_team_publishes(client, users):
    agent, staff = users[Role.AGENT], users[Role.INCUBATOR]
    client.force_login(agent)
    response = client.post(
        "/catalogue/suggestions/nouvelle/",
        {
            "name": "Mobilizon",
            "description": "Agenda des fêtes",
            "categories": ["presence-en-ligne"],
            "origin": "logiciel-libre",
        },
    )
    suggestion = SolutionSuggestion.objects.get()
    assert response["Location"] == suggestion.get_absolute_url()
    assert "En attente de modération" in html(client.get(suggestion.get_absolute_url()))
    assert "Modérer" not in html(client.get(suggestion.get_absolute_url()))
    assert client.post(suggestion.get_absolute_url(), {"decision": "accepter"}).status_code == 403
    assert "Mobilizon" in html(client.get("/catalogue/suggestions/"))

    client.force_login(staff)
    page = html(client.get(suggestion.get_absolute_url()))
    assert "Publier au catalogue" in page and " checked" not in page  # no decision made for them
    response = client.post(suggestion.get_absolute_url(), {"origin": "logiciel-libre"})
    assert "Choisissez : publier au catalogue ou refuser." in html(response)
    assert SolutionSuggestion.objects.get().status == "en-attente"
    response = client.post(suggestion.get_absolute_url(), {"decision": "refuser", "note": ""})
    assert "Dites pourquoi" in html(response)
    response = client.post(
        suggestion.get_absolute_url(),
        {"decision": "accepter", "origin": "logiciel-libre", "cost_model": "gratuit"},
    )
    solution = Solution.objects.get(name="Mobilizon")
    assert response["Location"] == reverse("catalogue:solution-edit", args=[solution.slug])
    suggestion.refresh_from_db()
    assert suggestion.status == "acceptee" and suggestion.moderated_by == staff


def test_a_suggestion_is_private_to_its_author_and_the_team(client, users):
    suggestion = services.suggestion_submit(name="Idée", description="x", by=users[Role.AGENT])
    client.force_login(users[Role.COACH])
    assert client.get(suggestion.get_absolute_url()).status_code == 404
    assert "Idée" not in html(client.get("/catalogue/suggestions/"))
    client.force_login(users[Role.INCUBATOR])
    page = html(client.get("/catalogue/suggestions/"))
    assert "Suggestions à modérer" in page and "Idée" in page
    assert client.get("/catalogue/suggestions/nouvelle/").status_code == 200
    client.logout()
    assert client.get("/catalogue/suggestions/nouvelle/").status_code == 302


def test_the_author_corrects_then_withdraws_a_pending_suggestion(client, users):
    agent = users[Role.AGENT]
    suggestion = services.suggestion_submit(
        name="Mobilizn", description="Agenda", by=agent, categories=["presence-en-ligne"]
    )
    client.force_login(agent)
    page = html(client.get(suggestion.get_absolute_url()))
    assert "Modifier" in page and "Retirer la suggestion" in page
    edit = reverse("catalogue:suggestion-edit", args=[suggestion.pk])
    assert client.get(edit).context["form"].initial["categories"] == ["presence-en-ligne"]
    response = client.post(
        edit, {"name": "", "description": "Agenda", "categories": ["presence-en-ligne"]}
    )
    assert response.status_code == 200 and "rien n'a été enregistré" in html(response)
    assert SolutionSuggestion.objects.get().name == "Mobilizn"
    response = client.post(
        edit,
        {"name": "Mobilizon", "description": "Agenda des fêtes",
         "categories": ["presence-en-ligne"]},
        follow=True,
    )  # fmt: skip
    assert "Suggestion modifiée." in html(response)
    suggestion.refresh_from_db()
    assert suggestion.name == "Mobilizon" and suggestion.submitted_by == agent
    assert suggestion.history.count() == 2
    delete = reverse("catalogue:suggestion-delete", args=[suggestion.pk])
    assert "Confirmer la suppression" in html(client.get(delete))
    response = client.post(delete, follow=True)
    assert "Suppression faite : la suggestion « Mobilizon »." in html(response)
    assert not SolutionSuggestion.objects.exists()


def test_a_moderated_suggestion_can_no_longer_be_changed_by_its_author(client, users):
    agent = users[Role.AGENT]
    suggestion = services.suggestion_submit(name="Idée", description="x", by=agent)
    services.suggestion_refuse(suggestion=suggestion, by=users[Role.INCUBATOR], note="Hors sujet")
    client.force_login(agent)
    assert "Retirer la suggestion" not in html(client.get(suggestion.get_absolute_url()))
    for name in ("catalogue:suggestion-edit", "catalogue:suggestion-delete"):
        assert client.post(reverse(name, args=[suggestion.pk])).status_code == 403
    client.force_login(users[Role.COACH])
    assert client.get(reverse("catalogue:suggestion-edit", args=[suggestion.pk])).status_code == 404
    assert SolutionSuggestion.objects.get().name == "Idée"


def test_administration_pages_and_saves_go_through_the_services(client, db):
    client.force_login(
        UserFactory(email="super@exemple.gouv.fr", role=Role.ADMIN, is_superuser=True)
    )
    solution = SolutionFactory(name="Registre")
    scheme = FundingSchemeFactory()
    for url in (
        "/gestion-fabrique/catalogue/solution/",
        f"/gestion-fabrique/catalogue/solution/{solution.pk}/change/",
        "/gestion-fabrique/catalogue/fundingscheme/",
        f"/gestion-fabrique/catalogue/fundingscheme/{scheme.pk}/change/",
        "/gestion-fabrique/catalogue/operator/",
        "/gestion-fabrique/catalogue/solutionuse/",
        "/gestion-fabrique/catalogue/solutionsuggestion/",
    ):
        assert client.get(url).status_code == 200, url
    response = client.post(
        f"/gestion-fabrique/catalogue/solution/{solution.pk}/change/",
        {"name": "Registre des arbres", "slug": solution.slug, "origin": "incubateur",
         "cost_model": "gratuit", "maturity": "stable", "licence": "mit"},
    )  # fmt: skip
    assert response.status_code == 302
    solution.refresh_from_db()
    assert solution.licence == "MIT"
    assert solution.words.filter(word="arbres").exists()
