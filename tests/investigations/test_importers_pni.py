"""import_investigations on the shapes of the programme's real files (tests/fixtures/
investigations/pni: structure and collectivités as in the public beta.gouv.fr files, prose
rewritten)."""

from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from fabrique.core.text import search_key
from fabrique.investigations.importers import import_investigation_files
from fabrique.investigations.importers.names import Resolver, split_names, sponsor_lines
from fabrique.investigations.importers.reading import IMPORTED_SUMMARY, read_investigation
from fabrique.investigations.importers.startup_file import startup_markdown
from fabrique.investigations.importers.statement import (
    is_generic,
    markdown_escaped,
    plain_text,
    subject,
)
from fabrique.investigations.models import Investigation, Problem
from fabrique.investigations.vocabulary import Decision
from fabrique.territories.models import EPCI
from tests.factories import CommuneFactory, DepartementFactory, EPCIFactory, RegionFactory
from tests.portfolio.factories import ProjectFactory

PNI = Path(__file__).parent.parent / "fixtures" / "investigations" / "pni"

pytestmark = pytest.mark.django_db


def _departement(code, name, region=None):
    region = region or RegionFactory(code=f"r{code}"[:3], name=f"Région du {name}")  # 3 chars
    return DepartementFactory(code=code, name=name, region=region, search_key=search_key(name))


def _commune(name, insee, departement, epci=None):
    extra = {"epci": epci} if epci else {}
    return CommuneFactory(
        name=name, insee=insee, departement=departement, search_key=search_key(name), **extra
    )


def _epci(name, siren, kind=EPCI.Kind.CC):
    return EPCIFactory(name=name, siren=siren, kind=kind, search_key=search_key(name))


@pytest.fixture
def pni_territories(db):
    """The territories the programme's files name, with their real homonyms."""
    bretagne = RegionFactory(code="53", name="Bretagne")
    places = {
        "var": _departement("83", "Var"),
        "herault": _departement("34", "Hérault"),
        "gers": _departement("32", "Gers"),
        "seine_saint_denis": _departement("93", "Seine-Saint-Denis"),
        "vendee": _departement("85", "Vendée"),
        "haute_garonne": _departement("31", "Haute-Garonne"),
        "savoie": _departement("73", "Savoie"),
        "finistere": _departement("29", "Finistère", region=bretagne),
        "vosges": _departement("88", "Vosges"),
        "reunion": _departement("974", "La Réunion"),
        "pas_de_calais": _departement("62", "Pas-de-Calais"),
        "territoire_de_belfort": _departement("90", "Territoire de Belfort"),
        "bretagne": bretagne,
    }
    places["draguignan"] = _commune("Draguignan", "83050", places["var"])
    places["marseillan_34"] = _commune("Marseillan", "34150", places["herault"])
    places["marseillan_32"] = _commune("Marseillan", "32238", places["gers"])
    places["montreuil_93"] = _commune("Montreuil", "93048", places["seine_saint_denis"])
    places["montreuil_85"] = _commune("Montreuil", "85148", places["vendee"])
    places["fronton"] = _commune("Fronton", "31202", places["haute_garonne"])
    places["gilly"] = _commune("Gilly-sur-Isère", "73124", places["savoie"])
    places["saint_pol"] = _commune("Saint-Pol-de-Léon", "29259", places["finistere"])
    places["epinal"] = _commune("Épinal", "88160", places["vosges"])
    places["le_tampon"] = _commune("Le Tampon", "97422", places["reunion"])
    places["bapaume"] = _commune("Bapaume", "62080", places["pas_de_calais"])
    places["bretagne_commune"] = _commune("Bretagne", "90018", places["territoire_de_belfort"])
    places["sud_artois"] = _epci("Communauté de communes du Sud-Artois", "246200729")
    places["landerneau"] = _epci(
        "Communauté d'agglomération du Pays de Landerneau-Daoulas", "242900645", EPCI.Kind.CA
    )
    places["lyon"] = _epci("Métropole de Lyon", "200046977", EPCI.Kind.ME)
    places["coeur_de_brenne"] = _epci("Communauté de communes Cœur de Brenne", "243600343")
    places["brenne_creuse"] = _epci("Communauté de communes Brenne - Val de Creuse", "243600319")
    return places


def _import(*names):
    return import_investigation_files([PNI / f"{name}.md" for name in names])


def _warning(report, name):
    return next(reason for path, reason in report.warnings if Path(path).stem == name)


# --- Titles, statements, phases -----------------------------------------------------------


def test_an_older_file_takes_its_subject_from_the_mission(pni_territories):
    report = _import("pni-ancien")
    investigation = Investigation.objects.get(source_id="pni-ancien")
    problem = investigation.problem
    assert problem.title == "Tenir à jour l'entretien des bâtiments communaux"
    assert problem.statement == problem.title  # the body holds only the sponsor line
    assert [link.commune for link in problem.collectivites.all()] == [pni_territories["draguignan"]]
    # No end and no decision in the file: in progress since 2020, said as such.
    assert (investigation.decision, investigation.weeks) == ("", 10)
    assert not investigation.phases.exclude(closed_on=None).exists()
    assert "ni fin ni décision dans la fiche" in _warning(report, "pni-ancien")


def test_alumni_ends_the_investigation_without_a_decision(pni_territories):
    report = _import("pni-alumni")
    investigation = Investigation.objects.get(source_id="pni-alumni")
    assert investigation.problem.title == "Anticiper les crues de la rivière"
    assert investigation.decision == "" and investigation.decided_on is None
    assert investigation.weeks == 12  # 22 real weeks: the longest the platform allows
    phases = list(investigation.phases.order_by("step"))
    assert all(phase.summary == IMPORTED_SUMMARY for phase in phases)
    assert phases[-1].closed_on == date(2021, 11, 1)
    assert all(phase.closed_on == phase.planned_end for phase in phases[:-1])
    reason = _warning(report, "pni-alumni")
    assert "s'arrête le 01/11/2021" in reason and "« Transféré »" in reason
    assert "durée réelle de 22 semaines" in reason.lower()
    # The organisation id in `sponsors` is not read as a collectivité.
    assert "anct" not in reason
    assert investigation.problem.statement == (
        "Anticiper les crues de la rivière\n"
        "- Mesurer les hauteurs d'eau\n"
        "- Prévenir les riverains à temps\n"
        "> Un tableau de bord partagé avec les communes voisines"
    )


def test_an_abandon_is_a_no_go_and_an_italic_sponsor_line_is_read(pni_territories):
    report = _import("pni-italique")
    investigation = Investigation.objects.get(source_id="pni-italique")
    assert investigation.decision == Decision.NO_GO
    assert investigation.decided_on == date(2021, 11, 1)
    assert investigation.learnings == IMPORTED_SUMMARY
    assert [link.commune for link in investigation.problem.collectivites.all()] == [
        pni_territories["fronton"]
    ]
    statement = investigation.problem.statement
    assert "Collectivité sponsor" not in statement
    assert statement == (
        "- Tableau des ateliers (https://miro.com/app/board/o9J_abc=/)\n"
        "- Prototype (https://exemple.wixsite.com/equipements)\n\n"
        "Contexte\n\n"
        "La commune de Fronton compte une cinquantaine d'associations et réserve ses salles "
        "par téléphone\net par courriel.\n\n"
        "Image « Capture D’écran 2021 07 22 » : https://exemple.fr/capture.png"
    )
    assert "Fronton" not in _warning(report, "pni-italique")  # only the duration is flagged


def test_a_go_is_decided_when_construction_starts(pni_territories):
    project = ProjectFactory(slug="pni-go")  # flagged without it (a go opens a project)
    report = _import("pni-go")
    investigation = Investigation.objects.get(source_id="pni-go")
    assert investigation.decision == Decision.GO
    assert investigation.decided_on == date(2022, 1, 1)
    assert investigation.weeks == 11  # 01/07 → 16/09/2021, the investigation's own end
    assert investigation.phases.get(step=5).closed_on == date(2021, 9, 16)
    assert investigation.problem.collectivites.get().epci == pni_territories["lyon"]
    assert investigation.project == project
    assert not report.warnings


def test_a_phase_dated_before_the_investigation_refuses_the_file(pni_territories):
    report = _import("pni-date-2120")
    [(where, reason)] = report.skipped
    assert where == str(PNI / "pni-date-2120.md")
    assert reason.startswith("Phase « Investigation », début : date peu plausible (01/06/2120")
    assert reason.endswith("cette phase n'a pas été importée.")
    assert not Investigation.objects.exists()


# --- Collectivités ------------------------------------------------------------------------


def test_an_empty_sponsor_line_is_flagged_and_markdown_becomes_text(pni_territories):
    report = _import("pni-vide")
    problem = Problem.objects.get()
    assert not problem.collectivites.exists() and problem.unresolved_collectivites == ""
    assert _warning(report, "pni-vide").startswith("ligne « Collectivité sponsor » vide")
    assert problem.statement == (
        "Contexte\n\n"
        "Les encombrants restent des semaines devant la résidence :\n\n"
        "- Habitants : image du quartier dégradée\n"
        "- Bailleurs : ramassages en plus\n\n"
        "Problème actionnable\n\n"
        "Le périmètre est d'une seule résidence."
    )


def test_homonyms_are_kept_as_text_with_the_candidates(pni_territories):
    report = _import("pni-homonymes")
    problem = Problem.objects.get()
    assert not problem.collectivites.exists()
    assert problem.unresolved_collectivites == "Marseillan"
    assert _warning(report, "pni-homonymes").startswith(
        "« Marseillan » désigne plusieurs collectivités : commune Marseillan (Gers, 32238), "
        "commune Marseillan (Hérault, 34150) ; préciser le département, par exemple « Nom (34) »."
    )


def test_a_departement_in_parentheses_picks_the_commune(pni_territories):
    report = _import("pni-departements")
    problem = Problem.objects.get()
    assert {link.commune for link in problem.collectivites.all()} == {
        pni_territories["marseillan_34"],
        pni_territories["montreuil_93"],
    }
    assert not report.warnings
    assert problem.investigation.decided_on == date(2021, 9, 15)


def test_epci_written_in_short_or_long_form_joined_by_et_and_slash(pni_territories):
    _import("pni-epci")
    problem = Problem.objects.get()
    assert {link.epci for link in problem.collectivites.all()} == {
        pni_territories["sud_artois"],
        pni_territories["landerneau"],
        pni_territories["lyon"],
    }
    assert problem.unresolved_collectivites == ""


def test_an_unknown_epci_names_the_epci_holding_its_words(pni_territories):
    report = _import("pni-cc")
    assert Problem.objects.get().unresolved_collectivites == "CC Brenne"
    reason = _warning(report, "pni-cc")
    assert reason.startswith(
        "« CC Brenne » : aucune collectivité de ce nom ; EPCI dont le nom contient ces mots : "
        "Communauté de communes Brenne - Val de Creuse (243600319), Communauté de communes "
        "Cœur de Brenne (243600343)."
    )


def test_an_epci_written_without_its_kind_is_suggested_not_chosen(pni_territories):
    territory, reason = Resolver().resolve("Cœur de Brenne")
    assert territory is None
    assert reason == (
        "« Cœur de Brenne » : aucune collectivité de ce nom ; EPCI dont le nom contient ces "
        "mots : Communauté de communes Cœur de Brenne (243600343)."
    )


def test_escapes_abbreviations_accents_and_kind_words(pni_territories):
    report = _import("pni-variantes")
    problem = Problem.objects.get()
    assert {link.commune for link in problem.collectivites.all()} == {
        pni_territories["gilly"],
        pni_territories["saint_pol"],
        pni_territories["epinal"],
        pni_territories["le_tampon"],
    }
    assert not report.warnings
    assert "Collectivités sponsors" not in problem.statement


def test_departements_and_regions_by_name_or_code_and_a_bare_homonym(pni_territories):
    report = _import("pni-departement-region")
    problem = Problem.objects.get()
    assert {link.territory for link in problem.collectivites.all()} == {
        pni_territories["seine_saint_denis"],
        pni_territories["var"],
        pni_territories["bretagne"],
    }
    # « Bretagne » alone is a commune of the Territoire de Belfort and a région: not guessed.
    assert problem.unresolved_collectivites == "Bretagne"
    reason = _warning(report, "pni-departement-region")
    assert "commune Bretagne (Territoire de Belfort, 90018)" in reason
    assert "région Bretagne" in reason


def test_plain_names_in_sponsors_are_read_when_the_body_names_none(pni_territories):
    ProjectFactory(slug="pni-sponsors")  # a go: flagged without its project
    report = _import("pni-sponsors")
    assert Problem.objects.get().collectivites.get().commune == pni_territories["bapaume"]
    assert not report.warnings


# --- Idempotence, the team's edits, the export ------------------------------------------


def test_every_file_twice_changes_nothing(pni_territories, capsys, django_assert_max_num_queries):
    first = import_investigation_files([PNI])
    assert (first.created, len(first.skipped), first.read) == (12, 1, 13)
    history = Investigation.history.count() + Problem.history.count()
    with django_assert_max_num_queries(200):
        call_command("import_investigations", str(PNI))
    out = capsys.readouterr().out
    assert "0 investigation créée, 0 mise à jour, 12 inchangées" in out
    assert Investigation.history.count() + Problem.history.count() == history


def test_what_the_team_wrote_is_kept_and_a_changed_file_updates(pni_territories, tmp_path):
    text = (PNI / "pni-alumni.md").read_text(encoding="utf-8")
    (tmp_path / "pni-alumni.md").write_text(text, encoding="utf-8")
    import_investigation_files([tmp_path])
    investigation = Investigation.objects.get()
    investigation.decision, investigation.decided_on = Decision.NO_GO, date(2021, 11, 5)
    investigation.learnings = "La commune a choisi un outil existant."
    investigation.save()
    phase = investigation.phases.get(step=1)
    phase.summary, phase.figures = "Synthèse de l'équipe", "12 crues en 10 ans"
    phase.save()
    (tmp_path / "pni-alumni.md").write_text(
        text.replace("start: 2021-11-01", "start: 2021-10-15"), encoding="utf-8"
    )
    report = import_investigation_files([tmp_path])
    assert report.updated == 1
    investigation.refresh_from_db()
    assert investigation.decision == Decision.NO_GO  # the file gives none: the team's stays
    assert investigation.learnings == "La commune a choisi un outil existant."
    assert investigation.phases.get(step=1).summary == "Synthèse de l'équipe"
    assert investigation.phases.get(step=5).closed_on == date(2021, 10, 15)


def test_the_export_names_homonyms_by_code_and_reads_back_unchanged(pni_territories, tmp_path):
    _import("pni-departements")
    investigation = Investigation.objects.get()
    text = startup_markdown(investigation)
    assert "- '34150'" in text and "- '93048'" in text
    plan = read_investigation("pni-departements", text, Resolver())
    assert set(plan.resolved.territories) == {
        pni_territories["marseillan_34"],
        pni_territories["montreuil_93"],
    }
    assert plan.statement == investigation.problem.statement
    (tmp_path / "pni-departements.md").write_text(text, encoding="utf-8")
    report = import_investigation_files([tmp_path])
    assert (report.unchanged, report.updated) == (1, 0)


@pytest.mark.parametrize("name", ["pni-ancien", "pni-alumni", "pni-italique", "pni-go"])
def test_every_outcome_is_exported_as_it_reads_back(pni_territories, tmp_path, name):
    """In progress, ended without a decision, no-go, go: the export is imported unchanged."""
    _import(name)
    (tmp_path / f"{name}.md").write_text(
        startup_markdown(Investigation.objects.get()), encoding="utf-8"
    )
    report = import_investigation_files([tmp_path])
    assert (report.unchanged, report.updated, report.skipped) == (1, 0, [])


# --- Pieces -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "lines"),
    [
        ("Texte\nCollectivité sponsor : Draguignan\n", ["Draguignan"]),
        ("*Collectivité sponsor : Fronton*", ["Fronton"]),
        ("**Collectivités sponsors** : A, B  ", ["A, B"]),
        ("- Collectivité sponsor\u202f: Agen.", ["Agen"]),
        ("Collectivite sponsor:Saint\\-Malo", ["Saint-Malo"]),
        ("Collectivité sponsor : \nLe paragraphe suivant", [""]),
        ("Les collectivités sponsors sont : A", []),
    ],
)
def test_sponsor_lines(body, lines):
    assert sponsor_lines(body) == lines


def test_names_are_split_on_commas_and_semicolons_not_inside_parentheses():
    assert split_names("Marseillan (Hérault, 34), Agen ; *Fronton*") == [
        "Marseillan (Hérault, 34)",
        "Agen",
        "Fronton",
    ]


def test_an_unknown_qualifier_is_said(pni_territories):
    territory, reason = Resolver().resolve("Bapaume (CC du Sud-Artois)")
    assert territory is None
    assert "précision entre parenthèses « CC du Sud-Artois » non reconnue" in reason


def test_plain_text_of_markdown_and_back():
    markdown = (
        "### **Titre**\n\n_**I) Question ?  \n**_Réponse\n\n"
        "1.  **Un**\n2.  Deux \\[à voir\\]\n\n* * *\n\nprix \\* 2 = 10 \\_net\\_"
    )
    text = plain_text(markdown)
    assert text == (
        "Titre\n\nI) Question ?\nRéponse\n\n1. Un\n2. Deux [à voir]\n\nprix * 2 = 10 _net_"
    )
    assert plain_text(markdown_escaped(text)) == text


def test_the_programme_name_is_not_a_subject():
    assert is_generic("Programme national d'investigation (12)")
    assert not is_generic("Programme national d'investigation des crues")
    assert subject("Programme national d'investigation (2)", "Cartographier") == "Cartographier"
    assert subject("Cartographier", "Programme national d'investigation (2)") == "Cartographier"
