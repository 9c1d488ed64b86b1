"""Requests for support and their triage by the team."""

from django.core.exceptions import ValidationError
from django.db import transaction

from fabrique.core.text import length_problem

from .. import rules
from ..models import SupportRequest
from ..vocabulary import RegistrationStatus, RequestStatus
from .modules import module_create
from .sessions import follow_up_start, registration_create


@transaction.atomic
def request_save(
    *, requester, theme: str, message: str, project=None, request: SupportRequest | None = None
) -> SupportRequest:
    """Send a request for support, or correct it until the team answers it."""
    if request is not None and (problem := rules.request_change_problem(request.status)):
        raise ValidationError(problem)
    if not message.strip():
        raise ValidationError({"message": "Décrivez votre besoin."})
    if wrong := length_problem(message, rules.MAX_REQUEST_MESSAGE):
        raise ValidationError({"message": wrong})
    item = request or SupportRequest(requester=requester)
    item.theme, item.message, item.project = theme, message.strip(), project
    item.full_clean()
    item.save()
    return item


# Creation is a save without an instance: one function, the name callers know.
request_create = request_save


@transaction.atomic
def request_delete(*, request: SupportRequest, by=None) -> None:
    """The requester withdraws a request the team has not answered yet (kept in the history)."""
    if problem := rules.request_change_problem(request.status):
        raise ValidationError(problem)
    request._history_user = by
    request.delete()


@transaction.atomic
def request_triage(
    *, request: SupportRequest, decision: str, by, answer: str = "", session=None, coach=None
) -> SupportRequest:
    """Accept into a session, start a follow-up, open an expert module, or decline (reason)."""
    if request.status != RequestStatus.NEW:
        raise ValidationError("Cette demande a déjà reçu une réponse.")
    needs_project = (RequestStatus.FOLLOW_UP, RequestStatus.MODULE)
    if decision == RequestStatus.DECLINED and not answer.strip():
        raise ValidationError({"answer": "Donnez la raison du refus."})
    if decision == RequestStatus.SESSION and session is None:
        raise ValidationError({"session": "Choisissez la session."})
    if decision in needs_project and request.project is None:
        raise ValidationError("La demande ne porte sur aucun projet : proposez une session.")
    if decision == RequestStatus.SESSION:
        # Already registered (or waiting) there: the request is answered by that registration.
        live = session.registrations.filter(user=request.requester).exclude(
            status=RegistrationStatus.CANCELLED
        )
        if not live.exists():
            registration_create(
                session=session, user=request.requester, by=by, project=request.project
            )
        request.session = session
    elif decision == RequestStatus.FOLLOW_UP:
        request.follow_up = follow_up_start(
            project=request.project,
            coach=coach,
            theme=request.theme,
            title=f"Suivi : {request.get_theme_display()}",
        )
    elif decision == RequestStatus.MODULE:
        request.module = module_create(
            project=request.project,
            expertise=request.get_theme_display(),
            theme=request.theme,
            reason=request.message,
            follower=coach,
        )
    elif decision != RequestStatus.DECLINED:
        raise ValidationError({"decision": "Choisissez une réponse."})
    request.status = decision
    request.answer = answer.strip()
    request.save()
    return request
