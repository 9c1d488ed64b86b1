"""Shapes found in the real beta.gouv.fr startup files (content/_startups/, 122 files read).

Each fixture under fixtures/startups/real/ keeps the keys, dates, phase names and file-name
shapes of a real file; the prose is rewritten. The README (« Import ») says what is accepted.
"""

import shutil
from datetime import date
from pathlib import Path

import pytest

from fabrique.accounts.models import Role
from fabrique.portfolio.importers.startups import import_startup_files, parse_startup
from fabrique.portfolio.models import Organisation, Project
from fabrique.portfolio.vocabulary import CommitteeKind, ProjectKind

from .test_import_startups import phases_of, snapshot, write

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "startups"
REAL = FIXTURES / "real"
REFUSED = FIXTURES / "real_refused"
REAL_SLUGS = sorted(
    path.stem for path in REAL.glob("*.md") if path.stem != "location-ancienne"
)  # location-ancienne is the old file of logement-facile (redirect_from)


@pytest.fixture
def real():
    return import_startup_files([REAL])


def notes_of(slug):
    return Project.objects.get(slug=slug).review_notes


def test_every_real_shape_is_imported_and_the_replaced_file_is_said(real):
    assert sorted(real.keys["created"]) == REAL_SLUGS
    [(path, reason)] = real.skipped
    assert path.endswith("location-ancienne.md")
    assert reason == (
        "ancienne fiche de « logement-facile » (renommée : son redirect_from cite "
        "« location-ancienne »), non importée."
    )
    assert not Project.objects.filter(slug="location-ancienne").exists()


def test_a_second_run_of_the_real_shapes_changes_nothing(real):
    before = snapshot()
    again = import_startup_files([REAL])
    assert (again.created, again.updated, again.unchanged) == (0, 0, len(REAL_SLUGS))
    assert snapshot() == before


# --- Dates -----------------------------------------------------------------------------------


def test_a_start_typed_a_century_ahead_is_left_out_and_noted(real):
    # 2120-06-01 for 2020-06-01: kept, it would be the current phase for a hundred years.
    assert phases_of("pni-essai-34") == [("transfere", date(2021, 11, 1), None)]
    assert notes_of("pni-essai-34") == (
        "Phase « Investigation », début : date peu plausible (01/06/2120, plus de 10 ans dans "
        "le futur) : cette phase n'a pas été importée."
    )


def test_implausible_ends_and_committee_dates_are_left_out_and_noted():
    data = parse_startup(
        "---\ntitle: X\nphases:\n"
        "  - {name: investigation, start: 2021-01-04, end: 3021-03-01}\n"
        "events:\n"
        "  - {name: committee, date: 0202-06-01, comment: Année tronquée}\n"
        "  - {name: committee, date: 2021-03-01, comment: Go}\n"
        "---\n",
        "dates-peu-plausibles",
    )
    assert [(p.start, p.end) for p in data.phases] == [(date(2021, 1, 4), None)]
    assert [(c.date, c.minutes) for c in data.committees] == [(date(2021, 3, 1), "Go")]
    assert data.notes == [
        "Phase « Investigation », fin : date peu plausible (01/03/3021, plus de 10 ans dans le "
        "futur) : cette fin n'a pas été importée.",
        "Comité : date peu plausible (01/06/0202, avant 2000) : ce comité n'a pas été importé.",
    ]


# --- Phases ----------------------------------------------------------------------------------


def test_two_phases_starting_the_same_day_close_the_earlier_one_that_day(real):
    # `name : success` (a space before the colon) is read as `name`.
    assert phases_of("aidants-exemple") == [
        ("investigation", date(2019, 3, 13), date(2019, 3, 13)),
        ("construction", date(2019, 3, 13), date(2021, 1, 1)),
        ("acceleration", date(2021, 1, 1), date(2023, 6, 2)),
        ("opere", date(2023, 6, 2), None),
    ]
    assert notes_of("aidants-exemple") == (
        "Les phases « Investigation » et « Construction » commencent le même jour (13/03/2019) "
        ": « Investigation » a été close ce jour-là."
    )


def test_the_same_day_rule_follows_the_life_of_a_project_not_the_file_order(real):
    # The file lists construction before investigation, both on 15/05/2014.
    assert phases_of("signaux-precoces") == [
        ("investigation", date(2014, 5, 15), date(2014, 5, 15)),
        ("construction", date(2014, 5, 15), date(2019, 4, 1)),
        ("consolidation", date(2019, 4, 1), date(2025, 6, 22)),
        ("acceleration", date(2025, 6, 22), None),
    ]
    project = Project.objects.get(slug="signaux-precoces")
    assert project.service_url == ""  # link: ''
    assert "commencent le même jour (15/05/2014)" in project.review_notes


def test_phases_indented_by_four_spaces_and_trailing_spaces(real):
    assert phases_of("accueil-exemple") == [
        ("investigation", date(2019, 2, 4), date(2019, 7, 15)),
        ("transfere", date(2019, 7, 15), None),
    ]
    project = Project.objects.get(slug="accueil-exemple")
    assert project.contact == "contact@exemple.gouv.fr"
    assert list(project.sponsors.values_list("name", flat=True)) == ["Département exemple"]


def test_an_abandoned_investigation_with_an_escaped_link(real):
    project = Project.objects.get(slug="pni-essai-36")
    assert project.kind == ProjectKind.INVESTIGATION
    # A form of the site saved the link with HTML entities (&#x2F; for /).
    assert project.service_url == "https://salles-exemple.wixsite.com/reservation-"
    assert project.review_notes == ""
    assert phases_of("pni-essai-36") == [
        ("investigation", date(2021, 6, 1), date(2021, 11, 1)),
        ("abandon-investigation", date(2021, 11, 1), None),
    ]
    assert not project.thematics.exists()  # thematiques: []
    assert project.user_types == ""  # usertypes: []


# --- Committees, sponsors, incubator ---------------------------------------------------------


def test_committees_with_quoted_comments_and_other_events(real):
    project = Project.objects.get(slug="suite-exemple")
    committees = list(project.committees.order_by("date").values_list("date", "kind", "minutes"))
    assert committees == [
        (date(2024, 5, 29), CommitteeKind.INVESTMENT, "Comité de fin d'investigation"),
        (date(2024, 12, 11), CommitteeKind.INVESTMENT, "Comité d'investissement #1"),
        (date(2025, 6, 26), CommitteeKind.INVESTMENT, "Comité d'investissement #2"),
    ]
    assert sorted(project.sponsors.values_list("name", flat=True)) == ["anct", "anssi", "dinum"]
    assert sorted(project.thematics.values_list("name", flat=True)) == [
        "Collectivités",
        "Cybersécurité",
    ]
    assert phases_of("suite-exemple")[-1] == ("opere", date(2026, 1, 1), None)
    assert project.repository_url == "https://github.com/exemple/suite/tree/main"
    # product_launch here, national_impact and fast in logement-facile, product_launch in
    # signaux-precoces: counted, not imported.
    assert real.ignored_events == 4


def test_a_sponsor_id_finds_the_organisation_whose_name_it_spells(tmp_path):
    known = Organisation.objects.create(name="Direction du numérique pour l'éducation")
    write(
        tmp_path,
        "an-su-exemple",
        "---\ntitle: AnSu exemple\nsponsors:\n"
        "  - /organisations/direction-du-numerique-pour-l-education\n"
        "  - /organisations/gip-exemple\n---\n",
    )
    import_startup_files([tmp_path])
    sponsors = Project.objects.get(slug="an-su-exemple").sponsors.order_by("pk")
    assert [(o.pk == known.pk, o.name) for o in sponsors] == [
        (True, "Direction du numérique pour l'éducation"),
        (False, "gip-exemple"),
    ]


def test_incubator_ids_are_read_in_lower_case_and_a_repeated_key_keeps_the_last(real):
    assert Project.objects.get(slug="aide-ess").incubator == "dinum"  # incubator: DINUM
    # `incubator:` written twice (dinum, then agriculture): YAML keeps the last one.
    assert Project.objects.get(slug="jeune-arbre-exemple").incubator == "agriculture"


def test_a_folded_phase_comment_and_a_horizontal_rule_in_the_body(real):
    project = Project.objects.get(slug="aide-ess")
    transferred = project.phases.get(name="transfere")
    assert transferred.comment.startswith("L'investigation a montré un problème, mais")
    assert transferred.comment.endswith("pour continuer.")
    # The `---` of the body is a horizontal rule, not the end of the header.
    assert "\n---\n" in project.description
    assert "<hr" in project.description_html
    assert project.description.endswith("qui ont besoin d'aide.")


# --- Renamed startups (redirect_from) --------------------------------------------------------


def test_a_renamed_startup_updates_the_project_of_its_old_id(tmp_path):
    old, new = tmp_path / "avant", tmp_path / "apres"
    old.mkdir()
    new.mkdir()
    shutil.copy(REAL / "location-ancienne.md", old)
    shutil.copy(REAL / "logement-facile.md", new)
    import_startup_files([old])
    first = Project.objects.get(slug="location-ancienne")

    report = import_startup_files([new])

    assert report.keys["updated"] == ["logement-facile"]
    assert not Project.objects.filter(slug="logement-facile").exists()
    project = Project.objects.get(pk=first.pk)
    assert (project.slug, project.name) == ("location-ancienne", "Logement facile")
    assert project.review_notes == (
        "Fiche « logement-facile » : « location-ancienne », son ancien identifiant "
        "(redirect_from), est celui de ce projet, mis à jour sans changer d'adresse."
    )
    assert [phase[0] for phase in phases_of("location-ancienne")] == [
        "investigation",
        "construction",
        "acceleration",
    ]
    again = import_startup_files([new])
    assert (again.updated, again.unchanged) == (0, 1)


def test_a_project_under_the_old_id_next_to_the_new_one_is_flagged_for_merging(tmp_path):
    write(tmp_path, "location-ancienne", "---\ntitle: Ancienne\n---\n")
    import_startup_files([tmp_path])
    (tmp_path / "location-ancienne.md").unlink()
    write(tmp_path, "logement-facile", "---\ntitle: Nouvelle, sans redirect_from\n---\n")
    import_startup_files([tmp_path])
    shutil.copy(REAL / "logement-facile.md", tmp_path)

    import_startup_files([tmp_path])

    assert Project.objects.get(slug="logement-facile").review_notes == (
        "Le projet « location-ancienne » porte un ancien identifiant de cette fiche "
        "(redirect_from) : à fusionner avec celui-ci ou à supprimer."
    )
    assert Project.objects.get(slug="location-ancienne").name == "Ancienne"


def test_two_files_naming_each_other_are_both_imported(tmp_path):
    write(tmp_path, "aller", "---\ntitle: Aller\nredirect_from: [/startups/retour]\n---\n")
    write(tmp_path, "retour", "---\ntitle: Retour\nredirect_from: [/startups/aller.html]\n---\n")
    report = import_startup_files([tmp_path])
    assert sorted(report.keys["created"]) == ["aller", "retour"]
    assert report.skipped == []


def test_redirects_that_are_not_startup_ids_are_ignored():
    data = parse_startup(
        "---\ntitle: X\nredirect_from:\n  - /startups/ancien.html\n  - /startups/ancien\n"
        "  - /accessibilite\n  - /startups/a/b\n  - /startups/exemple\n  - 42\n---\n",
        "exemple",
    )
    assert data.former_ids == ["ancien"]


# --- File names and bodies -------------------------------------------------------------------


def test_file_names_that_are_not_ids_are_refused_with_a_name_to_use():
    report = import_startup_files([REFUSED])
    assert report.imported == 0
    reasons = {Path(path).name: reason for path, reason in report.skipped}
    assert reasons["@docs.md"].startswith("identifiant « @docs » invalide")
    assert reasons["@docs.md"].endswith("(renommer le fichier, par exemple « docs.md »).")
    assert reasons["Aides ESS.md"].endswith("(renommer le fichier, par exemple « Aides-ESS.md »).")


def test_a_refused_name_renamed_imports_its_unclosed_header_flagged(tmp_path):
    shutil.copy(REFUSED / "Aides ESS.md", tmp_path / "Aides-ESS.md")
    report = import_startup_files([tmp_path])
    assert report.keys["created"] == ["Aides-ESS"] and not report.skipped
    project = Project.objects.get(slug="Aides-ESS")
    assert (project.name, project.incubator) == ("Aides aux ESS", "dinum")
    assert [(p.name, p.start, p.end) for p in project.phases.all()] == [
        ("investigation", date(2020, 11, 1), date(2021, 2, 28))
    ]
    assert project.description.startswith("## Fiche produit")
    assert "En-tête YAML non fermé" in project.review_notes


def test_a_body_mixing_html_and_markdown_is_sanitised(real):
    project = Project.objects.get(slug="fiche-html")
    html = project.description_html
    for unsafe in ("<script", "<img", "onerror", "javascript:", "<!--", "<b>", "alert("):
        assert unsafe not in html
    assert "<h2>1,7 million</h2>" in html
    assert "<h2>Problème visé :</h2>" in html  # a heading underlined with dashes
    assert "\\" not in html  # the editor's backslash line breaks
    assert (
        '<a href="https://exemple.gouv.fr/login?utm_source=betagouv" rel="noopener noreferrer">'
        in html
    )
    assert project.review_notes == (
        "Le fichier indique le statut « Construction » mais sa dernière phase est "
        "« Investigation » : les phases ont été importées telles quelles."
    )


def test_backslash_line_breaks_become_markdown_ones_outside_code():
    body = "Une ligne \\\n\\\nUne autre\n```\ncommande \\\n  --option\n```\nFin \\\\"
    data = parse_startup(f"---\ntitle: X\n---\n{body}", "retours")
    assert data.fields["description"] == (
        "Une ligne  \n  \nUne autre\n```\ncommande \\\n  --option\n```\nFin \\\\"
    )


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (
            "".join("    " * depth + "- point\n" for depth in range(30)),
            "Listes imbriquées trop profondément : 20 niveaux au plus",
        ),
        ("[" * 600 + "x" + "](y)" * 600, "Trop de crochets « [ » (600) : 500 au plus"),
        (
            "Du texte." * 12_000,
            "Texte trop long (108\u202f000 caractères) : 100\u202f000 au plus",
        ),
    ],
)
def test_a_body_over_the_markdown_limits_is_refused_naming_the_field(tmp_path, body, reason):
    write(tmp_path, "corps-hostile", f"---\ntitle: Hostile\n---\n{body}")
    [(_, refused)] = import_startup_files([tmp_path]).skipped
    assert refused == f"valeurs refusées (description (Markdown) : {reason})."
    assert not Project.objects.filter(slug="corps-hostile").exists()


# --- Pages -----------------------------------------------------------------------------------


def test_the_pages_of_the_real_shapes_render(client, users, real):
    for slug in REAL_SLUGS:
        assert client.get(f"/projets/{slug}/").status_code == 200, slug
    client.force_login(users[Role.INCUBATOR])
    for slug in REAL_SLUGS:
        response = client.get(f"/projets/{slug}/")
        assert response.status_code == 200, slug
        assert Project.objects.get(slug=slug).name in response.content.decode()


def test_a_text_without_extension_nor_header_in_the_folder_is_said_not_passed_over(tmp_path):
    """beta.gouv.fr keeps `Investissement_Innovant`: a startup's text with no header at all."""
    write(tmp_path, "velo-cargo", "---\ntitle: Vélo cargo\n---\nTexte.\n")
    (tmp_path / "Financement_Innovant").write_text("Le problème général\nDes PME…\n")
    (tmp_path / ".cache").write_text("caché")
    report = import_startup_files([tmp_path])
    assert report.keys["created"] == ["velo-cargo"]
    assert [(Path(where).name, why) for where, why in report.skipped] == [
        (
            "Financement_Innovant",
            "sans extension et ne commence pas par un en-tête « --- » : pas lu comme une fiche "
            "startup ; si c'en est une, ajoutez-lui son en-tête YAML (titre, mission, phases) "
            "et l'extension .md.",
        )
    ]
