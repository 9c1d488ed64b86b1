"""Form fields on the reference territories, shared by every app that asks for a collectivité."""

from django import forms
from django.core.exceptions import ValidationError

from .models import EPCI, Commune
from .selectors import search_territories


class CollectiviteField(forms.CharField):
    """A commune or an EPCI typed as its name, INSEE code or SIREN (as the header search).

    Used by the request of a sur-mesure mission and the request of an account; an optional
    field left empty gives None.
    """

    def clean(self, value):
        text = (super().clean(value) or "").strip()
        if not text:
            return None
        if text.isdigit() and len(text) == 9:
            found = EPCI.objects.filter(siren=text).first()
        elif len(text) == 5 and text[:2].isalnum() and text[2:].isdigit():
            found = Commune.objects.filter(insee=text.upper()).first()
        else:
            hits = [hit for hit in search_territories(text) if hit.kind in ("commune", "epci")]
            found = None
            if hits:
                model = Commune if hits[0].kind == "commune" else EPCI
                key = "insee" if hits[0].kind == "commune" else "siren"
                found = model.objects.filter(**{key: hits[0].code}).first()
        if found is None:
            raise ValidationError(
                f"Aucune commune ni aucun EPCI ne correspond à « {text} » : tapez son nom, son "
                "code Insee (5 caractères) ou son SIREN (9 chiffres)."
            )
        return found
