"""Pages of the benchmark: candidate solutions of a need (add, edit, delete) and the funding
and partners of a recommendation (keep or discard). Thin: one access call, one service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify

from fabrique.catalogue.models import Solution
from fabrique.core.views_helpers import form_page
from fabrique.synergies import selectors as synergy_selectors
from fabrique.synergies.vocabulary import ItemKind, parse_key

from .. import rules
from ..access import candidate_for_user_or_404, lead_for_user_or_404, need_for_user_or_404
from ..forms import CandidateForm, LeadForm
from ..selectors.benchmark import lead_options
from ..services import benchmark as services
from .common import confirm_delete, crumbs, mission_link, not_documentable

FIELDS = (
    "solution", "name", "provider", "website", "technical", "technical_note", "economic",
    "economic_note", "cost_once", "cost_per_year", "human", "human_note", "recommended",
    "choice_criteria",
)  # fmt: skip
SUGGESTED = 5


def _back(need) -> str:
    return need.mission.get_absolute_url() + "#benchmark"


def _catalogue_suggestions(need) -> list[dict]:
    """Catalogue solutions close to the need's text (synergy engine), to compare first."""
    matches = synergy_selectors.similar_to_text(
        f"{need.title}\n{need.description}", kinds=[ItemKind.SOLUTION], limit=SUGGESTED
    )
    ids = [parsed[1] for match in matches if (parsed := parse_key(match.key))]
    solutions = Solution.objects.in_bulk(ids)
    return [
        {"solution": solutions[pk], "reasons": match.reasons}
        for pk, match in zip(ids, matches, strict=False)
        if pk in solutions
    ]


def _page(request, *, need, form, save, title, message):
    return form_page(
        request, form, save=lambda data: (save(data), _back(need))[1], title=title,
        back_url=_back(need), success_message=message,
        template="diagnostics/candidate_form.html",
        extra={"need": need, "suggestions": _catalogue_suggestions(need)},
        breadcrumb=crumbs(mission_link(need.mission), current=title),
    )  # fmt: skip


def candidate_add(request, pk):
    need = need_for_user_or_404(request.user, pk)
    if closed := not_documentable(request, need.mission):
        return closed
    initial = {}
    if (chosen := request.GET.get("solution", "")).isdigit():
        initial["solution"] = int(chosen)
    return _page(
        request, need=need, form=CandidateForm(request.POST or None, initial=initial),
        save=lambda data: services.candidate_save(need=need, by=request.user, **data),
        title=f"Comparer une solution — {need}", message="Solution ajoutée au benchmark.",
    )  # fmt: skip


def candidate_edit(request, pk):
    candidate = candidate_for_user_or_404(request.user, pk)
    need = candidate.need
    if closed := not_documentable(request, need.mission):
        return closed
    initial = {name: getattr(candidate, name) for name in FIELDS}
    if candidate.solution_id:
        initial["name"] = ""
    return _page(
        request, need=need, form=CandidateForm(request.POST or None, initial=initial),
        save=lambda data: services.candidate_save(
            need=need, candidate=candidate, by=request.user, **data
        ),
        title=f"Modifier « {candidate} » — {need}", message="Solution comparée modifiée.",
    )  # fmt: skip


def candidate_delete(request, pk):
    candidate = candidate_for_user_or_404(request.user, pk)
    back = _back(candidate.need)
    return confirm_delete(
        request, delete=lambda: services.candidate_delete(candidate=candidate),
        what=f"la solution comparée « {candidate} »", back_url=back, done_url=back,
        blocked=rules.documenting_problem(candidate.need.mission.status),
        consequence="Les financements et partenaires retenus pour elle sont retirés aussi.",
    )  # fmt: skip


def leads(request, pk):
    """The funding and partners of a recommendation: each one kept or discarded with a note."""
    candidate = candidate_for_user_or_404(request.user, pk)
    options = lead_options(candidate)
    by_key = {option.key: option for option in options}
    form = LeadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        option = by_key.get(form.cleaned_data["key"])
        if option is None:
            messages.error(request, "Cette piste n'est plus proposée : rechargez la page.")
        else:
            try:
                services.lead_decide(
                    candidate=candidate, kind=option.kind, key=option.key, name=option.name,
                    reasons=option.reasons, scheme=option.scheme, operator=option.operator,
                    kept=form.cleaned_data["kept"], note=form.cleaned_data["note"],
                )  # fmt: skip
                verb = "retenu" if form.cleaned_data["kept"] else "écarté"
                messages.success(request, f"« {option.name} » {verb}.")
                return redirect(request.path + f"#piste-{slugify(option.key)}")
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
    return render(request, "diagnostics/leads.html", {
        "title": f"Financements et partenaires — {candidate}",
        "candidate": candidate, "need": candidate.need, "options": options,
        "documenting_problem": rules.documenting_problem(candidate.need.mission.status),
        "back_url": _back(candidate.need),
        "breadcrumb_data": crumbs(
            mission_link(candidate.need.mission), current="Financements et partenaires"
        ),
    })  # fmt: skip


def lead_delete(request, pk):
    lead = lead_for_user_or_404(request.user, pk)
    back = reverse("diagnostics:leads", args=[lead.candidate_id])
    return confirm_delete(
        request, delete=lambda: services.lead_delete(lead=lead),
        what=f"la décision sur « {lead} »", back_url=back, done_url=back,
        consequence="La piste redevient à décider.",
        blocked=rules.documenting_problem(lead.candidate.need.mission.status),
    )  # fmt: skip
