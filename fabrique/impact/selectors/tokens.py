"""Reads on project API tokens: a project's tokens, and the token of a secret (on every push)."""

from django.db.models import F, QuerySet

from fabrique.accounts.models import User
from fabrique.portfolio.models import Project

from ..models import ProjectToken
from ..rules.tokens import token_hash


def project_tokens(project: Project) -> QuerySet[ProjectToken]:
    return project.api_tokens.select_related("created_by", "revoked_by").order_by(
        F("revoked_at").desc(nulls_first=True), "-created_at"
    )


# Read on every API push (measured by `make bench`): the token with the few fields of its
# project and creator the push needs, in one query.
_TOKEN_FIELDS = ("pk", "project_id", "prefix", "name", "revoked_at", "last_used_at",
                 "created_by_id", "project__slug")  # fmt: skip


def token_by_secret(secret: str) -> ProjectToken | None:
    found = list(
        ProjectToken.objects.filter(key_hash=token_hash(secret))
        .order_by()
        .values_list(*_TOKEN_FIELDS)[:1]
    )
    if not found:
        return None
    pk, project_id, prefix, name, revoked_at, last_used_at, created_by_id, slug = found[0]
    token = ProjectToken(
        pk=pk, project_id=project_id, prefix=prefix, name=name, revoked_at=revoked_at,
        last_used_at=last_used_at, created_by_id=created_by_id,
    )  # fmt: skip
    token.project = Project(pk=project_id, slug=slug)
    token.created_by = User(pk=created_by_id) if created_by_id else None
    return token
