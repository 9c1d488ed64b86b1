"""Rules of the portfolio's records in templates: `{% load portfolio_records %}`, then

{% if period|attestation_withdrawable %}…{% endif %}
"""

from django import template
from django.utils import timezone

from ..rules import attestation_withdrawal_problem

register = template.Library()


@register.filter
def attestation_withdrawable(period) -> bool:
    """The attestation of this period of service fait may be withdrawn today."""
    return not attestation_withdrawal_problem(period.attested_at, timezone.localdate())
