import logging
import sys

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from fabrique.accounts.selectors import IDLE_ACCOUNT_DAYS
from fabrique.accounts.vocabulary import ACCOUNT_REQUEST_RETENTION_MONTHS
from fabrique.core.middleware import API_PREFIX, database_error, unavailable_response
from fabrique.core.text import database_problem
from fabrique.recruitment.vocabulary import RETENTION_MONTHS as APPLICATION_RETENTION_MONTHS
from fabrique.territories.rules import thresholds
from fabrique.territories.selectors import reference_summary


@login_not_required
def home(request):
    return render(
        request,
        "core/home.html",
        {"summary": reference_summary(), "thresholds": thresholds()},
    )


@login_not_required
def accessibility(request):
    return render(request, "core/accessibility.html", {"title": "Accessibilité"})


@login_not_required
def legal_notice(request):
    return render(
        request,
        "core/legal_notice.html",
        {
            "title": "Mentions légales",
            "publisher": settings.LEGAL_PUBLISHER,
            "publication_director": settings.LEGAL_PUBLICATION_DIRECTOR,
            "host": settings.LEGAL_HOST,
        },
    )


@login_not_required
def privacy(request):
    """What is kept on people and for how long, with the same figures as the purges use."""
    return render(
        request,
        "core/privacy.html",
        {
            "title": "Données personnelles",
            "application_months": APPLICATION_RETENTION_MONTHS,
            "account_request_months": ACCOUNT_REQUEST_RETENTION_MONTHS,
            "idle_account_years": IDLE_ACCOUNT_DAYS // 365,
            "security_log_days": settings.SECURITY_LOG_DAYS,
            "session_idle_minutes": settings.SESSION_IDLE_MINUTES,
        },
    )


logger = logging.getLogger(__name__)


def page_not_found(request, exception=None):
    if request.path.startswith(API_PREFIX):
        # An address no API route matches: JSON like every other API answer (documented 404).
        return JsonResponse(
            {"detail": "Adresse inconnue de l'API : la liste des adresses est sur /api/docs/."},
            status=404,
        )
    return render(request, "404.html", {"title": "Page introuvable"}, status=404)


def server_error(request):
    """The French 500 page, or the 503 when the error comes from a database that does not
    answer (raised before any view, while reading the session). Rendered without the request's
    context, which could need the database again."""
    error = sys.exc_info()[1]
    if db_error := database_error(error):
        logger.error("Base de données indisponible : %s", db_error)
        return unavailable_response(request, database_problem(db_error))
    if request.path.startswith(API_PREFIX):
        return JsonResponse(
            {"detail": "Erreur inattendue : réessayez dans quelques instants."}, status=500
        )
    return HttpResponse(render_to_string("500.html"), status=500)


def csrf_failure(request, reason=""):
    """A form sent without its security token (page too old, cookies blocked), in French."""
    return render(request, "403_csrf.html", {"title": "Formulaire expiré"}, status=403)
