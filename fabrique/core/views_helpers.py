"""Small pieces shared by views: a form page that calls one service and shows its errors."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from .forms import add_service_errors

FORM_TEMPLATE = "components/form_page.html"


def form_page(
    request,
    form,
    *,
    save: Callable,
    title: str,
    back_url: str,
    success_message: str = "",
    template: str = FORM_TEMPLATE,
    extra: dict | None = None,
):
    """Validate `form` on POST, call `save(cleaned_data)` (one service) and redirect to its URL.

    `save` returns the URL to go to. A ValidationError raised by the service is shown on the
    form, and nothing is saved (services are atomic).
    """
    if request.method == "POST" and form.is_valid():
        try:
            url = save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if success_message:
                messages.success(request, success_message)
            return redirect(url)
    context = {"form": form, "title": title, "back_url": back_url, **(extra or {})}
    return render(request, template, context)


def require(allowed: bool) -> None:
    """Refuse the request (French 403 page) unless an access function allowed it."""
    if not allowed:
        raise PermissionDenied
