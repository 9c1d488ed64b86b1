"""Writes on project tokens: created (the secret shown once), revoked, noted when used."""

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fabrique.portfolio.models import Project

from ..models import ProjectToken
from ..rules.tokens import TOKEN_PREFIX, token_hash


@transaction.atomic
def token_create(*, project: Project, user=None, name: str = "") -> tuple[ProjectToken, str]:
    """A new token for the project; returns it and its secret (shown once, never stored)."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(30)
    token = ProjectToken.objects.create(
        project=project,
        name=name.strip()[:100],
        prefix=secret[:12],
        key_hash=token_hash(secret),
        created_by=user if user and user.is_authenticated else None,
    )
    return token, secret


@transaction.atomic
def token_revoke(*, token: ProjectToken, user=None) -> ProjectToken:
    if token.revoked_at:
        raise ValidationError("Ce jeton est déjà révoqué.")
    token.revoked_at = timezone.now()
    token.revoked_by = user if user and user.is_authenticated else None
    token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def token_touch(*, token: ProjectToken) -> None:
    """Note the token's use, at most once a minute (no write on every push)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ProjectToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
