"""Correcting the records of a project: edit and delete pages for phases, partners, team
members, service fait periods, funding lines, expenses and maturity reviews, and the history of
the whole project.

Each kind is described once in `KINDS`: its model, form, services and how a row reads. Access is
loaded and checked in one call (`access.project_record_for_edit_or_404`); every write goes
through a service that keeps the rules of creation, and says so in a DSFR message.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format

from fabrique.core.history import history_rows
from fabrique.core.views_helpers import confirm_delete, form_page

from .. import access, services
from ..forms import (
    ExpenseForm,
    FundingForm,
    MaturityReviewForm,
    PhaseForm,
    ServiceFaitForm,
    TeamMemberForm,
)
from ..models import (
    Decision,
    Expense,
    FundingLine,
    MaturityReview,
    Phase,
    Project,
    ProjectPartner,
    ServiceFait,
    TeamMember,
)
from ..rules import attestation_withdrawal_problem
from ..rules import label as phase_label

HISTORY_SIZE = 200


def _day(value) -> str:
    return value.strftime("%d/%m/%Y") if value else "en cours"


def _euros(value) -> str:
    return f"{number_format(value, 0, force_grouping=True)} €"


def _save_phase(request, form, phase: Phase) -> None:
    services.phase_save(project=phase.project, **form.cleaned_data, phase=phase, by=request.user)


def _save_period(request, form, period: ServiceFait) -> None:
    services.service_fait_save(member=period.member, **form.cleaned_data, period=period)


def _with(service: Callable, record_name: str) -> Callable:
    """The save step of a record of a project: the service gets the form's values, the
    project and the record to change (as `record_name`)."""
    return lambda request, form, record: service(
        project=record.project, **form.cleaned_data, **{record_name: record}
    )


@dataclass(frozen=True)
class RecordKind:
    model: type
    title: str  # heading of the section, plural
    anchor: str  # where the project page shows them
    noun: Callable  # "la phase « Construction » du 01/02/2025", for messages
    describe: Callable  # one line of the corrections table
    delete: Callable  # service: delete(record)
    form: type | None = None  # None: delete only
    save: Callable | None = None  # save(request, form, record)
    locked: Callable = lambda record: ""  # why this record cannot be changed here
    unlock: Callable = lambda record: ""  # the page that lifts the lock, when it may be lifted

    def rows(self, project: Project):
        model = self.model
        if model is ServiceFait:
            queryset = model.objects.filter(member__project=project).select_related("member")
        elif model is ProjectPartner:
            queryset = model.objects.filter(project=project).select_related(
                "commune", "epci", "departement", "region"
            )
        else:
            queryset = model.objects.filter(project=project)
        if model is FundingLine:
            queryset = queryset.select_related("decision__committee")
        return queryset


KINDS = {
    "phases": RecordKind(
        model=Phase, title="Phases", anchor="#phases",
        noun=lambda r: f"la phase « {phase_label(r.name)} » du {_day(r.start)}",
        describe=lambda r: f"{phase_label(r.name)} : {_day(r.start)} – {_day(r.end)}",
        delete=lambda r: services.phase_delete(phase=r), form=PhaseForm, save=_save_phase,
    ),
    "partenaires": RecordKind(
        model=ProjectPartner, title="Collectivités partenaires", anchor="#partenaires",
        noun=lambda r: f"la collectivité partenaire « {r.territory} »",
        describe=lambda r: str(r.territory),
        delete=lambda r: services.partner_delete(partner=r),
    ),
    "equipe": RecordKind(
        model=TeamMember, title="Équipe", anchor="#equipe",
        noun=lambda r: f"« {r.full_name} » de l'équipe",
        describe=lambda r: (
            f"{r.full_name} ({r.get_role_display()}) : {_day(r.start)} – {_day(r.end)}"
        ),
        delete=lambda r: services.team_member_delete(member=r), form=TeamMemberForm,
        save=_with(services.team_member_save, "member"),
    ),
    "service-fait": RecordKind(
        model=ServiceFait, title="Service fait", anchor="#equipe",
        noun=lambda r: f"la période de service fait de {r.member.full_name} "
        f"({_day(r.period_start)} – {_day(r.period_end)})",
        describe=lambda r: f"{r.member.full_name} : {_day(r.period_start)} – "
        f"{_day(r.period_end)}",
        delete=lambda r: services.service_fait_delete(period=r), form=ServiceFaitForm,
        save=_save_period,
        locked=lambda r: f"attesté le {_day(r.attested_at)}" if r.attested_at else "",
        unlock=lambda r: reverse("portfolio:attest-withdraw", args=[r.pk])
        if r.attested_at and not attestation_withdrawal_problem(r.attested_at, timezone.localdate())
        else "",
    ),
    "financements": RecordKind(
        model=FundingLine, title="Financements", anchor="#budget",
        noun=lambda r: f"le financement « {r.source} » ({_euros(r.amount)})",
        describe=lambda r: f"{r.source} : {_euros(r.amount)} depuis le {_day(r.start)}",
        delete=lambda r: services.funding_delete(line=r), form=FundingForm,
        save=_with(services.funding_save, "line"),
        locked=lambda r: f"accordé par le comité « {r.decision.committee} »" if r.decision_id
        else "",
    ),
    "depenses": RecordKind(
        model=Expense, title="Dépenses", anchor="#budget",
        noun=lambda r: f"la dépense « {r.label} » du {_day(r.date)}",
        describe=lambda r: f"{_day(r.date)} : {r.label}, {_euros(r.amount)}",
        delete=lambda r: services.expense_delete(expense=r), form=ExpenseForm,
        save=_with(services.expense_save, "expense"),
        locked=lambda r: f"inscrit par {r.origin}" if r.origin else "",
    ),
    "maturite": RecordKind(
        model=MaturityReview, title="Revues de maturité", anchor="#maturite",
        noun=lambda r: f"la revue de maturité du {_day(r.date)}",
        describe=lambda r: f"Revue du {_day(r.date)}",
        delete=lambda r: services.maturity_review_delete(review=r), form=MaturityReviewForm,
        save=_with(services.maturity_review_save, "review"),
    ),
}  # fmt: skip


def _kind(kind: str) -> RecordKind:
    try:
        return KINDS[kind]
    except KeyError:
        raise Http404 from None


def _record(request, slug: str, kind: str, pk: int):
    spec = _kind(kind)
    record = access.project_record_for_edit_or_404(request.user, spec.model, slug=slug, pk=pk)
    project = record.member.project if spec.model is ServiceFait else record.project
    return spec, record, project


def record_edit(request, slug, kind, pk):
    spec, record, project = _record(request, slug, kind, pk)
    if spec.form is None:
        raise Http404
    back = project.get_absolute_url() + "#corriger"
    if reason := spec.locked(record):
        return render(
            request,
            "portfolio/record_locked.html",
            {"title": f"Modifier {spec.noun(record)}", "reason": reason, "back_url": back,
             "committee": getattr(getattr(record, "decision", None), "committee", None),
             "unlock_url": spec.unlock(record)},
        )  # fmt: skip
    form = spec.form(request.POST or None, instance=record)
    if isinstance(record, Phase):
        form.initial |= {
            "postmortem_learnings": project.postmortem_learnings,
            "postmortem_reasons": project.postmortem_reasons,
        }

    def save(data):
        spec.save(request, form, record)
        return project.get_absolute_url() + spec.anchor

    return form_page(
        request, form, save=save, title=f"Modifier {spec.noun(record)} — {project}",
        back_url=back, success_message=lambda: f"Modification enregistrée : {spec.noun(record)}.",
    )  # fmt: skip


def record_delete(request, slug, kind, pk):
    spec, record, project = _record(request, slug, kind, pk)
    back = project.get_absolute_url() + "#corriger"
    consequence = ""
    if spec.model is TeamMember:
        consequence = "Ses périodes de service fait non attestées sont supprimées avec elle."
    return confirm_delete(
        request,
        delete=lambda: spec.delete(record),
        what=f"{spec.noun(record)} — {project}",
        consequence=consequence,
        back_url=back,
        done_url=project.get_absolute_url() + spec.anchor,
    )


def correction_tables(project: Project) -> list[dict]:
    """For the project page of those who may edit it: each kind with its rows and links."""
    tables = []
    for kind, spec in KINDS.items():
        rows = []
        for record in spec.rows(project):
            args = [project.slug, kind, record.pk]
            locked = spec.locked(record)
            rows.append(
                {
                    "text": spec.describe(record),
                    "locked": locked,
                    "edit_url": reverse("portfolio:record-edit", args=args)
                    if spec.form and not locked
                    else "",
                    "delete_url": "" if locked else reverse("portfolio:record-delete", args=args),
                    "unlock_url": spec.unlock(record) if locked else "",
                }
            )
        tables.append({"kind": kind, "title": spec.title, "rows": rows})
    return tables


def project_history(request, slug):
    """Every change to the project and its records: who, when, what."""
    project = access.project_for_user_or_404(request.user, slug, need="edit")
    member_ids = TeamMember.history.filter(project_id=project.pk).values("id")
    sources = [
        Project.history.filter(id=project.pk),
        *(spec.model.history.filter(project_id=project.pk)
          for spec in KINDS.values() if spec.model is not ServiceFait),
        ServiceFait.history.filter(member_id__in=member_ids),
        Decision.history.filter(project_id=project.pk),
    ]  # fmt: skip
    records = []
    for source in sources:
        records += source.select_related("history_user").order_by("-history_date")[
            : HISTORY_SIZE + 1
        ]
    return render(
        request,
        "components/history.html",
        {
            "title": f"Historique — {project}",
            "rows": history_rows(records, limit=HISTORY_SIZE),
            "show_kind": True,
            "back_url": project.get_absolute_url(),
            "back_label": "Retour au projet",
        },
    )
