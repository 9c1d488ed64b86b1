from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import render

from fabrique.territories import eligibility
from fabrique.territories.selectors import reference_summary


@login_not_required
def home(request):
    return render(
        request,
        "core/home.html",
        {"summary": reference_summary(), "thresholds": eligibility.thresholds()},
    )


@login_not_required
def accessibility(request):
    return render(request, "core/accessibility.html", {"title": "Accessibilité"})


API_PREFIX = "/api/"


def page_not_found(request, exception=None):
    if request.path.startswith(API_PREFIX):
        # An address no API route matches: JSON like every other API answer (documented 404).
        return JsonResponse(
            {"detail": "Adresse inconnue de l'API : la liste des adresses est sur /api/docs/."},
            status=404,
        )
    return render(request, "404.html", {"title": "Page introuvable"}, status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def csrf_failure(request, reason=""):
    """A form sent without its security token (page too old, cookies blocked), in French."""
    return render(request, "403_csrf.html", {"title": "Formulaire expiré"}, status=403)
