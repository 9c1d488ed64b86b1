"""Sessions, registrations (waiting list), attendance, satisfaction, reminders, follow-ups."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from fabrique.core.ratelimit import Limit, check_rate
from fabrique.core.text import length_problem

from .. import rules
from ..models import FollowUp, FollowUpNote, Registration, Session
from ..vocabulary import MAX_REGISTRATIONS_PER_ACCOUNT_PER_HOUR, RegistrationStatus
from .notify import registrants_email
from .reopen import reopen_requests

ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)


def _confirmed(session):
    return session.registrations.filter(status=RegistrationStatus.REGISTERED)


@transaction.atomic
def session_save(*, session: Session | None = None, **fields) -> Session:
    """Create (session=None) or change a session; registrants are told of a change of time/place."""
    support_format = fields.get("format")
    errors = rules.session_problems(
        start=fields.get("start"),
        end=fields.get("end"),
        format_kind=support_format.kind if support_format is not None else None,
        capacity=fields.get("capacity"),
    )
    if errors:
        raise ValidationError(errors)
    created = session is None
    session = session or Session()
    before = (session.start, session.end, session.place, session.video_url)
    for name, value in fields.items():
        setattr(session, name, value)
    session.full_clean(exclude=["registered_count"])
    session.save()
    if not created:
        _promote_waiting(session)
    if not created and before != (session.start, session.end, session.place, session.video_url):
        people = [(session, r.user) for r in session.registrations.filter(status__in=ACTIVE)]
        if session.start != before[0]:  # a reminder of the old time: the new one is due
            session.registrations.update(reminder_sent_at=None)
        transaction.on_commit(
            lambda: registrants_email(
                people, subject="Session modifiée", intro="La session a changé :"
            )
        )
    return session


@transaction.atomic
def session_delete(*, session: Session) -> None:
    people = [(session, r.user) for r in session.registrations.filter(status__in=ACTIVE)]
    session.delete()
    if people:
        transaction.on_commit(
            lambda: registrants_email(
                people, subject="Session annulée", intro="Cette session est annulée :", link=False
            )
        )


def _promote_waiting(session: Session) -> None:
    """More seats (capacity raised): the waiting list moves up, first come first served."""
    free = session.capacity - _confirmed(session).count()
    if free <= 0:
        return
    moved = list(
        session.registrations.filter(status=RegistrationStatus.WAITING)
        .select_related("user")
        .order_by("created_at", "pk")[:free]
    )
    if not moved:
        return
    Registration.objects.filter(pk__in=[r.pk for r in moved]).update(
        status=RegistrationStatus.REGISTERED
    )
    registered_count_refresh(session)
    people = [(session, r.user) for r in moved]
    transaction.on_commit(
        lambda: registrants_email(
            people,
            subject="Une place s'est libérée",
            intro="Une place s'est libérée : votre inscription est confirmée pour",
        )
    )


def registered_count_refresh(session: Session) -> None:
    """The session's count of confirmed registrations, recomputed: never typed by hand."""
    session.registered_count = _confirmed(session).count()
    session.save(update_fields=["registered_count"])


def _check_rate(by) -> None:
    """Limit the registrations a person makes for themselves: those they made for others (the
    team registering people) do not count."""
    check_rate(
        Registration.objects.all(),
        since_field="created_at",
        now=timezone.now(),
        limits=[
            Limit(
                {"registered_by": by, "user": by},
                MAX_REGISTRATIONS_PER_ACCOUNT_PER_HOUR,
                "Trop d'inscriptions faites depuis ce compte en une heure : réessayez plus tard.",
            )
        ],
    )


@transaction.atomic
def registration_create(*, session: Session, user, by, project=None) -> Registration:
    """Register `user` (by themselves or by the team): confirmed, or on the waiting list."""
    session = Session.objects.select_for_update().select_related("format").get(pk=session.pk)
    existing = session.registrations.filter(user=user).first()
    already = (
        existing.status
        if existing is not None and existing.status != RegistrationStatus.CANCELLED
        else ""
    )
    errors = rules.registration_errors(
        start=session.start,
        end=session.end,
        now=timezone.now(),
        already=already,
        own=by is None or by == user,
    )
    if errors:
        raise ValidationError(errors)
    if by == user:  # the team registering people is not limited
        _check_rate(by)
    status = rules.registration_status(
        capacity=session.capacity, registered=_confirmed(session).count()
    )
    registration = existing or Registration(session=session, user=user)
    if existing is not None:
        # Back after a cancellation: a new registration, at the end of the waiting list (its
        # rank is the registration time), not at the place left.
        registration.created_at = timezone.now()
    registration.status = status
    registration.project = project
    registration.registered_by = by
    registration.save()
    registered_count_refresh(session)
    if status == RegistrationStatus.REGISTERED:
        subject, intro = "Inscription confirmée", "Votre inscription est confirmée :"
    else:
        subject = "Liste d'attente"
        intro = "La session est complète : vous êtes sur la liste d'attente de"
    if by is not None and by != user:
        intro = f"{by.display_name}, de l'équipe de l'incubateur, vous a inscrit·e. {intro}"
    transaction.on_commit(
        lambda: registrants_email([(session, user)], subject=subject, intro=intro)
    )
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel; the first person on the waiting list moves up. Returns who moved up."""
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError("Cette inscription est déjà annulée.")
    session = (
        Session.objects.select_for_update().select_related("format").get(pk=registration.session_id)
    )
    if session.start <= timezone.now():
        raise ValidationError("La session a commencé : l'inscription ne peut plus être annulée.")
    was_confirmed = registration.status == RegistrationStatus.REGISTERED
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    cancelled = [(session, registration.user)]
    transaction.on_commit(
        lambda: registrants_email(
            cancelled, subject="Inscription annulée", intro="Votre inscription est annulée :"
        )
    )
    promoted = None
    if was_confirmed:
        promoted = (
            session.registrations.filter(status=RegistrationStatus.WAITING)
            .select_related("user")
            .order_by("created_at", "pk")
            .first()
        )
        if promoted:
            promoted.status = RegistrationStatus.REGISTERED
            promoted.save(update_fields=["status"])
            transaction.on_commit(
                lambda: registrants_email(
                    [(session, promoted.user)],
                    subject="Une place s'est libérée",
                    intro="Une place s'est libérée : votre inscription est confirmée pour",
                )
            )
    registered_count_refresh(session)
    return promoted


@transaction.atomic
def attendance_record(*, session: Session, present_ids) -> int:
    """Attendance after the session: the listed registrations attended, the others did not."""
    if session.start > timezone.now():
        raise ValidationError("La présence se relève après le début de la session.")
    present = {int(pk) for pk in present_ids}
    confirmed = _confirmed(session)
    unknown = present - set(confirmed.values_list("pk", flat=True))
    if unknown:
        raise ValidationError("Certaines personnes cochées ne sont pas inscrites à la session.")
    # The satisfaction form goes once to each attendee, even if attendance is taken again or
    # corrected (unticked, then ticked): never to someone marked present before (the history
    # says so) nor to someone who already answered.
    asked = set(
        Registration.history.filter(id__in=present, attended=True).values_list("id", flat=True)
    )
    newly = []
    # One save per change (a session has a few dozen places at most): the history keeps who
    # changed the attendance, and when.
    for registration in confirmed.select_related("user"):
        attended = registration.pk in present
        if registration.attended is attended:
            continue
        if attended and registration.score is None and registration.pk not in asked:
            newly.append(registration)
        registration.attended = attended
        registration.save(update_fields=["attended"])
    people = [(session, r.user, reverse("support:feedback", args=[r.pk])) for r in newly]
    transaction.on_commit(
        lambda: registrants_email(
            people,
            subject="Votre avis sur la session",
            intro="Merci de votre participation. Donnez votre avis (note de 1 à 5), avec le "
            "lien ci-dessous ou depuis « Mon espace », sur la session",
        )
    )
    return len(present)


@transaction.atomic
def feedback_submit(*, registration: Registration, score: int, comment: str = "") -> Registration:
    if not registration.attended:
        raise ValidationError(rules.FEEDBACK_ONLY_ATTENDEES)
    if score is None or not 1 <= score <= 5:
        raise ValidationError({"score": "La note va de 1 à 5."})
    if problem := length_problem(comment, rules.MAX_FEEDBACK_COMMENT):
        raise ValidationError({"comment": problem})
    registration.score = score
    registration.comment = comment.strip()
    registration.save(update_fields=["score", "comment"])
    return registration


@transaction.atomic
def reminders_send(*, now=None) -> int:
    """Email the "day before" reminder to each confirmed registrant of a session starting
    within 24 hours (`rules.REMINDER_WINDOW`) who has not had it; returns how many were sent.

    Decided per registration, not per session: someone registered (or moved up from the
    waiting list) after the others were reminded gets theirs at the next run; a second run
    sends nothing; a cancelled or waiting registration, a past or deleted session, none."""
    now = now or timezone.now()
    due = list(
        Registration.objects.select_for_update(of=("self",))
        .filter(
            status=RegistrationStatus.REGISTERED,
            reminder_sent_at__isnull=True,
            session__start__gt=now,
            session__start__lte=now + rules.REMINDER_WINDOW,
        )
        .select_related("session__format", "user")
        .order_by("session__start", "pk")
    )
    Registration.objects.filter(pk__in=[r.pk for r in due]).update(reminder_sent_at=now)
    people = [(r.session, r.user) for r in due]
    if people:
        transaction.on_commit(
            lambda: registrants_email(people, subject="Rappel, c'est demain", intro="Rappel :")
        )
    return len(people)


@transaction.atomic
def follow_up_save(
    *,
    theme: str,
    title: str,
    next_due=None,
    project=None,
    coach=None,
    follow_up: FollowUp | None = None,
) -> FollowUp:
    """Open a follow-up (project and coach given) or correct one (its project and coach stay:
    its notes discuss that project's indicators)."""
    if not title.strip():
        raise ValidationError({"title": "Donnez un objet au suivi."})
    if follow_up is None:
        follow_up = FollowUp(project=project, coach=coach)
    follow_up.theme, follow_up.title, follow_up.next_due = theme, title.strip(), next_due
    follow_up.full_clean()
    follow_up.save()
    return follow_up


# Creation is a save without an instance: one function, the name callers know.
follow_up_start = follow_up_save


@transaction.atomic
def follow_up_delete(*, follow_up: FollowUp, by=None) -> None:
    """Delete a follow-up and its notes (each kept in the history, with who deleted it)."""
    for note in follow_up.notes.all():
        note_delete(note=note, by=by)
    reopen_requests(by=by, follow_up=follow_up)
    follow_up._history_user = by
    follow_up.delete()


@transaction.atomic
def follow_up_note_save(
    *,
    follow_up: FollowUp,
    date,
    notes: str,
    indicators=(),
    next_step="",
    next_due=None,
    note: FollowUpNote | None = None,
) -> FollowUpNote:
    """Add a note to a follow-up, or correct one: same rules (Markdown without HTML, the
    followed project's indicators only); the follow-up's next due date is the note's."""
    if not notes.strip():
        raise ValidationError({"notes": "Écrivez le contenu de la note."})
    if problem := rules.markdown_error(notes):
        raise ValidationError({"notes": problem})
    if next_due and date and next_due < date:
        raise ValidationError(
            {
                "next_due": "La prochaine échéance suit la note : choisissez une date à partir du "
                f"{date:%d/%m/%Y}."
            }
        )
    if any(indicator.project_id != follow_up.project_id for indicator in indicators):
        raise ValidationError(
            {"indicators": "Choisissez des indicateurs du projet accompagné seulement."}
        )
    note = note or FollowUpNote(follow_up=follow_up)
    note.date, note.notes, note.next_step = date, notes, next_step
    note.full_clean()
    note.save()
    note.indicators.set(indicators)
    follow_up.next_due = next_due
    follow_up.save(update_fields=["next_due"])
    return note


# Creation is a save without an instance: one function, the name callers know.
follow_up_note_add = follow_up_note_save


@transaction.atomic
def note_delete(*, note: FollowUpNote, by=None) -> None:
    note._history_user = by
    note.delete()


@transaction.atomic
def format_save(*, support_format):
    """Add or change a format; its description is Markdown without HTML, as every text of the
    offer (refused in French, nothing saved)."""
    if problem := rules.markdown_error(support_format.description):
        raise ValidationError({"description": problem})
    support_format.full_clean()
    support_format.save()
    return support_format


@transaction.atomic
def format_delete(*, support_format) -> None:
    for session in support_format.sessions.all():
        session_delete(session=session)
    support_format.delete()
