"""Impact pages of a project's API tokens (for scripts that push measurements): create, revoke."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from fabrique.core.views_helpers import require

from .. import access, selectors, services
from ..forms import TokenForm
from ..models import ProjectToken
from .common import _breadcrumb


@never_cache
def tokens(request, slug):
    project = selectors.project_by_slug(slug)
    require(access.can_manage_tokens(request.user, project))
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
            "breadcrumb_data": _breadcrumb(project, "Jetons d'API"),
        },
    )


@require_POST
def token_revoke(request, slug, pk):
    project = selectors.project_by_slug(slug)
    require(access.can_manage_tokens(request.user, project))
    token = get_object_or_404(ProjectToken, pk=pk, project=project)
    try:
        services.token_revoke(token=token, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Jeton {token.prefix}… révoqué : il ne fonctionne plus.")
    return redirect("impact:tokens", slug=project.slug)
