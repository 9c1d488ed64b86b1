"""Impact pages of a project's API tokens (for scripts that push measurements): create, revoke."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from fabrique.accounts.access import is_incubator_staff

from .. import access, selectors, services
from ..forms import TokenForm
from .common import impact_breadcrumb


@never_cache
def tokens(request, slug):
    project = access.project_for_user_or_404(request.user, slug, need="tokens")
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _, secret = services.token_create(
            project=project, user=request.user, name=form.cleaned_data["name"]
        )
        form = TokenForm()
    return render(
        request,
        "impact/tokens.html",
        {
            "title": f"Jetons d'API — {project.name}",
            "project": project,
            "tokens": selectors.project_tokens(project),
            "form": form,
            "secret": secret,
            "api_url": request.build_absolute_uri(
                reverse("api:project-measurements", args=[project.slug])
            ),
            "breadcrumb_data": impact_breadcrumb(project, "Jetons d'API"),
            # The command line is for those who run the server, not for a project's team.
            "show_command": is_incubator_staff(request.user),
        },
    )


def token_revoke(request, slug, pk):
    """A confirmation page first: a revoked token cannot be restored, and the scripts that use
    it stop sending values."""
    token = access.token_for_user_or_404(request.user, slug, pk)
    if request.method != "POST":
        return render(
            request,
            "impact/token_revoke.html",
            {
                "title": f"Révoquer le jeton {token.prefix}…",
                "project": token.project,
                "token": token,
                "breadcrumb_data": impact_breadcrumb(
                    token.project,
                    "Révoquer un jeton",
                    ("Jetons d'API", reverse("impact:tokens", args=[token.project.slug])),
                ),
            },
        )
    try:
        services.token_revoke(token=token, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Jeton {token.prefix}… révoqué : il ne fonctionne plus.")
    return redirect("impact:tokens", slug=token.project.slug)
