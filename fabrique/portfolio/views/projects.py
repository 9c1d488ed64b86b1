"""Projects: the public list, the project page, and the forms that create a project or add
to it (phases, partners, team, budget, maturity)."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse

from fabrique.core import project_links
from fabrique.core.sorting import Sort
from fabrique.core.views_helpers import breadcrumb, confirm_delete, form_page, require

from .. import access, rules, selectors, services
from ..filters import ProjectFilter
from ..forms import (
    ExpenseForm,
    FundingForm,
    MaturityReviewForm,
    PartnerForm,
    PhaseForm,
    ProjectForm,
    TeamMemberForm,
)
from .common import PAGE_SIZE, without_page
from .records import correction_tables

# The project page shows the most recent expenses only; the corrections table lists them all.
RECENT_EXPENSES = 20


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
            "query_string": without_page(request),
            "sort": Sort(filters.sort or "nom", filters.descending),
            "phases_by_project": selectors.phases_by_project(row.pk for row in page.object_list),
        },
    )


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
        "can_attest": access.can_attest_service_fait(request.user),
        "support_link": access.can_view_support_history(request.user, project),
        # What other apps link from here (the project's job offers…): core.project_links.
        "other_links": project_links.links_for(request.user, project),
        # The investigation(s) that led to the project (a go): one query, by the reverse link.
        "investigations": project.investigations.select_related("problem"),
        "breadcrumb_data": breadcrumb(("Projets", reverse("portfolio:list")), current=project.name),
    }
    if details:
        # One more than shown, to know whether the caption must say the list is cut.
        expenses = list(project.expenses.all()[: RECENT_EXPENSES + 1])
        context |= {
            "team": selectors.project_team(project),
            "committees": selectors.project_committees(project),
            "funding": project.funding.all(),
            "expenses": expenses[:RECENT_EXPENSES],
            "expenses_cut": len(expenses) > RECENT_EXPENSES,
            "recent_expenses": RECENT_EXPENSES,
            "reviews": selectors.project_reviews(project),
        }
    if context["can_edit"]:
        context["corrections"] = correction_tables(project)
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
    project = access.project_for_user_or_404(request.user, slug, need="edit")
    form = ProjectForm(request.POST or None, instance=project)

    def save(data):
        return services.project_save(**data, project=project).get_absolute_url()

    return form_page(
        request, form, save=save, title=f"Modifier « {project} »",
        back_url=project.get_absolute_url(), success_message="Projet modifié.",
    )  # fmt: skip


def project_delete(request, slug):
    project = access.project_for_user_or_404(request.user, slug, need="edit")
    consequence = blocked = ""
    if request.method != "POST":  # on POST, the service counts them and says what stops it
        dependents = selectors.project_dependents(project)
        # Refused (decisions, money, measures): the page says why, with no « Supprimer ».
        blocked = rules.project_deletion_problem(dependents)
        consequence = "" if blocked else rules.project_deletion_consequence(dependents)
    return confirm_delete(
        request,
        delete=lambda: services.project_delete(project=project),
        what=f"le projet « {project} »",
        consequence=consequence,
        blocked=blocked,
        back_url=project.get_absolute_url(),
        done_url=reverse("portfolio:list"),
    )


def phase_add(request, slug):
    project = access.project_for_user_or_404(request.user, slug, need="edit")
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
    project = access.project_for_user_or_404(request.user, slug, need="edit")
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
    project = access.project_for_user_or_404(request.user, slug, need="edit")
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
