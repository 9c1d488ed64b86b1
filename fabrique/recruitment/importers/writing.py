"""Writing the offers read: created, updated or left unchanged, each under a slug no other file
of the import holds, linked to the portfolio project its team names, with its search text.
"""

from collections.abc import Iterable
from pathlib import Path

from django.utils.text import slugify

from fabrique.core.importing import fingerprint
from fabrique.core.text import fold, folded_words
from fabrique.portfolio.models import Project

from ..models import JobOffer
from .mapping import SLUG_MAX, OfferData


def write_offer(data: OfferData, existing: JobOffer | None) -> tuple[str, JobOffer]:
    """Create or update one offer: ('created' | 'updated' | 'unchanged', the offer)."""
    fields = dict(data.fields, review_notes="\n".join(data.notes))
    if _is_its_export(data, existing):
        # Its export writes in `contrat` the contract guessed in the text: read back, the
        # offer keeps the file it came from and what is to check in it; only that file,
        # corrected and imported again, clears the flags.
        fields["source_file"] = existing.source_file
        fields["review_notes"] = fields["review_notes"] or existing.review_notes
    fields["search_text"] = search_text(fields)
    if existing is None:
        return "created", JobOffer.objects.create(slug=data.slug, **fields)
    changed = [name for name, value in fields.items() if getattr(existing, name) != value]
    if not changed:
        return "unchanged", existing
    for name in changed:
        setattr(existing, name, fields[name])
    existing.save()
    return "updated", existing


def _is_its_export(data: OfferData, existing: JobOffer | None) -> bool:
    """A file named after the offer's address (`<slug>.md`, what the export gives) that is not
    the file the offer was imported from."""
    if existing is None or data.fields["source_file"] == existing.source_file:
        return False
    return Path(data.fields["source_file"]).stem == existing.slug


def search_text(fields: dict) -> str:
    parts = [fields.get(name, "") for name in ("title", "role", "team_name", "place", "body")]
    # Each word once: a search matches the start of any word (`LIKE '% mot%'`), and a shorter
    # text is scanned faster (a real offer has about half as many distinct words as words).
    techno, domains = fields.get("techno", []), fields.get("domains", [])
    return folded_words(*parts, *techno, *domains, max_chars=None)


def offers_of_files(names: Iterable[str]) -> dict[str, JobOffer]:
    """The offer first imported from each of these file names (one query)."""
    found: dict[str, JobOffer] = {}
    for offer in JobOffer.objects.filter(source_file__in=set(names)).order_by("pk"):
        found.setdefault(offer.source_file, offer)
    return found


def project_keys() -> dict[str, int]:
    """Each portfolio project under its slug and its folded name (one query), so that an
    offer's team (`startup: guichet-solidaire`, `equipe: Guichet solidaire`) finds it."""
    keys: dict[str, int] = {}
    for pk, slug, name in Project.objects.values_list("pk", "slug", "name"):
        keys.setdefault(slug, pk)
        keys.setdefault(fold(name), pk)
    return keys


def team_project(team: str, keys: dict[str, int]) -> int | None:
    if not team:
        return None
    return keys.get(team.strip()) or keys.get(slugify(team)) or keys.get(fold(team))


def other_slug(data: OfferData) -> str:
    """The slug of a file whose own is taken by another file (`offre` beside `offre.md`, two
    names that differ only by accents or spaces): the slug and a short hash of the file name."""
    digest = fingerprint(data.fields["source_file"], length=8)
    return f"{data.slug[: SLUG_MAX - 9].rstrip('-')}-{digest}"


def held_by_another(offer: JobOffer | None, data: OfferData) -> bool:
    """An offer of another file (or typed in Fabrique) has the title's slug already."""
    return offer is not None and offer.source_file != data.fields["source_file"]


def free_slug(data: OfferData, seen: dict[str, Path]) -> str:
    """The file's slug, unless another file of the same import holds it. Files are read in
    order, so importing the same folder again gives each file the same slug; a file exported
    by Fabrique under another name (`offre.md` for `offre.txt`) updates its offer."""
    return other_slug(data) if data.slug in seen else data.slug
