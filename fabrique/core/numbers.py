"""Numbers as French readers expect them: 1 500 €, 480,50 €."""

from decimal import ROUND_HALF_UP, Decimal


def euros(amount) -> str:
    """An amount in euros, cents only when there are some: « 1 500 € », « 480,50 € »."""
    value = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    whole, cents = divmod(abs(value), 1)
    text = f"{int(whole):,}".replace(",", "\u202f")
    if cents:
        text += "," + f"{cents:.2f}"[2:]
    return ("−" if value < 0 else "") + text + "\u00a0€"
