"""A confirmation page shared by every delete of the app."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render


def confirm_delete(request, *, obj, label: str, delete, back_url: str, done_url: str):
    """GET: ask for confirmation; POST: call the delete service, say so, go to `done_url`."""
    if request.method == "POST":
        try:
            delete()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back_url)
        messages.success(request, f"{label} « {obj} » supprimé·e.")
        return redirect(done_url)
    return render(
        request,
        "investigations/confirm_delete.html",
        {"title": f"Supprimer {label.lower()} « {obj} »", "obj": obj, "back_url": back_url},
    )
