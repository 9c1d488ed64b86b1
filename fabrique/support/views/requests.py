"""Requests for support, their triage, individual follow-ups and a project's support history."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from fabrique.core.markdown import markdown_html
from fabrique.core.text import of
from fabrique.core.views_helpers import form_page, require
from fabrique.impact.access import can_view_indicators
from fabrique.portfolio.models import Project

from .. import access, selectors, services
from ..forms import FollowUpForm, NoteForm, RequestForm, TriageForm
from ..models import Session
from .common import crumbs, follow_up_links, requests_link


def requests(request):
    require(request.user.is_authenticated)
    return render(
        request,
        "support/request_list.html",
        {
            "title": "Demandes d'accompagnement",
            "requests": selectors.requests_for(request.user),
            "can_manage": access.can_manage_offer(request.user),
            "can_request": access.can_request_support(request.user),
            "breadcrumb_data": crumbs(current="Demandes"),
        },
    )


def request_create(request):
    require(access.can_request_support(request.user))
    projects = Project.objects.filter(team__user=request.user).distinct()
    form = RequestForm(request.POST if request.method == "POST" else None, projects=projects)

    def save(data):
        services.request_create(requester=request.user, **data)
        return reverse("support:requests")

    return form_page(
        request,
        form,
        save=save,
        title="Demander un accompagnement",
        back_url=reverse("support:offer"),
        success_message="Votre demande est envoyée à l'équipe de l'incubateur.",
        extra={"submit_label": "Envoyer ma demande"},  # a request sent; its edit form saves
        breadcrumb=crumbs(requests_link(), current="Nouvelle demande"),
    )


def request_triage(request, pk):
    item = access.request_for_user_or_404(request.user, pk, need="triage")
    # Sessions still open to registration (a session started since the request is not offered).
    sessions = Session.objects.filter(start__gt=timezone.now()).select_related("format")
    form = TriageForm(request.POST if request.method == "POST" else None, sessions=sessions)

    def save(data):
        services.request_triage(request=item, by=request.user, **data)
        return reverse("support:requests")

    return form_page(
        request,
        form,
        save=save,
        title=f"Répondre à la demande {of(str(item.requester))}",
        back_url=reverse("support:requests"),
        success_message="La réponse est enregistrée ; le demandeur la voit dans son espace.",
        # What the team needs to answer: the theme, the project (a follow-up or a module needs
        # one), who asks, then the request itself.
        extra={
            "intro": " · ".join(
                [
                    f"Thème : {item.get_theme_display()}",
                    f"projet : {item.project}" if item.project else "sans projet",
                    f"{item.requester.get_role_display()} ({item.requester.email})",
                    f"« {item.message} »",
                ]
            )
        },
        breadcrumb=crumbs(requests_link(), current=f"Répondre à {item.requester}"),
    )


def follow_up_create(request):
    require(access.can_start_follow_up(request.user))
    form = FollowUpForm(
        request.POST if request.method == "POST" else None,
        initial={"project": request.GET.get("project")},
    )

    def save(data):
        item = services.follow_up_start(coach=request.user, **data)
        return reverse("support:follow-up", args=[item.pk])

    return form_page(
        request,
        form,
        save=save,
        title="Nouveau suivi individuel",
        back_url=reverse("support:coach"),
        success_message="Le suivi est ouvert.",
        breadcrumb=crumbs(
            ("Mon tableau", reverse("support:coach")), current="Nouveau suivi individuel"
        ),
    )


def follow_up_detail(request, pk):
    item = access.follow_up_for_user_or_404(request.user, pk)
    notes = [
        (note, markdown_html(note.notes))
        for note in item.notes.prefetch_related("indicators").all()
    ]
    return render(
        request,
        "support/follow_up.html",
        {
            "title": str(item),
            "follow_up": item,
            "notes": notes,
            "can_edit": access.can_manage_offer(request.user) or item.coach_id == request.user.pk,
            # The indicators discussed link to the impact module for those who may open them.
            "can_view_indicators": can_view_indicators(request.user, item.project),
            "breadcrumb_data": crumbs(follow_up_links(request.user, item)[0], current=str(item)),
        },
    )


def note_add(request, pk):
    item = access.follow_up_for_user_or_404(request.user, pk, need="edit")
    form = NoteForm(request.POST if request.method == "POST" else None, project=item.project)

    def save(data):
        services.follow_up_note_add(follow_up=item, **data)
        return reverse("support:follow-up", args=[item.pk])

    return form_page(
        request,
        form,
        save=save,
        title=f"Nouvelle note — {item}",
        back_url=reverse("support:follow-up", args=[item.pk]),
        success_message="La note est ajoutée.",
        breadcrumb=crumbs(*follow_up_links(request.user, item), current="Nouvelle note"),
    )


def project_history(request, slug):
    project = access.project_for_user_or_404(request.user, slug)
    return render(
        request,
        "support/project_history.html",
        {
            "title": f"Accompagnement — {project.name}",
            "project": project,
            **selectors.project_history(project),
            "breadcrumb_data": crumbs(current=project.name),
        },
    )
