from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404, QueryDict

from fabrique.catalogue import selectors, services
from fabrique.catalogue.filters import SolutionFilter
from fabrique.catalogue.forms import CollectiviteField
from fabrique.catalogue.selectors import CatalogueFilters, collectivite_by_code, funding_for
from fabrique.territories.models import EPCI, Commune, Departement, Region

from .factories import FundingSchemeFactory, OperatorFactory, SolutionFactory

pytestmark = pytest.mark.django_db


def search(filters):
    return selectors.search_catalogue(filters)


def slugs(result):
    assert result.total == len(result.ids)
    return [solution.slug for solution in result[:100]]


def facet(facets, name):
    return {value.value: value.count for value in next(f for f in facets if f.name == name).values}


@pytest.fixture
def catalogue():
    return {
        "securite": SolutionFactory(
            name="Sécurité numérique", slug="securite", categories=["securite"],
            origin="marche", cost_model="abonnement", licence="", hosting=["saas"],
        ),
        "demarches": SolutionFactory(
            name="Démarches simplifiées", slug="demarches", categories=["relation-usagers"],
            summary="Créer des formulaires en ligne", licence="AGPL-3.0-or-later",
            hosting=["saas", "opsn"],
        ),
        "etat-civil": SolutionFactory(
            name="Actes d'état civil", slug="etat-civil", origin="incubateur",
            categories=["relation-usagers", "gestion-interne"], licence="MIT",
            description="Les **démarches** d'état civil de la mairie, en ligne.",
        ),
        "sig": SolutionFactory(
            name="Cartographie communale", slug="sig", categories=["amenagement-cartographie"],
            licence="GPL-2.0-or-later", hosting=["auto-heberge"],
        ),
    }  # fmt: skip


def test_search_ignores_accents_case_and_matches_word_starts(catalogue):
    assert slugs(search(CatalogueFilters(q="SECURITE"))) == ["securite"]
    assert slugs(search(CatalogueFilters(q="etat civil"))) == ["etat-civil"]
    assert slugs(search(CatalogueFilters(q="carto"))) == ["sig"]
    assert slugs(search(CatalogueFilters(q="tographie"))) == []
    # Names that match first, then the description.
    assert slugs(search(CatalogueFilters(q="démarches"))) == [
        "demarches",
        "etat-civil",
    ]
    # The licence and the category labels are searched too.
    assert slugs(search(CatalogueFilters(q="agpl"))) == ["demarches"]
    assert slugs(search(CatalogueFilters(q="relation usagers"))) == [
        "etat-civil",  # no name matches: the most used, then by name
        "demarches",
    ]


def test_facets_filter_within_or_across_and(catalogue):
    filters = CatalogueFilters(categories=("relation-usagers", "securite"))
    assert sorted(slugs(search(filters))) == [
        "demarches",
        "etat-civil",
        "securite",
    ]
    filters = CatalogueFilters(categories=("relation-usagers",), origin=("incubateur",))
    assert slugs(search(filters)) == ["etat-civil"]
    assert slugs(search(CatalogueFilters(hosting=("opsn",)))) == ["demarches"]
    assert slugs(search(CatalogueFilters(licence=("MIT",)))) == ["etat-civil"]
    assert slugs(search(CatalogueFilters(cost_model=("abonnement",)))) == ["securite"]


def test_facet_counts_keep_the_other_filters(catalogue):
    facets = selectors.facet_counts(CatalogueFilters(origin=("logiciel-libre",)))
    # Categories are counted among free software only…
    assert facet(facets, "categories")["relation-usagers"] == 1
    assert facet(facets, "categories")["securite"] == 0
    # …but the origin facet ignores its own filter, so that one may add another origin.
    assert facet(facets, "origin") == {"incubateur": 1, "logiciel-libre": 2, "marche": 1}
    assert facet(facets, "licence") == {"AGPL-3.0-or-later": 1, "GPL-2.0-or-later": 1}
    selected = [v for f in facets for v in f.values if v.selected]
    assert [(v.value, v.count) for v in selected] == [("logiciel-libre", 2)]
    facets = selectors.facet_counts(CatalogueFilters(q="etat"))
    assert facet(facets, "categories")["gestion-interne"] == 1
    assert facet(facets, "cost_model") == {"gratuit": 1, "abonnement": 0, "licence": 0,
                                           "sur-devis": 0}  # fmt: skip


def test_filters_from_the_query_string_drop_unknown_values():
    params = QueryDict("q=%20mairie%20&categorie=securite&categorie=inconnue&origine=marche"
                       "&category=donnees&licence=MIT")  # fmt: skip
    filters = SolutionFilter(params).catalogue_filters
    assert filters.q == "mairie"
    assert set(filters.categories) == {"securite", "donnees"}
    assert filters.origin == ("marche",)
    assert filters.licence == ("MIT",)
    assert filters.active


def test_solution_users_grouped_by_departement(territories):
    solution = SolutionFactory()
    for insee in ("42248", "42282", "42218", "35288"):
        services.solution_use_add(solution=solution, territory=Commune.objects.get(insee=insee))
    services.solution_use_add(solution=solution, territory=EPCI.objects.get(siren="244200820"))
    services.solution_use_add(solution=solution, territory=Region.objects.get(code="53"))
    users = selectors.solution_users(solution)
    assert users.total == 6
    assert [(g.code, g.count) for g in users.by_departement] == [("35", 1), ("42", 3)]
    assert [use.commune.name for use in users.by_departement[1].uses] == [
        "Saint-Étienne",  # sorted without accents, whatever the database's collation
        "Saint-Just-en-Chevalet",
        "Saint-Romain-d'Urfé",
    ]
    assert [str(use.territory) for use in users.others] == [
        "Communauté de communes du Pays d'Urfé",
        "Bretagne",
    ]


def test_users_per_departement_are_capped_but_counted(territories, monkeypatch):
    monkeypatch.setattr(selectors, "USERS_PER_DEPARTEMENT", 2)
    solution = SolutionFactory()
    for commune in Commune.objects.filter(departement__code="42"):
        services.solution_use_add(solution=solution, territory=commune)
    group = selectors.solution_users(solution).by_departement[0]
    assert (group.count, len(group.uses), group.more) == (15, 2, 13)


def test_near_you(territories):
    saint_just = Commune.objects.get(insee="42248")
    own, epci_wide, dept_wide, elsewhere = (SolutionFactory(name=n) for n in "ABCD")
    services.solution_use_add(solution=own, territory=saint_just)
    services.solution_use_add(solution=own, territory=Commune.objects.get(insee="42282"))
    for insee in ("42282", "42255", "42047"):  # communes of the CC du Pays d'Urfé
        services.solution_use_add(solution=epci_wide, territory=Commune.objects.get(insee=insee))
    services.solution_use_add(solution=epci_wide, territory=EPCI.objects.get(siren="244200820"))
    services.solution_use_add(solution=dept_wide, territory=Commune.objects.get(insee="42218"))
    services.solution_use_add(solution=dept_wide, territory=Departement.objects.get(code="42"))
    services.solution_use_add(solution=elsewhere, territory=Commune.objects.get(insee="35288"))

    near = selectors.near_you(saint_just)
    assert [s.name for s in near.own] == ["A"]
    assert [(row.solution.name, row.count, row.used_here) for row in near.epci] == [
        ("B", 4, False),
        ("A", 1, True),
    ]
    # The EPCI, itself a user, is named first (a row never counts a user it does not name).
    assert near.epci[0].examples == [
        "Communauté de communes du Pays d'Urfé",
        "Champoly",
        "Saint-Marcel-d'Urfé",
        "Saint-Romain-d'Urfé",
    ]
    # The département counts what the EPCI counts (the EPCI itself as a user included).
    assert [(row.solution.name, row.count) for row in near.departement] == [
        ("B", 4),
        ("C", 2),
        ("A", 1),
    ]


def test_near_an_epci_follows_the_rule_of_a_commune(territories):
    """Reviewer (sur-mesure): an EPCI's mission read « Aucune solution du catalogue utilisée à
    proximité » while its member communes used LibreOffice and the EPCI Actes en ligne."""
    urfe = EPCI.objects.get(siren="244200820")
    office, actes = SolutionFactory(name="LibreOffice"), SolutionFactory(name="Actes")
    for insee in ("42282", "42255"):
        services.solution_use_add(solution=office, territory=Commune.objects.get(insee=insee))
    services.solution_use_add(solution=actes, territory=urfe)
    services.solution_use_add(solution=actes, territory=Commune.objects.get(insee="42248"))
    near = selectors.near_epci(urfe, Departement.objects.get(code="42").pk)
    assert [s.name for s in near.own] == ["Actes"]
    assert [(row.solution.name, row.count, row.used_here) for row in near.epci] == [
        ("LibreOffice", 2, False),
        ("Actes", 1, True),
    ]
    assert [(row.solution.name, row.count) for row in near.departement] == [
        ("LibreOffice", 2),
        ("Actes", 1),
    ]


def test_operators_for_a_departement(territories):
    loire = Departement.objects.get(code="42")
    OperatorFactory(name="SITIV", departements=[loire])
    OperatorFactory(name="Ailleurs", departements=Departement.objects.filter(code="35"))
    assert [o.name for o in selectors.operators_for_departement(loire.pk)] == ["SITIV"]
    assert [o.name for o in selectors.operators_list("42")] == ["SITIV"]


# --- Funding --------------------------------------------------------------------------------


@pytest.fixture
def schemes(territories):
    loire = Departement.objects.filter(code="42")
    today = date.today()
    return {
        "loire": FundingSchemeFactory(
            name="Loire numérique", population_max=3500, departements=loire,
            deadline=today + timedelta(days=30),
        ),
        "national": FundingSchemeFactory(
            name="Ingénierie nationale", aid_types=["ingenierie-technique", "pret"],
            themes=["numerique", "citoyennete"], is_call_for_projects=True,
        ),
        "general": FundingSchemeFactory(name="DETR", themes=["generaliste"]),
        "planning": FundingSchemeFactory(name="Aménagement", themes=["amenagement"]),
        "bretagne": FundingSchemeFactory(
            name="Bretagne numérique", regions=Region.objects.filter(code="53")
        ),
        "big-towns": FundingSchemeFactory(name="Villes moyennes", population_min=10_000),
        "closed": FundingSchemeFactory(name="Clos", is_closed=True),
        "expired": FundingSchemeFactory(
            name="Expiré", deadline=today - timedelta(days=1), is_closed=True
        ),
        "associations": FundingSchemeFactory(name="Associations", beneficiaries=["association"]),
        "epci-only": FundingSchemeFactory(name="Intercommunalités", beneficiaries=["epci"]),
    }  # fmt: skip


def names(matches):
    return sorted(match.scheme.name for match in matches)


def test_funding_for_a_small_commune_with_reasons(schemes):
    saint_just = collectivite_by_code("commune", "42248")
    matches = funding_for(saint_just, categories=["relation-usagers"])
    assert names(matches) == ["DETR", "Ingénierie nationale", "Loire numérique"]
    loire = next(m for m in matches if m.scheme.name == "Loire numérique")
    assert loire.reasons[:4] == [
        "ouvert aux communes",
        "population 1 141 ≤ 3 500",
        "thème : numérique",
        "périmètre : Loire (42)",
    ]
    assert "type : subvention" in loire.reasons
    assert any(reason.startswith("clôture le ") for reason in loire.reasons)
    national = next(m for m in matches if m.scheme.name == "Ingénierie nationale")
    assert "aide nationale" in national.reasons
    assert "sans condition de population" in national.reasons
    assert "type : prêt, ingénierie technique" in national.reasons
    assert "sur appel à projets" in national.reasons
    general = next(m for m in matches if m.scheme.name == "DETR")
    assert "aide généraliste : tous projets" in general.reasons
    # The deadline first.
    assert matches[0].scheme.name == "Loire numérique"


def test_a_need_selects_its_themes(schemes):
    saint_just = collectivite_by_code("commune", "42248")
    assert "Aménagement" in names(funding_for(saint_just, categories=["amenagement-cartographie"]))
    participation = funding_for(saint_just, categories=["democratie-participative"])
    national = next(m for m in participation if m.scheme.name == "Ingénierie nationale")
    assert "thème : numérique, citoyenneté et participation" in national.reasons
    # Without a need: every open scheme the commune is eligible for.
    assert names(funding_for(saint_just)) == [
        "Aménagement", "DETR", "Ingénierie nationale", "Loire numérique",
    ]  # fmt: skip


def test_population_perimeter_and_kind_decide(schemes):
    saint_etienne = collectivite_by_code("commune", "42218")
    assert "Loire numérique" not in names(funding_for(saint_etienne))  # 172 565 > 3 500
    big = next(m for m in funding_for(saint_etienne) if m.scheme.name == "Villes moyennes")
    assert "population 172 565 ≥ 10 000" in big.reasons
    saint_malo = collectivite_by_code("commune", "35288")
    bretagne = next(m for m in funding_for(saint_malo) if m.scheme.name == "Bretagne numérique")
    assert "périmètre : Bretagne" in bretagne.reasons
    assert "Loire numérique" not in names(funding_for(saint_malo))
    urfe = collectivite_by_code("epci", "244200820")
    epci_names = names(funding_for(urfe))
    assert "Intercommunalités" in epci_names
    assert "Loire numérique" not in epci_names  # communes only
    intercommunal = next(m for m in funding_for(urfe) if m.scheme.name == "Intercommunalités")
    assert intercommunal.reasons[0] == "ouvert aux intercommunalités"


def test_unknown_population_only_gets_schemes_without_condition(schemes):
    mamoudzou = collectivite_by_code("commune", "97611")
    assert mamoudzou.population is None
    assert "Villes moyennes" not in names(funding_for(mamoudzou))
    assert "Ingénierie nationale" in names(funding_for(mamoudzou))


def test_collectivites_by_code_and_by_name(territories):
    with pytest.raises(Http404, match="Aucune commune ne porte le code Insee « 99999 »"):
        collectivite_by_code("commune", "99999")
    field = CollectiviteField()
    assert field.clean("saint just en chevalet").code == "42248"
    assert field.clean("42248").name == "Saint-Just-en-Chevalet"
    assert field.clean("244200820").kind == "epci"
    assert field.clean("42").kind == "departement"
    with pytest.raises(ValidationError, match="Aucune collectivité ne correspond à « zzzzzz »"):
        field.clean("zzzzzz")
    departement = collectivite_by_code("departement", "42")
    assert departement.beneficiary == "departement"


def test_scheme_list_states(schemes):
    open_names = {s.name for s in selectors.schemes_list(selectors.SchemeFilters())}
    assert "Clos" not in open_names and "Expiré" not in open_names
    closed = {s.name for s in selectors.schemes_list(selectors.SchemeFilters(state="clos"))}
    assert closed == {"Clos", "Expiré"}
    found = selectors.schemes_list(selectors.SchemeFilters(q="numérique loire", state="tous"))
    assert [s.name for s in found] == ["Loire numérique"]
    loans = selectors.schemes_list(selectors.SchemeFilters(aid_type="pret"))
    assert [s.name for s in loans] == ["Ingénierie nationale"]


def test_word_prefixes_at_the_end_of_the_alphabet():
    SolutionFactory(name="Zzz veille", slug="zzz")
    SolutionFactory(name="Outil 2049", slug="outil-2049")
    SolutionFactory(name="Outil 2a", slug="outil-2a")
    assert slugs(search(CatalogueFilters(q="zz"))) == ["zzz"]
    assert slugs(search(CatalogueFilters(q="zzzz"))) == []
    assert slugs(search(CatalogueFilters(q="2049"))) == ["outil-2049"]
    assert slugs(search(CatalogueFilters(q="209"))) == []
    assert sorted(slugs(search(CatalogueFilters(q="2")))) == ["outil-2049", "outil-2a"]
    assert slugs(search(CatalogueFilters(q="veille zz"))) == ["zzz"]


def test_the_word_index_follows_the_solution():
    solution = SolutionFactory(name="Ancien nom")
    assert slugs(search(CatalogueFilters(q="ancien"))) == [solution.slug]
    solution.name = "Nouveau nom"
    services.solution_save(name=solution.name, solution=solution)
    assert slugs(search(CatalogueFilters(q="ancien"))) == []
    assert slugs(search(CatalogueFilters(q="nouveau"))) == [solution.slug]


def test_a_solution_used_by_the_epci_alone_names_it(territories):
    """Walk of the agent: « Deveco — 1 » under « Utilisateurs » with no name, the only user being
    the EPCI itself."""
    saint_just = Commune.objects.get(insee="42248")
    urfe = EPCI.objects.get(siren="244200820")
    deveco = SolutionFactory(name="Deveco")
    services.solution_use_add(solution=deveco, territory=urfe)
    near = selectors.near_you(saint_just)
    assert [(row.solution.name, row.count, row.examples) for row in near.epci] == [
        ("Deveco", 1, [urfe.name])
    ]


def test_a_name_stored_with_st_is_found_by_st_and_by_saint():
    martin = SolutionFactory(name="St-Martin Connect", slug="st-martin")
    jean = SolutionFactory(name="Portail", slug="portail", summary="Fait à St Jean-de-Luz")
    anne = SolutionFactory(name="Ste Anne Agenda", slug="ste-anne")
    other = SolutionFactory(name="Stationnement", slug="stationnement")
    # « st » is read as « saint » (`core.text.search_words`), on both sides, and, typed, also as
    # the start of a word (`core.text.search_alternatives`): « Stationnement » is found too.
    assert set(slugs(search(CatalogueFilters(q="st")))) == {
        "st-martin", "portail", "ste-anne", "stationnement"
    }  # fmt: skip
    assert set(slugs(search(CatalogueFilters(q="ste")))) == {"ste-anne"}
    assert slugs(search(CatalogueFilters(q="st stationnement"))) == ["stationnement"]
    assert set(slugs(search(CatalogueFilters(q="saint")))) == {"st-martin", "portail", "ste-anne"}
    assert slugs(search(CatalogueFilters(q="saint martin"))) == ["st-martin"]
    assert slugs(search(CatalogueFilters(q="st jean"))) == ["portail"]
    assert slugs(search(CatalogueFilters(q="sainte anne"))) == ["ste-anne"]
    assert " saint " in martin.search_text and other.search_text.startswith(" stationnement")
    assert jean.pk and anne.pk


def test_stored_search_texts_are_refolded_by_the_migration():
    from django.apps import apps

    from fabrique.catalogue.models import SolutionWord
    from fabrique.core.wordindex import refold_stored

    solution = SolutionFactory(name="Saint-Martin Connect", slug="st-martin")
    # As saved before the rule: the abbreviation kept as written, in the text and the index.
    type(solution).objects.filter(pk=solution.pk).update(search_text=" st martin connect saint")
    SolutionWord.objects.filter(solution=solution, word="saint").update(word="st")
    SolutionWord.objects.create(solution=solution, word="saint")
    refold_stored(apps.get_model("catalogue", "Solution"), SolutionWord, "solution")
    solution.refresh_from_db()
    assert solution.search_text == " saint martin connect"
    words = SolutionWord.objects.filter(solution=solution, word__in=["st", "saint"])
    assert list(words.values_list("word", flat=True)) == ["saint"]
    assert slugs(search(CatalogueFilters(q="st martin"))) == ["st-martin"]


def test_a_scheme_stored_with_st_is_found_by_saint():
    scheme = FundingSchemeFactory(name="Fonds de St-Pierre-et-Miquelon", slug="spm")
    assert " saint pierre " in scheme.search_text
    FundingSchemeFactory(name="Fonds stationnement", slug="stat")
    found = selectors.schemes_list(selectors.SchemeFilters(q="st", state="tous"))
    assert {s.slug for s in found} == {"spm", "stat"}
