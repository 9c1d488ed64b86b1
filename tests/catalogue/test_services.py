from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fabrique.accounts.models import Role
from fabrique.catalogue import services
from fabrique.catalogue.models import FundingScheme, Solution, SolutionUse
from fabrique.catalogue.services.common import unique_slug
from fabrique.catalogue.vocabulary import Category, Hosting, Origin, SuggestionStatus
from fabrique.territories.models import EPCI, Commune, Departement

from .factories import FundingSchemeFactory, OperatorFactory, SolutionFactory

pytestmark = pytest.mark.django_db


def new_solution(**fields):
    values = {"name": "Registre des arbres", "origin": Origin.INCUBATOR, "cost_model": "gratuit"}
    return values | fields


def test_solution_save_fills_slug_tags_and_folded_search_text():
    solution = services.solution_save(
        **new_solution(name="Sécurité numérique", summary="Protéger les données de l'État"),
        categories=[Category.SECURITY, Category.DATA, Category.SECURITY],
        hosting=[Hosting.OPSN, Hosting.SAAS],
    )
    assert solution.slug == "securite-numerique"
    assert solution.categories == " donnees securite "
    assert solution.category_list == ["donnees", "securite"]
    assert solution.hosting_list == ["saas", "opsn"]
    assert " securite" in solution.search_text and " etat" in solution.search_text
    assert " service de l incubateur" not in solution.search_text  # words, deduplicated
    assert solution.name_key == " securite numerique"
    assert solution.history.count() == 1


def test_solution_slugs_are_unique_and_avoid_page_names():
    first = services.solution_save(**new_solution(name="Nouvelle"))
    assert first.slug == "nouvelle-solution"
    assert unique_slug(Solution, "Nouvelle", None, "solution") == "nouvelle-solution-2"
    assert unique_slug(Solution, "Nouvelle", first.pk, "solution") == "nouvelle-solution"


def test_a_second_solution_of_the_same_name_is_refused_and_says_which():
    """A double submission, or the same software added twice, would show two identical entries
    in the public catalogue; the team edits the existing entry instead."""
    first = services.solution_save(**new_solution(name="Registre des arrêtés"))
    with pytest.raises(ValidationError) as error:
        services.solution_save(**new_solution(name="registre des  ARRÊTÉS"))
    assert error.value.message_dict["name"][0].startswith(
        "« Registre des arrêtés » est déjà au catalogue"
    )
    assert Solution.objects.count() == 1
    renamed = services.solution_save(solution=first, name="Registre des arrêtés")  # itself: fine
    assert renamed.pk == first.pk


def test_licence_is_made_canonical_or_refused_in_french():
    solution = services.solution_save(**new_solution(licence="gpl-3.0+"))
    assert solution.licence == "GPL-3.0-or-later"
    with pytest.raises(ValidationError) as error:
        services.solution_save(**new_solution(name="Autre", licence="Licence maison"))
    assert "n'est pas une expression SPDX valide" in error.value.message_dict["licence"][0]
    assert not Solution.objects.filter(name="Autre").exists()


def test_negative_cost_and_unknown_values_are_refused():
    with pytest.raises(ValidationError) as error:
        services.solution_save(
            **new_solution(yearly_cost=Decimal(-10), origin="inconnue", cost_model="troc"),
            categories=["relation-usagers", "cuisine"],
        )
    errors = error.value.message_dict
    assert errors["yearly_cost"] == ["Le coût annuel ne peut pas être négatif."]
    assert "cuisine" in errors["categories"][0]
    assert "Origine inconnue" in errors["origin"][0]
    assert "Modèle de coût inconnu" in errors["cost_model"][0]
    assert Solution.objects.count() == 0


def test_similar_solutions_are_symmetrical_and_never_itself():
    first, second = SolutionFactory(), SolutionFactory()
    services.solution_save(name=first.name, solution=first, similar=[first, second])
    assert list(first.similar.all()) == [second]
    assert list(second.similar.all()) == [first]


def test_uses_are_counted_once_per_collectivite(territories):
    solution = SolutionFactory()
    commune = Commune.objects.get(insee="42248")
    services.solution_use_add(solution=solution, territory=commune, since=date(2024, 3, 1))
    use = services.solution_use_add(solution=solution, territory=commune, since=date(2023, 1, 1))
    services.solution_use_add(solution=solution, territory=EPCI.objects.get(siren="244200820"))
    services.solution_use_add(solution=solution, territory=Departement.objects.get(code="42"))
    solution.refresh_from_db()
    assert solution.user_count == 3
    assert use.since == date(2023, 1, 1)
    assert SolutionUse.objects.filter(solution=solution, commune=commune).count() == 1
    services.solution_use_remove(use=use)
    solution.refresh_from_db()
    assert solution.user_count == 2


def test_a_use_cannot_start_in_the_future(territories):
    with pytest.raises(ValidationError, match="dans le futur"):
        services.solution_use_add(
            solution=SolutionFactory(),
            territory=Commune.objects.get(insee="42248"),
            since=date.today() + timedelta(days=3),
        )


def test_funding_scheme_validation_in_french():
    scheme = {"name": "Aide", "funders": "ANCT", "population_min": 5000, "population_max": 100}
    with pytest.raises(ValidationError) as error:
        services.scheme_save(**scheme, aid_types=[], beneficiaries=["martiens"], themes=["x"])
    errors = error.value.message_dict
    assert errors["aid_types"] == ["Indiquez au moins un type d'aide."]
    assert "martiens" in errors["beneficiaries"][0]
    assert "x" in errors["themes"][0]
    assert errors["population_max"] == [
        "La population minimale doit être inférieure ou égale à la population maximale."
    ]
    assert FundingScheme.objects.count() == 0


def test_a_closed_scheme_cannot_be_proposed_as_open():
    scheme = {"name": "Fonds clos", "deadline": date(2023, 12, 31), "is_closed": False}
    with pytest.raises(ValidationError) as error:
        services.scheme_save(**scheme, aid_types=["subvention"], beneficiaries=["commune"])
    assert error.value.message_dict["is_closed"] == [
        "La date de clôture (31/12/2023) est passée : ce dispositif est clos. Cochez « clos » "
        "ou reportez la date de clôture."
    ]
    assert not FundingScheme.objects.exists()
    # Marked closed, it stays in the catalogue.
    scheme["is_closed"] = True
    saved = services.scheme_save(**scheme, aid_types=["subvention"], beneficiaries=["commune"])
    assert saved.pk and not saved.is_open()


def test_funding_scheme_tags_slug_and_perimeter(territories):
    scheme = FundingSchemeFactory(
        name="Aide départementale au numérique",
        themes=["numerique", "numerique"],
        departements=Departement.objects.filter(code="42"),
    )
    assert scheme.slug.startswith("dispositif-")
    assert scheme.themes == " numerique "
    assert [d.code for d in scheme.departements.all()] == ["42"]
    assert " departementale" in scheme.search_text


def test_operator_siret_is_checked(territories):
    operator = OperatorFactory(departements=Departement.objects.filter(code__in=["42", "69"]))
    assert sorted(d.code for d in operator.departements.all()) == ["42", "69"]
    with pytest.raises(ValidationError, match="SIRET"):
        services.operator_save(name=operator.name, siret="ABC", operator=operator)
    operator.refresh_from_db()
    assert operator.siret == ""


def test_suggestion_is_moderated_once(users):
    agent, staff = users[Role.AGENT], users[Role.INCUBATOR]
    suggestion = services.suggestion_submit(
        name="Mobilizon",
        description="Agenda des événements",
        by=agent,
        categories=[Category.ONLINE],
    )
    assert suggestion.status == SuggestionStatus.PENDING
    assert suggestion.submitted_by == agent
    solution = services.suggestion_accept(
        suggestion=suggestion,
        by=staff,
        origin=Origin.FREE_SOFTWARE,
        cost_model="gratuit",
        note="Merci",
    )
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.solution, suggestion.moderated_by) == (
        SuggestionStatus.ACCEPTED,
        solution,
        staff,
    )
    assert solution.category_list == ["presence-en-ligne"]
    with pytest.raises(ValidationError, match="déjà modérée"):
        services.suggestion_refuse(suggestion=suggestion, by=staff, note="Non")


def test_refusal_needs_a_reason_and_duplicates_are_refused(users):
    SolutionFactory(name="Nextcloud")
    with pytest.raises(ValidationError, match="déjà au catalogue"):
        services.suggestion_submit(name="NEXTCLOUD", description="x", by=users[Role.AGENT])
    suggestion = services.suggestion_submit(
        name="Outil inconnu", description="x", by=users[Role.AGENT]
    )
    with pytest.raises(ValidationError) as error:
        services.suggestion_refuse(suggestion=suggestion, by=users[Role.INCUBATOR], note=" ")
    assert "Dites pourquoi" in error.value.message_dict["note"][0]
    with pytest.raises(ValidationError) as error:
        services.suggestion_accept(
            suggestion=suggestion, by=users[Role.INCUBATOR], origin="", cost_model="gratuit"
        )
    assert "origin" in error.value.message_dict
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.PENDING
    assert not Solution.objects.filter(name="Outil inconnu").exists()


def test_saves_build_their_instances_and_keep_fields_not_given():
    solution = services.solution_save(**new_solution(summary="Un registre"), categories=["donnees"])
    services.solution_save(name="Registre des arbres remarquables", solution=solution)
    solution.refresh_from_db()
    assert (solution.name, solution.summary, solution.category_list) == (
        "Registre des arbres remarquables", "Un registre", ["donnees"],
    )  # fmt: skip
    with pytest.raises(TypeError):
        services.solution_save(name="Champ inventé", colour="vert")
    with pytest.raises(TypeError):
        services.scheme_save(name="Aide", aid_types=["subvention"], beneficiaries=["commune"],
                             search_text="rempli à la main")  # fmt: skip


def test_moderation_decides_between_publishing_and_refusing(users):
    staff = users[Role.INCUBATOR]
    first = services.suggestion_submit(name="Outil A", description="x", by=users[Role.AGENT])
    second = services.suggestion_submit(name="Outil B", description="x", by=users[Role.AGENT])
    services.suggestion_moderate(
        suggestion=first, by=staff, decision="accepter", origin=Origin.MARKET,
        cost_model="abonnement",
    )  # fmt: skip
    assert first.solution.name == "Outil A" and first.status == SuggestionStatus.ACCEPTED
    services.suggestion_moderate(suggestion=second, by=staff, decision="refuser", note="Doublon")
    second.refresh_from_db()
    assert (second.status, second.solution) == (SuggestionStatus.REFUSED, None)
    with pytest.raises(ValidationError) as error:
        services.suggestion_moderate(suggestion=second, by=staff, decision="archiver")
    assert "decision" in error.value.message_dict
