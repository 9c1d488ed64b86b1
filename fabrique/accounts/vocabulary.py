"""Choices and limits of the account requests (« Demander un compte »)."""

from django.db import models


class AccountRequestStatus(models.TextChoices):
    PENDING = "en_attente", "À examiner"
    ACCEPTED = "acceptee", "Acceptée"
    DECLINED = "refusee", "Refusée"
    # The address already had an account: the person was told so by e-mail, nothing to examine.
    EXISTING = "compte_existant", "Compte déjà existant"


class RequesterKind(models.TextChoices):
    AGENT = "agent", "Agent·e ou élu·e d'une collectivité"
    SERVICE_OWNER = "porteur", "Porteur·se d'un service numérique"
    OTHER = "autre", "Autre"


# The roles an accepted request may give: the team chooses one of these.
GRANTABLE_ROLES = ("agent", "porteur")

# Decided requests are deleted this many months after the decision (purge_account_requests).
ACCOUNT_REQUEST_RETENTION_MONTHS = 12
MAX_ACCOUNT_REQUESTS_PER_EMAIL_PER_HOUR = 3
MAX_ACCOUNT_REQUESTS_PER_IP_PER_HOUR = 10
# « Mot de passe oublié »: each answer is an e-mail to the address typed.
MAX_PASSWORD_RESETS_PER_EMAIL_PER_HOUR = 3
MAX_PASSWORD_RESETS_PER_IP_PER_HOUR = 10
MAX_ACCOUNT_REQUEST_MESSAGE = 2000
MAX_DECLINE_REASON = 2000
