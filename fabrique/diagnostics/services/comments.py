"""Comments on a mission: written by those who follow it, edited or deleted by their author."""

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import Comment, Mission

MAX_COMMENT = 5000


@transaction.atomic
def comment_save(*, mission: Mission, author, body: str, comment: Comment | None = None) -> Comment:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Écrivez votre commentaire."})
    if len(body) > MAX_COMMENT:
        raise ValidationError(
            {"body": f"Commentaire trop long : {len(body)} caractères, {MAX_COMMENT} au plus."}
        )
    comment = comment or Comment(mission=mission, author=author)
    comment.body = body
    comment.save()
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment) -> None:
    comment.delete()
