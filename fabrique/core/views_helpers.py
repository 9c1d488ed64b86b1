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
    success_message: str | Callable[[], str] = "",
    template: str = FORM_TEMPLATE,
    extra: dict | None = None,
):
    """Validate `form` on POST, call `save(cleaned_data)` (one service) and redirect to its URL.

    `save` returns the URL to go to. A ValidationError raised by the service is shown on the
    form, and nothing is saved (services are atomic). `success_message` may be a function, called
    after the save, to name what was saved as it now is.
    """
    if request.method == "POST" and form.is_valid():
        try:
            url = save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if callable(success_message):
                success_message = success_message()
            if success_message:
                messages.success(request, success_message)
            return redirect(url)
    context = {"form": form, "title": title, "back_url": back_url, **(extra or {})}
    return render(request, template, context)


def require(allowed: bool) -> None:
    """Refuse the request (French 403 page) unless an access function allowed it."""
    if not allowed:
        raise PermissionDenied


CONFIRM_TEMPLATE = "components/confirm_delete.html"


def confirm_delete(
    request, *, delete: Callable, what: str, back_url: str, done_url: str, consequence: str = ""
):
    """A confirmation page on GET; on POST, call `delete()` (one service), say so, redirect.

    A ValidationError of the service (a record others depend on) is shown as an error message.
    """
    if request.method == "POST":
        try:
            delete()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back_url)
        messages.success(request, f"Suppression faite : {what}.")
        return redirect(done_url)
    context = {
        "title": "Confirmer la suppression",
        "what": what,
        "consequence": consequence,
        "back_url": back_url,
    }
    return render(request, CONFIRM_TEMPLATE, context)
