"""Numbers as French readers expect them: 1 500 €, 480,50 €, 6,5 jours."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# Spaces a French number may hold between its digits: plain, no-break and narrow no-break.
_DIGIT_SPACES = re.compile(r"[\s\u00a0\u202f]")


def integer(value: int) -> str:
    """A whole number with French digit grouping: « 34 935 »."""
    return f"{int(value):,}".replace(",", "\u202f").replace("-", "−")


def euros(amount) -> str:
    """An amount in euros, cents only when there are some: « 1 500 € », « 480,50 € »."""
    value = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole, cents = divmod(abs(value), 1)
    text = f"{int(whole):,}".replace(",", "\u202f")
    if cents:
        text += "," + f"{cents:.2f}"[2:]
    return ("−" if value < 0 else "") + text + "\u00a0€"


def days_number(value) -> str:
    """« 6 », « 6,5 », « −1,5 »: a count of days as French readers write it."""
    text = f"{Decimal(value).normalize():f}".replace(".", ",")
    return text.replace("-", "−")


def score(value, out_of=5) -> str:
    """« 3 / 5 », « 3,5 / 5 »: a mark, or an average rounded to one decimal, out of `out_of`."""
    rounded = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{days_number(rounded)} / {days_number(out_of)}"


def is_plural(value) -> bool:
    """French agreement: plural from 2 on; « 0 offre », « 1,5 jour », « 2 offres »."""
    return abs(Decimal(value)) >= 2


def days_text(value) -> str:
    """« 1 jour », « 1,5 jour » (singulier sous 2), « 6 jours », « 6,5 jours »."""
    return f"{days_number(value)} jour{'s' if is_plural(value) else ''}"


def agree(value, singular: str, plural: str = "") -> str:
    """The words that follow a count, in French agreement (plural from 2 on): « colonne
    manquante » or « colonnes manquantes ». `plural` defaults to the word with an s (unchanged
    after s, x or z); give it for several words."""
    if not is_plural(value):
        return singular
    if plural:
        return plural
    if " " in singular:
        raise ValueError(f"Pluriel à donner pour « {singular} ».")
    return singular if singular.endswith(("s", "x", "z")) else f"{singular}s"


def counted(value, singular: str, plural: str = "") -> str:
    """« 0 offre », « 1 ligne », « 3 lignes », « 2 mises à jour »: a count and its noun in French
    agreement, where « ligne(s) » leaves the reader to do it (see `agree`)."""
    return f"{integer(value)} {agree(value, singular, plural)}"


def read_decimal(value, *, places: int | None = None) -> Decimal:
    """A number as a file or a spreadsheet copied into it writes it: 1500, 1500.5, « 1500,50 »,
    « 1 500,50 € »; ValueError when it is none (a boolean, words, « 1.500,50 »: nothing is
    guessed about which mark separates thousands). With `places` (2 for an amount in euros), a
    number written with more decimals is refused too: « 1.500 € » is no 1,50 €, and which
    thousand it means is not guessed either. The one reading of numbers of every import."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, float):
        value = repr(value)
    text = _DIGIT_SPACES.sub("", str(value)).removesuffix("€").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(value) from None
    if not number.is_finite():
        raise ValueError(value)
    if places is not None and not isinstance(value, int) and -number.as_tuple().exponent > places:
        raise ValueError(value)
    return number
