"""French amounts in euros, as shown beside a compared solution (cents only when there are)."""

from decimal import Decimal

import pytest

from fabrique.core.numbers import euros, read_decimal


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "0\u00a0€"),
        (Decimal("1500"), "1\u202f500\u00a0€"),
        (Decimal("480.5"), "480,50\u00a0€"),
        (Decimal("-12.345"), "−12,35\u00a0€"),
        (1_234_567, "1\u202f234\u202f567\u00a0€"),
    ],
)
def test_euros(amount, text):
    assert euros(amount) == text


def test_template_filters_write_the_same_numbers():
    from django.template import Context, Template

    template = Template(
        "{% load french %}{{ a|euros }}|{{ b|euros }}|{{ n|integer }}|{{ c|euros }}"
    )
    text = template.render(Context({"a": Decimal("1000.00"), "b": None, "n": 34935, "c": 480.5}))
    assert text == "1\u202f000\u00a0€||34\u202f935|480,50\u00a0€"


def test_the_preposition_before_a_name_is_elided_before_a_vowel_or_an_h():
    from fabrique.core.text import of

    assert [of("Inès"), of("Paul"), of("Hélène"), of("Émile"), of(" Yann")] == [
        "d'Inès", "de Paul", "d'Hélène", "d'Émile", "d'Yann",
    ]  # fmt: skip


def test_days_are_singular_below_two_as_in_french():
    from fabrique.core.numbers import days_text

    assert [days_text(v) for v in ("0.5", "1", "1.5", "2", "6.5")] == [
        "0,5 jour", "1 jour", "1,5 jour", "2 jours", "6,5 jours",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("count", "ending"),
    [(0, ""), (1, ""), (1.5, ""), (2, "s"), ("12", "s"), ([1, 2], "s"), (None, "")],
)
def test_pluriel_agrees_the_french_way(count, ending):
    from fabrique.core.templatetags.french import pluriel

    assert pluriel(count) == ending


def test_a_count_agrees_with_its_noun_in_french():
    from fabrique.core.numbers import counted

    assert counted(0, "offre") == "0 offre"
    assert counted(1, "ligne lue", "lignes lues") == "1 ligne lue"
    assert counted(3, "ligne lue", "lignes lues") == "3 lignes lues"
    assert counted(2, "mise à jour", "mises à jour") == "2 mises à jour"
    assert counted(12, "fichier") == "12 fichiers"
    assert counted(4, "choix") == "4 choix"
    assert counted(1500, "lien") == "1\u202f500 liens"
    with pytest.raises(ValueError):
        counted(2, "problème à examiner")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (3, "3 / 5"),
        (3.0, "3 / 5"),
        (Decimal("3.5"), "3,5 / 5"),
        (4.25, "4,3 / 5"),
        (10 / 3, "3,3 / 5"),
    ],
)
def test_an_average_score_is_written_once_the_french_way(value, text):
    """Tester: the support board said « 3,0 / 5 », the session page « 3 / 5 »."""
    from django.template import Context, Template

    from fabrique.core.numbers import score

    assert score(value) == text
    rendered = Template("{% load french %}{{ v|note }}|{{ w|note }}|{{ v|note:20 }}")
    assert rendered.render(Context({"v": value, "w": None})) == f"{text}||{text[:-1]}20"


def test_an_amount_with_three_decimals_is_refused_not_read_as_cents():
    """« 1.500 € » is no 1,50 € (nor, guessed, 1 500 €): an amount has two decimals at most."""
    assert read_decimal("1 500,50 €", places=2) == Decimal("1500.50")
    assert read_decimal(1500, places=2) == Decimal(1500)
    for written in ("1.500 €", "12.345", "0,125"):
        with pytest.raises(ValueError):
            read_decimal(written, places=2)
    assert read_decimal("0,125") == Decimal("0.125")  # a rate, where no limit is given
