import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fabrique.catalogue.importers import CatalogueImportError
from fabrique.catalogue.importers.suite_territoriale import import_operators, import_services
from fabrique.catalogue.models import Operator, Solution, SolutionReference

from .conftest import FIXTURES
from .factories import OperatorFactory

pytestmark = pytest.mark.django_db

ST = FIXTURES / "suite-territoriale"


def run(**paths) -> str:
    out = StringIO()
    arguments = [f"--{key}={value}" for key, value in paths.items()]
    call_command("import_suite_territoriale", *arguments, stdout=out)
    return out.getvalue()


def snapshot():
    return (
        list(Solution.objects.order_by("pk").values_list()),
        list(SolutionReference.objects.order_by("pk").values_list()),
        list(Operator.objects.order_by("pk").values_list()),
        list(Operator.departements.through.objects.order_by("pk").values_list()),
        list(Operator.solutions.through.objects.order_by("pk").values_list()),
        Solution.history.count(),
        Operator.history.count(),
    )


def test_imports_services_and_operators(territories):
    output = run(services=ST / "services.json", operators=ST / "operators.json")
    assert "services.json : 6 fiches de services lues — 5 créées" in output
    assert "6 fiches pour 5 services (instances d'un même service regroupées)." in output
    assert "operators.json : 4 opérateurs lus — 3 créés, 0 mis à jour, 0 inchangé, 1 ignoré." in (
        output
    )
    assert "« TEST », fiche de test de la source" in output
    assert "SIRET incomplet (37859826200)" in output

    proconnect = Solution.objects.get(slug="proconnect")
    assert sorted(proconnect.references.values_list("external_id", flat=True)) == ["58", "64"]
    assert (proconnect.origin, proconnect.cost_model) == ("incubateur", "gratuit")
    assert proconnect.category_list == ["securite"]
    assert Solution.objects.get(slug="rdv-service-public").category_list == ["relation-usagers"]
    assert Solution.objects.get(slug="mes-adresses").category_list == ["amenagement-cartographie"]
    assert Solution.objects.get(slug="calendriers").maturity == "alpha"

    sitiv = Operator.objects.get(slug="sitiv")
    assert sitiv.status == "partenaire"
    assert sorted(d.code for d in sitiv.departements.all()) == ["42", "69"]
    assert sorted(s.slug for s in sitiv.solutions.all()) == ["messages", "proconnect"]
    assert Operator.objects.get(slug="megalis-bretagne").status == "partenaire-avec-services"
    assert not Operator.objects.filter(name="TEST").exists()
    # A service that an OPSN runs can be obtained through it.
    assert "opsn" in Solution.objects.get(slug="messages").hosting_list


def test_second_run_changes_nothing(territories):
    run(services=ST / "services.json", operators=ST / "operators.json")
    before = snapshot()
    output = run(services=ST / "services.json", operators=ST / "operators.json")
    assert "0 créée, 0 mise à jour, 5 inchangées" in output
    assert "0 créé, 0 mis à jour, 3 inchangés" in output
    assert snapshot() == before


def test_an_operator_typed_by_the_team_is_adopted(territories):
    typed = OperatorFactory(name="SITIV", slug="sitiv", description="Notre fiche.")
    run(services=ST / "services.json", operators=ST / "operators.json")
    typed.refresh_from_db()
    assert typed.external_id == "0a1b2c3d-0000-4000-8000-000000000001"
    assert typed.description == "Notre fiche."
    assert Operator.objects.filter(name="SITIV").count() == 1


@pytest.mark.parametrize("typed_slug", ["syndicat-d-energie", "syndicat-denergie"])
def test_an_operator_typed_with_an_elided_name_is_adopted_by_its_slug(
    territories, tmp_path, typed_slug
):
    """The team typed the name without accents; its slug was made by core.slugs (« d-energie »)
    or, before it, by Django's slugify (« denergie »): either way the import adopts the record."""
    typed = OperatorFactory(name="Syndicat d'energie", slug=typed_slug)
    operators = json.loads((ST / "operators.json").read_text(encoding="utf-8"))
    operators[0]["nom"] = "Syndicat d'Énergie"
    path = tmp_path / "operators.json"
    path.write_text(json.dumps(operators), encoding="utf-8")
    run(services=ST / "services.json", operators=path)
    typed.refresh_from_db()
    assert typed.external_id == "0a1b2c3d-0000-4000-8000-000000000001"
    assert Operator.objects.filter(name__startswith="Syndicat d'").count() == 1


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "operators-unknown-departement.json",
            "operators-unknown-departement.json, ligne 18 : opérateur « Mégalis Bretagne » : "
            "département inconnu : 99.",
        ),
        ("operators-unknown-service.json", "service inconnu : 777"),
        ("operators-bad-status.json", "statut « ami » inconnu"),
    ],
)
def test_a_bad_operator_line_saves_no_operator(territories, name, expected):
    import_services(ST / "services.json")
    with pytest.raises(CatalogueImportError) as error:
        import_operators(ST / name)
    assert expected in str(error.value)
    assert Operator.objects.count() == 0


def test_operators_need_the_territories(db):
    import_services(ST / "services.json")
    with pytest.raises(CatalogueImportError, match="importez d'abord les territoires"):
        import_operators(ST / "operators.json")


def test_a_bad_services_file_stops_before_the_operators(territories):
    with pytest.raises(CommandError) as error:
        run(services=ST / "services-bad-maturity.json", operators=ST / "operators.json")
    message = str(error.value)
    assert "Import des services annulé, rien n'a été enregistré." in message
    assert "services-bad-maturity.json, ligne 24 : service « RDV Service Public » : maturité" in (
        message
    )
    assert "Les opérateurs n'ont pas été importés." in message
    assert Solution.objects.count() == 0 and Operator.objects.count() == 0


def test_a_truncated_file_and_no_argument(territories):
    with pytest.raises(CatalogueImportError, match=r"services-truncated\.json, ligne"):
        import_services(ST / "services-truncated.json")
    with pytest.raises(CommandError, match="Indiquez --services"):
        call_command("import_suite_territoriale")
    assert Solution.objects.count() == 0


def test_a_code_written_alone_or_null_is_read_as_a_list(territories):
    """« "departements": "42" » and « null », as in a hand-edited dump: it stopped the import."""
    output = run(services=ST / "services.json", operators=ST / "operators-codes-seuls.json")
    assert "operators-codes-seuls.json : 4 opérateurs lus — 3 créés" in output
    sitiv = Operator.objects.get(slug="sitiv")
    assert [d.code for d in sitiv.departements.all()] == ["42"]
    assert sorted(s.slug for s in sitiv.solutions.all()) == ["messages", "proconnect"]


def test_oversized_values_are_refused_in_french_not_with_a_traceback(territories, tmp_path):
    """A 5 000-character name or operator id ended on Django's ValidationError."""
    services = json.loads((ST / "services.json").read_text(encoding="utf-8"))
    services[1]["nom"] = "Service " * 600
    path = tmp_path / "services.json"
    path.write_text(json.dumps(services), encoding="utf-8")
    with pytest.raises(
        CommandError, match=r"services\.json, ligne 1 : service \d+ : nom trop long"
    ):
        run(services=path)
    import_services(ST / "services.json")
    operators = json.loads((ST / "operators.json").read_text(encoding="utf-8"))
    operators[0]["id"] = "x" * 500
    path = tmp_path / "operators.json"
    path.write_text(json.dumps(operators), encoding="utf-8")
    with pytest.raises(CatalogueImportError, match="identifiant trop long"):
        import_operators(path)
    assert Operator.objects.count() == 0


def test_a_description_given_as_a_list_is_read_as_text(territories, tmp_path):
    services = json.loads((ST / "services.json").read_text(encoding="utf-8"))
    services[0]["description"] = ["Prise de rendez-vous", None, "en ligne"]
    path = tmp_path / "services.json"
    path.write_text(json.dumps(services), encoding="utf-8")
    import_services(path)
    assert Solution.objects.filter(summary="Prise de rendez-vous, en ligne").exists()
