"""Sessions: detail, registration (self or on someone's behalf), cancellation, attendance,
satisfaction, iCalendar files and feeds, edits."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fabrique.accounts.models import User
from fabrique.core.text import of
from fabrique.core.views_helpers import form_page, require

from .. import access, exports, rules, selectors, services
from ..forms import FeedbackForm, RegisterOtherForm, SessionForm
from ..vocabulary import RegistrationStatus
from .common import confirm_page, crumbs, format_link, history_page, session_links

FEED_SALT = "support.feed"


def _back(session):
    return reverse("support:session", args=[session.pk])


@login_not_required
def session_detail(request, pk):
    session = access.session_for_user_or_404(request.user, pk)
    return render(
        request,
        "support/session.html",
        {
            "title": str(session),
            "session": session,
            **selectors.session_detail(session, request.user),
            "can_register": access.can_register(request.user),
            "my_projects": access.registration_projects(request.user),
            "can_manage": access.can_manage_offer(request.user),
            "show_video_link": access.can_see_video_link(request.user, session),
            "can_take_attendance": access.can_manage_offer(request.user)
            or (request.user.is_authenticated and session.trainer_id == request.user.pk),
            "breadcrumb_data": crumbs(format_link(session.format), current=str(session)),
        },
    )


@require_POST
def register(request, pk):
    session = access.session_for_user_or_404(request.user, pk, need="register")
    try:
        registration = services.registration_create(
            session=session,
            user=request.user,
            by=request.user,
            project=access.registration_project(request.user, request.POST.get("project", "")),
        )
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        if registration.status == "attente":
            messages.success(request, "La session est complète : vous êtes sur la liste d'attente.")
        else:
            messages.success(request, "Vous êtes inscrit·e à la session.")
    return redirect(_back(session))


def register_other(request, pk):
    session = access.session_for_user_or_404(request.user, pk, need="edit")
    form = RegisterOtherForm(request.POST if request.method == "POST" else None)

    done = {}

    def save(data):
        done["registration"] = services.registration_create(
            session=session, user=data["user"], by=request.user, project=data["project"]
        )
        return _back(session)

    def message():
        registration = done["registration"]
        if registration.status == RegistrationStatus.WAITING:
            return (
                f"La session est complète : {registration.user} est sur la liste d'attente "
                "(prévenu·e par courriel)."
            )
        return f"{registration.user} est inscrit·e (prévenu·e par courriel)."

    return form_page(
        request,
        form,
        save=save,
        title=f"Inscrire une personne — {session}",
        back_url=_back(session),
        success_message=message,
        breadcrumb=crumbs(*session_links(session), current="Inscrire une personne"),
    )


def registration_cancel(request, pk):
    registration = access.registration_for_user_or_404(request.user, pk, need="own")
    trail = crumbs(*session_links(registration.session), current="Annuler l'inscription")

    def action():
        services.registration_cancel(registration=registration)

    if request.method == "POST":
        try:
            return confirm_page(
                request,
                title="Annuler l'inscription",
                question="",
                back_url=_back(registration.session),
                action=action,
                done="L'inscription est annulée.",
                to=_back(registration.session),
                breadcrumb_data=trail,
            )
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
            return redirect(_back(registration.session))
    return confirm_page(
        request,
        title="Annuler l'inscription",
        question=f"Annuler l'inscription {of(str(registration.user))} "
        f"à « {registration.session} » ? "
        + (
            "La première personne en liste d'attente prendra la place."
            if registration.status == RegistrationStatus.REGISTERED
            else "Elle quitte la liste d'attente."
        ),
        back_url=_back(registration.session),
        action=action,
        done="L'inscription est annulée.",
        to=_back(registration.session),
        breadcrumb_data=trail,
    )


def feedback(request, pk):
    registration = access.registration_for_user_or_404(request.user, pk, need="own")
    if not registration.attended:  # said before the form is filled, not after
        messages.error(request, rules.FEEDBACK_ONLY_ATTENDEES)
        return redirect("support:mine")
    given = {"score": registration.score, "comment": registration.comment}
    form = FeedbackForm(
        request.POST if request.method == "POST" else None,
        initial=given if registration.score else None,
    )

    def save(data):
        services.feedback_submit(
            registration=registration, score=data["score"], comment=data["comment"]
        )
        return reverse("support:mine")

    return form_page(
        request,
        form,
        save=save,
        title=f"Votre avis — {registration.session}",
        back_url=reverse("support:mine"),
        success_message="Merci, votre avis est enregistré.",
        breadcrumb=crumbs(("Mes inscriptions", reverse("support:mine")), current="Votre avis"),
    )


@require_POST
def attendance(request, pk):
    session = access.session_for_user_or_404(request.user, pk, need="attendance")
    try:
        count = services.attendance_record(
            session=session, present_ids=[v for v in request.POST.getlist("present") if v.isdigit()]
        )
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        present = f"{count} présent·e{'s' if count > 1 else ''}"
        messages.success(
            request,
            f"Présence enregistrée ({present}) ; le questionnaire de satisfaction part une "
            "seule fois à chaque présent·e.",
        )
    return redirect(_back(session))


def mine(request):
    return render(
        request,
        "support/mine.html",
        {
            "title": "Mes inscriptions",
            "registrations": selectors.my_registrations(request.user),
            "now": timezone.now(),
            "can_request": access.can_request_support(request.user)
            and not access.can_manage_offer(request.user),
            "requests": selectors.requests_for(request.user)
            if not access.can_manage_offer(request.user)
            else [],
            "feed_url": request.build_absolute_uri(
                reverse(
                    "support:feed",
                    args=[signing.dumps(request.user.pk, salt=FEED_SALT, compress=True)],
                )
            ),
            "breadcrumb_data": crumbs(current="Mes inscriptions"),
        },
    )


@login_not_required
def session_ics(request, pk):
    session = access.session_for_user_or_404(request.user, pk)
    content = exports.calendar(
        [session],
        name=session.format.title,
        url_for=lambda s: request.build_absolute_uri(_back(s)),
        video_link_ids=access.video_link_session_ids(request.user, [session]),
    )
    reply = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    reply["Content-Disposition"] = f'attachment; filename="session-{session.pk}.ics"'
    return reply


@login_not_required
def feed(request, token):
    """A person's calendar feed, subscribed by URL (signed token: no password in the agenda)."""
    try:
        user_pk = signing.loads(token, salt=FEED_SALT)
    except signing.BadSignature:
        raise Http404 from None
    user = User.objects.filter(pk=user_pk, is_active=True).first()
    if user is None:
        raise Http404
    sessions = selectors.person_sessions(user)
    content = exports.calendar(
        sessions,
        name="Mes sessions d'accompagnement",
        url_for=lambda s: request.build_absolute_uri(_back(s)),
        # On the waiting list: the session without its visio link, as on its page.
        video_link_ids=access.video_link_session_ids(user, sessions),
    )
    return HttpResponse(content, content_type="text/calendar; charset=utf-8")


def _session_save(session=None):
    def save(data):
        saved = services.session_save(session=session, **data)
        return _back(saved)

    return save


def session_create(request):
    require(access.can_manage_offer(request.user))
    form = SessionForm(
        request.POST if request.method == "POST" else None,
        initial={"format": request.GET.get("format")},
    )
    return form_page(
        request,
        form,
        save=_session_save(),
        title="Nouvelle session",
        back_url=reverse("support:offer"),
        success_message="La session est créée.",
        breadcrumb=crumbs(current="Nouvelle session"),
    )


def session_edit(request, pk):
    session = access.session_for_user_or_404(request.user, pk, need="edit")
    form = SessionForm(request.POST if request.method == "POST" else None, instance=session)
    return form_page(
        request,
        form,
        save=_session_save(session),
        title=f"Modifier la session — {session}",
        back_url=_back(session),
        success_message="La session est modifiée ; un changement d'horaire ou de lieu est "
        "annoncé par courriel aux inscrit·es.",
        breadcrumb=crumbs(*session_links(session), current="Modifier"),
    )


def session_delete(request, pk):
    session = access.session_for_user_or_404(request.user, pk, need="edit")
    return confirm_page(
        request,
        title=f"Supprimer la session — {session}",
        question="La session et ses inscriptions seront supprimées ; "
        "les inscrit·es sont prévenu·es.",
        back_url=_back(session),
        action=lambda: services.session_delete(session=session),
        done="La session est supprimée.",
        to=reverse("support:format", args=[session.format_id]),
        breadcrumb_data=crumbs(*session_links(session), current="Supprimer"),
    )


def session_history(request, pk):
    session = access.session_for_user_or_404(request.user, pk, need="edit")
    return history_page(
        request,
        session,
        back_url=_back(session),
        breadcrumb_data=crumbs(*session_links(session), current="Historique"),
    )
