"""A request answered by a follow-up or a module goes back to the team when that answer is
deleted: it is « nouvelle » again (kept in the history), never left pointing at nothing."""

from ..models import SupportRequest
from ..vocabulary import RequestStatus


def reopen_requests(*, by, **answer) -> None:
    """Requests whose answer (`follow_up=` or `module=`) is being deleted, back to triage."""
    for request in SupportRequest.objects.filter(**answer):
        request.status = RequestStatus.NEW
        request.answer = ""
        request.follow_up = request.module = None
        request._history_user = by
        request.save()
