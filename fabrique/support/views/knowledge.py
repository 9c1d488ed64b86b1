"""The knowledge base: search, pages, edits, history, attachments."""

from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse
from django.shortcuts import render
from django.urls import reverse

from fabrique.core.markdown import markdown_html
from fabrique.core.views_helpers import form_page, require

from .. import access, rules, selectors, services
from ..forms import PageForm
from ..vocabulary import Theme
from .common import confirm_page, crumbs, history_page, page_links


@login_not_required
def knowledge(request):
    filterset, pages = selectors.knowledge_search(request.user, request.GET)
    query, theme = filterset.chosen()
    return render(
        request,
        "support/knowledge_list.html",
        {
            "title": "Base de connaissances",
            "pages": pages,
            "query": query,
            "theme": theme,
            "themes": Theme.choices,
            "can_write": access.can_write_pages(request.user),
            "breadcrumb_data": crumbs(current="Base de connaissances"),
        },
    )


@login_not_required
def page_detail(request, slug):
    page = access.page_for_user_or_404(request.user, slug)
    return render(
        request,
        "support/knowledge_page.html",
        {
            "title": page.title,
            "page": page,
            "body": markdown_html(page.body),
            "formats": list(page.formats.all()),
            "missions": selectors.page_missions(request.user, page),
            "missions_note": rules.linked_missions(page.missions)[1],
            "attachments": list(page.attachments.all()),
            "can_write": access.can_write_pages(request.user),
            "breadcrumb_data": crumbs(page_links(page)[0], current=page.title),
        },
    )


def _page_save(page=None):
    def save(data):
        saved = services.page_save(page=page, **data)
        return reverse("support:page", args=[saved.slug])

    return save


def page_create(request):
    require(access.can_write_pages(request.user))
    form = PageForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        user=request.user,
    )
    return form_page(
        request,
        form,
        save=_page_save(),
        title="Nouvelle page de la base de connaissances",
        back_url=reverse("support:knowledge"),
        success_message=lambda: (
            "La page est publiée (visible de tous)."
            if form.cleaned_data["is_public"]
            else "La page est enregistrée (interne : équipe et coachs seulement)."
        ),
        breadcrumb=crumbs(
            ("Base de connaissances", reverse("support:knowledge")), current="Nouvelle page"
        ),
    )


def page_edit(request, slug):
    page = access.page_for_user_or_404(request.user, slug, need="edit")
    form = PageForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial=PageForm.initial_for(page),
        user=request.user,
        page=page,
    )
    return form_page(
        request,
        form,
        save=_page_save(page),
        title=f"Modifier « {page.title} »",
        back_url=reverse("support:page", args=[page.slug]),
        success_message="La page est modifiée.",
        breadcrumb=crumbs(*page_links(page), current="Modifier"),
    )


def page_delete(request, slug):
    page = access.page_for_user_or_404(request.user, slug, need="edit")
    return confirm_page(
        request,
        title=f"Supprimer « {page.title} »",
        question="La page et ses pièces jointes seront supprimées.",
        back_url=reverse("support:page", args=[page.slug]),
        action=lambda: services.page_delete(page=page),
        done="La page est supprimée.",
        to=reverse("support:knowledge"),
        breadcrumb_data=crumbs(*page_links(page), current="Supprimer"),
    )


def page_history(request, slug):
    page = access.page_for_user_or_404(request.user, slug, need="edit")
    return history_page(
        request,
        page,
        back_url=reverse("support:page", args=[page.slug]),
        breadcrumb_data=crumbs(*page_links(page), current="Historique"),
    )


@login_not_required
def attachment(request, pk):
    item = access.attachment_for_user_or_404(request.user, pk)
    extension = "pdf" if item.content_type == "application/pdf" else "odt"
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=f"piece.{extension}")


def attachment_delete(request, pk):
    item = access.attachment_for_user_or_404(request.user, pk, need="edit")
    back = reverse("support:page", args=[item.page.slug])
    return confirm_page(
        request,
        title=f"Supprimer la pièce jointe « {item.title} »",
        question=f"La pièce jointe « {item.title} » sera retirée de la page « {item.page.title} ».",
        back_url=back,
        action=lambda: services.attachment_delete(attachment=item),
        done=f"La pièce jointe « {item.title} » est supprimée.",
        to=back,
        breadcrumb_data=crumbs(*page_links(item.page), current="Supprimer une pièce jointe"),
    )
