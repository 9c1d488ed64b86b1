"""import_jobs on small copies of the odd cases of real offers (tests/fixtures/recruitment)."""

import shutil
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from fabrique.recruitment.exports import to_markdown
from fabrique.recruitment.importers import import_offer_files
from fabrique.recruitment.importers.mapping import offer_slug, parse_offer
from fabrique.recruitment.importers.writing import write_offer
from fabrique.recruitment.models import JobOffer
from fabrique.recruitment.vocabulary import Contract, OfferStatus, SourceFormat
from tests.recruitment.factories import JobOfferFactory

FIXTURES = Path(__file__).parent.parent / "fixtures" / "recruitment"
pytestmark = pytest.mark.django_db


def test_a_folder_imports_every_offer_and_says_why_it_skips_the_others():
    report = import_offer_files([FIXTURES])
    skipped = {Path(name).name: reason for name, reason in report.skipped}
    assert set(skipped) == {"notes.txt", "yaml-casse.md", "Bizdev_sans-entete"}
    assert "ni de titre" in skipped["notes.txt"]
    assert "guillemet non fermé" in skipped["yaml-casse.md"]
    assert report.imported == 30
    assert JobOffer.objects.count() == 30


def test_drift_of_real_files_is_read_and_flagged():
    import_offer_files([FIXTURES])
    misspelt = JobOffer.objects.get(slug="2020-05-19-deploiement")
    assert misspelt.opens_on == date(2020, 5, 19)
    assert "post_ouvert" in misspelt.review_notes
    assert misspelt.status == OfferStatus.FILLED
    assert misspelt.contract == Contract.FREELANCE and misspelt.contract_raw == "préstataire"
    assert misspelt.source_format == SourceFormat.ANCT
    both = JobOffer.objects.get(slug="2021-08-04-deux-ouvertures")
    assert both.opens_on == date(2021, 8, 4) and both.contract == Contract.EMPLOYEE
    assert both.extra == {"post_ouvert": "2021-08-04", "airtable_formulaire": True}
    windows = JobOffer.objects.get(slug="2021-01-26_bizdev_windows")
    assert windows.title == "Business développeur.se — Bases Adresses Locales"
    assert "\r" not in windows.body
    broken = JobOffer.objects.get(slug="2022-02-15-date-cassee")
    assert broken.closes_on is None and "2022-04-T15" in broken.review_notes
    reversed_dates = JobOffer.objects.get(slug="2021-11-05-cloture-avant-ouverture")
    assert reversed_dates.closes_on is None and "avant l'ouverture" in reversed_dates.review_notes
    unknown = JobOffer.objects.get(slug="offre-sans-extension")
    assert unknown.contract == "" and unknown.contract_raw == "sorcier"
    assert "inconnu" in unknown.review_notes
    headless = JobOffer.objects.get(slug="sans-en-tete")
    assert headless.title == "Stage en analyse de données"
    beta = JobOffer.objects.get(slug="001_coach_investigation")
    assert beta.source_format == SourceFormat.BETAGOUV
    assert beta.status == OfferStatus.CLOSED and beta.contract == Contract.FREELANCE
    assert beta.external_url == "https://example.org/recrutements/coach"
    assert JobOffer.objects.get(slug="000_coach").junior


def test_machine_generated_names_give_short_unique_slugs():
    long_name = next(path for path in FIXTURES.iterdir() if path.name.startswith("map-"))
    slug = offer_slug(long_name)
    assert len(slug) <= 100
    assert slug == offer_slug(long_name)
    assert slug != offer_slug(long_name.with_name(long_name.name.replace("une", "deux")))


def test_importing_again_updates_and_never_duplicates(tmp_path):
    folder = tmp_path / "offres"
    shutil.copytree(FIXTURES, folder)
    first = import_offer_files([folder])
    second = import_offer_files([folder])
    assert first.created == 30
    assert (second.created, second.updated, second.unchanged) == (0, 0, 30)
    path = folder / "2022-02-15-date-cassee.md"
    path.write_text(path.read_text().replace("fullstack JS", "fullstack Python"))
    third = import_offer_files([folder])
    assert third.keys["updated"] == ["2022-02-15-date-cassee"]
    assert JobOffer.objects.count() == 30
    assert JobOffer.objects.get(slug="2022-02-15-date-cassee").role == (
        "Développeur.se fullstack Python"
    )


def test_a_machine_named_file_edited_and_imported_again_updates_its_offer(tmp_path):
    """Its address comes from its title: once the role (so the title) was edited, importing the
    file again created a second offer beside the first."""
    machine_named = next(path for path in FIXTURES.iterdir() if path.name.startswith("map-"))
    copy = tmp_path / machine_named.name
    copy.write_bytes(machine_named.read_bytes())
    import_offer_files([tmp_path])
    (offer,) = JobOffer.objects.all()
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace(f"role: {offer.role}", "role: Développeur·se confirmé·e"), "utf-8")
    again = import_offer_files([tmp_path])
    assert (again.created, again.updated) == (0, 1)
    assert list(JobOffer.objects.values_list("slug", "role")) == [
        (offer.slug, "Développeur·se confirmé·e")
    ]


def test_import_export_import_is_stable():
    import_offer_files([FIXTURES])
    for offer in JobOffer.objects.all():
        again = parse_offer(to_markdown(offer), slug=offer.slug, source_file=offer.source_file)
        for name, value in again.fields.items():
            current = getattr(offer, name)
            assert current == value, (offer.slug, name)


def test_an_offer_ending_with_a_line_of_spaces_reads_back_unchanged(tmp_path):
    """A real offer ends with a line of spaces: its export, read again, updated it."""
    (tmp_path / "2021-08-30-chef-de-projet.md").write_text(
        "---\nrole: Chef de projet\nposte_ouvert: 2021-08-30\n---\n\nLe poste.\n\n          \n",
        encoding="utf-8",
    )
    import_offer_files([tmp_path])
    offer = JobOffer.objects.get()
    (tmp_path / "2021-08-30-chef-de-projet.md").write_text(to_markdown(offer), encoding="utf-8")
    again = import_offer_files([tmp_path])
    assert (again.updated, again.unchanged) == (0, 1)


def test_bad_files_are_refused_with_a_french_reason(tmp_path):
    big = tmp_path / "enorme.md"
    big.write_text("---\ntitle: Gros\n---\n" + "x" * 1_000_000)
    binary = tmp_path / "binaire.md"
    binary.write_bytes(b"---\ntitle: X\n---\n\x00\x00")
    untitled = tmp_path / "sans-titre.md"
    untitled.write_text("---\ncontact: a@example.org\n---\nCorps.")
    report = import_offer_files([big, binary, untitled, tmp_path / "absent.md"])
    reasons = {Path(name).name: reason for name, reason in report.skipped}
    assert "trop volumineux" in reasons["enorme.md"]
    assert "binaire" in reasons["binaire.md"]
    assert "ni titre" in reasons["sans-titre.md"]
    assert "introuvable" in reasons["absent.md"]
    assert JobOffer.objects.count() == 0


def test_scripts_in_an_offer_body_are_removed():
    data = parse_offer("---\ntitle: X\n---\n<script>alert(1)</script>\n\nTexte", slug="x")
    write_offer(data, None)
    assert "<script" not in JobOffer.objects.get(slug="x").body_html


def test_the_command_prints_a_summary_and_the_skipped_files():
    out = StringIO()
    call_command("import_jobs", str(FIXTURES), stdout=out, verbosity=0)
    text = out.getvalue()
    assert "30 offres importées" in text
    assert "yaml-casse.md" in text


@pytest.mark.parametrize(
    ("title", "contract", "words"),
    [
        ("CDD de 20 mois", Contract.EMPLOYEE, "CDD de 20 mois"),
        ("Stage de 6 mois", Contract.INTERNSHIP, "Stage de 6 mois"),
        ("Freelance", Contract.FREELANCE, "Freelance"),
        ("Chargé·e de déploiement — CDD de 20 mois", Contract.EMPLOYEE, "CDD de 20 mois"),
        ("Coach produit (indépendant·e)", Contract.FREELANCE, "indépendant·e"),
        ("Développeur·se — Incubateur des Territoires", "", ""),
        ("CDD ou freelance", "", ""),
    ],
)
def test_a_contract_stated_only_in_the_title_is_read(title, contract, words):
    data = parse_offer(f"---\ntitle: {title}\n---\nUne mission.\n", slug="offre")
    assert (data.fields["contract"], data.fields["contract_raw"]) == (contract, words)
    if contract:
        assert f"Contrat lu dans le titre (« {words} ») : à vérifier." in data.notes


def test_the_header_and_the_text_win_over_the_title():
    header = parse_offer("---\ntitle: Stage de 6 mois\ncontrat: CDD\n---\nTexte.\n", slug="a")
    assert header.fields["contract"] == Contract.EMPLOYEE
    text = parse_offer("---\ntitle: Stage\n---\nContrat : freelance\n", slug="b")
    assert text.fields["contract"] == Contract.FREELANCE


@pytest.mark.parametrize(
    "team",
    ["incubateur.des.territoires", "incubateur-des-territoires", "Incubateur des Territoires"],
)
def test_the_incubator_written_as_a_slug_is_the_incubator(team):
    data = parse_offer(f"---\ntitle: Designer\nequipe: {team}\n---\nTexte.\n", slug="offre")
    assert data.fields["team_name"] == "Incubateur des Territoires"


def test_real_files_with_the_contract_in_the_title_and_the_team_as_a_slug():
    import_offer_files([FIXTURES])
    cdd = JobOffer.objects.get(slug="2023-04-03-cdd-dans-le-titre")
    assert cdd.contract == Contract.EMPLOYEE and "lu dans le titre" in cdd.review_notes
    assert cdd.team_name == "Incubateur des Territoires"
    freelance = JobOffer.objects.get(slug="2023-06-12-freelance")
    assert freelance.contract == Contract.FREELANCE
    assert freelance.team_name == "Incubateur des Territoires"
    assert JobOffer.objects.get(slug="sans-en-tete").contract == Contract.INTERNSHIP


def test_offers_saved_with_the_slug_take_the_incubators_name():
    from importlib import import_module

    from django.apps import apps

    JobOfferFactory(team_name="incubateur.des.territoires")
    JobOfferFactory(team_name="Cartographie nationale")
    import_module("fabrique.recruitment.migrations.0005_incubator_slug_team").forwards(apps, None)
    assert sorted(JobOffer.objects.values_list("team_name", flat=True)) == [
        "Cartographie nationale",
        "Incubateur des Territoires",
    ]


def test_st_in_an_offer_is_searched_as_saint():
    from fabrique.recruitment.importers.writing import search_text

    text = search_text({"title": "Chargé·e de mission", "place": "St-Malo", "techno": ["Django"]})
    assert text == " charge e de mission saint malo django"


@pytest.mark.parametrize(
    ("written", "remote"),
    [("oui", "partiel"), ("true", "partiel"), ("yes", "partiel"), ("no", "non"),
     ("Télétravail partiel", "partiel"), ("Hybride", "partiel"), ("Sur place", "non"),
     ("Présentiel", "non"), ("Télétravail complet", "total"), ("100 %", "total"),
     ("Complet", "total")],
)  # fmt: skip
def test_remote_work_is_read_as_offers_write_it(written, remote):
    """`teletravail: yes` (YAML's true) and « Télétravail partiel » were read as nothing."""
    text = f"---\ntitle: Dev\nopen: true\ndate: 2023-03-01\nteletravail: {written}\n---\nTexte\n"
    data = parse_offer(text, slug="dev")
    assert data.fields["remote"] == remote
    assert not any("Télétravail" in note for note in data.notes)


def test_remote_work_in_words_of_its_own_is_kept_and_flagged(tmp_path):
    """« Oui, 2 jours par semaine » was dropped without a word, and lost from the export."""
    offer_file = tmp_path / "2023-03-01-dev.md"
    offer_file.write_text(
        "---\ntitle: Dev\nopen: true\ndate: 2023-03-01\n"
        "teletravail: Oui, 2 jours par semaine\n---\nTexte\n",
        encoding="utf-8",
    )
    import_offer_files([offer_file])
    offer = JobOffer.objects.get()
    assert offer.remote == ""
    assert (
        "Télétravail « Oui, 2 jours par semaine » non reconnu (attendu : oui, non, partiel ou "
        "total) : laissé à préciser, gardé tel quel à l'export."
    ) in offer.review_notes
    exported = to_markdown(offer)
    assert "teletravail: Oui, 2 jours par semaine\n" in exported
    again = parse_offer(exported, slug=offer.slug, source_file=offer.source_file)
    assert again.fields["extra"] == offer.extra


def test_a_field_written_as_sub_fields_is_kept_and_flagged(tmp_path):
    """`contact: {email: …, nom: …}` was read as no contact, without a word, and lost from the
    export."""
    offer_file = tmp_path / "2023-03-21-dev.md"
    offer_file.write_text(
        "---\ntitle: Dev\nopen: true\ndate: 2023-03-21\n"
        "contact:\n  email: recrutement@exemple.fr\n  nom: Camille\n---\nTexte\n",
        encoding="utf-8",
    )
    import_offer_files([offer_file])
    offer = JobOffer.objects.get()
    assert offer.contact == ""
    assert (
        "Champ « contact » écrit en sous-champs (email, nom) : non lu, à reporter dans l'offre ; "
        "gardé tel quel à l'export."
    ) in offer.review_notes
    exported = to_markdown(offer)
    # Sub-fields in the order of their names, whatever the database keeps (jsonb reorders).
    assert "contact:\n  email: recrutement@exemple.fr\n  nom: Camille\n" in exported
    again = parse_offer(exported, slug=offer.slug, source_file=offer.source_file)
    assert again.fields["extra"] == offer.extra


def test_a_value_longer_than_its_column_is_cut_and_said_so():
    title = "Développeur·se " + "très " * 80
    data = parse_offer(f"---\ntitle: {title}\ncontact: {'a' * 300}@x.fr\n---\nTexte.\n", slug="x")
    assert len(data.fields["title"]) == 300 and len(data.fields["contact"]) == 254
    notes = " ".join(data.notes)
    assert "« Titre » trop long (" in notes and "coupé à 300 caractères" in notes
    assert "« Contact » trop long (305 caractères) : coupé à 254 caractères" in notes


def test_st_typed_in_the_job_board_finds_saint_and_words_starting_with_st(db):
    """« st » typed is « saint » and the start of a word (`core.text.search_alternatives`)."""
    from fabrique.core.wordindex import store_words
    from fabrique.recruitment.filters import OfferFilter
    from fabrique.recruitment.importers.writing import search_text
    from fabrique.recruitment.models import JobOffer, JobOfferWord

    def offer(title):
        made = JobOfferFactory(title=title, search_text=search_text({"title": title}))
        store_words(JobOfferWord, "offer", [made])
        return made

    malo, stage = offer("Chargé·e de mission à St-Malo"), offer("Stage de développement")
    offer("Designer")

    def found(q):
        return set(OfferFilter({"q": q}, queryset=JobOffer.objects.all()).qs)

    assert found("st") == {malo, stage}
    assert found("saint") == {malo}


def test_the_export_reads_the_same_whatever_order_the_database_kept():
    """PostgreSQL's jsonb reorders keys (shortest first): the export sorts kept fields and their
    sub-fields by name, so SQLite and PostgreSQL write the same file."""
    offer = JobOfferFactory(
        extra={"zone": "Ouest", "contact": {"nom": "Camille", "email": "c@exemple.fr"}}
    )
    exported = to_markdown(offer)
    assert "contact:\n  email: c@exemple.fr\n  nom: Camille\nzone: Ouest\n" in exported


@pytest.mark.parametrize("empty", ['""', "''", "", "null"])
def test_an_empty_startup_beside_a_real_equipe_takes_the_equipe(empty):
    # beta.gouv.fr form files keep `startup: ""` when the team is given in `equipe`.
    text = f"---\ntitle: Designer\nstartup: {empty}\nequipe: Aides-territoires\n---\nTexte.\n"
    data = parse_offer(text, slug="offre")
    assert data.fields["team_name"] == "Aides-territoires"


def test_an_empty_opening_date_beside_a_real_one_takes_the_real_one():
    text = "---\ntitle: Designer\ndate: ''\nposte_ouvert: 2021-03-02\n---\nTexte.\n"
    assert parse_offer(text, slug="offre").fields["opens_on"] == date(2021, 3, 2)


def test_an_empty_startup_beside_an_equipe_reads_back_unchanged_after_export(tmp_path):
    (tmp_path / "offre.md").write_text(
        "---\ntitle: Designer\nstartup: ''\nequipe: Aides-territoires\nopen: true\n"
        "date: 2021-03-02\n---\nTexte.\n",
        encoding="utf-8",
    )
    import_offer_files([tmp_path])
    offer = JobOffer.objects.get(slug="offre")
    assert offer.team_name == "Aides-territoires"
    exported = to_markdown(offer)
    (tmp_path / "offre.md").write_text(exported, encoding="utf-8")
    report = import_offer_files([tmp_path])
    assert report.unchanged == 1
    assert to_markdown(JobOffer.objects.get(slug="offre")) == exported


def test_the_flags_of_an_offer_survive_the_import_of_its_export(tmp_path):
    """A contract read in the text is written in `contrat` by the export: read back from the
    export, the guess must not lose its « à vérifier » (it would pass for a written value)."""
    source, exported = tmp_path / "source", tmp_path / "export"
    source.mkdir(), exported.mkdir()
    (source / "2019-05-07- Déchets.md").write_text(
        "---\nroles: Chargé·e de déploiement\nstartup: dechets\nopen: true\n---\n"
        "## Conditions\n\nContrat : CDD de 6 mois\n",
        encoding="utf-8",
    )
    import_offer_files([source])
    offer = JobOffer.objects.get()
    assert offer.review_notes == "Contrat lu dans le texte (« CDD de 6 mois ») : à vérifier."
    (exported / f"{offer.slug}.md").write_text(to_markdown(offer), encoding="utf-8")
    import_offer_files([exported])
    offer.refresh_from_db()
    assert offer.contract == Contract.EMPLOYEE
    assert offer.review_notes == "Contrat lu dans le texte (« CDD de 6 mois ») : à vérifier."
    assert import_offer_files([exported]).unchanged == 1
    # The file that raised the flag, corrected and imported again, clears it.
    (source / "2019-05-07- Déchets.md").write_text(
        "---\nroles: Chargé·e de déploiement\nstartup: dechets\nopen: true\ncontrat: CDD\n---\n"
        "## Conditions\n\nContrat : CDD de 6 mois\n",
        encoding="utf-8",
    )
    import_offer_files([source])
    offer.refresh_from_db()
    assert offer.review_notes == ""


@pytest.mark.parametrize(
    ("line", "contract", "words"),
    [
        ("Ouvert aux indépendants, 3/5e minimum et télétravail possible.", Contract.FREELANCE,
         "Ouvert aux indépendants"),
        ("- Ouverte à un·e stagiaire de fin d'études.", Contract.INTERNSHIP,
         "Ouverte à un·e stagiaire de fin d'études"),
        ("Ouvert à tous les profils.", "", ""),
    ],
)  # fmt: skip
def test_the_terms_saying_to_whom_the_post_is_open_give_the_contract(line, contract, words):
    data = parse_offer(f"---\nroles: Entrepreneur·e\nopen: true\n---\n## Modalités\n\n{line}\n",
                       slug="offre")  # fmt: skip
    assert (data.fields["contract"], data.fields["contract_raw"]) == (contract, words)
