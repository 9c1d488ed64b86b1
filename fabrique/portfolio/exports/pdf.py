"""The report as a PDF: a summary page of key figures, then one block per project.

Figures and blocks are worded and formatted here (French money and counts); the layout is
the template `portfolio/report_pdf.html`, printed by WeasyPrint with no network access.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.template.loader import render_to_string

from fabrique.core.documents import render_pdf
from fabrique.core.numbers import integer

from ..rules import BURN_WINDOW_DAYS, count_phases, is_due_soon
from ..selectors import ProjectSummary
from ..vocabulary import (
    COMMITTEE_BEFORE_RUNOUT_DAYS,
    COMMITTEE_MAX_INTERVAL_MONTHS,
    DUE_SOON_DAYS,
    MaturityAxis,
    Outcome,
    PhaseName,
    ProjectKind,
)
from .tabular import choice_label

# WeasyPrint lays out about 30 to 70 ms per project block: beyond this many projects, the
# report details the first ones only (the figures still cover the whole selection), so that
# a request stays well under the 30 s worker timeout. The spreadsheets always hold everything.
PDF_MAX_PROJECTS = 200


def euros(amount) -> str:
    """French money, to the euro: `1 234 567 €` (narrow no-break spaces)."""
    rounded = int(Decimal(amount or 0).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return f"{rounded:,}".replace(",", "\u202f").replace("-", "−") + "\u00a0€"


def key_figures(summaries: list[ProjectSummary], today: date) -> dict:
    """The figures of the summary page, with the same rules as the dashboard lists."""
    phases = [
        (label, count) for _, label, count in count_phases(row.current_phase for row in summaries)
        if count
    ]  # fmt: skip
    budgets = [row.budget for row in summaries]
    granted = sum((budget.granted for budget in budgets), Decimal(0))
    spent = sum((budget.spent for budget in budgets), Decimal(0))
    attention = {
        "without_committee": sum(row.without_committee_for_6_months for row in summaries),
        "budget_ending": sum(row.budget_ends_soon for row in summaries),
        "committees_due": sum(is_due_soon(row.next_committee_due, today) for row in summaries),
        "overdue": sum(row.committee_overdue for row in summaries),
        "postmortems_missing": sum(row.postmortem_missing for row in summaries),
    }
    return {
        "count": len(summaries),
        "count_text": integer(len(summaries)),
        "phases": [(label, integer(count)) for label, count in phases],
        "granted": euros(granted),
        "spent": euros(spent),
        "remaining": euros(granted - spent),
        **{key: integer(count) for key, count in attention.items()},
    }


def _card(row: ProjectSummary) -> dict:
    """What the PDF shows about one project, already worded and formatted."""
    budget = row.budget
    granted = budget.granted
    maturity = []
    if row.maturity_date:
        for axis, label in MaturityAxis.choices:
            score = row.maturity[axis]
            bar = "▰" * (score or 0) + "▱" * (3 - (score or 0))
            maturity.append({"label": label, "score": score, "bar": bar})
    return {
        "name": row.name,
        "kind": choice_label(ProjectKind, row.kind),
        "manager": row.manager.display_name if row.manager else None,
        "phase": choice_label(PhaseName, row.current_phase),
        "phase_start": row.phase_start,
        "first_start": row.first_start,
        "closed": row.is_closed,
        "last_committee": row.last_committee,
        "outcome": choice_label(Outcome, row.last_outcome),
        "decision_date": row.last_decision_date,
        "next_due": row.next_committee_due,
        "overdue": row.committee_overdue,
        "without_committee": row.without_committee_for_6_months,
        "granted": euros(granted),
        "spent": euros(budget.spent),
        "remaining": euros(budget.remaining),
        "overspent": budget.remaining < 0,
        "spent_percent": round(budget.spent * 100 / granted) if granted > 0 else 0,
        "runs_out_on": row.runs_out_on,
        "budget_ends_soon": row.budget_ends_soon,
        "maturity_date": row.maturity_date,
        "maturity": maturity,
        "team_size": row.team_size,
        "postmortem_missing": row.postmortem_missing,
        "postmortem_reasons": row.postmortem_reasons if row.has_postmortem else "",
        "postmortem_learnings": row.postmortem_learnings if row.has_postmortem else "",
        "postmortem_at": row.postmortem_at,
        "postmortem_by": row.postmortem_by.display_name if row.postmortem_by else None,
    }


def report_html(
    summaries: list[ProjectSummary], title: str, filters_description: str, today: date
) -> str:
    """The HTML the PDF is printed from (also what tests read, no PDF reader being installed)."""
    detailed = summaries[:PDF_MAX_PROJECTS]
    omitted = len(summaries) - len(detailed)
    return render_to_string(
        "portfolio/report_pdf.html",
        {
            "title": title,
            "filters_description": filters_description,
            "today": today,
            "figures": key_figures(summaries, today),
            "cards": [_card(row) for row in detailed],
            "omitted": integer(omitted) if omitted else "",
            "due_soon_days": DUE_SOON_DAYS,
            "max_interval_months": COMMITTEE_MAX_INTERVAL_MONTHS,
            "before_runout_days": COMMITTEE_BEFORE_RUNOUT_DAYS,
            "burn_window_days": BURN_WINDOW_DAYS,
        },
    )


def to_pdf(
    summaries: list[ProjectSummary], title: str, filters_description: str, today: date
) -> bytes:
    return render_pdf(report_html(summaries, title, filters_description, today)).write_pdf()
