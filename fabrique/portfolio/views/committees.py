"""Committees: the list, the committee page (decisions and documents), edit and delete."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from fabrique.core.forms import add_service_errors, ask_files_again
from fabrique.core.views_helpers import breadcrumb, confirm_delete, form_page, require

from .. import access, selectors, services
from ..exports import LIST_FORMATS
from ..filters import CommitteeListFilter
from ..forms import CommitteeForm, DecisionForm, DocumentForm
from ..models import TeamMember
from . import exports as downloads
from .common import PAGE_SIZE, without_page


def committee_list(request):
    """The committees, sortable by column; `?export=xlsx|ods|csv` downloads them all."""
    require(access.can_manage_committee(request.user))
    sort = CommitteeListFilter(request.GET or None).chosen_sort()
    committees = selectors.committees_list(sort)
    if "export" in request.GET:
        return downloads.committees(request, committees)
    page = Paginator(committees, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "portfolio/committee_list.html",
        {
            "title": "Comités",
            "page": page,
            "sort": sort,
            "query_string": without_page(request),
            "export_formats": LIST_FORMATS.items(),
        },
    )


def _committee_breadcrumb(current: str, committee=None) -> dict:
    """The way back of the team's committee pages: the list, then the committee itself."""
    return breadcrumb(
        ("Comités", reverse("portfolio:committees")),
        (str(committee), committee.get_absolute_url()) if committee else None,
        current=current,
    )


def committee_create(request):
    require(access.can_manage_committee(request.user))
    form = CommitteeForm(request.POST or None)

    def save(data):
        return services.committee_save(**data).get_absolute_url()

    return form_page(
        request, form, save=save, title="Nouveau comité",
        back_url=reverse("portfolio:committees"), success_message="Comité créé.",
        breadcrumb=_committee_breadcrumb("Nouveau comité"),
    )  # fmt: skip


def committee_edit(request, pk):
    committee = access.committee_for_user_or_404(request.user, pk, need="manage")
    form = CommitteeForm(request.POST or None, instance=committee)

    def save(data):
        return services.committee_save(**data, committee=committee).get_absolute_url()

    return form_page(
        request, form, save=save, title=f"Modifier « {committee} »",
        back_url=committee.get_absolute_url(), success_message="Comité modifié.",
        breadcrumb=_committee_breadcrumb("Modifier", committee),
    )  # fmt: skip


def committee_delete(request, pk):
    committee = access.committee_for_user_or_404(request.user, pk, need="manage")
    return confirm_delete(
        request,
        delete=lambda: services.committee_delete(committee=committee),
        what=f"le comité « {committee} »",
        blocked=services.committee_delete_problem(committee),
        back_url=committee.get_absolute_url(),
        done_url=reverse("portfolio:committees"),
        breadcrumb=_committee_breadcrumb("Supprimer", committee),
    )


def decision_delete(request, pk):
    decision = access.decision_for_user_or_404(request.user, pk, need="manage")
    back = decision.committee.get_absolute_url() + "#decisions"
    return confirm_delete(
        request,
        delete=lambda: services.decision_delete(decision=decision),
        what=f"la décision « {decision.get_outcome_display()} » pour « {decision.project} »",
        consequence="Le financement qu'elle accordait est retiré du budget du projet.",
        back_url=back,
        done_url=back,
    )


def committee_document_delete(request, pk):
    document = access.committee_document_for_user_or_404(request.user, pk, need="manage")
    back = document.committee.get_absolute_url() + "#documents"
    return confirm_delete(
        request,
        delete=lambda: services.committee_document_delete(document=document),
        what=f"le document « {document.name} » du comité « {document.committee} »",
        back_url=back,
        done_url=back,
    )


def committee(request, pk):
    """The team records decisions and documents here; the coaches and service teams of a project
    on the agenda read the decisions about their projects."""
    committee = access.committee_for_user_or_404(request.user, pk)
    can_manage = access.can_manage_committee(request.user)
    decision_form = DecisionForm(committee=committee)
    document_form = DocumentForm()
    if request.method == "POST":
        require(can_manage)
        action = request.POST.get("action")
        try:
            if action == "decision":
                decision_form = DecisionForm(request.POST, committee=committee)
                if decision_form.is_valid():
                    decision = services.decision_record(
                        committee=committee, **decision_form.cleaned_data
                    )
                    messages.success(
                        request,
                        f"Décision enregistrée pour « {decision.project} » : "
                        f"{decision.get_outcome_display()}.",
                    )
                    return redirect(committee.get_absolute_url() + "#decisions")
            elif action == "document":
                document_form = DocumentForm(request.POST, request.FILES)
                if document_form.is_valid():
                    document = services.committee_document_add(
                        committee=committee, upload=document_form.cleaned_data["file"]
                    )
                    messages.success(request, f"Document « {document.name} » ajouté.")
                    return redirect(committee.get_absolute_url() + "#documents")
        except ValidationError as error:
            add_service_errors(decision_form if action == "decision" else document_form, error)
        if action == "document":
            ask_files_again(document_form)  # refused: the file must be chosen again
        # The forms sit low on the page: say at its top that nothing was saved (a post without
        # a known action sent no form, so there is nothing to correct).
        what = {
            "document": "Le document n'a pas été joint",
            "decision": "La décision n'a pas été enregistrée",
        }.get(action)
        if what:
            messages.error(request, f"{what} : corrigez les champs signalés plus bas.")
    decisions = list(committee.decisions.all())
    # A way back: the team's list of committees, or for the people of a project on the agenda
    # (who cannot see that list), their project's page.
    links = [("Comités", reverse("portfolio:committees"))]
    if not can_manage:
        own = set(TeamMember.objects.filter(user=request.user).values_list("project_id", flat=True))
        decisions = [decision for decision in decisions if decision.project_id in own]
        mine = committee.projects.filter(pk__in=own).order_by("name").first()
        links = [("Projets", reverse("portfolio:list"))]
        if mine is not None:
            links.append((mine.name, mine.get_absolute_url()))
    return render(
        request,
        "portfolio/committee.html",
        {
            "title": str(committee),
            "committee": committee,
            "decisions": decisions,
            "can_manage": can_manage,
            "minutes_html": committee.minutes_html if can_manage else "",
            "decision_form": decision_form,
            "document_form": document_form,
            "breadcrumb_data": breadcrumb(*links, current=str(committee)),
        },
    )


def committee_document(request, pk):
    """Committee documents are served only to the team that manages committees."""
    document = access.committee_document_for_user_or_404(request.user, pk)
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.name,
        content_type=document.content_type,
    )  # fmt: skip
