"""What a porteur stumbled on in the browser (walk of 06/12): a mistyped « 1e400 » came back as
a 400-digit number in the error message. The message now states the limit, briefly."""

from decimal import Decimal
from types import SimpleNamespace

from django.template.loader import render_to_string

from fabrique.impact import rules
from fabrique.impact.vocabulary import Unit


def test_a_huge_value_is_refused_without_being_echoed_digit_by_digit():
    message = rules.value_problem(Decimal("1e400"), Unit.SCORE)
    assert message.startswith("La valeur est trop grande : au plus 999")
    assert len(message) < 80


def test_the_list_of_collectivites_outside_the_target_ends_with_its_full_stop():
    """« Hors cible (2) : Saint-Malo (35288), Vannes (56260) . »: no space before the stop."""
    outside = [SimpleNamespace(territory="Saint-Malo (35288)"),
               SimpleNamespace(territory="Vannes (56260)")]  # fmt: skip
    html = " ".join(
        render_to_string("impact/_deployment_table.html", {"figures": {"outside": outside}}).split()
    )
    assert "Hors cible (2) : Saint-Malo (35288), Vannes (56260)." in html
