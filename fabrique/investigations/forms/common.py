"""What the forms of the programme share: the text box, the scores' errors moved onto their
fields, a collectivité from its code."""

from django import forms
from django.core.exceptions import ValidationError

from fabrique.territories.models import EPCI, Commune, Departement, Region
from fabrique.territories.rules import territory_code

TEXTAREA = forms.Textarea(attrs={"rows": 3})


def on_grid_fields(error: ValidationError, prefix: str, keys) -> ValidationError:
    """A service's errors keyed by criterion (`realite`), moved onto the form's fields of those
    criteria (`score_realite`), so each message stands under the score it is about."""
    if not hasattr(error, "error_dict"):
        return error
    keys = set(keys)
    return ValidationError(
        {
            (f"{prefix}{field}" if field in keys else field): errors
            for field, errors in error.error_dict.items()
        }
    )


def territory_from_code(code: str):
    """A collectivité from its INSEE code (commune), SIREN (EPCI), or dep:/reg: code."""
    code = str(code or "").strip()
    if code.startswith("dep:"):
        return Departement.objects.filter(code=territory_code(code[4:])).first()
    if code.startswith("reg:"):
        return Region.objects.filter(code=territory_code(code[4:])).first()
    code = territory_code(code)
    if len(code) == 9 and code.isdigit():
        return EPCI.objects.filter(siren=code).first()
    if len(code) == 5:
        return Commune.objects.filter(insee=code).first()
    return None
