"""What the support pages share: the delete confirmation page and the history page."""

from django.contrib import messages
from django.shortcuts import redirect, render

from fabrique.core.history import object_history


def confirm_page(request, *, title: str, question: str, back_url: str, action, done: str, to: str):
    """A confirmation page; on POST, run `action()` (one service), say it and go to `to`."""
    if request.method == "POST":
        action()
        messages.success(request, done)
        return redirect(to)
    return render(
        request,
        "support/confirm.html",
        {"title": title, "question": question, "back_url": back_url},
    )


def history_page(request, obj, *, back_url: str):
    return render(
        request,
        "components/history.html",
        {
            "title": f"Historique — {obj}",
            "rows": object_history(obj),
            "back_url": back_url,
            "back_label": "Retour",
        },
    )
