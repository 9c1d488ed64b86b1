"""Offers: create, update, delete."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fabrique.core.slugs import unique_slug
from fabrique.core.wordindex import store_words

from ..access import hiring_projects, is_incubator_staff
from ..importers.writing import search_text
from ..models import JobOffer, JobOfferWord
from ..rules import contract_from_word, offer_problems, team_name
from ..vocabulary import INCUBATOR_TEAM, OfferStatus, SourceFormat

FIELDS = (
    "title", "role", "team_name", "project", "contract", "contract_holder", "junior", "place",
    "remote", "opens_on", "closes_on", "days_per_week", "duration", "contact", "external_url",
    "body", "status",
)  # fmt: skip


def _validate(values: dict) -> None:
    errors = offer_problems(
        title=values.get("title") or "",
        opens_on=values.get("opens_on"),
        closes_on=values.get("closes_on"),
        days_per_week=values.get("days_per_week") or "",
        body=values.get("body") or "",
        status=values.get("status") or "",
    )
    if errors:
        raise ValidationError(errors)


PROJECT_REFUSED = (
    "Vous ne recrutez que pour les projets dont vous êtes membre : choisissez l'un d'eux. "
    "Pour une offre de l'incubateur ou d'une autre équipe, adressez-vous à l'équipe de "
    "l'incubateur."
)


def check_project(by, project) -> None:
    """A project's member attaches an offer only to a project they hire for (never to another
    team's project, nor to the incubator itself); the team, to any. `by=None`: an import or the
    demo, run by the team."""
    if by is None or is_incubator_staff(by):
        return
    if project is None or not hiring_projects(by).filter(pk=project.pk).exists():
        raise ValidationError({"project": PROJECT_REFUSED})


def _derived(values: dict) -> dict:
    values = dict(values)
    values["team_name"] = team_name(values.get("team_name") or "")
    if values.get("project") is not None and not values.get("team_name"):
        values["team_name"] = values["project"].name
    values["search_text"] = search_text(
        {**values, "techno": values.get("techno", []), "domains": values.get("domains", [])}
    )
    return values


def _unique_slug(title: str) -> str:
    return unique_slug(JobOffer.objects.all(), title, max_length=90, fallback="offre")


@transaction.atomic
def offer_create(*, by=None, **values) -> JobOffer:
    """A new offer typed in Fabrique (keyword arguments: the fields of `FIELDS`) by `by`."""
    values = {key: values[key] for key in FIELDS if key in values}
    _validate(values)
    check_project(by, values.get("project"))
    values = _derived(values)
    offer = JobOffer.objects.create(
        slug=_unique_slug(values["title"]), source_format=SourceFormat.FABRIQUE, **values
    )
    store_words(JobOfferWord, "offer", [offer])
    return offer


@transaction.atomic
def offer_update(*, offer: JobOffer, by=None, **values) -> JobOffer:
    current = {key: getattr(offer, key) for key in FIELDS}
    current.update({key: values[key] for key in FIELDS if key in values})
    _validate(current)
    if "project" in values:
        check_project(by, values["project"])
        moved = values["project"] != offer.project and offer.project is not None
        if moved and current.get("team_name") == offer.project.name:
            # The team was the old project's name: it follows the offer to its new project.
            new = values["project"]
            current["team_name"] = new.name if new is not None else INCUBATOR_TEAM
    # A contract chosen from the list replaces a word of the original file.
    changed_contract = "contract" in values and values["contract"] != offer.contract
    if changed_contract and contract_from_word(offer.contract_raw) != values["contract"]:
        offer.contract_raw = ""
    for key, value in _derived(current).items():
        setattr(offer, key, value)
    if offer.status == OfferStatus.FILLED and offer.filled_on is None:
        # The day it is marked filled, in France (not the day of its previous change, nor UTC's).
        offer.filled_on = timezone.localdate()
    offer.save()
    store_words(JobOfferWord, "offer", [offer])
    return offer


@transaction.atomic
def offer_delete(*, offer: JobOffer) -> None:
    """Delete an offer and its applications (their CV files included)."""
    for application in offer.applications.all():
        if application.cv:
            application.cv.delete(save=False)
    offer.delete()
