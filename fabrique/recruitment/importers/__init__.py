"""Job offers written as Markdown with a YAML front matter, in the two formats of the field.

- beta.gouv.fr style: `title`, `roles`, `open`, `date`, `junior`, `friend`, `externalURL`,
  `equipe` or `startup`, `contrat`, `techno`, `domaines`, `depublication_date`…
- Incubateur des Territoires (ANCT) style: `role`, `status`, `poste_ouvert` (or the misspelt
  `post_ouvert`), `poste_ferme`, `poste_pourvu`, `airtable_formulaire`, `contact`, `equipe`…

Reading is tolerant of the drift of real files (misspelt keys, many spellings of `contrat`,
impossible dates, machine-generated names, no front matter at all): what cannot be used is
left out and written in the offer's review notes instead of refusing the file. A file is
skipped only when nothing usable is in it, and the reason says so. Each offer is keyed by a
slug made from its file name (from its title when the name is machine-generated), so that
importing again updates instead of duplicating.

`reading`: the files of a folder and their front matter; `mapping`: the fields of an offer
(`parse_offer`, `read_offer_file`), `contracts` for a contract said in the text or the title;
`writing`: the offers written; here, the whole import, all or nothing.
"""

from collections.abc import Iterable
from pathlib import Path

from django.db import transaction

from fabrique.core.importing import ImportReport, Track, no_progress
from fabrique.core.wordindex import store_words

from ..models import JobOffer, JobOfferWord
from .mapping import OfferData, read_offer_file
from .reading import OfferFileError, collect_files
from .writing import (
    free_slug,
    held_by_another,
    offers_of_files,
    other_slug,
    project_keys,
    team_project,
    write_offer,
)


def import_offer_files(paths: Iterable[str | Path], *, track: Track = no_progress) -> ImportReport:
    """Import every offer file found, all or nothing; skipped files listed with their reason."""
    files, problems = collect_files(paths)
    report = ImportReport(skipped=problems, read=len(files))
    parsed: list[tuple[Path, OfferData]] = []
    for path in track(files, "Offres d'emploi"):
        try:
            parsed.append((path, read_offer_file(path)))
        except (OfferFileError, OSError) as error:
            report.skip(str(path), str(error))
    # One transaction for the whole import: stopped half-way (an error, a killed process), it
    # leaves the database as it was; files with nothing usable are skipped before writing.
    with transaction.atomic():
        slugs = [
            slug for _, data in parsed for slug in (data.slug, other_slug(data), data.file_slug)
        ]
        existing = JobOffer.objects.in_bulk([slug for slug in slugs if slug], field_name="slug")
        # An offer whose address came from its title, imported before from the same
        # machine-named file: its title may have been edited since, the offer is the same.
        machine_named = [data.fields["source_file"] for _, data in parsed if data.file_slug]
        by_file = offers_of_files(machine_named)
        existing.update({offer.slug: offer for offer in by_file.values()})
        projects = project_keys()
        seen: dict[str, Path] = {}
        written = []
        for path, data in parsed:
            if data.file_slug and data.file_slug in existing:
                # Imported before under its file name: its address stays (links to it work).
                data.slug = data.file_slug
            elif data.file_slug and (same := by_file.get(data.fields["source_file"])):
                # Its title edited since the last import: updated, under the same address.
                data.slug = same.slug
            elif data.file_slug and held_by_another(existing.get(data.slug), data):
                data.slug = other_slug(data)
            taken_by = seen.get(data.slug)
            data.slug = free_slug(data, seen)
            if data.slug in seen:
                report.skip(
                    str(path), f"même identifiant « {data.slug} » que le fichier {seen[data.slug]}."
                )
                continue
            if taken_by is not None:
                data.notes.append(
                    f"Même nom, à la casse, aux accents ou à l'extension près, que le fichier "
                    f"« {taken_by.name} » : sans doute une copie de la même offre, à vérifier."
                )
            seen[data.slug] = path
            # The hiring team: the portfolio project the team names (a link made by hand in
            # Fabrique is kept when the file names no project).
            if project := team_project(data.fields["team_name"], projects):
                data.fields["project_id"] = project
            outcome, offer = write_offer(data, existing.get(data.slug))
            report.record(outcome, data.slug)
            if outcome != "unchanged":
                written.append(offer)
            if data.notes:
                report.warn(data.slug, " ".join(data.notes))
        store_words(JobOfferWord, "offer", written)
    return report
