"""Applications: submit (with anti-spam), move in the pipeline, review, fill, delete, purge."""

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from fabrique.core.emails import email_text
from fabrique.core.ratelimit import Limit, check_rate, source_hash
from fabrique.core.uploads import DOCUMENTS, check_document
from fabrique.portfolio.access import can_edit_project
from fabrique.portfolio.models import TeamMember
from fabrique.portfolio.services import team_member_save
from fabrique.portfolio.vocabulary import TeamRole

from ..models import Application, JobOffer, Review, StageChange
from ..rules import (
    TEAM_BY_INCUBATOR,
    application_problems,
    closing_date,
    effective_status,
    not_accepting_reason,
    purge_after,
    stage_problem,
)
from ..vocabulary import (
    CV_MAX_BYTES,
    MAX_APPLICATIONS_PER_EMAIL_PER_HOUR,
    MAX_APPLICATIONS_PER_IP_PER_HOUR,
    RETENTION_MONTHS,
    Contract,
    OfferStatus,
    Stage,
)

REJECTION_EMAIL = (
    "Merci pour votre candidature à l'offre « {offer} ». Après examen, "
    "nous ne la retenons pas{reason}.\n\nNous vous souhaitons le meilleur dans vos recherches."
)


def _check_rate(*, email: str, source: str, now: datetime) -> None:
    check_rate(
        Application.objects.all(),
        since_field="created_at",
        now=now,
        limits=[
            Limit(
                {"email__iexact": email},
                MAX_APPLICATIONS_PER_EMAIL_PER_HOUR,
                "Trop de candidatures envoyées depuis cette adresse électronique en une heure : "
                "réessayez plus tard.",
            ),
            Limit(
                {"source_hash": source},
                MAX_APPLICATIONS_PER_IP_PER_HOUR,
                "Trop de candidatures envoyées depuis ce réseau en une heure : réessayez plus "
                "tard.",
            ),
        ],
    )


@transaction.atomic
def application_submit(
    *,
    offer: JobOffer,
    name: str,
    email: str,
    message: str,
    links: str = "",
    cv=None,
    consent: bool,
    address: str = "",
    today: date | None = None,
) -> Application:
    """Record an application to an open offer and acknowledge it by e-mail."""
    now = timezone.now()
    today = today or timezone.localdate()
    if reason := not_accepting_reason(offer.status, offer.opens_on, offer.closes_on, today):
        raise ValidationError(reason)
    errors = application_problems(
        name=name, email=email, message=message, links=links, consent=consent
    )
    kind = ""
    if cv is not None:
        try:
            kind = check_document(cv, kinds=DOCUMENTS, max_bytes=CV_MAX_BYTES, field="cv")
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    source = source_hash(address) if address else ""
    _check_rate(email=email, source=source, now=now)
    email = email.strip().lower()
    # Sent again to the same offer (a new CV, a message completed): both are kept, the team sees
    # them side by side (selectors.mark_repeats) and the person is told so.
    again = Application.objects.filter(offer=offer, email=email).exists()
    application = Application(
        offer=offer,
        name=name.strip()[:200],
        email=email,
        message=message.strip(),
        links=links.strip(),
        consent_at=now,
        stage=Stage.RECEIVED,
        stage_changed_at=now,
        source_hash=source,
        cv_content_type=kind,
    )
    if cv is not None:
        application.cv.save(cv.name, cv, save=False)
    application.save()
    StageChange.objects.create(application=application, stage=Stage.RECEIVED, at=now)
    deletion_url = reverse("recruitment:forget", args=[application.deletion_token])
    transaction.on_commit(lambda: _acknowledge(application, deletion_url, again=again))
    return application


def _acknowledge(application: Application, deletion_url: str, *, again: bool = False) -> None:
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    repeated = (
        "Vous aviez déjà candidaté à cette offre : cet envoi ne remplace pas le précédent, "
        "l'équipe voit les deux côte à côte.\n\n"
        if again
        else ""
    )
    send_mail(
        subject=f"Candidature reçue : {application.offer.title}",
        message=email_text(
            f"Nous avons bien reçu votre candidature à l'offre "
            f"« {application.offer.title} ». L'équipe qui recrute vous répondra.\n\n{repeated}"
            f"Vos données sont conservées {RETENTION_MONTHS} mois après la clôture de l'offre, "
            "puis supprimées. Vous pouvez demander leur suppression à tout moment en suivant ce "
            f"lien : {base}{deletion_url}",
            name=application.name,
        ),
        from_email=None,
        recipient_list=[application.email],
        fail_silently=True,
    )


@transaction.atomic
def application_move(
    *, application: Application, stage: str, by, reason: str = "", send_email: bool = False
) -> Application:
    """Move an application to another stage; a refusal needs a reason."""
    if problem := stage_problem(application.stage, stage):
        raise ValidationError({"stage": problem})
    if stage == Stage.REJECTED and not reason.strip():
        raise ValidationError({"reason": "Indiquez le motif du refus."})
    now = timezone.now()
    application.stage = stage
    application.stage_changed_at = now
    application.rejection_reason = reason.strip() if stage == Stage.REJECTED else ""
    application.save(update_fields=["stage", "stage_changed_at", "rejection_reason"])
    StageChange.objects.create(application=application, stage=stage, at=now, by=by)
    if stage == Stage.REJECTED and send_email:
        text = email_text(
            REJECTION_EMAIL.format(offer=application.offer.title, reason=""), name=application.name
        )
        transaction.on_commit(
            lambda: send_mail(
                subject=f"Votre candidature : {application.offer.title}",
                message=text,
                from_email=None,
                recipient_list=[application.email],
                fail_silently=True,
            )
        )
    return application


@transaction.atomic
def review_save(*, application: Application, reviewer, rating: int | None, note: str) -> Review:
    if rating is not None and not 1 <= rating <= 5:
        raise ValidationError({"rating": "La note va de 1 à 5."})
    review, _ = Review.objects.update_or_create(
        application=application, reviewer=reviewer, defaults={"rating": rating, "note": note}
    )
    return review


@transaction.atomic
def review_delete(*, review: Review, by=None) -> None:
    """Its author withdraws a review (kept in the history)."""
    review._history_user = by
    review.delete()


@transaction.atomic
def application_delete(*, application: Application) -> None:
    """Delete an application and its CV file (after the transaction, so nothing is half done)."""
    cv = application.cv
    name = cv.name if cv else ""
    storage = cv.storage if cv else None
    application.history.all().delete()
    application.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def offer_fill(
    *, application: Application, by, add_to_team: bool, team_role: str = ""
) -> TeamMember | None:
    """The offer is filled by this application; optionally its person joins the project's team
    (returned), as a freelancer when the offer is a freelance mission (paid on service fait)."""
    offer = application.offer
    if add_to_team:  # checked before anything is written
        if offer.project is None:
            raise ValidationError("Cette offre n'est liée à aucun projet du portefeuille.")
        if not can_edit_project(by, offer.project):
            # The same people who correct a project's team add to it (issue 12).
            raise ValidationError(TEAM_BY_INCUBATOR.format(project=offer.project.name))
    if application.stage != Stage.HIRED:
        application_move(application=application, stage=Stage.HIRED, by=by)
    offer.status = OfferStatus.FILLED
    offer.filled_on = timezone.localdate()
    offer.save(update_fields=["status", "filled_on", "updated_at"])
    if not add_to_team:
        return None
    return team_member_save(
        project=offer.project,
        full_name=application.name,
        role=team_role if team_role in TeamRole.values else TeamRole.OTHER,
        start=timezone.localdate(),
        is_freelance=offer.contract == Contract.FREELANCE,
    )


def purge_applications(*, today: date, dry_run: bool = False) -> list[int]:
    """Delete the applications whose offer closed more than the retention period ago."""
    due = []
    offers = JobOffer.objects.exclude(status__in=[OfferStatus.DRAFT]).only(
        "pk", "status", "opens_on", "closes_on", "filled_on", "updated_at"
    )
    for offer in offers:
        status = effective_status(offer.status, offer.opens_on, offer.closes_on, today)
        if status == OfferStatus.PUBLISHED:
            continue
        closed = offer.filled_on or closing_date(offer.opens_on, offer.closes_on)
        closed = closed or timezone.localdate(offer.updated_at)
        if purge_after(closed) <= today:
            due.append(offer.pk)
    applications = list(Application.objects.filter(offer_id__in=due))
    if not dry_run:
        for application in applications:
            application_delete(application=application)
    return [application.pk for application in applications]
