"""Form fields on the reference territories, shared by every app that asks for a collectivité."""

from django import forms
from django.core.exceptions import ValidationError

from .models import EPCI, Commune
from .selectors import TerritoryHit, search_territories

# Candidates named when a typed name is not enough to know which collectivité is meant.
CANDIDATES_SHOWN = 5


def _hit_label(hit: TerritoryHit) -> str:
    where = f", {hit.departement_label}" if hit.kind == "commune" and hit.departement_label else ""
    code = {"commune": "code Insee", "epci": "SIREN"}.get(hit.kind, "département")
    return f"{hit.name} ({code} {hit.code}{where})"


def designated(text: str, kinds=("commune", "epci")) -> TerritoryHit:
    """The territory a person typed (name, code Insee, SIREN, département code), never a guess:
    a code, one exact name, or a single match; several (homonyms, a name begun) ask for the code,
    naming the candidates. `kinds`: what may be meant."""
    hits = [hit for hit in search_territories(text) if hit.kind in kinds]
    exact = [hit for hit in hits if hit.exact]
    chosen = exact if exact else hits
    if len(chosen) == 1:
        return chosen[0]
    codes = "le code Insee de la commune (5 caractères) ou le SIREN de l'EPCI (9 chiffres)"
    if "departement" in kinds:
        codes = (
            "le code Insee de la commune (5 caractères), le SIREN de l'EPCI (9 chiffres) "
            "ou le code du département (2 ou 3 caractères)"
        )
    if len(chosen) > 1:
        shown = ", ".join(_hit_label(hit) for hit in chosen[:CANDIDATES_SHOWN])
        more = ", etc" if len(chosen) > CANDIDATES_SHOWN else ""
        start = (
            f"Plusieurs collectivités s'appellent « {text} »"
            if exact
            else f"Plusieurs collectivités correspondent à « {text} »"
        )
        raise ValidationError(f"{start} : tapez {codes}. Par exemple : {shown}{more}.")
    raise ValidationError(
        f"Aucune collectivité ne correspond à « {text} » : tapez son nom ou {codes}."
    )


class CollectiviteField(forms.CharField):
    """A commune or an EPCI typed as its name, INSEE code or SIREN (as the header search).

    Used by the request of a sur-mesure mission and the request of an account; an optional
    field left empty gives None. `offer(collectivites)` turns it into a list to choose from
    (the collectivités of an agent), the codes being what is sent.
    """

    def offer(self, collectivites) -> None:
        choices = [
            (getattr(item, "insee", None) or item.siren, str(item)) for item in collectivites
        ]
        self.widget = forms.Select(choices=[("", "Choisissez la collectivité"), *choices])
        self.help_text = ""

    def clean(self, value):
        text = (super().clean(value) or "").strip()
        if not text:
            return None
        hit = designated(text)
        model, key = (Commune, "insee") if hit.kind == "commune" else (EPCI, "siren")
        return model.objects.get(**{key: hit.code})
