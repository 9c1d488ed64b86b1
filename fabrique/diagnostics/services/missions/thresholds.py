"""The eligibility thresholds: dated, changed by the team."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from fabrique.core.numbers import counted
from fabrique.territories import rules as territory_rules

from ...models import EligibilityRule, Mission

# --- Eligibility thresholds (dated, changed by the team) ------------------------------------

MAX_THRESHOLD = 1_000_000


@transaction.atomic
def eligibility_rule_save(
    *, valid_from: date, commune_threshold: int, epci_threshold: int,
    rule: EligibilityRule | None = None,
) -> EligibilityRule:  # fmt: skip
    """Date new thresholds, or correct a rule no mission was requested under yet: a mission
    keeps the rule it was requested under, so a rule already used is never changed (date a new
    one instead). Every page that says « éligible » follows at once in this process."""
    errors = {}
    for field, value in (("commune_threshold", commune_threshold),
                         ("epci_threshold", epci_threshold)):  # fmt: skip
        if value is None or not 0 < value <= MAX_THRESHOLD:
            errors[field] = "Un seuil est un nombre d'habitants entre 1 et 1 000 000."
    if valid_from is None:
        errors["valid_from"] = "Indiquez la date d'entrée en vigueur."
    clash = EligibilityRule.objects.filter(valid_from=valid_from)
    if rule is not None:
        clash = clash.exclude(pk=rule.pk)
        used = Mission.objects.filter(rule=rule).count()
        if used:
            errors["__all__"] = (
                f"Cette règle a servi à {counted(used, 'mission')}, qui la gardent : datez plutôt "
                "une nouvelle règle."
            )
    if valid_from is not None and (other := clash.first()):
        if Mission.objects.filter(rule=other).exists():  # kept by its missions: not editable
            errors["valid_from"] = (
                f"Une règle entre déjà en vigueur le {valid_from:%d/%m/%Y} et des missions la "
                "gardent : choisissez une autre date d'entrée en vigueur."
            )
        else:
            errors["valid_from"] = "Une règle entre déjà en vigueur à cette date : modifiez-la."
    if errors:
        raise ValidationError(errors)
    rule = rule or EligibilityRule()
    rule.valid_from = valid_from
    rule.commune_threshold, rule.epci_threshold = commune_threshold, epci_threshold
    rule.save()
    territory_rules.forget()
    transaction.on_commit(territory_rules.forget)
    return rule


@transaction.atomic
def eligibility_rule_delete(*, rule: EligibilityRule) -> None:
    used = Mission.objects.filter(rule=rule).count()
    if used:
        raise ValidationError(
            f"Cette règle a servi à {counted(used, 'mission')}, qui la gardent : elle ne peut "
            "pas être supprimée."
        )
    rule.delete()
    territory_rules.forget()
    transaction.on_commit(territory_rules.forget)
