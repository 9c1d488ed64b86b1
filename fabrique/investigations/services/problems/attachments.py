"""The attachments of a problem: checked on their content, added, deleted."""

from django.core.exceptions import ValidationError
from django.db import transaction

from fabrique.core import uploads

from ...models import Problem, ProblemAttachment

ATTACHMENT_KINDS = (uploads.PDF, uploads.ODT, uploads.PNG, uploads.JPEG)


def attachments_check(attachments) -> list[str]:
    """The content type of each attachment (PDF, ODT, PNG, JPEG, 10 MB at most, checked on its
    content); a French ValidationError on `attachments` naming the file otherwise. Writes
    nothing: the submission form checks a file before showing « déjà vu ailleurs »."""
    kinds = []
    for upload in attachments:
        try:
            kinds.append(
                uploads.check_document(upload, kinds=ATTACHMENT_KINDS, field="attachments")
            )
        except ValidationError as error:
            message = error.message_dict["attachments"][0]
            raise ValidationError({"attachments": f"{upload.name} : {message}"}) from error
    return kinds


def store_attachment(problem, upload, kind) -> ProblemAttachment:
    return ProblemAttachment.objects.create(
        problem=problem, file=upload, name=upload.name[:200], content_type=kind, size=upload.size
    )


@transaction.atomic
def attachment_add(*, problem: Problem, upload) -> ProblemAttachment:
    kind = attachments_check([upload])[0]
    return store_attachment(problem, upload, kind)


@transaction.atomic
def attachment_delete(*, attachment: ProblemAttachment) -> None:
    attachment.file.delete(save=False)
    attachment.delete()
