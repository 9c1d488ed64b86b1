"""What a porteur stumbled on in the browser (walk of 06/12): a mistyped « 1e400 » came back as
a 400-digit number in the error message. The message now states the limit, briefly."""

from decimal import Decimal

from fabrique.impact import rules
from fabrique.impact.vocabulary import Unit


def test_a_huge_value_is_refused_without_being_echoed_digit_by_digit():
    message = rules.value_problem(Decimal("1e400"), Unit.SCORE)
    assert message.startswith("La valeur est trop grande : au plus 999")
    assert len(message) < 80
