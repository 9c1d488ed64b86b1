"""The one way an e-mail of the platform greets and signs: « Bonjour <name>, » (« Bonjour, »
when the name is unknown or erased), the body, then the incubator team's signature."""

SIGNATURE = "L'équipe de l'incubateur"


def email_text(body: str, *, name: str = "") -> str:
    """The text of an e-mail: greeting with the person's name, body, signature."""
    name = (name or "").strip()
    greeting = f"Bonjour {name}," if name else "Bonjour,"
    return f"{greeting}\n\n{body.strip()}\n\n{SIGNATURE}"
