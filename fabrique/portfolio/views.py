"""Portfolio pages: thin views that parse, call one selector or service, and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from fabrique.core.exports import TABLE_FORMATS
from fabrique.core.forms import add_service_errors
from fabrique.core.sorting import Sort
from fabrique.core.views_helpers import confirm_delete, form_page, require

from . import access, list_exports, selectors, services, views_export, views_records
from .filters import AttestationListFilter, CommitteeListFilter, ProjectFilter
from .forms import (
    CommitteeForm,
    DecisionForm,
    DocumentForm,
    ExpenseForm,
    FundingForm,
    MaturityReviewForm,
    PartnerForm,
    PhaseForm,
    ProjectForm,
    ServiceFaitForm,
    TeamMemberForm,
)
from .models import TeamMember

PAGE_SIZE = 50
DASHBOARD_LIST_SIZE = 10  # rows shown per dashboard list; the exports hold them all
TIMELINE_ROWS = 30  # projects in progress drawn on the dashboard timeline
EXPORT_FORMATS = [*TABLE_FORMATS.items(), ("pdf", "Rapport PDF")]


# --- Lists --------------------------------------------------------------------------------


@login_not_required
def project_list(request):
    is_staff_member = access.can_view_portfolio(request.user)
    filterset = ProjectFilter(request.GET or None, staff=is_staff_member)
    filters = filterset.selection()
    page = Paginator(selectors.portfolio_queryset(filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = selectors.summarize(page.object_list)
    return render(
        request,
        "portfolio/project_list.html",
        {
            "title": "Projets",
            "form": filterset.form,
            "page": page,
            "is_staff_member": is_staff_member,
            "query_string": _without_page(request),
            "sort": Sort(filters.sort or "nom", filters.descending),
            "phases_by_project": selectors.phases_by_project(row.pk for row in page.object_list),
        },
    )


def _without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("export", None)
    return params.urlencode()


def dashboard(request):
    require(access.can_view_portfolio(request.user))
    filterset = ProjectFilter(request.GET or None)
    filters = filterset.selection()
    board = selectors.dashboard(filters)
    timeline_rows = [row for row in board.rows if not row.is_closed][:TIMELINE_ROWS]
    sections = board.sections(shown=DASHBOARD_LIST_SIZE)
    return render(
        request,
        "portfolio/dashboard.html",
        {
            "title": "Tableau de bord du portefeuille",
            "form": filterset.form,
            "board": board,
            "query_string": _without_page(request),
            # No order chosen: each list keeps its rule's order, and no header says otherwise.
            "sort": Sort(filters.sort, filters.descending) if filters.sort else None,
            "export_formats": EXPORT_FORMATS,
            "timeline_rows": timeline_rows,
            "sections": sections,
            "DASHBOARD_LIST_SIZE": DASHBOARD_LIST_SIZE,
            "TIMELINE_ROWS": TIMELINE_ROWS,
            "phases_by_project": selectors.phases_by_project(row.pk for row in timeline_rows),
            "today": timezone.localdate(),
        },
    )


def attestations(request):
    """The periods to attest, sortable by column; `?export=xlsx|ods|csv` downloads them all."""
    require(access.can_attest_service_fait(request.user))
    sort = AttestationListFilter(request.GET or None).chosen_sort()
    pending = selectors.attestations_to_issue(sort=sort)
    sections = [("En retard", pending["late"]), ("À attester ce mois-ci", pending["due"])]
    if "export" in request.GET:
        return views_export.attestations(request, sections)
    return render(
        request,
        "portfolio/attestations.html",
        {
            "title": "Services faits à attester",
            "sections": sections,
            "sort": sort,
            "query_string": _without_page(request),
            "export_formats": list_exports.FORMATS.items(),
        },
    )


@require_POST
def attest(request, pk):
    period = access.service_fait_for_user_or_404(request.user, pk, need="attest")
    try:
        services.service_fait_attest(period=period, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("portfolio:attestations")
    return redirect(next_url)


# --- Project ------------------------------------------------------------------------------


@login_not_required
def project(request, slug):
    project = access.project_for_user_or_404(request.user, slug)
    details = access.can_view_project_details(request.user, project)
    context = {
        "title": project.name,
        "project": project,
        "summary": selectors.project_summary(project),
        "description_html": project.description_html,
        "details": details,
        "can_edit": access.can_edit_project(request.user, project),
        "breadcrumb_data": {
            "links": [{"url": reverse("portfolio:list"), "title": "Projets"}],
            "current": project.name,
        },
    }
    if details:
        context |= {
            "team": selectors.project_team(project),
            "committees": selectors.project_committees(project),
            "funding": project.funding.all(),
            "expenses": project.expenses.all()[:20],
            "reviews": selectors.project_reviews(project),
        }
    if context["can_edit"]:
        context["corrections"] = views_records.correction_tables(project)
    return render(request, "portfolio/project.html", context)


def project_create(request):
    require(access.can_edit_project(request.user))
    form = ProjectForm(request.POST or None)

    def save(data):
        return services.project_save(**data).get_absolute_url()

    return form_page(
        request, form, save=save, title="Nouveau projet", back_url=reverse("portfolio:list"),
        success_message="Projet créé.",
    )  # fmt: skip


def project_edit(request, slug):
    project = access.project_for_edit_or_404(request.user, slug)
    form = ProjectForm(request.POST or None, instance=project)

    def save(data):
        return services.project_save(**data, project=project).get_absolute_url()

    return form_page(
        request, form, save=save, title=f"Modifier « {project} »",
        back_url=project.get_absolute_url(), success_message="Projet modifié.",
    )  # fmt: skip


def phase_add(request, slug):
    project = access.project_for_edit_or_404(request.user, slug)
    form = PhaseForm(request.POST or None)

    def save(data):
        services.phase_save(project=project, **data, by=request.user)
        return project.get_absolute_url() + "#phases"

    return form_page(
        request, form, save=save, title=f"Nouvelle phase — {project}",
        back_url=project.get_absolute_url(), success_message="Phase enregistrée.",
        extra={"intro": "Commencer une phase termine la phase en cours à la même date."},
    )  # fmt: skip


def partner_add(request, slug):
    project = access.project_for_edit_or_404(request.user, slug)
    form = PartnerForm(request.POST or None)

    def save(data):
        services.partner_add(project=project, code=data["code"])
        return project.get_absolute_url() + "#partenaires"

    return form_page(
        request, form, save=save, title=f"Ajouter une collectivité partenaire — {project}",
        back_url=project.get_absolute_url(), success_message="Collectivité ajoutée.",
    )  # fmt: skip


def _child_form_page(request, slug, form_class, *, title, anchor, save_with, message):
    """A form that adds one object to a project through one service."""
    project = access.project_for_edit_or_404(request.user, slug)
    form = form_class(request.POST or None)

    def save(data):
        save_with(project=project, **data)
        return project.get_absolute_url() + anchor

    return form_page(
        request, form, save=save, title=f"{title} — {project}",
        back_url=project.get_absolute_url(), success_message=message,
    )  # fmt: skip


def team_member_add(request, slug):
    return _child_form_page(
        request, slug, TeamMemberForm, title="Ajouter une personne à l'équipe",
        anchor="#equipe", save_with=services.team_member_save, message="Personne ajoutée.",
    )  # fmt: skip


def funding_add(request, slug):
    return _child_form_page(
        request, slug, FundingForm, title="Ajouter un financement", anchor="#budget",
        save_with=services.funding_save, message="Financement ajouté.",
    )  # fmt: skip


def expense_add(request, slug):
    return _child_form_page(
        request, slug, ExpenseForm, title="Ajouter une dépense", anchor="#budget",
        save_with=services.expense_save, message="Dépense ajoutée.",
    )  # fmt: skip


def maturity_add(request, slug):
    return _child_form_page(
        request, slug, MaturityReviewForm, title="Nouvelle revue de maturité",
        anchor="#maturite", save_with=services.maturity_review_save,
        message="Revue de maturité enregistrée.",
    )  # fmt: skip


def service_fait_add(request, pk):
    member = access.team_member_for_user_or_404(request.user, pk, need="edit")
    form = ServiceFaitForm(request.POST or None)

    def save(data):
        services.service_fait_save(member=member, **data)
        return member.project.get_absolute_url() + "#equipe"

    return form_page(
        request, form, save=save, title=f"Période de service fait — {member.full_name}",
        back_url=member.project.get_absolute_url(), success_message="Période ajoutée.",
    )  # fmt: skip


# --- Committees ---------------------------------------------------------------------------


def committee_list(request):
    """The committees, sortable by column; `?export=xlsx|ods|csv` downloads them all."""
    require(access.can_manage_committee(request.user))
    sort = CommitteeListFilter(request.GET or None).chosen_sort()
    committees = selectors.committees_list(sort)
    if "export" in request.GET:
        return views_export.committees(request, committees)
    page = Paginator(committees, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "portfolio/committee_list.html",
        {
            "title": "Comités",
            "page": page,
            "sort": sort,
            "query_string": _without_page(request),
            "export_formats": list_exports.FORMATS.items(),
        },
    )


def committee_create(request):
    require(access.can_manage_committee(request.user))
    form = CommitteeForm(request.POST or None)

    def save(data):
        return services.committee_save(**data).get_absolute_url()

    return form_page(
        request, form, save=save, title="Nouveau comité",
        back_url=reverse("portfolio:committees"), success_message="Comité créé.",
    )  # fmt: skip


def committee_edit(request, pk):
    committee = access.committee_for_user_or_404(request.user, pk, need="manage")
    form = CommitteeForm(request.POST or None, instance=committee)

    def save(data):
        return services.committee_save(**data, committee=committee).get_absolute_url()

    return form_page(
        request, form, save=save, title=f"Modifier « {committee} »",
        back_url=committee.get_absolute_url(), success_message="Comité modifié.",
    )  # fmt: skip


def committee_delete(request, pk):
    committee = access.committee_for_user_or_404(request.user, pk, need="manage")
    return confirm_delete(
        request,
        delete=lambda: services.committee_delete(committee=committee),
        what=f"le comité « {committee} »",
        back_url=committee.get_absolute_url(),
        done_url=reverse("portfolio:committees"),
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
    decisions = list(committee.decisions.all())
    if not can_manage:
        own = set(TeamMember.objects.filter(user=request.user).values_list("project_id", flat=True))
        decisions = [decision for decision in decisions if decision.project_id in own]
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
        },
    )


def committee_document(request, pk):
    """Committee documents are served only to the team that manages committees."""
    document = access.committee_document_for_user_or_404(request.user, pk)
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.name,
        content_type=document.content_type,
    )  # fmt: skip
