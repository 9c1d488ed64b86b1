"""Small pieces shared by views: a form page that calls one service and shows its errors, a
delete confirmation page, and the DSFR breadcrumb (« fil d'Ariane ») of a page."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from dsfr.forms import DsfrBaseForm

from .forms import add_service_errors, ask_files_again

FORM_TEMPLATE = "components/form_page.html"


def without_page(request) -> str:
    """The query string of a list page without its page number nor export format: what the
    sort headers and the pagination add theirs to (`components/pagination.html`)."""
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("export", None)
    return params.urlencode()


def breadcrumb(*links: tuple[str, str], current: str) -> dict:
    """The `breadcrumb_data` base.html renders: `links` are (title, url) pairs, from the app's
    home to the parent of the page; `current` names the page itself. Empty links are dropped, so
    a link shown to some roles only can be written `(...) if allowed else None`."""
    return {
        "links": [{"title": str(title), "url": str(url)} for title, url in filter(None, links)],
        "current": str(current),
    }


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
    breadcrumb: dict | None = None,
):
    """Validate `form` on POST, call `save(cleaned_data)` (one service) and redirect to its URL.

    `save` returns the URL to go to. A ValidationError raised by the service is shown on the
    form, and nothing is saved (services are atomic). `success_message` may be a function, called
    after the save, to name what was saved as it now is. A refused form asks for its files again
    (`ask_files_again`): a browser never keeps them. `breadcrumb` (made by `breadcrumb()`)
    is drawn above the page.
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
    if request.method == "POST":
        ask_files_again(form)  # refused: its file must be chosen again
    context = {"form": form, "title": title, "back_url": back_url, **(extra or {})}
    if breadcrumb:
        context["breadcrumb_data"] = breadcrumb
    return render(request, template, context)


def confirm_action(
    request,
    *,
    act: Callable[[], str],
    title: str,
    intro: str,
    submit_label: str,
    back_url: str,
    success_message: str,
    breadcrumb: dict | None = None,
    template: str = FORM_TEMPLATE,
    extra: dict | None = None,
):
    """A page that asks before an action with no field to fill (undo a merge, cancel a
    decision, reopen a phase): `intro` says what will change, the button says what it does.
    On POST, `act()` (one service) returns the URL to go to; a refusal of the service shows on
    the page, as with `form_page`."""
    return form_page(
        request,
        DsfrBaseForm(request.POST if request.method == "POST" else None),
        save=lambda data: act(),
        title=title,
        back_url=back_url,
        success_message=success_message,
        template=template,
        extra={"intro": intro, "submit_label": submit_label, **(extra or {})},
        breadcrumb=breadcrumb,
    )


def require(allowed: bool) -> None:
    """Refuse the request (French 403 page) unless an access function allowed it."""
    if not allowed:
        raise PermissionDenied


CONFIRM_TEMPLATE = "components/confirm_delete.html"


DELETION_IN_HISTORY = "La suppression reste visible dans l'historique."


def confirm_delete(
    request,
    *,
    delete: Callable,
    what: str,
    back_url: str,
    done_url: str,
    consequence: str = "",
    breadcrumb: dict | None = None,
    blocked: str = "",
    history: str = DELETION_IN_HISTORY,
):
    """A confirmation page on GET; on POST, call `delete()` (one service), say so, redirect.

    `history` says where the deletion can be seen afterwards: an app without a history page
    says the truth instead of the default sentence.

    A ValidationError of the service (a record others depend on) is shown as an error message.
    When the service is known to refuse (`blocked`, its French reason), the page says so and
    what to do first, with no « Supprimer » button that would only lead to that refusal.
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
        "title": "Suppression impossible pour l'instant" if blocked else "Confirmer la suppression",
        "what": what,
        "consequence": consequence,
        "back_url": back_url,
        "blocked": blocked,
        "history": history,
    }
    if breadcrumb:
        context["breadcrumb_data"] = breadcrumb
    return render(request, CONFIRM_TEMPLATE, context)
