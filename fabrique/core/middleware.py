"""Middleware of the platform."""

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import InternalError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from .text import database_problem, storage_problem
from .uploads import limit as size_limit
from .uploads import megabytes

logger = logging.getLogger(__name__)

# The last-seen time is written at most this often: a session is not saved on every request.
TOUCH_SECONDS = 300


def mark_seen(sender, request, user, **kwargs):
    """At login, the session starts its inactivity clock (connected in CoreConfig.ready), so
    that the first pages after a login do not write the session again."""
    if request is not None and hasattr(request, "session"):
        request.session["_last_seen"] = int(time.time())


class IdleSessionMiddleware:
    """End a session after `SESSION_IDLE_MINUTES` without a request (as a bank site does).

    The time of the last request is kept in the session and written at most every 5 minutes,
    so that pages do not write to the database on every request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get("_last_seen")
            if last is not None and now - last > settings.SESSION_IDLE_MINUTES * 60:
                logout(request)
                messages.info(
                    request,
                    "Votre session a expiré après une période d'inactivité : reconnectez-vous.",
                )
            elif last is None or now - last > TOUCH_SECONDS:
                request.session["_last_seen"] = now
        return self.get_response(request)


API_PREFIX = "/api/"

# A database that does not answer usually comes back within a minute (restart, failover).
RETRY_AFTER_SECONDS = 60


def database_error(exception: BaseException | None) -> Exception | None:
    """The database error behind `exception`, looking through its causes: a session read while
    PostgreSQL restarts surfaces inside another exception (AttributeError of the session cache)."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        if isinstance(exception, OperationalError | InternalError):
            return exception
        seen.add(id(exception))
        exception = exception.__cause__ or exception.__context__
    return None


def unavailable_response(request, problem: str):
    """The French 503 (JSON under /api/), rendered without the request's context: the context
    processors read the session, which needs the very database that is missing."""
    if request.path.startswith(API_PREFIX):
        response = JsonResponse(
            {"detail": f"Service momentanément indisponible : {problem}"}, status=503
        )
    else:
        html = render_to_string(
            "503.html", {"title": "Service momentanément indisponible", "problem": problem}
        )
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    """A database that cannot be written (read-only file or folder, full disk) or reached, or a
    media folder that cannot take an uploaded file (read-only, full), gives a French 503 page
    that says so, instead of a raw English OperationalError or OSError. An outage that shows up
    before the view (reading the session) reaches the 500 handler, which answers the same
    (fabrique.home.views.server_error)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if error := database_error(exception):
            problem = database_problem(error)
            logger.error("Base de données indisponible : %s", error)
        elif isinstance(exception, OSError) and (problem := storage_problem(exception)):
            # Uploads are written inside the service's transaction: the record is rolled back.
            logger.error("Stockage des fichiers indisponible : %s", exception)
        else:
            return None
        return unavailable_response(request, problem)


class RequestSizeLimitMiddleware:
    """A request whose announced body (`Content-Length`) exceeds `MAX_REQUEST_BYTES` is refused
    with a French 413 page (JSON under /api/) before anything reads the body; a body without a
    valid length is left to Django's own limits (DATA_UPLOAD_MAX_MEMORY_SIZE…)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MAX_REQUEST_BYTES
        if length > limit:
            problem = (
                "le fichier ou le formulaire envoyé est trop volumineux "
                f"({megabytes(length)} Mo) ; la limite est de {size_limit(limit)} par envoi. "
                "Réduisez le fichier ou envoyez-le en plusieurs fois."
            )
            if request.path.startswith(API_PREFIX):
                return JsonResponse({"detail": f"Requête trop volumineuse : {problem}"}, status=413)
            return render(request, "413.html", {"problem": problem}, status=413)
        return self.get_response(request)


class MethodNotAllowedPageMiddleware:
    """An address that only takes a form (POST) opened by a link or typed in: Django answers 405
    with an empty body; the person gets a French page that says how to do it instead (the
    `Allow` header is kept; the API keeps its own JSON answer)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.content or request.path.startswith(API_PREFIX):
            return response
        page = render(request, "405.html", status=405)
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        return page
