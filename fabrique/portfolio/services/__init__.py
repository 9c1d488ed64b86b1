"""Writes on the portfolio: keyword-only functions, each one transaction, that build their
instances from field values and validate before they write.

Validation errors are `django.core.exceptions.ValidationError` with a dict of French messages
keyed by field, so that a form can show each one next to its field.
"""

from .budget import (
    expense_delete,
    expense_save,
    funding_delete,
    funding_save,
    maturity_review_delete,
    maturity_review_save,
)
from .committees import (
    MAX_DOCUMENT_BYTES,
    committee_agenda_add,
    committee_delete,
    committee_delete_problem,
    committee_document_add,
    committee_document_delete,
    committee_save,
    decision_delete,
    decision_record,
)
from .projects import (
    PROJECT_FIELDS,
    partner_add,
    partner_delete,
    phase_delete,
    phase_save,
    project_delete,
    project_save,
    unique_slug,
)
from .team import (
    ALREADY_ATTESTED,
    person_erase,
    service_fait_attest,
    service_fait_delete,
    service_fait_save,
    service_fait_withdraw,
    team_member_delete,
    team_member_save,
)

__all__ = [
    "ALREADY_ATTESTED",
    "MAX_DOCUMENT_BYTES",
    "PROJECT_FIELDS",
    "committee_agenda_add",
    "committee_delete",
    "committee_delete_problem",
    "committee_document_add",
    "committee_document_delete",
    "committee_save",
    "decision_delete",
    "decision_record",
    "expense_delete",
    "expense_save",
    "funding_delete",
    "funding_save",
    "maturity_review_delete",
    "maturity_review_save",
    "partner_add",
    "partner_delete",
    "person_erase",
    "phase_delete",
    "phase_save",
    "project_delete",
    "project_save",
    "service_fait_attest",
    "service_fait_delete",
    "service_fait_save",
    "service_fait_withdraw",
    "team_member_delete",
    "team_member_save",
    "unique_slug",
]
