"""Knowledge base pages: Markdown checked (no HTML), search key kept, attachments checked."""

from django.core.exceptions import ValidationError
from django.db import transaction

from fabrique.core.slugs import unique_slug
from fabrique.core.text import folded_words
from fabrique.core.uploads import check_document

from .. import rules
from ..models import KnowledgeAttachment, KnowledgePage

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


def _unique_slug(title: str, exclude_pk=None) -> str:
    return unique_slug(
        KnowledgePage.objects.all(), title, max_length=200, fallback="page", exclude_pk=exclude_pk
    )


@transaction.atomic
def page_save(
    *,
    page: KnowledgePage | None = None,
    title: str,
    theme: str,
    body: str,
    is_public: bool,
    formats=(),
    sessions=(),
    missions=(),
    missions_note: str = "",
    attachment=None,
    attachment_title: str = "",
) -> KnowledgePage:
    errors = {}
    if not title.strip():
        errors["title"] = "Donnez un titre à la page."
    if problem := rules.markdown_error(body):
        errors["body"] = problem
    if errors:
        raise ValidationError(errors)
    kind = None
    if attachment is not None:
        kind = check_document(attachment, max_bytes=ATTACHMENT_MAX_BYTES, field="attachment")
    page = page or KnowledgePage()
    page.title = title.strip()
    page.theme = theme
    page.body = body
    page.is_public = is_public
    # Mission numbers in the text field (no migration): `rules.linked_missions` reads them.
    page.missions = rules.missions_text(missions, " ".join(missions_note.split()))
    if not page.slug:
        page.slug = _unique_slug(page.title)
    page.search_text = folded_words(page.title, body, max_chars=None)
    page.full_clean()
    page.save()
    page.formats.set(formats)
    page.sessions.set(sessions)
    if attachment is not None:
        item = KnowledgeAttachment(
            page=page, title=attachment_title.strip() or page.title, content_type=kind
        )
        item.file.save("piece-jointe", attachment, save=False)
        item.save()
    return page


@transaction.atomic
def page_delete(*, page: KnowledgePage) -> None:
    """Delete a page; its attachments go with it, files included once the deletion is committed
    (as `attachment_delete`; a rolled-back deletion keeps its files)."""
    files = [attachment.file for attachment in page.attachments.all()]
    page.delete()
    for file in files:
        transaction.on_commit(lambda file=file: file.storage.delete(file.name))


@transaction.atomic
def attachment_delete(*, attachment: KnowledgeAttachment) -> None:
    """Remove one attachment of a page (its file goes; who removed it stays in the history)."""
    attachment.file.delete(save=False)
    attachment.delete()
