import re
import shutil
import unicodedata
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.urls import resolve, reverse

from fabrique.accounts.models import Role
from fabrique.portfolio.importers.startups import (
    StartupFileError,
    import_startup_files,
    parse_startup,
)
from fabrique.portfolio.models import (
    Committee,
    Organisation,
    Phase,
    Project,
    Thematic,
    validate_project_id,
)
from fabrique.portfolio.vocabulary import CommitteeKind, ProjectKind

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "startups"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
# Imported with a phase or a committee left out, and said in the review notes.
FLAGGED = FIXTURES / "flagged"
# Older and newer ways of writing a beta.gouv.fr file, under ids with dots, accents, apostrophes.
VARIANTS = FIXTURES / "variants"
VARIANT_SLUGS = ["Atelier_Reemploi", "Rénov'Toit", "velo.cargo"]
VALID_SLUGS = sorted(path.stem for path in VALID.glob("*.md"))


def snapshot():
    """Every imported value (and the history), to prove that a second run changes nothing."""
    return (
        list(Project.objects.order_by("slug").values_list()),
        list(Phase.objects.order_by("pk").values_list()),
        list(Committee.objects.order_by("pk").values_list()),
        list(Committee.projects.through.objects.order_by("pk").values_list()),
        list(Project.sponsors.through.objects.order_by("pk").values_list()),
        list(Project.thematics.through.objects.order_by("pk").values_list()),
        list(Organisation.objects.order_by("pk").values_list()),
        list(Thematic.objects.order_by("pk").values_list()),
        Project.history.count(),
        Phase.history.count(),
        Committee.history.count(),
    )


def phases_of(slug):
    return list(
        Phase.objects.filter(project__slug=slug)
        .order_by("start", "pk")
        .values_list("name", "start", "end")
    )


@pytest.fixture
def imported():
    report = import_startup_files([VALID])
    assert report.skipped == []
    return report


@pytest.fixture
def source(tmp_path):
    target = tmp_path / "startups"
    shutil.copytree(VALID, target)
    return target


def write(directory, slug, text):
    path = directory / f"{slug}.md"
    path.write_text(text, encoding="utf-8")
    return path


# --- A clean file ---------------------------------------------------------------------------


def test_a_clean_file_gives_a_complete_project(imported):
    project = Project.objects.get(slug="guichet-associations")
    assert project.name == "Guichet des associations"
    assert project.kind == ProjectKind.STARTUP_ETAT
    assert project.mission.startswith("Simplifier les demandes de subvention")
    assert project.incubator == "anct"
    assert project.user_types == "associations, agents des collectivités"
    assert project.service_url == "https://guichet-associations.exemple.beta.gouv.fr"
    assert project.repository_url == "https://github.com/exemple/guichet-associations"
    assert project.stats_url == "https://guichet-associations.exemple.beta.gouv.fr/stats"
    assert project.contact == "equipe@guichet-associations.exemple.beta.gouv.fr"
    assert project.description.startswith("## Le problème\n\nUne association de quartier")
    assert project.description.endswith("commune instruit en ligne.")
    assert project.review_notes == ""
    assert sorted(project.sponsors.values_list("name", flat=True)) == ["anct", "dinum"]
    assert sorted(project.thematics.values_list("name", "slug")) == [
        ("subventions", "subventions"),
        ("vie associative", "vie-associative"),
    ]
    assert phases_of("guichet-associations") == [
        ("investigation", date(2021, 1, 11), date(2021, 3, 19)),
        ("construction", date(2021, 3, 22), date(2022, 3, 31)),
        ("acceleration", date(2022, 4, 1), None),
    ]
    first = project.phases.order_by("start").first()
    assert first.comment == "Entretiens avec 40 associations et 12 mairies"
    # The committee event becomes a committee with the project on its agenda; the launch
    # event is not a committee and is only counted.
    committee = project.committees.get()
    assert committee.date == date(2022, 3, 15)
    assert committee.kind == CommitteeKind.INVESTMENT
    assert committee.minutes == "Passage en accélération, trois départements pilotes"
    assert "Guichet des associations" in committee.title
    assert imported.ignored_events == 1


def test_every_valid_file_is_created_once(imported):
    assert sorted(imported.keys["created"]) == VALID_SLUGS
    assert (imported.updated, imported.unchanged) == (0, 0)
    assert Project.objects.count() == len(VALID_SLUGS)
    # Sponsors shared by two files give one organisation.
    assert Organisation.objects.filter(name="anct").count() == 1
    assert Project.objects.get(slug="trottoirs-accessibles").sponsors.get().name == "anct"


# --- Idempotency ---------------------------------------------------------------------------


def test_a_second_run_changes_nothing(imported):
    before = snapshot()
    again = import_startup_files([VALID])
    assert (again.created, again.updated) == (0, 0)
    assert sorted(again.keys["unchanged"]) == VALID_SLUGS
    assert snapshot() == before
    assert Committee.objects.count() == 3


def test_a_changed_file_updates_the_same_project(source):
    import_startup_files([source])
    project = Project.objects.get(slug="guichet-associations")
    committee = project.committees.get()
    path = source / "guichet-associations.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("Simplifier les demandes", "Alléger les demandes")
    text = text.replace("  - name: acceleration\n    start: 2022-04-01\n", "")
    text = text.replace("  - subventions\n", "")
    path.write_text(text, encoding="utf-8")

    report = import_startup_files([source])

    assert report.keys["updated"] == ["guichet-associations"]
    assert report.keys["created"] == []
    assert report.unchanged == len(VALID_SLUGS) - 1
    project.refresh_from_db()
    assert project.mission.startswith("Alléger les demandes")
    assert [name for name, _, _ in phases_of("guichet-associations")] == [
        "investigation",
        "construction",
    ]
    assert list(project.thematics.values_list("name", flat=True)) == ["vie associative"]
    assert project.committees.get() == committee


def test_reimport_keeps_what_the_team_wrote(imported):
    project = Project.objects.get(slug="trottoirs-accessibles")
    project.kind = ProjectKind.STARTUP_TERRITOIRE
    project.postmortem_reasons = "Pas d'usage mesuré après six mois."
    project.save()
    committee = project.committees.get()
    committee.minutes = "Compte rendu complet rédigé dans la plateforme."
    committee.save()

    report = import_startup_files([VALID / "trottoirs-accessibles.md"])

    assert report.keys["unchanged"] == ["trottoirs-accessibles"]
    project.refresh_from_db()
    assert project.kind == ProjectKind.STARTUP_TERRITOIRE
    assert project.postmortem_reasons == "Pas d'usage mesuré après six mois."
    assert project.committees.get().minutes == "Compte rendu complet rédigé dans la plateforme."


# --- Tolerance -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "legacy", "today"),
    [
        ("cantine-locale", "success", "opere"),
        ("archives-ouvertes", "transfer", "transfere"),
        ("registre-arbres", "alumni", "transfere"),
        ("velo-ecole", "perennisation", "opere"),
    ],
)
def test_old_phase_names_are_read_as_todays(imported, slug, legacy, today):
    text = (VALID / f"{slug}.md").read_text(encoding="utf-8")
    assert f"name: {legacy}\n" in text
    assert phases_of(slug)[-1][0] == today
    assert Project.objects.get(slug=slug).review_notes == ""


def test_phase_names_ignore_case(imported):
    assert [name for name, _, _ in phases_of("cantine-locale")] == [
        "investigation",
        "construction",
        "acceleration",
        "opere",
    ]


def test_dates_as_yaml_dates_and_as_strings(imported):
    # guichet-associations uses YAML dates; archives-ouvertes quotes "01/03/2021" and ISO text.
    assert phases_of("archives-ouvertes") == [
        ("investigation", date(2021, 3, 1), date(2021, 4, 30)),
        ("construction", date(2021, 5, 3), date(2022, 6, 30)),
        ("transfere", date(2022, 7, 1), None),
    ]
    committee = Project.objects.get(slug="archives-ouvertes").committees.get()
    assert committee.date == date(2022, 6, 15)


def test_missing_fields_are_tolerated(imported):
    untitled = Project.objects.get(slug="carnet-voisinage")
    assert untitled.name == "carnet-voisinage"
    assert untitled.kind == ProjectKind.INVESTIGATION
    assert (untitled.mission, untitled.description, untitled.service_url) == ("", "", "")
    assert phases_of("carnet-voisinage") == [("investigation", date(2024, 1, 8), None)]
    assert "Titre absent" in untitled.review_notes

    bare = Project.objects.get(slug="boussole-emploi")
    assert bare.kind == ProjectKind.STARTUP_ETAT
    assert bare.description == "Un projet dont la fiche ne dit encore presque rien."
    assert not bare.phases.exists()
    assert not bare.sponsors.exists()
    assert not bare.committees.exists()
    assert bare.review_notes == ""


def test_earlier_phases_left_open_end_when_the_next_starts(tmp_path):
    (tmp_path / "ouverte.md").write_text(
        "---\ntitle: Ouverte\nphases:\n  - name: investigation\n    start: 2021-01-04\n"
        "  - name: construction\n    start: 2021-03-01\n---\nCorps.\n",
        encoding="utf-8",
    )
    import_startup_files([tmp_path])
    assert phases_of("ouverte") == [
        ("investigation", date(2021, 1, 4), date(2021, 3, 1)),
        ("construction", date(2021, 3, 1), None),
    ]
    assert Project.objects.get(slug="ouverte").review_notes == ""


def test_inconsistent_histories_are_imported_and_flagged(imported):
    assert phases_of("signalement-voirie") == [
        ("construction", date(2020, 1, 6), date(2021, 12, 31)),
        ("acceleration", date(2021, 10, 1), date(2022, 5, 31)),
        ("abandon", date(2022, 6, 1), date(2022, 6, 1)),
        ("construction", date(2022, 9, 1), None),
    ]
    notes = Project.objects.get(slug="signalement-voirie").review_notes
    assert "« Construction » et « Accélération » se chevauchent" in notes
    assert "« Construction » suit la phase terminale « Abandon »" in notes
    assert dict(imported.warnings)["signalement-voirie"] == notes


def test_an_end_before_its_start_is_dropped_and_noted(imported):
    # The dropped end is replaced by the start of the next phase, as the platform does.
    assert phases_of("permis-vegetaliser") == [
        ("investigation", date(2023, 3, 1), date(2023, 5, 2)),
        ("construction", date(2023, 5, 2), None),
    ]
    notes = Project.objects.get(slug="permis-vegetaliser").review_notes
    assert "finit le 31/01/2023 dans le fichier, avant son début" in notes


def test_a_past_abandon_is_kept_without_inventing_a_post_mortem(imported):
    project = Project.objects.get(slug="trottoirs-accessibles")
    assert phases_of("trottoirs-accessibles")[-1] == (
        "abandon",
        date(2021, 4, 1),
        date(2021, 4, 1),
    )
    assert (project.postmortem_learnings, project.postmortem_reasons) == ("", "")
    assert not project.has_postmortem
    assert project.review_notes == ""


def test_unknown_keys_and_loose_values_are_tolerated(tmp_path):
    write(
        tmp_path,
        "lecture-facile",
        "---\ntitle: Lecture facile\nsponsors: /organisations/culture/\nthematiques: lecture\n"
        "usertypes: familles\nlink: www.lecture-facile.exemple.fr\nstats_url: pas une adresse\n"
        "events:\n  - name: Comité\n    date: 2023-02-01\n  - name: comite\n    date: 2023-02-01\n"
        "    comment: Décision reportée\nfb: https://exemple.fr\n---\nTexte.\n",
    )
    report = import_startup_files([tmp_path])
    assert report.keys["created"] == ["lecture-facile"]
    project = Project.objects.get(slug="lecture-facile")
    assert project.sponsors.get().name == "culture"
    assert project.thematics.get().slug == "lecture"
    assert project.user_types == "familles"
    assert project.service_url == "https://www.lecture-facile.exemple.fr"
    assert project.stats_url == ""
    assert "Page de statistiques ignoré·e : adresse invalide" in project.review_notes
    # Two committee events on the same day give one committee.
    assert project.committees.get().minutes == "Décision reportée"


# --- Files that cannot be imported ---------------------------------------------------------


def test_bad_files_are_skipped_with_their_reason_and_the_others_import():
    report = import_startup_files([INVALID, VALID])
    reasons = {Path(name).name: reason for name, reason in report.skipped}
    assert reasons == {
        "en-tete-casse.md": (
            "en-tête YAML illisible à la ligne 7, colonne 4 : indentation incohérente."
        ),
        "offre-emploi.md": (
            "pas une fiche startup : ni titre, ni mission, ni phases dans l'en-tête "
            "(champs lus : roles, startup, open, date)."
        ),
        "sans-en-tete.md": (
            "pas d'en-tête YAML : le fichier doit commencer par une ligne « --- »."
        ),
    }
    assert sorted(report.keys["created"]) == VALID_SLUGS
    assert not Project.objects.filter(
        slug__in=["en-tete-casse", "offre-emploi", "sans-en-tete"]
    ).exists()


def test_a_header_left_without_its_closing_line_is_read_up_to_the_first_blank_line():
    report = import_startup_files([FIXTURES / "unclosed"])
    assert report.keys["created"] == ["en-tete-ouvert"] and not report.skipped
    project = Project.objects.get(slug="en-tete-ouvert")
    assert project.mission == "Réserver la navette communale en deux clics"
    assert [(p.name, p.start) for p in project.phases.all()] == [
        ("investigation", date(2023, 2, 6))
    ]
    assert project.description.startswith("Les habitant·es de plus de 70 ans")
    assert project.review_notes.splitlines()[0] == (
        "En-tête YAML non fermé (ligne « --- » de fin absente) : lu jusqu'à la première ligne "
        "vide, à vérifier."
    )
    assert import_startup_files([FIXTURES / "unclosed"]).keys["unchanged"] == ["en-tete-ouvert"]


def test_unreadable_dates_and_unknown_phases_are_left_out_and_noted():
    report = import_startup_files([FLAGGED])

    assert sorted(report.keys["created"]) == ["date-illisible", "date-impossible", "phase-inconnue"]
    assert not report.skipped
    trees = Project.objects.get(slug="date-impossible")
    assert [(p.name, p.start) for p in trees.phases.all()] == [("construction", date(2020, 4, 1))]
    assert not trees.committees.exists()
    assert trees.review_notes.splitlines() == [
        "Phase « Investigation », début : date illisible « 2020-15-01 » (attendu : 2021-03-01, "
        "01/03/2021 ou 1 mars 2021) : cette phase n'a pas été importée.",
        "Événement « comité » : date illisible « 2020-13-03 » (attendu : 2021-03-01, "
        "01/03/2021 ou 1 mars 2021) : ce comité n'a pas été importé.",
    ]
    unknown = Project.objects.get(slug="phase-inconnue")
    assert [p.name for p in unknown.phases.all()] == ["investigation"]
    assert "Phase inconnue « incubation » : elle n'a pas été importée." in unknown.review_notes
    assert not Project.objects.get(slug="date-illisible").phases.exists()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("---\ntitle: Sans fin\n", "en-tête YAML non fermé"),
        ("---\n---\nTexte seul.\n", "en-tête YAML vide."),
        ("---\n- une liste\n---\n", "suite de champs « clé: valeur »"),
        ("---\nstatus: incubation\nstart: 2021-01-04\n---\n", "statut inconnu « incubation »."),
        ("---\ntitle: @docs\n---\n", "colonne 8 : caractère réservé en tête de valeur"),
        ("---\nphases: construction\n---\n", "« phases » doit être une liste."),
    ],
)
def test_unreadable_headers_are_explained_in_french(text, reason):
    with pytest.raises(StartupFileError, match=reason.replace("(", r"\(")):
        parse_startup(text, "exemple")


def test_dates_in_every_tolerated_form():
    text = (
        "---\nphases:\n"
        "  - {name: investigation, start: 2021-01-04, end: '2021-02-26'}\n"
        "  - {name: construction, start: '01/03/2021', end: 2021-12-31T00:00:00Z}\n"
        "  - {name: acceleration, start: '2022-01-03T09:30:00', end: ''}\n"
        "---\n"
    )
    assert [(p.start, p.end) for p in parse_startup(text, "exemple").phases] == [
        (date(2021, 1, 4), date(2021, 2, 26)),
        (date(2021, 3, 1), date(2021, 12, 31)),
        (date(2022, 1, 3), None),
    ]


@pytest.mark.parametrize("slug", ["mon projet", "@docs", ".brouillon", "a%20b", "a?b", "a#b"])
def test_a_file_name_that_is_not_a_project_id_is_refused(slug):
    with pytest.raises(StartupFileError, match=re.escape(f"identifiant « {slug} » invalide")):
        parse_startup("---\ntitle: X\n---\n", slug)


def test_a_failure_while_writing_leaves_nothing_of_that_file(monkeypatch, tmp_path):
    write(tmp_path, "a-ecrire", "---\ntitle: Ok\n---\n")
    write(
        tmp_path,
        "b-en-panne",
        "---\ntitle: En panne\nsponsors: [/organisations/nouvelle]\nthematiques: [eau]\n"
        "phases:\n  - {name: construction, start: 2022-01-03}\n---\n",
    )
    real_save = Phase.save

    def failing_save(phase, *args, **kwargs):
        # The project, its new sponsor and its thematic are already written by then.
        if phase.project.slug == "b-en-panne":
            raise IntegrityError("panne simulée")
        return real_save(phase, *args, **kwargs)

    monkeypatch.setattr(Phase, "save", failing_save)
    report = import_startup_files([tmp_path])

    assert report.keys["created"] == ["a-ecrire"]
    [(name, reason)] = report.skipped
    assert name.endswith("b-en-panne.md")
    assert reason.startswith("écriture en base impossible, rien n'a été enregistré")
    assert not Project.objects.filter(slug="b-en-panne").exists()
    assert not Organisation.objects.filter(name="nouvelle").exists()
    assert not Phase.objects.filter(project__slug="b-en-panne").exists()
    assert not Thematic.objects.filter(name="eau").exists()


def test_paths_that_do_not_exist_or_are_not_markdown(tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("---\ntitle: X\n---\n", encoding="utf-8")
    report = import_startup_files([tmp_path / "absent", other, VALID / "boussole-emploi.md"])
    assert report.keys["created"] == ["boussole-emploi"]
    assert [reason for _, reason in report.skipped] == [
        "fichier ou dossier introuvable.",
        "pas un fichier Markdown (extension .md attendue).",
    ]


def test_the_same_id_in_two_folders_is_imported_once(tmp_path):
    write(tmp_path, "boussole-emploi", "---\ntitle: Autre boussole\n---\n")
    report = import_startup_files([VALID / "boussole-emploi.md", tmp_path])
    assert report.keys["created"] == ["boussole-emploi"]
    [(_, reason)] = report.skipped
    assert reason.startswith("identifiant déjà importé par")
    assert Project.objects.get(slug="boussole-emploi").name == "Boussole emploi"


# --- Ids and ways of writing found in the real files ------------------------------------------


@pytest.fixture
def variants():
    report = import_startup_files([VARIANTS])
    assert report.skipped == []
    return report


@pytest.mark.parametrize(
    "slug", ["aides.jeunes", "data.gouv.fr", "1000.jours", "Pass'Sport", "Part'âge", "A_b-2"]
)
def test_project_ids_accept_beta_gouv_ids(slug):
    validate_project_id(slug)


@pytest.mark.parametrize(
    "slug", ["", "mon projet", "a/b", "..", ".cache", "-x", "@docs", "a%b", "a?b", 'a"b', "a\n"]
)
def test_project_ids_refuse_what_is_not_one_clean_url_segment(slug):
    with pytest.raises(ValidationError, match="Identifiant invalide"):
        validate_project_id(slug)


def test_the_model_checks_project_ids():
    with pytest.raises(ValidationError) as error:
        Project(name="Espacé", slug="mon projet", kind=ProjectKind.STARTUP_ETAT).full_clean()
    assert "Identifiant invalide" in error.value.message_dict["slug"][0]


def test_ids_with_dots_accents_and_apostrophes_are_imported(variants):
    assert sorted(variants.keys["created"]) == sorted(VARIANT_SLUGS)
    assert sorted(Project.objects.values_list("slug", flat=True)) == sorted(VARIANT_SLUGS)


def test_a_decomposed_accent_in_a_file_name_gives_the_same_id(tmp_path):
    write(tmp_path, unicodedata.normalize("NFD", "Rénov'Toit"), "---\ntitle: R\n---\n")
    import_startup_files([tmp_path])
    import_startup_files([VARIANTS / "Rénov'Toit.md"])
    assert list(Project.objects.values_list("slug", flat=True)) == ["Rénov'Toit"]


def test_sponsors_written_as_mappings(variants):
    project = Project.objects.get(slug="velo.cargo")
    assert sorted(project.sponsors.values_list("name", "acronym")) == [
        ("AMEX", ""),
        ("Association des artisans exemples", ""),
        ("Direction des villes exemples", "DVE"),
    ]
    assert "Un sponsor sans nom ni sigle a été ignoré." in project.review_notes
    # `owner:` only stands in for missing sponsors.
    assert not Organisation.objects.filter(name__startswith="Ville exemple").exists()


@pytest.mark.parametrize(("by_id", "by_mapping"), [("a-id", "b-fiche"), ("b-id", "a-fiche")])
def test_a_sponsor_is_found_again_by_name_or_acronym(tmp_path, by_id, by_mapping):
    write(tmp_path, by_id, "---\ntitle: Un\nsponsors:\n  - /organisations/dve\n---\n")
    write(
        tmp_path,
        by_mapping,
        "---\ntitle: Deux\nsponsors:\n  - {name: Direction des villes exemples, acronym: DVE}\n"
        "---\n",
    )
    report = import_startup_files([tmp_path])
    assert report.created == 2
    [organisation] = Organisation.objects.all()  # whichever file came first created it
    assert {project.sponsors.get() for project in Project.objects.all()} == {organisation}


def test_owner_stands_in_for_missing_sponsors(variants):
    old = Project.objects.get(slug="Atelier_Reemploi")  # no `sponsors:` at all
    assert old.sponsors.get().name == "Communauté exemple / Direction du patrimoine"
    empty = Project.objects.get(slug="Rénov'Toit")  # `sponsors: []`
    assert empty.sponsors.get().name == "Mairie de Rive-Exemple"


def test_the_single_status_of_the_oldest_files_becomes_a_phase(variants):
    assert phases_of("Atelier_Reemploi") == [("abandon", date(2018, 2, 5), date(2018, 10, 31))]
    project = Project.objects.get(slug="Atelier_Reemploi")
    assert (project.name, project.incubator) == ("Atelier du réemploi", "dinsic")
    assert (project.postmortem_learnings, project.postmortem_reasons) == ("", "")
    assert project.review_notes == ""


def test_a_phase_without_start_is_left_out_and_a_contradicting_status_noted(variants):
    assert phases_of("Rénov'Toit") == [
        ("investigation", date(2022, 3, 7), date(2022, 6, 30)),
        ("construction", date(2022, 7, 4), None),
    ]
    notes = Project.objects.get(slug="Rénov'Toit").review_notes.splitlines()
    assert notes == [
        "La phase « Accélération » n'a pas de date de début dans le fichier : elle n'a pas été "
        "importée.",
        "Le fichier indique le statut « Accélération » mais sa dernière phase est "
        "« Construction » : les phases ont été importées telles quelles.",
    ]


def test_newer_keys_are_tolerated_and_a_committee_without_date_is_noted(variants):
    project = Project.objects.get(slug="velo.cargo")
    assert project.name == "Vélo-cargo partagé"
    assert project.service_url == "https://velo-cargo.exemple.beta.gouv.fr"
    assert project.user_types == "entreprise"
    assert list(project.thematics.values_list("name", flat=True)) == ["Mobilité"]
    assert phases_of("velo.cargo") == [
        ("investigation", date(2023, 1, 9), date(2023, 5, 2)),
        ("construction", date(2023, 5, 2), None),
    ]
    committee = project.committees.get()
    assert (committee.date, committee.minutes) == (
        date(2023, 4, 20),
        "Fin d'investigation, passage en construction",
    )
    assert project.review_notes.splitlines() == [
        "Un comité sans date dans le fichier n'a pas été importé.",
        "Un sponsor sans nom ni sigle a été ignoré.",
    ]
    assert variants.ignored_events == 1  # the product launch


def test_a_second_run_of_the_variants_changes_nothing(variants):
    before = snapshot()
    again = import_startup_files([VARIANTS])
    assert (again.created, again.updated) == (0, 0)
    assert sorted(again.keys["unchanged"]) == sorted(VARIANT_SLUGS)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("slug", "path"),
    [("velo.cargo", "/projets/velo.cargo/"), ("Rénov'Toit", "/projets/R%C3%A9nov'Toit/")],
)
def test_pages_and_api_of_an_imported_id_resolve(client, users, variants, slug, path):
    project = Project.objects.get(slug=slug)
    assert project.get_absolute_url() == path
    assert resolve(path.replace("%C3%A9", "é")).kwargs == {"slug": slug}
    assert client.get(path).status_code == 200
    detail = client.get(reverse("api:project-detail", args=[slug]))
    assert (detail.status_code, detail.json()["slug"]) == (200, slug)
    assert client.get(reverse("impact:stats", args=[slug])).status_code == 200
    assert client.get(reverse("impact:stats-json", args=[slug])).status_code == 200
    client.force_login(users[Role.INCUBATOR])
    assert client.get(path).status_code == 200  # with the edit links
    assert client.get(reverse("portfolio:project-edit", args=[slug])).status_code == 200
    assert client.get(reverse("impact:indicators", args=[slug])).status_code == 200


# --- The command ---------------------------------------------------------------------------


def test_command_prints_a_french_summary():
    out = StringIO()
    call_command("import_startups", str(VALID), str(INVALID), stdout=out, verbosity=0)
    output = out.getvalue()
    created = len(VALID_SLUGS)
    assert f"{created} créés, 0 mis à jour, 0 inchangé, 3 ignorés." in output
    assert "offre-emploi.md : pas une fiche startup" in output
    assert "sans-en-tete.md : pas d'en-tête YAML" in output
    assert "Projets à vérifier" in output
    assert "signalement-voirie : " in output

    out = StringIO()
    call_command("import_startups", str(VALID), stdout=out)  # with the progress bar
    assert f"0 créé, 0 mis à jour, {created} inchangés, 0 ignoré." in out.getvalue()


def test_command_fails_only_when_every_file_failed(tmp_path):
    with pytest.raises(CommandError, match=r"Aucun fichier importé : 3 fichiers ignorés\."):
        call_command("import_startups", str(INVALID), stdout=StringIO(), verbosity=0)
    assert not Project.objects.exists()

    out = StringIO()
    call_command("import_startups", str(tmp_path), stdout=out, verbosity=0)
    assert "Aucun fichier .md trouvé" in out.getvalue()


# --- Variants met in the real beta.gouv.fr files ----------------------------------------------


def test_a_file_without_extension_is_imported_and_its_md_twin_wins(tmp_path):
    # beta.gouv.fr keeps a few files without extension; an older one may share its id (up to
    # the case) with the current `.md` file, which is the one imported.
    (tmp_path / "Potager").write_text(
        "---\ntitle: Ancien potager\nphases:\n  - {name: investigation, start: 2020-03-02}\n"
        "---\nAncienne fiche.\n",
        encoding="utf-8",
    )
    write(tmp_path, "potager", "---\ntitle: Potager partagé\n---\nFiche actuelle.\n")
    (tmp_path / "Serre").write_text("---\ntitle: Serre commune\n---\nCorps.\n", encoding="utf-8")
    (tmp_path / "LISEZMOI").write_text("Pas une fiche.\n", encoding="utf-8")

    report = import_startup_files([tmp_path])

    assert sorted(report.keys["created"]) == ["Serre", "potager"]
    [(readme, said), (name, reason)] = report.skipped
    assert readme.endswith("LISEZMOI") and said.startswith("sans extension et ne commence pas")
    assert name.endswith("Potager")
    assert reason.startswith("identifiant déjà importé par") and reason.endswith("potager.md.")
    assert Project.objects.get(slug="potager").name == "Potager partagé"
    # Named one by one (a shell glob), the file without extension is read too.
    single = import_startup_files([tmp_path / "Serre"])
    assert single.keys["unchanged"] == ["Serre"]


def test_a_page_that_is_not_a_startup_file_is_skipped_with_its_reason(tmp_path):
    # A job offer kept in the same folder: a front matter without any startup field.
    write(
        tmp_path, "2019-01-07-offre", "---\nroles: un·e développeur·se\nopen: true\n---\nTexte.\n"
    )
    report = import_startup_files([tmp_path])
    [(_, reason)] = report.skipped
    assert reason == (
        "pas une fiche startup : ni titre, ni mission, ni phases dans l'en-tête "
        "(champs lus : roles, open)."
    )
    assert not Project.objects.exists()


def test_crlf_bom_and_blank_lines_before_the_header_are_read():
    text = (
        "\ufeff\r\n---\r\ntitle: Fenêtres\r\nphases:\r\n  - name: construction\r\n"
        "    start: 2022-05-02\r\n---\r\n## Le problème\r\n\r\nDes lignes Windows.\r\n"
    )
    data = parse_startup(text, "fenetres")
    assert data.fields["name"] == "Fenêtres"
    assert data.fields["description"] == "## Le problème\n\nDes lignes Windows."
    assert [(p.name, p.start) for p in data.phases] == [("construction", date(2022, 5, 2))]


def test_tabs_in_the_header_are_read_as_spaces():
    text = "---\ntitle:\tTabulé\nphases:\n\t- name: investigation\n\t  start: 2023-01-09\n---\n"
    data = parse_startup(text, "tabule")
    assert data.fields["name"] == "Tabulé"
    assert [(p.name, p.start) for p in data.phases] == [("investigation", date(2023, 1, 9))]


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("2021/03/01", date(2021, 3, 1)),
        ("'01-03-2021'", date(2021, 3, 1)),
        ("01.03.2021", date(2021, 3, 1)),
        ("'2021-3-1'", date(2021, 3, 1)),
    ],
)
def test_dates_with_other_separators(written, read):
    text = f"---\ntitle: Dates\nphases:\n  - name: investigation\n    start: {written}\n---\n"
    assert parse_startup(text, "dates").phases[0].start == read


def test_loose_shapes_of_phases_keys_and_links():
    text = (
        "---\ntitle: Formes libres\ntitle: Formes libres, v2\n"
        "phases:\n  name : success\n  start: 2020-06-01\n"
        "link:\n  - ''\n  - pas une adresse\n  - https://formes.exemple.fr\n---\n"
    )
    data = parse_startup(text, "formes")
    assert data.fields["name"] == "Formes libres, v2"  # a repeated key: the last one, as Jekyll
    assert [(p.name, p.start) for p in data.phases] == [("opere", date(2020, 6, 1))]
    assert data.fields["service_url"] == "https://formes.exemple.fr"
    assert data.notes == []
